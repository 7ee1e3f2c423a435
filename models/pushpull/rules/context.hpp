#pragma once
/// What every rule sees in a step: the read-only world and parameters, the state, the scratch
/// arrays phases hand to each other, and small derived quantities used by several rules.
#include <algorithm>
#include <cmath>

#include "models/pushpull/events.hpp"
#include "models/pushpull/state.hpp"
#include "models/pushpull/streams.hpp"
#include "models/pushpull/world/world.hpp"
#include "sim/rng.hpp"

namespace pushpull {

/// Arrays one phase computes for a later phase of the same step.
struct Scratch {
    std::vector<double> exposure;    ///< E_i (peer exposure), from the previous step's state
    // Peer exposure is kept incrementally in fixed point, so sums are exact and independent of the
    // order cities change in: weight of signalling neighbours per city, and arc weights.
    std::vector<std::int64_t> peer_weight_fx;   ///< per city: sum of signalling neighbours' weights
    std::vector<std::uint8_t> signalling;       ///< per city: counted in its neighbours' exposure
    std::vector<std::int64_t> arc_weight_fx;    ///< per arc of the city network (CSR order)
    std::vector<std::int64_t> strength_fx;      ///< per city: sum of its arc weights
    std::vector<double> imitation;   ///< Imitation_i
    std::vector<double> ev;          ///< [i * kVendors + v]: vendor's expected value of bidding, 0 = no bid
    std::vector<std::uint8_t> offer; ///< [i * kVendors + v]: 0 none, 1 offer, 2 offer with a loan
    std::array<std::uint32_t, kVendors> capacity{};  ///< bids each vendor can make this step
    std::vector<double> tender_base;  ///< per country: the country-level part of the tender log-hazard
    std::vector<double> country_g;    ///< per country: max_v g(tau, d_v) where the election calendar is known, else NaN
    // Tables for the vendors' bids (propose_bids), so that per-city loops make no libm call for a
    // value that is the same across a country or a run. Same expressions, so the same bits.
    std::vector<double> level_g;        ///< [c * kVendors + k]: g(tau_c, world.deploy_levels[k]) where country_g is not NaN
    std::vector<double> unsolicited_p;  ///< [c * kVendors + v]: P(unsolicited offer of v) this step, 0 = none
    std::vector<double> bid_value;      ///< [i * kVendors + v]: (project cost x price_v)^ev_size_exponent, per run
    std::array<int, kVendors> vendor_level{};  ///< index of the vendor's deploy_years in world.deploy_levels, or -1
    EventSlots city_events;
    EventSlots country_events;

    void resize(std::size_t cities, std::size_t countries);
    /// Sizes every array for `world` and converts the city network's weights to fixed point.
    void prepare(const World& world);
    /// Fills bid_value (fixed for a run: city costs, vendor prices, ev_size_exponent).
    void prepare_bid_values(const World& world, const Params& params);
};

struct StepContext {
    const World& world;
    const Params& params;
    State& state;
    Scratch& scratch;
    std::size_t step;

    [[nodiscard]] sim::Rng rng(std::size_t agent, Stream s, std::uint32_t sub = 0) const {
        return sim::Rng(params.seed, static_cast<std::uint32_t>(step), static_cast<std::uint32_t>(agent),
                        stream_id(s) * 64u + sub);
    }
    [[nodiscard]] double dt() const { return world.time.dt_years; }
    [[nodiscard]] int year() const { return world.time.year(step); }
    [[nodiscard]] std::uint32_t country_of(std::size_t city) const { return world.cities.country[city]; }

    /// C_i: the country's crime z-score plus the city deviation and the country's shock stock.
    [[nodiscard]] double crime(std::size_t i) const {
        const auto c = country_of(i);
        return world.exo.at(world.exo.crime_z, step, c) + world.cities.crime_dev[i] + state.countries.shock[c];
    }
    [[nodiscard]] double visit(std::size_t c) const { return world.exo.at(world.exo.visit, step, c); }
    /// Covariates as known at this step (R9; static means under structure.covariates = static).
    [[nodiscard]] double strategic(std::size_t c) const { return world.exo.at(world.exo.strategic, step, c); }
    [[nodiscard]] double debt(std::size_t c) const { return world.exo.at(world.exo.debt, step, c); }
    [[nodiscard]] double veto(std::size_t c) const { return world.exo.at(world.exo.veto, step, c); }
    [[nodiscard]] double polyarchy(std::size_t c) const { return world.exo.at(world.exo.polyarchy, step, c); }

    /// A draw keyed by another step than the current one (an event's own step).
    [[nodiscard]] sim::Rng rng_at(std::size_t at_step, std::size_t agent, Stream s, std::uint32_t sub = 0) const {
        return sim::Rng(params.seed, static_cast<std::uint32_t>(at_step), static_cast<std::uint32_t>(agent),
                        stream_id(s) * 64u + sub);
    }

    /// Who decides city i's current project (R1): its own official, or the national official.
    [[nodiscard]] bool national_project(std::size_t i) const { return state.cities.level[i] == kLevelNational; }
    /// The decider's salience weights and U.S. message stock (R2, R4).
    [[nodiscard]] const std::array<double, kSalienceDims>& decider_salience(std::size_t i) const {
        return national_project(i) ? world.countries.salience[country_of(i)] : world.cities.salience[i];
    }
    [[nodiscard]] double decider_msg(std::size_t i) const {
        return national_project(i) ? state.countries.msg_official[country_of(i)] : state.cities.msg[i];
    }
    /// True while a U.S.-backed alternative is in the decider's choice set (R5).
    [[nodiscard]] bool decider_has_alternative(std::size_t i) const {
        const auto until = national_project(i) ? state.countries.alt_until[country_of(i)] : state.cities.alt_until[i];
        return until >= static_cast<long>(step);
    }

    /// D_c as contestation sees it: the data-protection index plus the U.S. safeguard-assistance
    /// stock G_c, capped at 1 (the index's maximum). Exactly D_c while G_c is 0.
    [[nodiscard]] double data_protection(std::size_t c) const {
        const double d = world.exo.at(world.exo.data_protection, step, c);
        const double g = state.countries.safeguard[c];
        return g > 0.0 ? std::min(1.0, d + g) : d;
    }

    /// tau_i: years to the next election (national calendar, else a term with the city's phase).
    [[nodiscard]] double years_to_election(std::size_t i) const {
        const double tau = world.exo.at(world.exo.years_to_election, step, country_of(i));
        if (!std::isnan(tau)) return tau;
        const double t = world.time.time_years(step) + world.cities.election_phase_years[i];
        return params.term_years - std::fmod(t, params.term_years);
    }

    [[nodiscard]] int quarter() const { return world.time.quarter(step); }

    /// From the first step in (sanction_year, sanction_quarter) on; never when sanction_year is 0.
    [[nodiscard]] bool sanctioned(std::size_t v) const {
        const auto& vp = world.vendors[v];
        return vp.sanction_year != 0 && year() * 4 + quarter() >= vp.sanction_year * 4 + vp.sanction_quarter;
    }
};

inline double logistic(double x) { return 1.0 / (1.0 + std::exp(-x)); }

}  // namespace pushpull
