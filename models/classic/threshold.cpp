#include <algorithm>
#include <cmath>
#include <limits>

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

namespace {

/// Units of adopted in-weight still missing before each node adopts (<= 0: adopted or due).
/// Unweighted: arcs (int64 of need - count); weighted: 2^32 fixed-point units of in-strength.
/// One random read-modify-write per arc; the node adopts on the decrement that crosses from > 0
/// to <= 0, which exactly one pusher observes whatever the order (decrements are positive).
template <bool Weighted, class Count>
void push_threshold(const sim::graph::Csr& g, std::uint32_t j, Count* remaining, const double* scale,
                    bool conc, NodeBag& next) {
    constexpr std::uint64_t kAhead = 8;  // prefetch distance in arcs
    const auto b = g.offsets[j];
    const auto e = g.offsets[j + 1];
    const std::uint32_t* tg = g.targets.data();
    for (auto a = b; a < e; ++a) {
        if (a + kAhead < e) __builtin_prefetch(remaining + tg[a + kAhead], 1);
        const auto k = tg[a];
        Count unit = 1;
        if constexpr (Weighted) unit = static_cast<Count>(std::llround(g.weights[a] * scale[k]));
        if (!conc) {
            const Count old = remaining[k];
            remaining[k] = old - unit;
            if (old > 0 && old - unit <= 0) next.push(k, false);
            continue;
        }
        std::atomic_ref<Count> r(remaining[k]);
        if (r.load(std::memory_order_relaxed) <= 0) continue;  // already due: value no longer matters
        const Count old = r.fetch_sub(unit, std::memory_order_relaxed);
        if (old > 0 && old - unit <= 0) next.push(k, true);
    }
}


/// Unweighted graphs count in 32-bit arcs (half the random footprint), weighted in 64-bit units.
template <class Count>
AdoptionRun threshold_impl(const sim::graph::Csr& g, std::span<const std::uint32_t> seeds,
                           std::span<const double> thresholds, const ThresholdParams& params,
                           const sim::Executor& ex) {
    const std::size_t n = g.num_vertices();
    const bool conc = concurrent(ex);
    AdoptionRun run;
    run.adoption_step.assign(n, kNever);
    std::vector<Count> remaining(n);
    std::vector<double> scale;
    {
        const InfluenceCounter counter(g);  // needed() knows in-degrees / in-strengths
        sim::parallel_for_index(
            ex, n,
            [&](std::size_t i) {
                remaining[i] = static_cast<Count>(counter.needed(static_cast<std::uint32_t>(i), thresholds[i]));
            },
            4096);
        if (g.weighted()) {
            scale = sim::graph::in_strengths(g);
            for (auto& s : scale) s = s > 0.0 ? InfluenceCounter::kUnit / s : 0.0;
        }
    }

    NodeBag frontier(n);
    NodeBag next(n);
    for (const auto s : seeds)
        if (run.adoption_step[s] == kNever) {
            run.adoption_step[s] = 0;
            remaining[s] = std::numeric_limits<Count>::min() / 2;  // never crosses again
            frontier.push(s, false);
        }
    record_step(run, static_cast<std::int64_t>(frontier.size()));

    for (std::int32_t t = 1; t <= params.max_steps; ++t) {
        next.clear();
        if (t == 1) {  // nodes whose threshold is met with nobody adopted
            sim::parallel_for_index(
                ex, n,
                [&](std::size_t i) {
                    if (remaining[i] == 0 && run.adoption_step[i] == kNever) next.push(static_cast<std::uint32_t>(i), conc);
                },
                4096);
        }
        run.edge_visits += frontier_arcs(g, frontier);
        sim::parallel_for_index(ex, frontier.size(), [&](std::size_t i) {
            push_threshold<std::is_same_v<Count, std::int64_t>>(g, frontier[i], remaining.data(), scale.data(), conc,
                                                                next);
        });
        if (next.size() == 0) break;
        commit(next, run.adoption_step, t, ex);
        record_step(run, static_cast<std::int64_t>(next.size()));
        run.steps = t;
        frontier.swap(next);
    }
    return run;
}

}  // namespace

AdoptionRun run_threshold(const sim::graph::Csr& g, std::span<const std::uint32_t> seeds,
                          std::span<const double> thresholds, const ThresholdParams& params,
                          const sim::Executor& ex) {
    if (g.weighted()) return threshold_impl<std::int64_t>(g, seeds, thresholds, params, ex);
    return threshold_impl<std::int32_t>(g, seeds, thresholds, params, ex);
}

}  // namespace classic
