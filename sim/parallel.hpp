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

}  // namespace sim
