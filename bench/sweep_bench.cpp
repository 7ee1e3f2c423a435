/// Throughput of sweeps: simulations per second of the baseline world (2008Q1–2019Q4) when many
/// independent runs share the machine, as `pushpull sweep` and `pushpull calibrate` run them —
/// each run builds its world from the shared input data, runs serially and returns its summary.
///
///   BM_SweepThroughput/<threads>   a block of 64 LHS points over two parameters, run through
///                                  sim::parallel_ordered with `threads` workers (the sweep path
///                                  minus HDF5); items_per_second = runs per second.
///
/// Parallel efficiency at 2 threads = rate(2) / (2 × rate(1)).
///   ./build/bench/sweep_bench --benchmark_min_time=5 --benchmark_repetitions=3
/// Aim (issue): 100,000 simulations within 10 minutes on 2 cores (167 runs/s), efficiency >= 95%.
#include <benchmark/benchmark.h>

#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <memory>

#include "models/study/pushpull_evaluator.hpp"
#include "sim/parallel.hpp"

namespace {

const study::PushpullEvaluator& evaluator() {
    static const std::unique_ptr<study::PushpullEvaluator> ev = [] {
        auto e = study::PushpullEvaluator::create(std::filesystem::path(PUSHPULL_SOURCE_DIR) / "scenarios" / "baseline.toml",
                                                  {}, {"params.beta_crime", "params.alpha0"});
        if (!e) {
            std::fprintf(stderr, "sweep_bench: %s\n", e.error().message().c_str());
            std::exit(2);
        }
        return std::move(*e);
    }();
    return *ev;
}

void BM_SweepThroughput(benchmark::State& state) {
    const auto& ev = evaluator();
    const sim::Executor ex(static_cast<int>(state.range(0)));
    constexpr std::size_t kRuns = 64;
    std::size_t done = 0;
    for (auto _ : state) {
        double sink = 0;
        sim::parallel_ordered<double>(
            ex, kRuns,
            [&](std::size_t i) {
                const double u = (static_cast<double>(i) + 0.5) / kRuns;
                auto out = ev.evaluate({1.5 * u, -3.0 - 2.0 * u}, 1000 + done + i, false);
                return out ? out->statistics[0] : 0.0;
            },
            [&](std::size_t, double&& v) { sink += v; });
        benchmark::DoNotOptimize(sink);
        done += kRuns;
    }
    state.SetItemsProcessed(static_cast<std::int64_t>(done));
}
BENCHMARK(BM_SweepThroughput)->Arg(1)->Arg(2)->Unit(benchmark::kMillisecond)->UseRealTime();

}  // namespace

BENCHMARK_MAIN();
