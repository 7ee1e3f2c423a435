#include <algorithm>
#include <bit>
#include <cstdint>
#include <cmath>
#include <limits>
#include <numbers>

#include "models/pushpull/rules/rules.hpp"
#include "models/pushpull/rules/utility.hpp"

namespace pushpull::rules {

namespace {
/// The chance of an unsolicited offer of each vendor to an uncommitted city of country c
/// (§4.4): 1 - exp(-rate dt), rate = unsolicited_rate x unsolicited_v x (1 + omega_V Visit_c)
/// for Chinese vendors; 0 where the rate is not positive.
void prepare_unsolicited(const StepContext& ctx, std::size_t c) {
    const auto& p = ctx.params;
    const double visit = ctx.visit(c);
    for (std::size_t v = 0; v < kVendors; ++v) {
        const auto& vendor = ctx.world.vendors[v];
        const double push = vendor.chinese ? (1.0 + p.omega_visit * visit) : 1.0;
        const double rate = p.unsolicited_rate * vendor.unsolicited * push;
        ctx.scratch.unsolicited_p[c * kVendors + v] = rate > 0.0 ? 1.0 - std::exp(-rate * ctx.dt()) : 0.0;
    }
}

/// An upper bound of the computed hazard 1 - exp(-exp(eta) dt), which is at most exp(eta) dt:
/// 2 dt 2^ceil(eta log2(e) + 0.001) >= 2 exp(eta) dt, a factor 2 and 2^-50 above rounding errors
/// of the exact expression (2^-50 covers 1 - exp(-x) when x is below the double spacing near 1).
/// Infinity (no early decision) where eta is far out of range, infinite or NaN.
double hazard_bound(double eta, double dt) {
    const double t = eta * std::numbers::log2e + 1e-3;
    if (!(t > -1000.0 && t < 1000.0)) return std::numeric_limits<double>::infinity();
    const auto k = static_cast<std::int64_t>(std::ceil(t));
    const double two_to_k = std::bit_cast<double>(static_cast<std::uint64_t>(k + 1023) << 52);  // 2^k, a normal double
    return 2.0 * dt * two_to_k + 0x1.0p-50;
}

/// max_v g(tau, d_v) over the distinct deployment times.
double best_deliverability(const StepContext& ctx, double tau) {
    double best = 0.0;
    for (const double d : ctx.world.deploy_levels) best = std::max(best, deliverability(tau, d, ctx.params));
    return best;
}
}  // namespace

/// The country-level part of the tender log-hazard, computed once per (step, country):
/// alpha_T + beta_C (crime_z + shock) + beta_S S_c + beta_V Visit_c, and max_v g where the
/// country's election calendar is known (every city shares it). Also the country's tables for
/// the vendors' bids: g per deployment time and the chance of an unsolicited offer per vendor
/// (Scratch::level_g, unsolicited_p).                                   Phase: exogenous, per country
void prepare_country_terms(const StepContext& ctx, std::size_t c) {
    // Only the country's cities read these terms (tenders, bids): a country without cities has none.
    if (ctx.world.countries.city_begin[c] == ctx.world.countries.city_end[c]) return;
    const auto& p = ctx.params;
    const double crime = p.structure.crime_channels == CrimeChannels::Choice
                             ? 0.0
                             : ctx.world.exo.at(ctx.world.exo.crime_z, ctx.step, c) + ctx.state.countries.shock[c];
    ctx.scratch.tender_base[c] = p.alpha_tender + p.beta_crime * crime + p.beta_strategic * ctx.strategic(c) +
                                 p.beta_visit * ctx.visit(c);
    const double tau = ctx.world.exo.at(ctx.world.exo.years_to_election, ctx.step, c);
    if (std::isnan(tau)) {
        ctx.scratch.country_g[c] = tau;
    } else {  // best_deliverability, keeping each level's g for the bids
        double* g = &ctx.scratch.level_g[c * kVendors];
        double best = 0.0;
        for (std::size_t k = 0; k < ctx.world.deploy_levels.size(); ++k) {
            g[k] = deliverability(tau, ctx.world.deploy_levels[k], p);
            best = std::max(best, g[k]);
        }
        ctx.scratch.country_g[c] = best;
    }
    prepare_unsolicited(ctx, c);
}

/// Opens a tender in city i of country c for a project decided at `level`.
static void start_tender(const StepContext& ctx, std::size_t i, std::size_t c, std::uint8_t level) {
    auto& cs = ctx.state.cities;
    cs.level[i] = level;
    cs.status[i] = Status::Tendering;
    cs.timer[i] = static_cast<std::int16_t>(ctx.params.tender_duration);
    ctx.scratch.city_events.push(i, {static_cast<std::int32_t>(ctx.step), static_cast<std::int32_t>(i),
                                     static_cast<std::int32_t>(c), -1, EventKind::Tender});
}

/// Decision level of a city's next project (R1): drawn per project with subnational_share
/// (structure.decision_level = project), or the first build's rule: capitals national, other
/// cities by their per-city draw (world.cities.local_decision).
std::uint8_t project_level(const StepContext& ctx, std::size_t i) {
    if (ctx.params.structure.decision_level == DecisionLevel::CapitalNational)
        return ctx.world.cities.local_decision[i] ? kLevelSubnational : kLevelNational;
    auto rng = ctx.rng(i, Stream::ProjectLevel);
    return rng.bernoulli(ctx.params.subnational_share) ? kLevelSubnational : kLevelNational;
}

/// Tender hazard (§4.3): demand appearing without an offer.                 Phase: tender, per city
/// Under structure.entry_decision = country_programme a city tenders only once its country has a
/// national programme (rules/programme.cpp): the leader city opens the programme's first project
/// (national level) in the step of the decision, other cities add programme_secondary.
/// h = 1 - exp(-exp(alpha_T + beta_C C + beta_E max_v g + beta_N E + beta_S S + beta_V Visit
///                 + beta_I Imitation [+ tender_secondary outside the leader city, capital_entry only]) dt).
/// Also closes tenders that ran out, lets cancelled cities tender again, and gives an uncommitted
/// city without one the decision level of its next project (R1).
/// Reads: own state, crime, election clock, exposure.  Writes: own status/timer/level.
/// Draws: Tender, ProjectLevel.
void open_tender(const StepContext& ctx, std::size_t i) {
    auto& cs = ctx.state.cities;
    if (cs.status[i] == Status::Tendering || cs.status[i] == Status::Cancelled) {  // timers run down
        if (--cs.timer[i] <= 0) {
            if (cs.status[i] == Status::Cancelled) cs.level[i] = project_level(ctx, i);  // a new project
            cs.status[i] = Status::None;
        }
        return;
    }
    if (cs.status[i] != Status::None) return;
    const auto& p = ctx.params;
    const auto c = ctx.country_of(i);
    const bool programme = p.structure.entry_decision == EntryDecision::CountryProgramme;
    if (programme) {  // rules/programme.cpp: no tender before the national programme
        const auto decided = ctx.state.countries.programme_step[c];
        if (decided < 0) return;
        if (static_cast<std::size_t>(decided) == ctx.step && ctx.world.cities.capital[i]) {
            start_tender(ctx, i, c, kLevelNational);  // the programme's first project, in the leader city
            return;
        }
    }
    if (cs.level[i] == kLevelUnset) cs.level[i] = project_level(ctx, i);
    const double g = std::isnan(ctx.scratch.country_g[c]) ? best_deliverability(ctx, ctx.years_to_election(i))
                                                          : ctx.scratch.country_g[c];
    const double crime_dev = p.structure.crime_channels == CrimeChannels::Choice ? 0.0 : p.beta_crime * ctx.world.cities.crime_dev[i];
    const double eta = ctx.scratch.tender_base[c] + crime_dev +
                       p.beta_election * g + p.beta_peer * ctx.scratch.exposure[i] +
                       p.beta_imitation * ctx.scratch.imitation[i] +
                       (ctx.world.cities.capital[i] || p.structure.city_access == CityAccess::AllCities ? 0.0 : p.tender_secondary) +
                       (programme && !ctx.world.cities.capital[i] ? p.programme_secondary : 0.0);
    // bernoulli(h) is uniform() < h. Most cities draw far above h, which a bound without the two
    // exp calls already shows; the exact h decides the rest. The same single draw either way.
    auto rng = ctx.rng(i, Stream::Tender);
    const double u = rng.uniform();
    if (u >= hazard_bound(eta, ctx.dt())) return;
    const double h = 1.0 - std::exp(-std::exp(eta) * ctx.dt());
    if (!(u < h)) return;
    start_tender(ctx, i, c, cs.level[i]);
}

}  // namespace pushpull::rules
