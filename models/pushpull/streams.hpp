#pragma once
/// Random stream purposes. A draw is keyed by (seed, step, agent, stream): adding a stream or a
/// policy that draws from its own stream never moves the draws of another purpose (common random
/// numbers across counterfactual arms).
#include <cstdint>

namespace pushpull {

enum class Stream : std::uint32_t {
    InitCity = 1,      ///< city deviation, salience weights, election phase, decision level
    CrimeShock,        ///< per country
    Tender,            ///< per city
    Unsolicited,       ///< per city (one draw per vendor)
    CapacityRound,     ///< per vendor
    Loan,              ///< per city (one draw per vendor)
    Choice,            ///< per city
    Approval,          ///< per city
    Contest,           ///< per city
    Deploy,            ///< per city
    Expansion,         ///< per country (one draw per vendor)
    UsReach,           ///< per city / country
    UsBudget,          ///< per step
    VisitProjection,   ///< per country: visits drawn after the observed calendar ends
    CrimeProjection,   ///< per country: AR(1) crime after the calibration window
    SafeguardBudget,   ///< per step: rounding of the safeguard-assistance budget
    SafeguardReach,    ///< per country: safeguard-assistance targeting score
    ProjectLevel,      ///< per city: decision level of a new project (R1)
    InitCountry,       ///< per country: the national official's salience weights (R2)
    UsDetect,          ///< per city, keyed by the offer's step: is a Chinese offer seen by the U.S. (R4)
    Gate,              ///< per city: the national gate before signature (R3)
    Documentation,     ///< per country: when public reporting documents its first adoption (R10)
    Programme,         ///< per country: the national programme decision (structure.entry_decision = country_programme)
};

constexpr std::uint32_t stream_id(Stream s) { return static_cast<std::uint32_t>(s); }

}  // namespace pushpull
