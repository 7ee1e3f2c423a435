#pragma once
/// The dynamic state of a run (structure of arrays). Within a phase each agent reads the state as it
/// was at the start of the phase and writes only its own entries; cross-agent inputs (exposure,
/// installed base, offers) are computed into separate arrays by an earlier phase.
#include <array>
#include <cstdint>
#include <vector>

#include "models/pushpull/params.hpp"

namespace pushpull {

/// Adoption state of a city (MODEL.md §2).
enum class Status : std::uint8_t {
    None = 0,      ///< no project
    Tendering,     ///< open tender (timer = steps left)
    Awarded,       ///< agreement signed, waiting for approval (timer = steps waited)
    Delayed,       ///< contested, paused (timer = steps left)
    Implementing,  ///< approved and being built (timer = go-live step)
    Operating,     ///< platform live
    Cancelled,     ///< cancelled (timer = steps until the city may tender again)
};

/// Decision level of a project (R1).
inline constexpr std::uint8_t kLevelNational = 0, kLevelSubnational = 1, kLevelUnset = 255;

inline bool committed(Status s) {
    return s == Status::Awarded || s == Status::Delayed || s == Status::Implementing || s == Status::Operating;
}

struct CityState {
    std::vector<Status> status;
    std::vector<std::int8_t> vendor;         ///< current project's vendor, -1 none
    std::vector<std::int16_t> timer;         ///< meaning depends on status
    std::vector<std::int16_t> award_step;    ///< step of the current project's agreement, -1 none
    std::vector<std::int16_t> first_chinese_step;  ///< first agreement with a Chinese vendor, -1 none
    std::vector<std::int8_t> first_chinese_vendor; ///< its vendor, -1 none
    std::vector<std::int16_t> live_step;     ///< go-live step of the current project, -1 none
    std::vector<std::uint8_t> loan;          ///< current project is loan-financed
    std::vector<std::uint8_t> downscaled;    ///< facial recognition dropped after a contest
    std::vector<std::uint8_t> chinese_offer_last_step;
    std::vector<std::uint16_t> agreements;   ///< agreements signed (all vendors)
    std::vector<double> msg;                 ///< M_i: the city official's U.S. message stock
    std::vector<std::uint8_t> level;         ///< decision level of the current project (R1): kLevel*
    std::vector<std::int16_t> first_chinese_approve_step;  ///< first approval of a Chinese project, -1 none
    std::vector<std::int16_t> first_chinese_live_step;     ///< first Chinese platform live, -1 none
    std::vector<std::int16_t> first_chinese_cancel_step;   ///< first cancellation of a signed Chinese project, -1 none
    std::vector<std::uint8_t> first_chinese_level;         ///< decision level of the first Chinese project
    std::vector<std::int16_t> last_chinese_offer_step;     ///< step of the latest Chinese offer, -1 none
    std::vector<std::int16_t> alt_until;     ///< last step a U.S.-backed alternative is in the city official's choice set, -1 none
    std::vector<std::uint8_t> alternative;   ///< current project is the U.S.-backed alternative (R5)

    void resize(std::size_t n);
};

struct CountryState {
    std::vector<double> shock;                           ///< crime shock stock (SD units)
    std::vector<double> msg_official;                    ///< M_c: the national official's stock (own choice, gate)
    std::vector<double> msg_legislature;                 ///< M_c^leg: the legislature's stock (contestation)
    std::vector<std::int16_t> last_chinese_offer_step;   ///< latest Chinese offer to any city, -1 none
    std::vector<std::int16_t> alt_until;                 ///< alternative in the national official's choice set until, -1 none
    std::vector<double> safeguard;                       ///< G_c: U.S. safeguard-assistance stock (D_c units)
    std::vector<std::array<std::uint16_t, kVendors>> installed;  ///< n_vc: operating cities by vendor
    std::vector<std::int16_t> first_agreement_step;      ///< first agreement (any vendor), -1 none
    std::vector<std::uint8_t> chinese_offer_last_step;
    std::vector<std::int16_t> programme_step;            ///< step of the national programme decision, -1 none (country_programme)

    void resize(std::size_t n);
};

struct State {
    CityState cities;
    CountryState countries;
    double us_funds_usd = 0.0;   ///< unspent U.S. budget carried to the next step (R4)
    double us_spent_usd = 0.0;   ///< cumulative U.S. spending on messages and alternatives
    std::uint32_t us_alt_offers = 0;  ///< alternative offers made (R5)
    int loan_year = 0;                ///< year of the loan budget below (R8)
    double loan_remaining_musd = 0.0; ///< China's loan budget left this year, USD million
    double loan_spent_musd_year = 0.0;///< drawn this year by loan-backed offers
};

}  // namespace pushpull
