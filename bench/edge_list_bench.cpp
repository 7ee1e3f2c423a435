/// The edge-list reader, fast path against the general reader, side by side in one run.
///
///   BM_EdgeListRead/<n>   reads the G(n, 5n) edge list of edge_list_file.hpp (written once per
///                         process to the temp directory) into a Csr, once by read_edge_list_csr
///                         (the integer fast path; this is the time reported) and once by
///                         read_edge_list + to_csr (the general reader, as every file was read
///                         before issue 14), checking that both give the same adjacency.
///
/// Counters: edges_per_s (fast path), general_edges_per_s, general_over_fast (time ratio of the
/// two readers on the same file in the same iteration), file_bytes_per_edge.
/// Instructions per edge and peak bytes per edge: bench/instructions.sh (instructions_driver).
///   ./build/bench/edge_list_bench
#include <benchmark/benchmark.h>

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <string>

#include "bench/edge_list_file.hpp"
#include "sim/graph/edge_list.hpp"

namespace {

namespace fs = std::filesystem;

const fs::path& edge_file(std::size_t n) {
    static std::size_t made = 0;
    static const fs::path file = fs::temp_directory_path() / ("pushpull_edge_list_bench_" + std::to_string(::getpid()) + ".txt");
    if (made != n) {
        if (!bench::write_gnm_edge_list(n, file)) {
            std::fprintf(stderr, "edge_list_bench: cannot write %s\n", file.c_str());
            std::exit(2);
        }
        made = n;
    }
    return file;
}

double seconds_since(std::chrono::steady_clock::time_point t0) {
    return std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
}

void BM_EdgeListRead(benchmark::State& state) {
    const auto n = static_cast<std::size_t>(state.range(0));
    const auto& file = edge_file(n);
    double fast_s = 0.0;
    double general_s = 0.0;
    std::size_t edges = 0;
    for (auto _ : state) {
        auto t0 = std::chrono::steady_clock::now();
        auto fast = sim::graph::read_edge_list_csr(file);
        const double f = seconds_since(t0);
        state.SetIterationTime(f);
        fast_s += f;
        if (!fast) state.SkipWithError(fast.error().message().c_str());
        t0 = std::chrono::steady_clock::now();
        auto general = sim::graph::read_edge_list(file);
        if (!general) state.SkipWithError(general.error().message().c_str());
        const auto g = general->to_csr();
        general_s += seconds_since(t0);
        if (g.targets != fast->graph.targets || g.offsets != fast->graph.offsets || general->names != fast->names)
            state.SkipWithError("the two readers disagree");
        edges = g.num_edges();
        benchmark::DoNotOptimize(g.targets.data());
    }
    const auto iters = static_cast<double>(state.iterations());
    const auto m = static_cast<double>(edges);
    state.counters["edges_per_s"] = m * iters / fast_s;
    state.counters["general_edges_per_s"] = m * iters / general_s;
    state.counters["general_over_fast"] = general_s / fast_s;
    state.counters["file_bytes_per_edge"] = static_cast<double>(fs::file_size(file)) / m;
}

}  // namespace

int main(int argc, char** argv) {
    for (const std::int64_t n : {100000, 1000000})
        benchmark::RegisterBenchmark("BM_EdgeListRead", BM_EdgeListRead)
            ->Arg(n)->UseManualTime()->Unit(benchmark::kMillisecond);
    benchmark::Initialize(&argc, argv);
    if (benchmark::ReportUnrecognizedArguments(argc, argv)) return 1;
    benchmark::RunSpecifiedBenchmarks();
    benchmark::Shutdown();
    std::error_code ec;
    fs::remove(fs::temp_directory_path() / ("pushpull_edge_list_bench_" + std::to_string(::getpid()) + ".txt"), ec);
    return 0;
}
