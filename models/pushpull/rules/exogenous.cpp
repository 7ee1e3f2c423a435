#include "models/pushpull/rules/rules.hpp"

namespace pushpull::rules {

/// Crime shocks (§4.1).                                              Phase: exogenous, per country
/// Reads: own shock stock.  Writes: own shock stock.  Draws: CrimeShock.
void update_crime_shock(const StepContext& ctx, std::size_t c) {
    const auto& p = ctx.params;
    auto& stock = ctx.state.countries.shock[c];
    stock *= std::exp(-p.shock_decay * ctx.dt());
    if (p.shock_rate <= 0.0) return;
    auto rng = ctx.rng(c, Stream::CrimeShock);
    stock += p.shock_size * rng.poisson(p.shock_rate * ctx.dt());
}

/// Peer exposure E_i and imitation (§2, §4.5).                         Phase: exogenous, per city
/// Reads: neighbours' status (previous step), own country's first agreement.  Writes: scratch.
void compute_peer_signals(const StepContext& ctx, std::size_t i) {
    // Only uncommitted cities read these (tender, bids, choice): skip the rest.
    if (committed(ctx.state.cities.status[i])) return;
    const auto& net = ctx.world.city_net;
    const auto& status = ctx.state.cities.status;
    const bool operating_only = ctx.params.peer_operating_only;
    const auto v = static_cast<std::uint32_t>(i);
    double adopted = 0.0;
    const auto nb = net.neighbours(v);
    const auto ws = net.weights(v);
    for (std::size_t k = 0; k < nb.size(); ++k) {
        const Status s = status[nb[k]];
        if (operating_only ? s == Status::Operating : committed(s)) adopted += ws[k];
    }
    const double strength = net.strength(v);
    ctx.scratch.exposure[i] = strength > 0.0 ? adopted / strength : 0.0;

    const auto first = ctx.state.countries.first_agreement_step[ctx.country_of(i)];
    const bool self_first = ctx.state.cities.award_step[i] == first;
    ctx.scratch.imitation[i] =
        (first < 0 || self_first) ? 0.0
                                  : std::exp(-static_cast<double>(static_cast<long>(ctx.step) - first) /
                                             ctx.params.imitation_decay);
}

/// A leader visit starting this step becomes a "visit" event.          Phase: exogenous, per country
void record_visit(const StepContext& ctx, std::size_t c) {
    if (ctx.world.exo.visit_start[ctx.step * ctx.world.exo.countries + c] == 0) return;
    ctx.scratch.country_events.push(c, {static_cast<std::int32_t>(ctx.step), -1, static_cast<std::int32_t>(c), -1,
                                        EventKind::Visit});
}

}  // namespace pushpull::rules
