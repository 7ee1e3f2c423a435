#include <algorithm>
#include <cmath>

#include "models/pushpull/rules/rules.hpp"
#include "models/pushpull/rules/utility.hpp"

namespace pushpull::rules {

namespace {
/// max_v g(tau, d_v) over the distinct deployment times.
double best_deliverability(const StepContext& ctx, double tau) {
    double best = 0.0;
    for (const double d : ctx.world.deploy_levels) best = std::max(best, deliverability(tau, d, ctx.params));
    return best;
}
}  // namespace

/// The country-level part of the tender log-hazard, computed once per (step, country):
/// alpha_T + beta_C (crime_z + shock) + beta_S S_c + beta_V Visit_c, and max_v g where the
/// country's election calendar is known (every city shares it).     Phase: exogenous, per country
void prepare_country_terms(const StepContext& ctx, std::size_t c) {
    const auto& p = ctx.params;
    const double crime = p.structure.crime_channels == CrimeChannels::Choice
                             ? 0.0
                             : ctx.world.exo.at(ctx.world.exo.crime_z, ctx.step, c) + ctx.state.countries.shock[c];
    ctx.scratch.tender_base[c] = p.alpha_tender + p.beta_crime * crime + p.beta_strategic * ctx.strategic(c) +
                                 p.beta_visit * ctx.visit(c);
    const double tau = ctx.world.exo.at(ctx.world.exo.years_to_election, ctx.step, c);
    ctx.scratch.country_g[c] = std::isnan(tau) ? tau : best_deliverability(ctx, tau);
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
    if (cs.level[i] == kLevelUnset) cs.level[i] = project_level(ctx, i);
    const auto& p = ctx.params;
    const auto c = ctx.country_of(i);
    const double g = std::isnan(ctx.scratch.country_g[c]) ? best_deliverability(ctx, ctx.years_to_election(i))
                                                          : ctx.scratch.country_g[c];
    const double crime_dev = p.structure.crime_channels == CrimeChannels::Choice ? 0.0 : p.beta_crime * ctx.world.cities.crime_dev[i];
    const double eta = ctx.scratch.tender_base[c] + crime_dev +
                       p.beta_election * g + p.beta_peer * ctx.scratch.exposure[i] +
                       p.beta_imitation * ctx.scratch.imitation[i] +
                       (ctx.world.cities.capital[i] || p.structure.city_access == CityAccess::AllCities ? 0.0 : p.tender_secondary);
    const double h = 1.0 - std::exp(-std::exp(eta) * ctx.dt());
    auto rng = ctx.rng(i, Stream::Tender);
    if (!rng.bernoulli(h)) return;
    cs.status[i] = Status::Tendering;
    cs.timer[i] = static_cast<std::int16_t>(p.tender_duration);
    ctx.scratch.city_events.push(i, {static_cast<std::int32_t>(ctx.step), static_cast<std::int32_t>(i),
                                     static_cast<std::int32_t>(c), -1, EventKind::Tender});
}

}  // namespace pushpull::rules
