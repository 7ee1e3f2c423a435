/// Cost of the push–pull model: one baseline run (2008Q1–2019Q4, 48 quarterly steps) on an already
/// built world, data loading, world building, the per-phase split of a run, and peak memory.
///
///   BM_Run/<cities>/<threads>     run_on_world on a copy of a world built once per process;
///                                 cities 0 = wup300k (UN WUP 300k+), 1 = all50k (50k+);
///                                 threads 0 = serial executor, 1 or 2 = parallel executor.
///                                 The World copy handed to run_on_world is made with the timer
///                                 paused; BM_WorldCopy times that copy on its own.
///   BM_WorldCopy/<cities>         std::make_unique<World>(*world): what the pause hides.
///   BM_LoadInputData/<cities>     data::load_input_data on data/ (CSV parsing, validation, SHA-256).
///   BM_BuildWorld/<cities>        build_world from loaded tables (networks, exogenous series).
///
/// Counters: phase:<name> (seconds per run spent in each phase of kSchedule, from
/// FinishedRun::timings; the phases sum to the stepping time, the rest of a run is the recorder,
/// summary and bookkeeping), cities, countries, peak_rss_MB (getrusage ru_maxrss of the whole
/// process so far: it grows monotonically, so read it on the last case run, or run one case per
/// process with --benchmark_filter to attribute memory to it).
///
/// Parameters are those of scenarios/baseline.toml (cities_50k.toml for the 50k+ set), seed 1.
///   ./build-bench/bench/pushpull_bench --benchmark_min_time=0.5
/// Aims (issue): a baseline run < 10 ms on one thread excluding loading, loading < 0.5 s,
/// peak memory < 200 MB.
#include <benchmark/benchmark.h>
#include <sys/resource.h>

#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <map>
#include <memory>
#include <string>

#include "models/pushpull/model_entry.hpp"
#include "models/pushpull/params.hpp"
#include "sim/config/scenario.hpp"
#include "sim/parallel.hpp"

namespace {

using pushpull::World;
namespace data = pushpull::data;

double peak_rss_mb() {
    rusage ru{};
    getrusage(RUSAGE_SELF, &ru);
    return static_cast<double>(ru.ru_maxrss) / 1024.0;  // ru_maxrss is in KiB on Linux
}

[[noreturn]] void die(const std::string& what) {
    std::fprintf(stderr, "pushpull_bench: %s\n", what.c_str());
    std::exit(2);
}

const char* scenario_file(int city_set) { return city_set == 0 ? "baseline.toml" : "cities_50k.toml"; }
data::CitySet city_set_of(int city_set) { return city_set == 0 ? data::CitySet::Wup300k : data::CitySet::All50k; }

/// The parameters of the baseline scenario (or its 50k+ variant), loaded once per city set.
const pushpull::Params& params(int city_set) {
    static const sim::config::Schema schema = pushpull::schema();
    static std::map<int, pushpull::Params> cache;
    auto it = cache.find(city_set);
    if (it != cache.end()) return it->second;
    const auto file = std::filesystem::path(PUSHPULL_SOURCE_DIR) / "scenarios" / scenario_file(city_set);
    auto cfg = sim::config::load_scenario(file, schema);
    if (!cfg) die("cannot load " + file.string() + ": " + cfg.error().message());
    auto p = pushpull::params_from_config(*cfg);
    if (!p) die("bad parameters in " + file.string() + ": " + p.error().message());
    return cache.emplace(city_set, std::move(*p)).first->second;
}

/// Loaded input and a built world per city set, made once per process (outside every timed loop).
struct Prepared {
    data::InputData input;
    std::unique_ptr<World> world;
};

const Prepared& prepared(int city_set) {
    static std::map<int, Prepared> cache;
    auto it = cache.find(city_set);
    if (it != cache.end()) return it->second;
    Prepared pr;
    auto world = pushpull::load_world(params(city_set), pr.input);
    if (!world) die("cannot build the world: " + world.error().message());
    pr.world = std::move(*world);
    return cache.emplace(city_set, std::move(pr)).first->second;
}

const sim::Executor& executor(int threads) {
    static const sim::Executor serial = sim::Executor::serial();
    static const sim::Executor one(1);
    static const sim::Executor two(2);
    switch (threads) {
        case 0: return serial;
        case 1: return one;
        default: return two;
    }
}

void BM_Run(benchmark::State& state) {
    const int set = static_cast<int>(state.range(0));
    const auto& p = params(set);
    const auto& pr = prepared(set);
    const auto& ex = executor(static_cast<int>(state.range(1)));
    std::map<std::string, double> phase_seconds;
    std::size_t events = 0;
    for (auto _ : state) {
        state.PauseTiming();
        auto world = std::make_unique<World>(*pr.world);
        state.ResumeTiming();
        auto run = pushpull::run_on_world(std::move(world), p, pr.input, ex);
        for (const auto& t : run.timings) phase_seconds[t.name] += t.seconds;
        events = run.events.size();
        benchmark::DoNotOptimize(run.summary.data());
        state.PauseTiming();
        run = {};  // the world copy and run buffers are freed outside the timed region
        state.ResumeTiming();
    }
    const auto iters = static_cast<double>(state.iterations());
    for (const auto& [name, s] : phase_seconds) state.counters["phase:" + name] = s / iters;
    state.counters["cities"] = static_cast<double>(pr.world->cities.size());
    state.counters["countries"] = static_cast<double>(pr.world->countries.size());
    state.counters["events"] = static_cast<double>(events);
    state.counters["peak_rss_MB"] = peak_rss_mb();
}

void BM_WorldCopy(benchmark::State& state) {
    const auto& pr = prepared(static_cast<int>(state.range(0)));
    for (auto _ : state) {
        auto world = std::make_unique<World>(*pr.world);
        benchmark::DoNotOptimize(world.get());
    }
    state.counters["peak_rss_MB"] = peak_rss_mb();
}

void BM_LoadInputData(benchmark::State& state) {
    const int set = static_cast<int>(state.range(0));
    const auto dir = std::filesystem::path(params(set).data_dir);
    std::size_t cities = 0;
    for (auto _ : state) {
        auto input = data::load_input_data(dir, city_set_of(set));
        if (!input) {
            state.SkipWithError(input.error().message().c_str());
            return;
        }
        cities = input->cities.size();
        benchmark::DoNotOptimize(input->cities.data());
    }
    state.counters["input_cities"] = static_cast<double>(cities);
    state.counters["peak_rss_MB"] = peak_rss_mb();
}

void BM_BuildWorld(benchmark::State& state) {
    const int set = static_cast<int>(state.range(0));
    const auto& p = params(set);
    const auto& pr = prepared(set);
    for (auto _ : state) {
        auto world = pushpull::build_world(pr.input, p);
        if (!world) {
            state.SkipWithError(world.error().message().c_str());
            return;
        }
        benchmark::DoNotOptimize(world->cities.name.data());
    }
    state.counters["peak_rss_MB"] = peak_rss_mb();
}

BENCHMARK(BM_LoadInputData)->ArgName("cities")->Arg(0)->Arg(1)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_BuildWorld)->ArgName("cities")->Arg(0)->Arg(1)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_WorldCopy)->ArgName("cities")->Arg(0)->Arg(1)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_Run)
    ->ArgNames({"cities", "threads"})
    ->ArgsProduct({{0, 1}, {0, 1, 2}})
    ->Unit(benchmark::kMillisecond)
    ->UseRealTime();

}  // namespace

BENCHMARK_MAIN();
