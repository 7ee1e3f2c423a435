#pragma once
/// The frontier machinery of threshold and cascade: target-partitioned, atomic-free, sorted.
///
/// The vertices are split into P contiguous parts [bounds[p], bounds[p+1]) (P = threads when the
/// executor is parallel, else 1), balanced by arc count and aligned to 512 vertices so that no
/// 64-byte line of a per-vertex byte array or of a bitset is written by two parts. Part p alone
/// writes the state of its vertices and the list of its newly adopted vertices, so no atomics are
/// needed and the set of adopters does not depend on P or on scheduling. At the end of a step each
/// part sorts its list (std::sort when sparse, a bitset scan when dense), so the next frontier is
/// visited in increasing id order: offsets and targets are then read front to back.
#include <algorithm>
#include <bit>
#include <cstdint>
#include <limits>
#include <vector>

#include "models/classic/common.hpp"
#include "sim/graph/csr.hpp"
#include "sim/parallel.hpp"

namespace classic {

class PartitionedFrontier {
public:
    PartitionedFrontier(const sim::graph::Csr& g, std::size_t parts)
        : n_(g.num_vertices()), parts_(std::max<std::size_t>(parts, 1)) {
        bounds_.assign(parts_ + 1, 0);
        const std::uint64_t m = g.num_arcs();
        for (std::size_t p = 1; p < parts_; ++p) {
            // First vertex whose arcs start at or after p/P of all arcs, rounded to 512.
            const auto it = std::lower_bound(g.offsets.begin(), g.offsets.end() - 1, m * p / parts_);
            auto v = static_cast<std::size_t>(it - g.offsets.begin());
            v = std::min(n_, (v + 256) / 512 * 512);
            bounds_[p] = std::max(bounds_[p - 1], static_cast<std::uint32_t>(v));
        }
        bounds_[parts_] = static_cast<std::uint32_t>(n_);
        // Region of part p in the lists: [bounds[p] + p, bounds[p+1] + p + 1): one spare slot for
        // the branch-free append (the slot after the last entry is always writable).
        cur_.assign(n_ + parts_, 0);
        nxt_.assign(n_ + parts_, 0);
        cur_cnt_.assign(parts_, 0);
        nxt_cnt_.assign(parts_, 0);
        bits_.assign(n_ / 64 + 1, 0);
    }

    [[nodiscard]] std::size_t parts() const { return parts_; }
    [[nodiscard]] std::uint32_t lo(std::size_t p) const { return bounds_[p]; }
    [[nodiscard]] std::uint32_t hi(std::size_t p) const { return bounds_[p + 1]; }
    [[nodiscard]] std::size_t part_of(std::uint32_t v) const {
        std::size_t p = 0;
        while (v >= bounds_[p + 1]) ++p;
        return p;
    }

    /// Current frontier, part by part (increasing ids overall once finalized).
    [[nodiscard]] const std::uint32_t* cur_begin(std::size_t p) const { return cur_.data() + bounds_[p] + p; }
    [[nodiscard]] std::size_t cur_count(std::size_t p) const { return cur_cnt_[p]; }
    [[nodiscard]] std::size_t cur_size() const {
        std::size_t s = 0;
        for (const auto c : cur_cnt_) s += c;
        return s;
    }
    /// Next frontier of part p: out(p)[0 .. count) (plus one spare writable slot).
    [[nodiscard]] std::uint32_t* out(std::size_t p) { return nxt_.data() + bounds_[p] + p; }
    void set_out_count(std::size_t p, std::size_t c) { nxt_cnt_[p] = c; }
    [[nodiscard]] std::size_t out_count(std::size_t p) const { return nxt_cnt_[p]; }
    [[nodiscard]] std::size_t next_size() const {
        std::size_t s = 0;
        for (const auto c : nxt_cnt_) s += c;
        return s;
    }

    /// Sorts part p's new list and writes adoption_step[v] = step for its entries.
    void finalize(std::size_t p, std::int32_t* adoption_step, std::int32_t step) {
        std::uint32_t* list = out(p);
        const std::size_t cnt = nxt_cnt_[p];
        if (cnt == 0) return;
        const std::size_t width = hi(p) - lo(p);
        if (cnt * 32 < width) {
            std::sort(list, list + cnt);
        } else {  // dense: scatter into the part's own bitset words, then read them back in order
            for (std::size_t i = 0; i < cnt; ++i) bits_[list[i] >> 6] |= std::uint64_t{1} << (list[i] & 63);
            const std::size_t w_end = (static_cast<std::size_t>(hi(p)) + 63) / 64;  // hi: n or a multiple of 512
            std::size_t j = 0;
            for (std::size_t w = lo(p) / 64; w < w_end; ++w) {
                std::uint64_t word = bits_[w];
                bits_[w] = 0;
                while (word != 0) {
                    list[j++] = static_cast<std::uint32_t>(w * 64 + static_cast<std::size_t>(std::countr_zero(word)));
                    word &= word - 1;
                }
            }
        }
        for (std::size_t i = 0; i < cnt; ++i) adoption_step[list[i]] = step;
    }

