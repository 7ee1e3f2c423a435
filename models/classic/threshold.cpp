#include <algorithm>
#include <cmath>
#include <limits>

#include "models/classic/frontier.hpp"
#include "models/classic/models.hpp"
#include "sim/rng.hpp"

namespace classic {


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

/// Largest in-degree (undirected: degree; directed: counted).
std::uint32_t max_in_degree(const sim::graph::Csr& g, std::vector<std::uint32_t>& indeg) {
    const std::size_t n = g.num_vertices();
    std::uint32_t mx = 0;
    if (g.directed) {
        indeg = sim::graph::in_degrees(g);
        for (const auto d : indeg) mx = std::max(mx, d);
    } else {
        for (std::size_t v = 0; v < n; ++v) mx = std::max(mx, static_cast<std::uint32_t>(g.degree(static_cast<std::uint32_t>(v))));
    }
    return mx;
}

/// Linear threshold over a target-partitioned frontier.
///
/// remaining[k] = units of adopted in-weight still missing before k adopts (unweighted: arcs;
/// weighted: 2^32 fixed-point units of in-strength). Every arc j -> k of a frontier node j
/// subtracts its unit from remaining[k]; k adopts on the subtraction that crosses from > 0 to
/// <= 0. Part p handles only the arcs whose target lies in its vertex range (a sub-range of each
/// sorted adjacency, found by binary search), so it alone writes remaining[] of its vertices: no
/// atomics, and the inner loop is branch-free (the target is always written to the part's list,
/// whose length grows by the crossing flag). Seeds get remaining 0, so they never cross.
/// The counter type is the narrowest that holds [-max in-degree, max in-degree + 2]: int8 for
/// degrees up to 125 (10^6 nodes: 1 MB, cache resident), else int16 or int32; int64 when weighted.
template <class Count, bool Weighted>
AdoptionRun threshold_impl(const sim::graph::Csr& g, std::span<const std::uint32_t> seeds,
                           std::span<const double> thresholds, const ThresholdParams& params,
                           const sim::Executor& ex, const std::vector<std::uint32_t>& indeg) {
    const std::size_t n = g.num_vertices();
    AdoptionRun run;
    run.adoption_step.assign(n, kNever);
    std::vector<Count> remaining(n);
    std::vector<double> scale;
    if constexpr (Weighted) {
        scale = sim::graph::in_strengths(g);
        for (auto& s : scale) s = s > 0.0 ? InfluenceCounter::kUnit / s : 0.0;
    }
    for (const auto s : seeds) run.adoption_step[s] = 0;

    PartitionedFrontier fr(g, frontier_parts(ex));
    const std::size_t parts = fr.parts();
    std::int32_t* step_of = run.adoption_step.data();

    // Step 0: the seeds (sorted, each once) are the frontier; step 1 also adopts every non-seed whose
    // threshold is met with nobody adopted (remaining 0), found while filling remaining[].
    {
        std::vector<std::uint32_t> s0(seeds.begin(), seeds.end());
        std::sort(s0.begin(), s0.end());
        s0.erase(std::unique(s0.begin(), s0.end()), s0.end());
        fr.start_with(s0);
        record_step(run, static_cast<std::int64_t>(s0.size()));
    }
    for_parts(ex, parts, [&](std::size_t p) {
        std::uint32_t* out = fr.out(p);
        std::size_t cnt = 0;
        // needed_for() depends only on (theta, total): memoised per total while theta repeats.
        constexpr std::size_t kMemo = 256;
        std::uint64_t memo[kMemo];
        std::uint32_t stamp[kMemo] = {};
        std::uint32_t gen = 1;
        double memo_theta = std::numeric_limits<double>::quiet_NaN();
        for (std::uint32_t v = fr.lo(p); v < fr.hi(p); ++v) {
            if (step_of[v] == 0) {
                remaining[v] = 0;
                continue;
            }
            double total = 0.0;
            if constexpr (Weighted) total = scale[v] > 0.0 ? InfluenceCounter::kUnit : 0.0;
            else total = static_cast<double>(g.directed ? indeg[v] : g.degree(v));
            const double theta = thresholds[v];
            std::uint64_t need = 0;
            if (!Weighted && total < static_cast<double>(kMemo)) {
                if (theta != memo_theta) {
                    memo_theta = theta;
                    ++gen;
                }
                const auto d = static_cast<std::size_t>(total);
                if (stamp[d] != gen) {
                    memo[d] = InfluenceCounter::needed_for(theta, total);
                    stamp[d] = gen;
                }
                need = memo[d];
            } else {
                need = InfluenceCounter::needed_for(theta, total);
            }
            remaining[v] = static_cast<Count>(need);
            if (need == 0) out[cnt++] = v;
        }
        fr.set_out_count(p, cnt);
    });

    const std::uint32_t* tg = g.targets.data();
    const std::uint64_t* off = g.offsets.data();
    Count* rem = remaining.data();
    std::vector<std::uint64_t> visits(parts * 8, 0);  // one cache line per part
    // Unweighted, two parts or more: phase A (per source part) reads the rows of the part's frontier
    // vertices once and files every target under the part owning it; phase B (per target part)
    // applies its targets. Rows are then read once in total, not once per part.
    const bool bucketed = !Weighted && parts > 1;
    std::vector<std::vector<std::uint32_t>> buckets(bucketed ? parts * parts : 0);
    for (std::int32_t t = 1; t <= params.max_steps; ++t) {
        if (bucketed) {
            for_parts(ex, parts, [&](std::size_t src) {
                std::vector<std::uint32_t>* mine = buckets.data() + src * parts;
                for (std::size_t d = 0; d < parts; ++d) mine[d].clear();
                std::uint64_t seen = 0;
                walk_prefetched(g, fr.cur_begin(src), fr.cur_count(src), [&](const std::uint32_t j) {
                    seen += off[j + 1] - off[j];
                    for (auto a = off[j]; a < off[j + 1]; ++a) mine[fr.part_of(tg[a])].push_back(tg[a]);
                });
                visits[src * 8] += seen;
            });
            for_parts(ex, parts, [&](std::size_t p) {
                std::uint32_t* out = fr.out(p);
                std::size_t cnt = fr.out_count(p);
                for (std::size_t src = 0; src < parts; ++src) {
                    const auto& bk = buckets[src * parts + p];
                    const std::size_t nb = bk.size();
                    const std::uint32_t* ks = bk.data();
                    for (std::size_t i = 0; i < nb; ++i) {
                        if (i + 16 < nb) __builtin_prefetch(rem + ks[i + 16], 1);
                        const std::uint32_t k = ks[i];
                        const Count old = rem[k];
                        const Count now = static_cast<Count>(old - 1);
                        rem[k] = now;
                        out[cnt] = k;
                        cnt += static_cast<std::size_t>((old > 0) & (now <= 0));
                    }
                }
                fr.set_out_count(p, cnt);
                fr.finalize(p, step_of, t);
            });
        } else
        for_parts(ex, parts, [&](std::size_t p) {
            const std::uint32_t lo = fr.lo(p);
            const std::uint32_t hi = fr.hi(p);
            std::uint32_t* out = fr.out(p);
            std::size_t cnt = fr.out_count(p);
            std::uint64_t seen = 0;
            for (std::size_t q = 0; q < parts; ++q) {
                const std::uint32_t* f = fr.cur_begin(q);
                const std::size_t fn = fr.cur_count(q);
                walk_prefetched(g, f, fn, [&](const std::uint32_t j) {
                    const std::uint32_t* b = tg + off[j];
                    const std::uint32_t* e = tg + off[j + 1];
                    if (parts > 1) {
                        b = std::lower_bound(b, e, lo);
                        e = std::lower_bound(b, e, hi);
                    }
                    seen += static_cast<std::uint64_t>(e - b);
                    for (const std::uint32_t* a = b; a < e; ++a) {
                        const std::uint32_t k = *a;
                        Count unit = 1;
                        if constexpr (Weighted)
                            unit = static_cast<Count>(std::llround(g.weights[static_cast<std::size_t>(a - tg)] * scale[k]));
                        const Count old = rem[k];
                        const Count now = static_cast<Count>(old - unit);
                        rem[k] = now;
                        out[cnt] = k;  // kept only when k crossed (spare slot makes this safe)
                        cnt += static_cast<std::size_t>((old > 0) & (now <= 0));
                    }
                }, rem, lo, hi);
            }
            fr.set_out_count(p, cnt);
            visits[p * 8] += seen;
            fr.finalize(p, step_of, t);
        });
        for (std::size_t p = 0; p < parts; ++p) {
            run.edge_visits += visits[p * 8];
            visits[p * 8] = 0;
        }
        const std::size_t fresh = fr.next_size();
        if (fresh == 0) break;
        record_step(run, static_cast<std::int64_t>(fresh));
        run.steps = t;
        fr.advance();
    }
    run.target_reads = run.edge_visits;
    return run;
}

}  // namespace

AdoptionRun run_threshold(const sim::graph::Csr& g, std::span<const std::uint32_t> seeds,
                          std::span<const double> thresholds, const ThresholdParams& params,
                          const sim::Executor& ex) {
    std::vector<std::uint32_t> indeg;
    if (g.weighted()) return threshold_impl<std::int64_t, true>(g, seeds, thresholds, params, ex, indeg);
    const std::uint32_t mx = max_in_degree(g, indeg);
    if (mx <= 125) return threshold_impl<std::int8_t, false>(g, seeds, thresholds, params, ex, indeg);
    if (mx <= 32765) return threshold_impl<std::int16_t, false>(g, seeds, thresholds, params, ex, indeg);
    return threshold_impl<std::int32_t, false>(g, seeds, thresholds, params, ex, indeg);
}

}  // namespace classic
