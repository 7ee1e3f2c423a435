#pragma once
/// `pushpull calibrate CAL.toml -o POSTERIOR.h5 [--threads N] [--resume] [--force]
/// [--scenario-out FILE.toml] [--dry-run]`: ABC-SMC against the observed targets
/// (models/study/calibration.hpp); the posterior medians can be written as a scenario. A file with
/// an [sbc] table runs simulation-based calibration of the sampler instead (docs/CALIBRATION.md).
#include <string>

#include "sim/error.hpp"

namespace app {

struct CalibrateOptions {
    std::string calibration;
    std::string output;        ///< empty: output/<calibration stem>.h5
    std::string scenario_out;  ///< empty: no calibrated scenario
    int threads = 0;
    bool resume = false;
    bool force = false;
    bool dry_run = false;
    std::string command_line;
};

sim::Result<void> calibrate_command(const CalibrateOptions& opts);

}  // namespace app
