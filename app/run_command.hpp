#pragma once
/// `pushpull run`: load and validate a scenario, run its model, write HDF5 with provenance,
/// print the summary. Returns an Error (main maps it to an exit code).
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "sim/error.hpp"

namespace app {

struct RunOptions {
    std::string scenario;
    std::string output;                 ///< empty: output/<scenario stem>.h5
    std::optional<std::uint64_t> seed;  ///< overrides run.seed
    int threads = 0;                    ///< 0: all hardware threads
    bool serial = false;                ///< the serial executor (no parallel backend)
    std::vector<std::string> sets;
    bool print_config = false;
    bool force = false;
    bool quiet = false;                 ///< do not print the summary
    std::string command_line;
};

sim::Result<void> run_command(const RunOptions& opts);

/// `pushpull describe [MODEL]`: every scenario key with type, default, range, unit, prior and doc.
sim::Result<void> describe_command(const std::string& model);

}  // namespace app
