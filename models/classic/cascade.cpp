#include <cmath>

#include "models/classic/models.hpp"
#include "sim/rng.hpp"

namespace classic {

namespace {

/// One frontier node's chances: calls hit(k) for every arc u->k whose draw succeeds.
/// Constant p: geometric skipping over the arc list. Weighted: one uniform per arc, in arc order.
/// Draws: `rng` only; the sequence does not depend on target states, so it is reproducible.
template <class Hit>
void try_arcs(const sim::graph::Csr& g, std::uint32_t u, double p, double log_q, bool use_weights, sim::Rng& rng,
              Hit&& hit) {
    const auto b = g.offsets[u];
    const auto e = g.offsets[u + 1];
    const std::uint32_t* tg = g.targets.data();
    if (use_weights) {
        const double* w = g.weights.data();
        for (auto a = b; a < e; ++a)
            if (rng.uniform() < w[a]) hit(tg[a]);
        return;
    }
    if (p <= 0.0) return;
    if (p >= 1.0) {
        for (auto a = b; a < e; ++a) hit(tg[a]);
        return;
    }
    const auto len = static_cast<double>(e - b);
    double pos = -1.0;
    for (;;) {
        pos += 1.0 + std::floor(std::log(rng.uniform()) / log_q);
        if (pos >= len) return;
        hit(tg[b + static_cast<std::uint64_t>(pos)]);
    }
}

}  // namespace

AdoptionRun run_cascade(const sim::graph::Csr& g, std::span<const std::uint32_t> seeds, const CascadeParams& params,
                        const sim::Executor& ex) {
    const std::size_t n = g.num_vertices();
    const bool conc = concurrent(ex);
    const bool use_weights = params.use_weights && g.weighted();
    const double log_q = std::log1p(-params.p);
    AdoptionRun run;
    run.adoption_step.assign(n, kNever);
    NodeBag frontier(n);
    NodeBag next(n);
    for (const auto s : seeds)
        if (run.adoption_step[s] == kNever) {
            run.adoption_step[s] = 0;
            frontier.push(s, false);
        }
    record_step(run, static_cast<std::int64_t>(frontier.size()));

    for (std::int32_t t = 1; t <= params.max_steps && frontier.size() > 0; ++t) {
        next.clear();
        for (std::size_t i = 0; i < frontier.size(); ++i) run.edge_visits += g.degree(frontier[i]);
        sim::parallel_for_index(ex, frontier.size(), [&](std::size_t i) {
            const auto u = frontier[i];
            sim::Rng rng(params.seed, static_cast<std::uint32_t>(t), u, kStreamCascade);
            try_arcs(g, u, params.p, log_q, use_weights, rng, [&](std::uint32_t k) {
                if (claim(run.adoption_step[k], t, conc)) next.push(k, conc);
            });
        });
        if (next.size() == 0) break;
        record_step(run, static_cast<std::int64_t>(next.size()));
        run.steps = t;
        frontier.swap(next);
    }
    return run;
}

}  // namespace classic
