#include "models/pushpull/rules/rules.hpp"

namespace pushpull::rules {

/// Crime shocks (§4.1).                                              Phase: exogenous, per country
/// Reads: own shock stock.  Writes: own shock stock.  Draws: CrimeShock.
void update_crime_shock(const StepContext& ctx, std::size_t c) {
    // Only the country's cities read its shock stock (crime, tender terms): none, nothing to keep.
    if (ctx.world.countries.city_begin[c] == ctx.world.countries.city_end[c]) return;
    const auto& p = ctx.params;
    auto& stock = ctx.state.countries.shock[c];
    stock *= std::exp(-p.shock_decay * ctx.dt());
    if (p.shock_rate <= 0.0) return;
    auto rng = ctx.rng(c, Stream::CrimeShock);
    stock += p.shock_size * rng.poisson(p.shock_rate * ctx.dt());
}

/// Keeps, per city, the weight of neighbours that count in peer exposure (signed, or operating):
/// each city whose signal changed since the last step adds or removes its arc weights at its
/// neighbours. Few cities change per step, so this costs far less than rescanning every arc.
/// Phase: exogenous, serial (integer sums: the result does not depend on order).
/// Reads: every city's status.  Writes: scratch.peer_weight_fx, scratch.signalling.
void update_peer_weights(const StepContext& ctx) {
    const auto& net = ctx.world.city_net;
    const auto& status = ctx.state.cities.status;
    auto& x = ctx.scratch;
    const bool operating_only = ctx.params.peer_operating_only;
    std::size_t arc = 0;
    for (std::uint32_t i = 0; i < status.size(); ++i) {
        const auto nb = net.neighbours(i);
        const bool signal = operating_only ? status[i] == Status::Operating : committed(status[i]);
        if (signal != (x.signalling[i] != 0)) {
            for (std::size_t k = 0; k < nb.size(); ++k)
                x.peer_weight_fx[nb[k]] += signal ? x.arc_weight_fx[arc + k] : -x.arc_weight_fx[arc + k];
            x.signalling[i] = signal ? 1 : 0;
        }
        arc += nb.size();
    }
}

/// Peer exposure E_i = sum_j w_ij A_j / sum_j w_ij and imitation (§2, §4.5).  Phase: exogenous, per city
/// Reads: scratch.peer_weight_fx (from update_peer_weights), own country's first agreement.
/// Writes: own scratch entries.
void compute_peer_signals(const StepContext& ctx, std::size_t i) {
    // Only uncommitted cities read these (tender, bids, choice): skip the rest.
    if (committed(ctx.state.cities.status[i])) return;
    const auto strength = ctx.scratch.strength_fx[i];
    ctx.scratch.exposure[i] = strength > 0 ? static_cast<double>(ctx.scratch.peer_weight_fx[i]) /
                                                 static_cast<double>(strength)
                                           : 0.0;

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
