#pragma once
/// `pushpull compare COMPARE.toml -o FILE.h5 [--threads N] [--force] [--dry-run]`: rival models fit
/// to the same targets by the same ABC and compared by posterior model probability and CRPS
/// (models/study/compare.hpp, docs/VALIDATION.md).
#include <string>

#include "sim/error.hpp"

namespace app {

struct CompareOptions {
    std::string compare;
    std::string output;  ///< empty: output/<compare stem>.h5
    int threads = 0;
    bool force = false;
    bool dry_run = false;
};

sim::Result<void> compare_command(const CompareOptions& opts);

}  // namespace app
