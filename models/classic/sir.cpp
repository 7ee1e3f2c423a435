#include <cmath>

#include "models/classic/models.hpp"
#include "sim/rng.hpp"

namespace classic {

SirRun run_sir(const sim::graph::Csr& g, std::span<const std::uint32_t> seeds, const SirParams& params,
               const sim::Executor& ex) {
    const std::size_t n = g.num_vertices();
    const bool conc = concurrent(ex);
    const bool use_weights = params.use_weights && g.weighted();
    const double log_q = std::log1p(-params.beta);
    SirRun run;
    run.infection_step.assign(n, kNever);
    run.recovery_step.assign(n, kNever);
    NodeBag infected(n);
    NodeBag fresh(n);
    NodeBag next(n);
    for (const auto s : seeds)
        if (run.infection_step[s] == kNever) {
            run.infection_step[s] = 0;
            infected.push(s, false);
        }
    auto record = [&](std::int64_t new_inf, std::int64_t recovered_total) {
        const auto i_now = static_cast<std::int64_t>(infected.size());
        run.new_infections.push_back(new_inf);
        run.infected.push_back(i_now);
        run.recovered.push_back(recovered_total);
        run.susceptible.push_back(static_cast<std::int64_t>(n) - i_now - recovered_total);
    };
    std::int64_t recovered_total = 0;
    record(static_cast<std::int64_t>(infected.size()), 0);

    for (std::int32_t t = 1; t <= params.max_steps && infected.size() > 0; ++t) {
        fresh.clear();
        for (std::size_t i = 0; i < infected.size(); ++i) run.edge_visits += g.degree(infected[i]);
        // Infect along arcs (claims targets), then recover (own index only).
        sim::parallel_for_index(ex, infected.size(), [&](std::size_t i) {
            const auto u = infected[i];
            const auto b = g.offsets[u];
            const auto e = g.offsets[u + 1];
            auto hit = [&](std::uint32_t k) {
                if (claim(run.infection_step[k], t, conc)) fresh.push(k, conc);
            };
            sim::Rng rng(params.seed, static_cast<std::uint32_t>(t), u, kStreamSirInfect);
            if (use_weights) {
                for (auto a = b; a < e; ++a)
                    if (rng.uniform() < g.weights[a]) hit(g.targets[a]);
            } else if (params.beta >= 1.0) {
                for (auto a = b; a < e; ++a) hit(g.targets[a]);
            } else if (params.beta > 0.0) {
                const auto len = static_cast<double>(e - b);
                for (double pos = -1.0;;) {
                    pos += 1.0 + std::floor(std::log(rng.uniform()) / log_q);
                    if (pos >= len) break;
                    hit(g.targets[b + static_cast<std::uint64_t>(pos)]);
                }
            }
            sim::Rng rec(params.seed, static_cast<std::uint32_t>(t), u, kStreamSirRecover);
            if (rec.bernoulli(params.gamma)) run.recovery_step[u] = t;
        });
        // Next infected list: survivors, then the newly infected (order is irrelevant to results).
        next.clear();
        std::int64_t rec_now = 0;
        for (std::size_t i = 0; i < infected.size(); ++i) {
            const auto u = infected[i];
            if (run.recovery_step[u] == kNever) next.push(u, false);
            else ++rec_now;
        }
        for (std::size_t i = 0; i < fresh.size(); ++i) next.push(fresh[i], false);
        infected.swap(next);
        recovered_total += rec_now;
        record(static_cast<std::int64_t>(fresh.size()), recovered_total);
        run.steps = t;
    }
    return run;
}

}  // namespace classic
