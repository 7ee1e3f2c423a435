#pragma once
/// What the engine's CLI needs from a model: its scenario schema and a function that runs it.
/// A model returns a tree of tables (sim::out::Group) and a readable summary; the CLI adds
/// provenance and writes the file. Models never see HDF5, the CLI or exit codes.
#include <cstdint>
#include <functional>
#include <string>
#include <vector>

#include "sim/config/scenario.hpp"
#include "sim/error.hpp"
#include "sim/output/tree.hpp"
#include "sim/parallel.hpp"

namespace sim {

struct RunContext {
    std::uint64_t seed = 0;
    const Executor* executor = nullptr;
    std::filesystem::path scenario_file;
};

struct ModelOutput {
    out::Group tree;                              ///< everything to write (the CLI adds /provenance)
    std::string summary_text;                     ///< the readable summary printed after a run
    std::map<std::string, std::string> checksums; ///< input file -> SHA-256, for provenance
};

struct ModelEntry {
    std::string name;  ///< the value of `model.name` in a scenario
    std::string description;
    std::function<config::Schema()> schema;
    std::function<Result<ModelOutput>(const config::Config&, const RunContext&)> run;
};

/// All models the CLI can run (defined in app/models.cpp).
const std::vector<ModelEntry>& model_registry();

}  // namespace sim
