#include <algorithm>
#include <cmath>

#include "models/classic/frontier.hpp"
#include "models/classic/models.hpp"
#include "sim/rng.hpp"

namespace classic {

namespace {

/// Powers q^j, j = 0..kTable, of q = 1 - p: the geometric skip s = floor(log U / log q) (failures
/// before the next success) equals #{j >= 1 : U <= q^j}, so small skips are found by comparisons
/// instead of a logarithm; a logarithm is taken only when U <= q^kTable.
constexpr std::size_t kTable = 32;
struct GeometricTable {
    double pow_q[kTable + 1];
    explicit GeometricTable(double p) {
        for (std::size_t j = 0; j <= kTable; ++j) pow_q[j] = std::pow(1.0 - p, static_cast<double>(j));
    }
};

/// One frontier node's chances: calls hit(k) for every arc u->k whose draw succeeds.
/// Constant p: geometric skipping over the arc list (one uniform per success, plus one that runs
/// past the end); the skip is only resolved up to the number of arcs left. Weighted: one uniform
/// per arc, in arc order.
/// Draws: `rng` only; the sequence does not depend on target states, so it is reproducible.
template <class Hit>
void try_arcs(const sim::graph::Csr& g, std::uint32_t u, double p, double log_q, const GeometricTable& geo,
              bool use_weights, sim::Rng& rng, Hit&& hit) {
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
    const std::uint64_t len = e - b;
    std::uint64_t next = 0;  // first arc not yet decided
    while (next < len) {
        const double x = rng.uniform();
        const std::uint64_t left = len - next;  // a skip >= left means no further success
        std::uint64_t s = 0;
        while (s < left && s < kTable && x <= geo.pow_q[s + 1]) ++s;
        if (s == kTable && s < left) {
            const double sl = std::floor(std::log(x) / log_q);
            s = sl >= static_cast<double>(left) ? left : std::max<std::uint64_t>(kTable, static_cast<std::uint64_t>(sl));
        }
        if (s >= left) return;
        next += s;
        hit(tg[b + next]);
        ++next;
    }
}

}  // namespace

AdoptionRun run_cascade(const sim::graph::Csr& g, std::span<const std::uint32_t> seeds, const CascadeParams& params,
                        const sim::Executor& ex) {
    const std::size_t n = g.num_vertices();
    const bool use_weights = params.use_weights && g.weighted();
    const double log_q = std::log1p(-params.p);
    const GeometricTable geo(std::clamp(params.p, 0.0, 1.0));
    AdoptionRun run;
    run.adoption_step.assign(n, kNever);
    // Activation state as a bitset (10^6 nodes: 125 KB, cache resident): bit set = active.
    std::vector<std::uint64_t> active(n / 64 + 1, 0);
    std::uint64_t* act = active.data();
    auto is_active = [act](std::uint32_t k) { return ((act[k >> 6] >> (k & 63)) & 1U) != 0; };
    auto set_active = [act](std::uint32_t k) { act[k >> 6] |= std::uint64_t{1} << (k & 63); };

    PartitionedFrontier fr(g, frontier_parts(ex));
    const std::size_t parts = fr.parts();
    {
        std::vector<std::uint32_t> s0(seeds.begin(), seeds.end());
        std::sort(s0.begin(), s0.end());
        s0.erase(std::unique(s0.begin(), s0.end()), s0.end());
        for (const auto s : s0) {
            run.adoption_step[s] = 0;
            set_active(s);
        }
        fr.start_with(s0);
        record_step(run, static_cast<std::int64_t>(s0.size()));
    }

    // Two threads or more: phase A (per source part) draws the successful arcs of the part's
    // frontier nodes and files each hit under the part owning its target (hits[src * P + dst]);
    // phase B (per target part) activates the inactive targets of its hits. Each part writes only
    // its own bits and list, so no atomics are needed. One thread: both phases in one pass.
    std::vector<std::vector<std::uint32_t>> hits(parts > 1 ? parts * parts : 0);
    std::vector<std::uint64_t> reads(parts * 8, 0);  // one cache line per part
    for (std::int32_t t = 1; t <= params.max_steps && fr.cur_size() > 0; ++t) {
        fr.for_each_current([&](std::uint32_t u) { run.edge_visits += g.degree(u); });
        if (parts == 1) {
            std::uint32_t* out = fr.out(0);
            std::size_t cnt = 0;
            std::uint64_t seen = 0;
            for (std::size_t q = 0; q < parts; ++q)
                walk_prefetched(g, fr.cur_begin(q), fr.cur_count(q), [&](std::uint32_t u) {
                    sim::Rng rng(params.seed, static_cast<std::uint32_t>(t), u, kStreamCascade);
                    try_arcs(g, u, params.p, log_q, geo, use_weights, rng, [&](std::uint32_t k) {
                        ++seen;
                        if (is_active(k)) return;
                        set_active(k);
                        out[cnt++] = k;
                    });
                });
            fr.set_out_count(0, cnt);
            run.target_reads += seen;
            fr.finalize(0, run.adoption_step.data(), t);
        } else {
            for_parts(ex, parts, [&](std::size_t src) {
                std::vector<std::uint32_t>* mine = hits.data() + src * parts;
                for (std::size_t d = 0; d < parts; ++d) mine[d].clear();
                const std::uint32_t* f = fr.cur_begin(src);
                const std::size_t fn = fr.cur_count(src);
                std::uint64_t seen = 0;
                walk_prefetched(g, f, fn, [&](std::uint32_t u) {
                    sim::Rng rng(params.seed, static_cast<std::uint32_t>(t), u, kStreamCascade);
                    try_arcs(g, u, params.p, log_q, geo, use_weights, rng, [&](std::uint32_t k) {
                        ++seen;
                        if (is_active(k)) return;  // active before this step (read-only in phase A)
                        mine[fr.part_of(k)].push_back(k);
                    });
                });
                reads[src * 8] += seen;
            });
            for_parts(ex, parts, [&](std::size_t dst) {
                std::uint32_t* out = fr.out(dst);
                std::size_t cnt = 0;
                for (std::size_t src = 0; src < parts; ++src)
                    for (const std::uint32_t k : hits[src * parts + dst]) {
                        if (is_active(k)) continue;
                        set_active(k);
                        out[cnt++] = k;
                    }
                fr.set_out_count(dst, cnt);
                fr.finalize(dst, run.adoption_step.data(), t);
            });
        }
        const std::size_t fresh = fr.next_size();
        if (fresh == 0) break;
        record_step(run, static_cast<std::int64_t>(fresh));
        run.steps = t;
        fr.advance();
    }
    for (std::size_t p = 0; p < parts; ++p) run.target_reads += reads[p * 8];
    return run;
}

}  // namespace classic
