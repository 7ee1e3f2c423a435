#include <algorithm>

#include "models/classic/models.hpp"
#include "sim/rng.hpp"

namespace classic {

namespace {

/// Sum of out-degrees of the frontier (the arcs a step examines).
std::uint64_t frontier_arcs(const sim::graph::Csr& g, const NodeBag& frontier) {
    std::uint64_t s = 0;
    for (std::size_t i = 0; i < frontier.size(); ++i) s += g.degree(frontier[i]);
    return s;
}

/// Marks the nodes in `bag` as adopted at `step` (each index written by one body).
void commit(const NodeBag& bag, std::vector<std::int32_t>& adoption_step, std::int32_t step,
            const sim::Executor& ex) {
    sim::parallel_for_index(ex, bag.size(), [&](std::size_t i) { adoption_step[bag[i]] = step; }, 1024);
}

}  // namespace

std::vector<double> draw_thresholds(const ThresholdSpec& spec, std::size_t n, std::uint64_t seed,
                                    const sim::Executor& ex) {
    std::vector<double> th(n, spec.a);
    if (spec.dist == ThresholdDist::Fixed) return th;
    sim::parallel_for_index(
        ex, n,
        [&](std::size_t i) {
            sim::Rng rng(seed, 0, static_cast<std::uint32_t>(i), kStreamThreshold);
            th[i] = spec.dist == ThresholdDist::Uniform ? spec.a + (spec.b - spec.a) * rng.uniform()
                                                        : rng.normal(spec.a, spec.b);
        },
        4096);
    return th;
}

AdoptionRun run_threshold(const sim::graph::Csr& g, std::span<const std::uint32_t> seeds,
                          std::span<const double> thresholds, const ThresholdParams& params,
                          const sim::Executor& ex) {
    const std::size_t n = g.num_vertices();
    const bool conc = concurrent(ex);
    AdoptionRun run;
    run.adoption_step.assign(n, kNever);
    InfluenceCounter counter(g);
    std::vector<std::uint64_t> need(n);
    sim::parallel_for_index(
        ex, n, [&](std::size_t i) { need[i] = counter.needed(static_cast<std::uint32_t>(i), thresholds[i]); }, 4096);

    NodeBag frontier(n);
    NodeBag next(n);
    for (const auto s : seeds)
        if (run.adoption_step[s] == kNever) {
            run.adoption_step[s] = 0;
            frontier.push(s, false);
        }
    record_step(run, static_cast<std::int64_t>(frontier.size()));

    auto adopted = [&](std::uint32_t k) { return run.adoption_step[k] != kNever; };
    for (std::int32_t t = 1; t <= params.max_steps; ++t) {
        next.clear();
        if (t == 1) {  // nodes whose threshold is met with nobody adopted
            sim::parallel_for_index(
                ex, n,
                [&](std::size_t i) {
                    if (need[i] == 0 && run.adoption_step[i] == kNever) next.push(static_cast<std::uint32_t>(i), conc);
                },
                4096);
        }
        run.edge_visits += frontier_arcs(g, frontier);
        sim::parallel_for_index(ex, frontier.size(), [&](std::size_t i) {
            counter.push(frontier[i], conc, adopted, [&](std::uint32_t k, std::uint64_t old, std::uint64_t now) {
                if (old < need[k] && now >= need[k]) next.push(k, conc);
            });
        });
        if (next.size() == 0) break;
        commit(next, run.adoption_step, t, ex);
        record_step(run, static_cast<std::int64_t>(next.size()));
        run.steps = t;
        frontier.swap(next);
    }
    return run;
}

}  // namespace classic
