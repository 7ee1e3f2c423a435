#pragma once
/// `pushpull experiment EXPERIMENT.toml -o FILE.h5 [--threads N] [--force] [--resume] [--dry-run]` and
/// `pushpull report FILE.h5 [--all | --json]`. The logic lives in models/pushpull/experiment; these parse
/// nothing themselves and return an Error that main maps to an exit code.
#include <string>

#include "sim/error.hpp"

namespace app {

struct ExperimentOptions {
    std::string experiment;
    std::string output;  ///< empty: output/<experiment stem>.h5
    int threads = 0;     ///< 0: all hardware threads
    bool force = false;
    bool dry_run = false;  ///< parse and validate, print the plan, run nothing
    bool resume = false;   ///< continue an interrupted experiment from <output>.journal
    bool quiet = false;    ///< do not print the report
    std::string command_line;
};

sim::Result<void> experiment_command(const ExperimentOptions& opts);

struct ReportOptions {
    std::string file;
    bool all = false;  ///< also print every contrast in long form
    bool json = false; ///< print the report as one JSON object instead (app/report_json.hpp)
};

sim::Result<void> report_command(const ReportOptions& opts);

}  // namespace app
