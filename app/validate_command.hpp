#pragma once
/// `pushpull validate VALIDATE.toml -o FILE.h5 [--threads N] [--seed S] [--draws N] [--force] [--dry-run]`:
/// out-of-sample checks (temporal hold-out, leave-one-region-out, the documented adoptions after
/// 2019) of the rival models of a compare file, each scored by CRPS, Brier and log score
/// (models/study/validate.hpp, docs/VALIDATION.md).
#include <cstdint>
#include <string>

#include "sim/error.hpp"

namespace app {

struct ValidateOptions {
    std::string validate;
    std::string output;  ///< empty: output/<validate stem>.h5
    int threads = 0;
    std::int64_t seed = -1;   ///< >= 0: overrides the seed
    std::int64_t draws = -1;  ///< > 0: overrides the draws per model
    bool force = false;
    bool dry_run = false;
};

sim::Result<void> validate_command(const ValidateOptions& opts);

}  // namespace app
