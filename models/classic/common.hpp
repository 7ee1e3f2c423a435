#pragma once
/// Shared pieces of the classic diffusion models (Bass, linear threshold, independent cascade,
/// SIR): run results, random stream ids and the frontier machinery.
///
/// All four models update synchronously: the state at step t is read, the state at t + 1 is
/// written, and every random draw is keyed by (seed, step, node, stream), so results are
/// identical for any executor and thread count. Where several frontier nodes touch one target in
/// the same step, the conflict is resolved by exact integer atomics (commutative, so the outcome
/// does not depend on order) and the target is claimed exactly once.
#include <atomic>
#include <cmath>
#include <cstdint>
#include <vector>

#include "sim/graph/csr.hpp"
#include "sim/parallel.hpp"

namespace classic {

/// Random stream ids (the `stream` part of an sim::Rng key).
enum Stream : std::uint32_t {
    kStreamSeeds = 1,
    kStreamBass = 2,
    kStreamThreshold = 3,
    kStreamCascade = 4,
    kStreamSirInfect = 5,
    kStreamSirRecover = 6,
};

constexpr std::int32_t kNever = -1;  ///< adoption/infection step of a node that never changed

/// Result of an adoption model (Bass, threshold, cascade).
struct AdoptionRun {
    std::vector<std::int32_t> adoption_step;  ///< per node; kNever if it never adopted; seeds: 0
    std::vector<std::int64_t> new_adopters;   ///< per step t = 0..steps (t = 0: the seeds)
    std::vector<std::int64_t> cumulative;     ///< adopters at the end of step t
    std::uint64_t edge_visits = 0;            ///< arcs examined (out-arcs of frontier nodes)
    std::uint64_t target_reads = 0;           ///< arcs whose target state was read (cascade with a
                                              ///< constant p: the successful arcs only)
    std::int32_t steps = 0;                   ///< last step simulated
    [[nodiscard]] std::int64_t final_adopters() const { return cumulative.empty() ? 0 : cumulative.back(); }
};

/// A list of node ids filled concurrently: each push takes a unique slot. The order of entries
/// depends on scheduling; the set does not. Consumers must not depend on order.
class NodeBag {
public:
    explicit NodeBag(std::size_t capacity) : items_(capacity) {}
    void push(std::uint32_t v, bool concurrent) {
        const std::size_t slot = concurrent ? std::atomic_ref<std::size_t>(size_).fetch_add(1, std::memory_order_relaxed)
                                            : size_++;
        items_[slot] = v;
    }
    void clear() { size_ = 0; }
    [[nodiscard]] std::size_t size() const { return size_; }
    [[nodiscard]] const std::uint32_t* data() const { return items_.data(); }
    [[nodiscard]] std::uint32_t operator[](std::size_t i) const { return items_[i]; }
    void swap(NodeBag& other) noexcept {
        items_.swap(other.items_);
        std::swap(size_, other.size_);
    }

private:
    std::vector<std::uint32_t> items_;
    alignas(64) std::size_t size_ = 0;
};

/// True when loops should use atomics (more than one thread may run a body at once).
[[nodiscard]] inline bool concurrent(const sim::Executor& ex) {
    return ex.mode() == sim::Executor::Mode::Parallel && ex.threads() > 1;
}

/// Adds `x` to `slot` and returns the old value; atomic when `concurrent`.
template <class T>
inline T add_fetch_old(T& slot, T x, bool concurrent_) {
    if (!concurrent_) {
        const T old = slot;
        slot = old + x;
        return old;
    }
    return std::atomic_ref<T>(slot).fetch_add(x, std::memory_order_relaxed);
}

/// Sets `slot` from kNever to `step`; true for exactly one caller per node and step.
inline bool claim(std::int32_t& slot, std::int32_t step, bool concurrent_) {
    if (!concurrent_) {
        if (slot != kNever) return false;
        slot = step;
        return true;
    }
    std::atomic_ref<std::int32_t> a(slot);
    if (a.load(std::memory_order_relaxed) != kNever) return false;
    std::int32_t expected = kNever;
    return a.compare_exchange_strong(expected, step, std::memory_order_relaxed);
}

/// Adopted-in-neighbour weight of every node, as an exact integer so concurrent pushes commute.
/// Unweighted graphs count arcs (fraction = count / in-degree). Weighted graphs count fixed-point
/// units: arc j -> k adds round(w_jk / in_strength_k * 2^32), so fraction = count / 2^32 to within
/// in-degree * 2^-33.
class InfluenceCounter {
public:
    static constexpr double kUnit = 4294967296.0;  // 2^32

    explicit InfluenceCounter(const sim::graph::Csr& g);

    /// Reads: arcs of j.  Writes: counts of j's out-neighbours that `skip` does not exclude.
    /// Calls on_cross(k, old, now) for every target updated (old/new counts).
    template <class Skip, class OnAdd>
    void push(std::uint32_t j, bool concurrent_, Skip&& skip, OnAdd&& on_add) {
        const auto b = g_->offsets[j];
        const auto e = g_->offsets[j + 1];
        const std::uint32_t* t = g_->targets.data();
        if (!g_->weighted()) {
            for (auto a = b; a < e; ++a) {
                const auto k = t[a];
                if (skip(k)) continue;
                const auto old = add_fetch_old<std::uint64_t>(count_[k], 1, concurrent_);
                on_add(k, old, old + 1);
            }
            return;
        }
        const double* w = g_->weights.data();
        for (auto a = b; a < e; ++a) {
            const auto k = t[a];
            if (skip(k)) continue;
            const auto unit = static_cast<std::uint64_t>(std::llround(w[a] * scale_[k]));
            const auto old = add_fetch_old<std::uint64_t>(count_[k], unit, concurrent_);
            on_add(k, old, old + unit);
        }
    }

    /// Fraction of k's in-weight that has adopted.
    [[nodiscard]] double fraction(std::uint32_t k) const {
        if (!g_->weighted()) return in_total_[k] == 0 ? 0.0 : static_cast<double>(count_[k]) / static_cast<double>(in_total_[k]);
        return static_cast<double>(count_[k]) / kUnit;
    }
    /// Smallest count at which fraction(k) >= theta (may exceed any reachable count).
    [[nodiscard]] std::uint64_t needed(std::uint32_t k, double theta) const;
    /// Smallest count c with c / total >= theta (total = in-degree, or kUnit for weighted nodes
    /// with in-strength > 0); 1 when total is 0 (never reached), total + 2 when theta > 1.
    [[nodiscard]] static std::uint64_t needed_for(double theta, double total);
    [[nodiscard]] std::uint64_t count(std::uint32_t k) const { return count_[k]; }

private:
    const sim::graph::Csr* g_;
    std::vector<std::uint64_t> count_;
    std::vector<std::uint32_t> in_total_;  // unweighted: in-degree
    std::vector<double> scale_;            // weighted: 2^32 / in-strength
};

/// Appends step t to the series (new adopters and cumulative).
inline void record_step(AdoptionRun& run, std::int64_t new_count) {
    const std::int64_t prev = run.cumulative.empty() ? 0 : run.cumulative.back();
    run.new_adopters.push_back(new_count);
    run.cumulative.push_back(prev + new_count);
}

}  // namespace classic
