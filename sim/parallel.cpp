#include "sim/parallel.hpp"

#include <algorithm>
#include <atomic>
#include <condition_variable>
#include <mutex>
#include <thread>
#include <vector>

#if defined(PUSHPULL_BACKEND_TBB)
#include <tbb/blocked_range.h>
#include <tbb/parallel_for.h>
#include <tbb/parallel_pipeline.h>
#include <tbb/task_arena.h>
#endif

namespace sim {

using OrderedBody = std::function<void(std::size_t, std::size_t)>;

#if defined(PUSHPULL_BACKEND_TBB)

struct Executor::Impl {
    explicit Impl(int threads) : arena(threads) {}
    tbb::task_arena arena;

    /// The parallel half of Executor::ordered (n > 1, in_flight >= 1).
    void ordered(int threads, std::size_t n, std::size_t in_flight, const OrderedBody& work, const OrderedBody& sink,
                 const std::function<bool()>& stop);

    void run(std::size_t n, const std::function<void(std::size_t, std::size_t)>& body, std::size_t grain) {
        arena.execute([&] {
            tbb::parallel_for(tbb::blocked_range<std::size_t>(0, n, grain),
                              [&](const tbb::blocked_range<std::size_t>& r) { body(r.begin(), r.end()); });
        });
    }
};

std::string_view Executor::backend_name() {
    return "tbb";
}

void Executor::Impl::ordered(int /*threads*/, std::size_t n, std::size_t in_flight, const OrderedBody& work,
                             const OrderedBody& sink, const std::function<bool()>& stop) {
    // serial_in_order input hands out indices; the parallel stage runs them; serial_in_order output
    // drains them in index order. A token is freed only after its output, so i % in_flight is free.
    std::size_t next = 0;
    arena.execute([&] {
        tbb::parallel_pipeline(in_flight,
                               tbb::make_filter<void, std::size_t>(tbb::filter_mode::serial_in_order,
                                                                   [&](tbb::flow_control& fc) -> std::size_t {
                                                                       if (next >= n || (stop && stop())) {
                                                                           fc.stop();
                                                                           return 0;
                                                                       }
                                                                       return next++;
                                                                   }) &
                                   tbb::make_filter<std::size_t, std::size_t>(tbb::filter_mode::parallel,
                                                                              [&](std::size_t i) {
                                                                                  work(i % in_flight, i);
                                                                                  return i;
                                                                              }) &
                                   tbb::make_filter<std::size_t, void>(tbb::filter_mode::serial_in_order,
                                                                       [&](std::size_t i) { sink(i % in_flight, i); }));
    });
}

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

    /// The parallel half of Executor::ordered (n > 1, in_flight >= 1).
    void ordered(int threads, std::size_t n, std::size_t in_flight, const OrderedBody& work, const OrderedBody& sink,
                 const std::function<bool()>& stop);

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

std::string_view Executor::backend_name() {
    return "threads";
}

void Executor::Impl::ordered(int threads, std::size_t n, std::size_t in_flight, const OrderedBody& work,
                             const OrderedBody& sink, const std::function<bool()>& stop) {
    // Workers take the next index once it is within `in_flight` of the next one to drain; whoever
    // finishes the item the sink waits for drains every ready item in order (one drainer at a time).
    std::mutex mu;
    std::condition_variable room;
    std::size_t next = 0, drained = 0;
    bool draining = false, halted = false;
    std::vector<char> ready(in_flight, 0);
    auto worker = [&] {
        std::unique_lock lock(mu);
        for (;;) {
            room.wait(lock, [&] { return halted || next >= n || next < drained + in_flight; });
            if (halted || next >= n) return;
            if (stop && stop()) {
                halted = true;
                room.notify_all();
                return;
            }
            const std::size_t i = next++;
            lock.unlock();
            work(i % in_flight, i);
            lock.lock();
            ready[i % in_flight] = 1;
            if (draining) continue;
            draining = true;
            while (drained < n && ready[drained % in_flight]) {
                const std::size_t d = drained;
                lock.unlock();
                sink(d % in_flight, d);
                lock.lock();
                ready[d % in_flight] = 0;
                ++drained;
                room.notify_all();
            }
            draining = false;
        }
    };
    std::vector<std::thread> pool;
    for (int t = 1; t < threads; ++t) pool.emplace_back(worker);
    worker();
    for (auto& t : pool) t.join();
}

#endif

Executor::Executor(int threads) : Executor(Mode::Parallel, threads) {}
Executor::Executor(Mode m, int threads) : mode_(m), threads_(std::max(1, threads)) {
    if (mode_ == Mode::Parallel) impl_ = std::make_unique<Impl>(threads_);
}
Executor Executor::serial() {
    return Executor(Mode::Serial, 1);
}
Executor::~Executor() = default;
Executor::Executor(Executor&&) noexcept = default;
Executor& Executor::operator=(Executor&&) noexcept = default;

void Executor::ordered(std::size_t n, std::size_t in_flight, const OrderedBody& work, const OrderedBody& sink,
                       const std::function<bool()>& stop) const {
    in_flight = std::max<std::size_t>(1, in_flight);
    if (mode_ == Mode::Serial || threads_ == 1 || !impl_ || n <= 1) {
        for (std::size_t i = 0; i < n && !(stop && stop()); ++i) {
            work(i % in_flight, i);
            sink(i % in_flight, i);
        }
        return;
    }
    impl_->ordered(threads_, n, in_flight, work, sink, stop);
}

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
