// Executor::ordered: every item runs once, the sink sees them in index order whatever the thread
// count and however long items take, no more than `in_flight` are pending, and stop() halts it.
#include <gtest/gtest.h>

#include <atomic>
#include <chrono>
#include <thread>

#include "sim/parallel.hpp"

namespace {

TEST(ParallelOrdered, SinkSeesIndexOrderAndPendingStaysBounded) {
    for (int threads : {0, 1, 2, 4}) {
        const sim::Executor ex = threads == 0 ? sim::Executor::serial() : sim::Executor(threads);
        std::atomic<int> pending{0}, max_pending{0};
        std::vector<std::size_t> seen;
        sim::parallel_ordered<std::size_t>(
            ex, 300,
            [&](std::size_t i) {
                const int p = ++pending;
                int m = max_pending.load();
                while (p > m && !max_pending.compare_exchange_weak(m, p)) {
                }
                if (i % 7 == 0) std::this_thread::sleep_for(std::chrono::microseconds(300));  // stragglers
                return i * i;
            },
            [&](std::size_t i, std::size_t&& v) {
                --pending;
                EXPECT_EQ(v, i * i);
                seen.push_back(i);
            },
            5);
        ASSERT_EQ(seen.size(), 300u) << threads;
        for (std::size_t i = 0; i < seen.size(); ++i) ASSERT_EQ(seen[i], i) << threads;
        EXPECT_LE(max_pending.load(), 5) << threads;
    }
}

TEST(ParallelOrdered, StopHaltsNewItems) {
    const sim::Executor ex(2);
    std::atomic<std::size_t> started{0};
    std::size_t sunk = 0;
    sim::parallel_ordered<int>(
        ex, 10000, [&](std::size_t) { return static_cast<int>(++started); }, [&](std::size_t, int&&) { ++sunk; }, 4,
        [&] { return sunk >= 10; });
    EXPECT_GE(sunk, 10u);
    EXPECT_LT(started.load(), 100u);
}

}  // namespace
