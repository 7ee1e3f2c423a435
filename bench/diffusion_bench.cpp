/// Throughput of the classic diffusion models' frontier loops, against the machine's memory
/// bandwidth measured in the same binary.
///
///   BM_Threshold/<n>/<threads>, BM_Cascade/<n>/<threads>   G(n, m = 5n) (mean degree 10)
///   BM_Copy                                                 std::copy of 512 MB
///
/// Counters: edge_visits_per_s (arcs examined: out-arcs of every frontier node, per second of the
/// whole run including per-run allocation and initialisation; the graph is generated once per
/// process, outside the timed loop), target_reads_per_s (arcs whose target state was actually read:
/// equal to the visits for threshold; for cascade with constant p only the successful arcs, found
/// by geometric skipping), bytes_per_edge_visit (nominal payload bytes per visit: threshold 4 B
/// target + 1 B remaining count; cascade 4 B target + 1 bit of state per read), bytes_per_s (copy:
/// read + write traffic), peak_rss_MB (getrusage; run the large sizes in their own process).
/// The n = 10^7 cases need about 1 GB and are registered only with PUSHPULL_BENCH_LARGE=1:
///   PUSHPULL_BENCH_LARGE=1 ./diffusion_bench --benchmark_filter='/10000000/'
#include <benchmark/benchmark.h>
#include <sys/resource.h>

#include <algorithm>
#include <cstdlib>
#include <map>
#include <memory>
#include <string>
#include <vector>

#include "models/classic/models.hpp"
#include "models/classic/seeding.hpp"
#include "sim/graph/generators.hpp"

namespace {

double peak_rss_mb() {
    rusage ru{};
    getrusage(RUSAGE_SELF, &ru);
    return static_cast<double>(ru.ru_maxrss) / 1024.0;  // ru_maxrss is in KiB on Linux
}

/// One graph per size, generated once per process (seeded, so identical across runs).
const sim::graph::Csr& graph(std::size_t n) {
    static std::map<std::size_t, std::unique_ptr<sim::graph::Csr>> cache;
    auto& slot = cache[n];
    if (!slot) {
        cache.clear();  // keep one large graph alive at a time
        auto& fresh = cache[n];
        fresh = std::make_unique<sim::graph::Csr>(*sim::graph::erdos_renyi_gnm(n, 5 * n, false, 2024));
        return *fresh;
    }
    return *slot;
}

const sim::Executor& executor(int threads) {
    static sim::Executor one(1);
    static sim::Executor two(2);
    return threads == 1 ? one : two;
}

void report(benchmark::State& state, std::uint64_t visits, std::uint64_t reads, double bytes_per_visit,
            std::int64_t adopters) {
    state.counters["edge_visits_per_s"] =
        benchmark::Counter(static_cast<double>(visits), benchmark::Counter::kIsRate);
    state.counters["target_reads_per_s"] =
        benchmark::Counter(static_cast<double>(reads), benchmark::Counter::kIsRate);
    state.counters["bytes_per_edge_visit"] = bytes_per_visit;
    state.counters["adopted_share"] =
        static_cast<double>(adopters) / static_cast<double>(state.range(0));
    state.counters["peak_rss_MB"] = peak_rss_mb();
}

void BM_Threshold(benchmark::State& state) {
    const auto n = static_cast<std::size_t>(state.range(0));
    const auto& g = graph(n);
    const auto& ex = executor(static_cast<int>(state.range(1)));
    const auto seeds = classic::seeds_random_fraction(n, 0.001, 1);
    const std::vector<double> th(n, 0.1);  // one adopted neighbour in ten suffices
    std::uint64_t visits = 0;
    std::uint64_t reads = 0;
    std::int64_t adopters = 0;
    for (auto _ : state) {
        const auto run = classic::run_threshold(g, seeds, th, {}, ex);
        visits += run.edge_visits;
        reads += run.target_reads;
        adopters = run.final_adopters();
        benchmark::DoNotOptimize(run.adoption_step.data());
    }
    report(state, visits, reads, 5.0, adopters);
}

void BM_Cascade(benchmark::State& state) {
    const auto n = static_cast<std::size_t>(state.range(0));
    const auto& g = graph(n);
    const auto& ex = executor(static_cast<int>(state.range(1)));
    const auto seeds = classic::seeds_random_fraction(n, 0.001, 1);
    std::uint64_t visits = 0;
    std::uint64_t reads = 0;
    std::int64_t adopters = 0;
    std::uint64_t rep = 0;
    for (auto _ : state) {
        const auto run = classic::run_cascade(g, seeds, classic::CascadeParams{0.2, false, 100000, ++rep}, ex);
        visits += run.edge_visits;
        reads += run.target_reads;
        adopters = run.final_adopters();
        benchmark::DoNotOptimize(run.adoption_step.data());
    }
    report(state, visits, reads, 4.0, adopters);
}

void BM_Copy(benchmark::State& state) {
    const std::size_t bytes = 512UL << 20;
    std::vector<std::uint64_t> a(bytes / 8, 1), b(bytes / 8, 0);
    for (auto _ : state) {
        std::copy(a.begin(), a.end(), b.begin());
        benchmark::DoNotOptimize(b.data());
        benchmark::ClobberMemory();
    }
    state.counters["bytes_per_s"] =
        benchmark::Counter(2.0 * static_cast<double>(bytes) * static_cast<double>(state.iterations()),
                           benchmark::Counter::kIsRate);
}

void register_sizes(const std::vector<std::int64_t>& sizes) {
    for (const auto n : sizes)
        for (const std::int64_t threads : {1, 2}) {
            benchmark::RegisterBenchmark("BM_Threshold", BM_Threshold)
                ->Args({n, threads})->UseRealTime()->Unit(benchmark::kMillisecond);
            benchmark::RegisterBenchmark("BM_Cascade", BM_Cascade)
                ->Args({n, threads})->UseRealTime()->Unit(benchmark::kMillisecond);
        }
}

}  // namespace

int main(int argc, char** argv) {
    benchmark::RegisterBenchmark("BM_Copy", BM_Copy)->UseRealTime()->Unit(benchmark::kMillisecond);
    register_sizes({100000, 1000000});
    if (const char* large = std::getenv("PUSHPULL_BENCH_LARGE"); large && std::string(large) == "1")
        register_sizes({10000000});
    benchmark::Initialize(&argc, argv);
    if (benchmark::ReportUnrecognizedArguments(argc, argv)) return 1;
    benchmark::RunSpecifiedBenchmarks();
    benchmark::Shutdown();
    return 0;
}