    /// Makes `sorted` (increasing, unique vertex ids: the seeds) the current frontier.
    void start_with(const std::vector<std::uint32_t>& sorted) {
        for (std::size_t p = 0; p < parts_; ++p) {
            const auto b = std::lower_bound(sorted.begin(), sorted.end(), lo(p));
            const auto e = std::lower_bound(b, sorted.end(), hi(p));
            std::copy(b, e, out(p));
            set_out_count(p, static_cast<std::size_t>(e - b));
        }
        advance();
    }

    /// The next frontier becomes the current one; the next lists are emptied.
    void advance() {
        cur_.swap(nxt_);
        cur_cnt_.swap(nxt_cnt_);
        std::fill(nxt_cnt_.begin(), nxt_cnt_.end(), 0);
    }

    /// Calls fn(v) for every vertex of the current frontier, in increasing id order.
    template <class Fn>
    void for_each_current(Fn&& fn) const {
        for (std::size_t p = 0; p < parts_; ++p) {
            const std::uint32_t* f = cur_begin(p);
            for (std::size_t i = 0; i < cur_cnt_[p]; ++i) fn(f[i]);
        }
    }

private:
    std::size_t n_;
    std::size_t parts_;
    std::vector<std::uint32_t> bounds_;
    std::vector<std::uint32_t> cur_, nxt_;
    std::vector<std::size_t> cur_cnt_, nxt_cnt_;
    std::vector<std::uint64_t> bits_;  // scratch for dense finalize; all zero between calls
};

/// Calls fn(f[i]) for i in [0, fn) after prefetching the offsets and the adjacency of the vertices
/// a few places ahead (frontier vertices are sparse in id order, so their rows are random reads).
/// With `state` non-null, also prefetches state[k] for the out-neighbours k of the vertex kState
/// places ahead (its row is in cache by then): the per-target read-modify-write then hits cache.
/// Only targets in [lo, hi) are prefetched (with write intent: the caller's part owns them, and
/// prefetching another part's lines for writing would steal them from its core).
template <class T = char, class Fn>
inline void walk_prefetched(const sim::graph::Csr& g, const std::uint32_t* f, std::size_t fn, Fn&& fn_body,
                            const T* state = nullptr, std::uint32_t lo = 0,
                            std::uint32_t hi = std::numeric_limits<std::uint32_t>::max()) {
    constexpr std::size_t kRow = 8;    // adjacency prefetch distance (vertices)
    constexpr std::size_t kOff = 16;   // offsets prefetch distance (vertices)
    constexpr std::size_t kState = 3;  // target-state prefetch distance (vertices)
    const std::uint64_t* off = g.offsets.data();
    const std::uint32_t* tg = g.targets.data();
    for (std::size_t i = 0; i < fn; ++i) {
        if (i + kOff < fn) __builtin_prefetch(off + f[i + kOff]);
        if (i + kRow < fn) {
            const std::uint32_t v = f[i + kRow];
            __builtin_prefetch(tg + off[v]);
            __builtin_prefetch(tg + off[v + 1] - 1);
        }
        if (state != nullptr && i + kState < fn) {
            const std::uint32_t v = f[i + kState];
            for (auto a = off[v]; a < off[v + 1]; ++a)
                if (tg[a] - lo < hi - lo) __builtin_prefetch(state + tg[a], 1);
        }
        fn_body(f[i]);
    }
}

/// Parts to use with `ex`: its thread count when parallel, else 1.
[[nodiscard]] inline std::size_t frontier_parts(const sim::Executor& ex) {
    return concurrent(ex) ? static_cast<std::size_t>(ex.threads()) : 1;
}

/// Runs body(p) for p in [0, parts), one task per part (in order when serial).
template <class Body>
void for_parts(const sim::Executor& ex, std::size_t parts, Body&& body) {
    if (parts == 1) {
        body(std::size_t{0});
        return;
    }
    sim::parallel_for_index(ex, parts, body, 1);
}

}  // namespace classic
