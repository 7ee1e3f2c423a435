#include "models/classic/models.hpp"
#include "sim/rng.hpp"

namespace classic {

AdoptionRun run_bass(const sim::graph::Csr& g, std::span<const std::uint32_t> seeds, const BassParams& params,
                     const sim::Executor& ex) {
    const std::size_t n = g.num_vertices();
    const bool conc = concurrent(ex);
    AdoptionRun run;
    run.adoption_step.assign(n, kNever);
    InfluenceCounter counter(g);
    NodeBag fresh(n);
    for (const auto s : seeds)
        if (run.adoption_step[s] == kNever) {
            run.adoption_step[s] = 0;
            fresh.push(s, false);
        }
    record_step(run, static_cast<std::int64_t>(fresh.size()));

    auto adopted = [&](std::uint32_t k) { return run.adoption_step[k] != kNever; };
    auto spread = [&] {  // influence of this step's adopters on their out-neighbours
        sim::parallel_for_index(ex, fresh.size(), [&](std::size_t i) {
            counter.push(fresh[i], conc, adopted, [](std::uint32_t, std::uint64_t, std::uint64_t) {});
        });
        for (std::size_t i = 0; i < fresh.size(); ++i) run.edge_visits += g.degree(fresh[i]);
    };
    spread();
    for (std::int32_t t = 1; t <= params.max_steps && run.final_adopters() < static_cast<std::int64_t>(n); ++t) {
        fresh.clear();
        // Decide: reads counts (state after t-1), writes only adoption_step[i].
        sim::parallel_for_index(
            ex, n,
            [&](std::size_t i) {
                if (run.adoption_step[i] != kNever) return;
                const auto v = static_cast<std::uint32_t>(i);
                const double prob = params.p + params.q * counter.fraction(v);
                sim::Rng rng(params.seed, static_cast<std::uint32_t>(t), v, kStreamBass);
                if (rng.uniform() < prob) {
                    run.adoption_step[i] = t;
                    fresh.push(v, conc);
                }
            },
            1024);
        spread();
        record_step(run, static_cast<std::int64_t>(fresh.size()));
        run.steps = t;
    }
    return run;
}

}  // namespace classic
