#pragma once
/// The one parallel seam. Every per-agent phase runs through parallel_for_index.
/// Backends, chosen at build time (PUSHPULL_PARALLEL_BACKEND): oneTBB (default) or a plain
/// std::thread pool (used under ThreadSanitizer). A Serial executor runs in the caller's thread.
/// Bodies must write only to the indices they are given; results then do not depend on the backend,
/// the thread count or the partition.
#include <cstddef>
#include <functional>
#include <memory>
#include <string_view>
#include <vector>

namespace sim {

class Executor {
public:
    enum class Mode { Serial, Parallel };

    /// A parallel executor with `threads` workers (>= 1).
    explicit Executor(int threads);
    /// A serial executor: every loop runs in the calling thread, in index order.
    static Executor serial();

    ~Executor();
    Executor(Executor&&) noexcept;
    Executor& operator=(Executor&&) noexcept;
    Executor(const Executor&) = delete;
    Executor& operator=(const Executor&) = delete;

    [[nodiscard]] Mode mode() const { return mode_; }
    [[nodiscard]] int threads() const { return threads_; }

    /// Calls body(begin, end) over disjoint ranges covering [0, n).
    void for_ranges(std::size_t n, const std::function<void(std::size_t, std::size_t)>& body,
                    std::size_t grain = 64) const;

    /// An ordered pipeline over [0, n): work(slot, i) runs concurrently (at most `in_flight` items at
    /// once, handed out dynamically in index order), sink(slot, i) runs one item at a time in
    /// ascending i. `slot` = i % in_flight names a per-item buffer the caller owns: item i's slot is
    /// not reused before sink(slot, i) has returned. Memory therefore stays bounded by `in_flight`,
    /// whatever n is, and what the sink sees never depends on the thread count or finishing order.
    /// When `stop()` returns true (checked before each item) no further items start.
    void ordered(std::size_t n, std::size_t in_flight, const std::function<void(std::size_t, std::size_t)>& work,
                 const std::function<void(std::size_t, std::size_t)>& sink,
                 const std::function<bool()>& stop = {}) const;

    /// Name of the compiled-in parallel backend ("tbb" or "threads").
    static std::string_view backend_name();

private:
    Executor(Mode m, int threads);
    struct Impl;
    Mode mode_;
    int threads_;
    std::unique_ptr<Impl> impl_;
};

/// Calls fn(i) for every i in [0, n). See Executor::for_ranges for the contract.
template <class Fn>
void parallel_for_index(const Executor& ex, std::size_t n, Fn&& fn, std::size_t grain = 64) {
    if (ex.mode() == Executor::Mode::Serial || n <= grain) {
        for (std::size_t i = 0; i < n; ++i) fn(i);
        return;
    }
    ex.for_ranges(
        n,
        [&fn](std::size_t b, std::size_t e) {
            for (std::size_t i = b; i < e; ++i) fn(i);
        },
        grain);
}

/// Runs work(i) for i in [0, n) concurrently and hands each result to sink(i, result) in ascending
/// i (see Executor::ordered). R must be default-constructible and movable.
template <class R, class Work, class Sink>
void parallel_ordered(const Executor& ex, std::size_t n, Work&& work, Sink&& sink, std::size_t in_flight = 0,
                      const std::function<bool()>& stop = {}) {
    if (in_flight == 0) in_flight = 4 * static_cast<std::size_t>(ex.threads());
    std::vector<R> slots(in_flight);
    ex.ordered(
        n, in_flight, [&](std::size_t slot, std::size_t i) { slots[slot] = work(i); },
        [&](std::size_t slot, std::size_t i) { sink(i, std::move(slots[slot])); }, stop);
}

}  // namespace sim
