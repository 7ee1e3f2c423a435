#pragma once
/// `pushpull sensitivity SWEEP.h5 [-o INDICES.h5] [--bootstrap B] [--statistic NAME]...`:
/// Morris or Sobol' indices of a finished sweep (models/study/sensitivity_analysis.hpp).
#include <string>
#include <vector>

#include "sim/error.hpp"

namespace app {

struct SensitivityOptions {
    std::string file;
    std::string output;  ///< empty: print only
    int bootstrap = 200;
    std::vector<std::string> statistics;
    bool force = false;
};

sim::Result<void> sensitivity_command(const SensitivityOptions& opts);

}  // namespace app
