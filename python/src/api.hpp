#pragma once
/// What the Python module computes, in C++ and without Python: a run, many runs of a sweep job
/// and an experiment, each kept in memory (the caller converts or writes them). Every function
/// goes through the same code as the CLI command it mirrors, so results are identical:
///   run         -> `pushpull run`        (the model entry, provenance as the CLI adds it)
///   run_many    -> `pushpull sweep`      (a list design: study::SweepJob + study::run_one)
///   sweep       -> `pushpull sweep FILE` (study::make_sweep_plan)
///   experiment  -> `pushpull experiment` (pushpull::experiment::make_plan + run_experiment)
/// Errors are values (sim::Error) with the CLI's diagnostics; nothing here prints or exits.
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "models/study/sweep_run.hpp"
#include "sim/error.hpp"
#include "sim/output/tree.hpp"

namespace pyapi {

struct RunRequest {
    std::string scenario;                ///< scenario TOML file
    std::optional<std::uint64_t> seed;   ///< overrides run.seed
    std::vector<std::string> sets;       ///< "key=value", like --set
    int threads = 0;                     ///< 0: all hardware threads
    bool serial = false;
    std::string command_line;            ///< recorded as provenance
};

struct RunOutput {
    sim::out::Group tree;  ///< exactly what `pushpull run` writes, provenance included
    std::string summary_text;
};

/// Errors: as `pushpull run` (BadInput naming file and key, Io for data files).
sim::Result<RunOutput> run(const RunRequest& req);

/// Writes a tree as `pushpull run` does (temporary name, then rename). Errors: Io.
sim::Result<void> write(const sim::out::Group& tree, const std::string& path, bool overwrite);

struct ManyRequest {
    std::string scenario;
    std::vector<std::string> sets;           ///< fixed overrides of the base, like the sweep's `set`
    std::vector<std::string> keys;           ///< parameter keys (short names resolved like --set)
    std::vector<std::vector<double>> points; ///< one value per key, per point
    int replicates = 1;
    std::uint64_t seed = 1;                  ///< master seed, as the sweep file's `seed`
    bool common_random_numbers = false;
    std::vector<std::uint64_t> seeds;        ///< explicit run.seed per point (then replicates == 1)
    bool keep_series = false;
    int threads = 0;
};

struct ManyOutput {
    std::vector<std::string> parameters;  ///< full keys, in column order
    std::vector<std::string> statistics;
    std::vector<std::string> series_names;
    std::vector<std::vector<double>> points;
    int replicates = 1;
    std::vector<study::RunRow> rows;  ///< run index = point * replicates + replicate
    sim::out::Group header;           ///< /design and /sweep of a sweep file (empty for run_many)
};

/// Errors: BadInput naming the scenario, a key or an override.
sim::Result<ManyOutput> run_many(const ManyRequest& req);

/// Every run of a sweep file, in memory, as `pushpull sweep FILE` computes them (any design).
sim::Result<ManyOutput> sweep(const std::string& file, int threads);

/// An experiment file or TOML text (`base_dir` resolves its paths) -> the tree `pushpull
/// experiment` writes, provenance included.
sim::Result<sim::out::Group> experiment(const std::string& file, const std::string& text, const std::string& base_dir,
                                        int threads, const std::string& command_line);

}  // namespace pyapi
