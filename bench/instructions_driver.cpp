/// A tiny driver for bench/instructions.sh: does one piece of work K times, so that callgrind's
/// instruction counts of K = 3 and K = 1 differ by exactly two pieces (set-up cancels out).
///
///   instructions_driver simulate K          K baseline runs (scenarios/baseline.toml, serial) on one world
///   instructions_driver read FILE K         K reads of an edge list by read_edge_list_csr
///   instructions_driver read-general FILE K K reads by read_edge_list + to_csr (the general reader)
///   instructions_driver write N FILE [weighted]  writes the G(N, 5N) edge list of edge_list_file.hpp
///   instructions_driver peak FILE [general] one read; prints edges, peak RSS and peak bytes per edge
#include <sys/resource.h>
#include <unistd.h>

#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <memory>
#include <string>

#include "bench/edge_list_file.hpp"
#include "models/pushpull/model_entry.hpp"
#include "models/pushpull/params.hpp"
#include "sim/config/scenario.hpp"
#include "sim/graph/edge_list.hpp"
#include "sim/parallel.hpp"

namespace {

[[noreturn]] void die(const std::string& what) {
    std::fprintf(stderr, "instructions_driver: %s\n", what.c_str());
    std::exit(2);
}

std::size_t read_once(const std::string& file, bool general) {
    if (general) {
        auto el = sim::graph::read_edge_list(file);
        if (!el) die(el.error().message());
        return el->to_csr().num_edges();
    }
    auto el = sim::graph::read_edge_list_csr(file);
    if (!el) die(el.error().message());
    return el->graph.num_edges();
}

int simulate(int k) {
    const auto file = std::filesystem::path(PUSHPULL_SOURCE_DIR) / "scenarios" / "baseline.toml";
    static const sim::config::Schema schema = pushpull::schema();  // the Config keeps a reference
    auto cfg = sim::config::load_scenario(file, schema);
    if (!cfg) die(cfg.error().message());
    auto p = pushpull::params_from_config(*cfg);
    if (!p) die(p.error().message());
    pushpull::data::InputData input;
    auto world = pushpull::load_world(*p, input);
    if (!world) die(world.error().message());
    const auto ex = sim::Executor::serial();
    std::size_t sink = 0;
    for (int i = 0; i < k; ++i) {
        auto run = pushpull::run_on_world(std::make_unique<pushpull::World>(**world), *p, input, ex);
        sink += run.summary.size();
    }
    return sink == 0 ? 1 : 0;
}

}  // namespace

int main(int argc, char** argv) {
    const std::string what = argc > 1 ? argv[1] : "";
    if (what == "simulate" && argc == 3) return simulate(std::atoi(argv[2]));
    if ((what == "read" || what == "read-general") && argc == 4) {
        std::size_t edges = 0;
        for (int i = 0; i < std::atoi(argv[3]); ++i) edges += read_once(argv[2], what == "read-general");
        return edges == 0 ? 1 : 0;
    }
    if (what == "write" && (argc == 4 || (argc == 5 && std::string(argv[4]) == "weighted")))
        return bench::write_gnm_edge_list(std::stoul(argv[2]), argv[3], argc == 5) ? 0 : 1;
    if (what == "peak" && (argc == 3 || argc == 4)) {
        rusage before{};
        getrusage(RUSAGE_SELF, &before);
        const std::size_t edges = read_once(argv[2], argc == 4);
        rusage ru{};
        getrusage(RUSAGE_SELF, &ru);
        const double peak = static_cast<double>(ru.ru_maxrss) * 1024.0;  // KiB on Linux
        std::printf("edges %zu peak_rss_bytes %.0f start_rss_bytes %.0f peak_bytes_per_edge %.1f\n", edges, peak,
                    static_cast<double>(before.ru_maxrss) * 1024.0, peak / static_cast<double>(edges));
        return 0;
    }
    std::fprintf(stderr, "usage: instructions_driver simulate K | read FILE K | read-general FILE K | write N FILE [weighted] | peak FILE [general]\n");
    return 2;
}
