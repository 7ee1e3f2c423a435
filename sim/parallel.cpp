#include "sim/parallel.hpp"

#include <algorithm>
#include <condition_variable>
#include <mutex>
#include <thread>
#include <vector>

#if defined(PUSHPULL_BACKEND_TBB)
#include <tbb/blocked_range.h>
#include <tbb/parallel_for.h>
#include <tbb/task_arena.h>
#endif

namespace sim {

#if defined(PUSHPULL_BACKEND_TBB)

struct Executor::Impl {
    explicit Impl(int threads) : arena(threads) {}
    tbb::task_arena arena;

    void run(std::size_t n, const std::function<void(std::size_t, std::size_t)>& body, std::size_t grain) {
        arena.execute([&] {
            tbb::parallel_for(tbb::blocked_range<std::size_t>(0, n, grain),
                              [&](const tbb::blocked_range<std::size_t>& r) { body(r.begin(), r.end()); });
        });
    }
};

std::string_view Executor::backend_name() { return "tbb"; }

#else

/// A fixed pool of std::threads; each loop is cut into one contiguous block per worker
/// (the caller takes block 0) and ends at a barrier.
struct Executor::Impl {
    explicit Impl(int threads) {
        for (int t = 1; t < threads; ++t) workers.emplace_back([this, t] { work(static_cast<std::size_t>(t)); });
        nthreads = static_cast<std::size_t>(threads);
    }
    ~Impl() {
        {
            std::lock_guard lock(mu);
            stop = true;
            ++generation;
        }
        cv.notify_all();
        for (auto& w : workers) w.join();
    }

    void run(std::size_t n, const std::function<void(std::size_t, std::size_t)>& body, std::size_t /*grain*/) {
        std::unique_lock lock(mu);
        job = &body;
        job_n = n;
        pending = nthreads - 1;
        ++generation;
        lock.unlock();
        cv.notify_all();
        block(0, n, body);
        lock.lock();
        done_cv.wait(lock, [&] { return pending == 0; });
        job = nullptr;
    }

    void block(std::size_t t, std::size_t n, const std::function<void(std::size_t, std::size_t)>& body) const {
        const std::size_t b = n * t / nthreads;
        const std::size_t e = n * (t + 1) / nthreads;
        if (b < e) body(b, e);
    }

    void work(std::size_t t) {
        std::size_t seen = 0;
        for (;;) {
            std::unique_lock lock(mu);
            cv.wait(lock, [&] { return generation != seen; });
            seen = generation;
            if (stop) return;
            const auto* body = job;
            const std::size_t n = job_n;
            lock.unlock();
            block(t, n, *body);
            lock.lock();
            if (--pending == 0) done_cv.notify_one();
        }
    }

    std::vector<std::thread> workers;
    std::size_t nthreads = 1;
    std::mutex mu;
    std::condition_variable cv;
    std::condition_variable done_cv;
    const std::function<void(std::size_t, std::size_t)>* job = nullptr;
    std::size_t job_n = 0;
    std::size_t pending = 0;
    std::size_t generation = 0;
    bool stop = false;
};

std::string_view Executor::backend_name() { return "threads"; }

#endif

Executor::Executor(int threads) : Executor(Mode::Parallel, threads) {}
Executor::Executor(Mode m, int threads) : mode_(m), threads_(std::max(1, threads)) {
    if (mode_ == Mode::Parallel) impl_ = std::make_unique<Impl>(threads_);
}
Executor Executor::serial() { return Executor(Mode::Serial, 1); }
Executor::~Executor() = default;
Executor::Executor(Executor&&) noexcept = default;
Executor& Executor::operator=(Executor&&) noexcept = default;

void Executor::for_ranges(std::size_t n, const std::function<void(std::size_t, std::size_t)>& body,
                          std::size_t grain) const {
    if (n == 0) return;
    if (mode_ == Mode::Serial || threads_ == 1 || !impl_) {
        body(0, n);
        return;
    }
    impl_->run(n, body, std::max<std::size_t>(1, grain));
}

}  // namespace sim
