#pragma once
/// `pushpull compare COMPARE.toml -o FILE.h5 [--threads N] [--holdout-after YEAR] [--model NAME]... [--seed S]
/// [--pseudo-data MODEL] [--pseudo-seed S]
/// [--accept SHARE] [--force]
/// [--dry-run]`: rival models fit
/// to the same targets by the same ABC and compared by posterior model probability and CRPS
/// (models/study/compare.hpp, docs/VALIDATION.md).
#include <cstdint>
#include <string>
#include <vector>

#include "sim/error.hpp"

namespace app {

struct CompareOptions {
    std::string compare;
    std::string output;  ///< empty: output/<compare stem>.h5
    int threads = 0;
    std::vector<std::string> models;  ///< non-empty: compare only these models of the file
    int holdout_after = 0;            ///< > 0: overrides compare.holdout_after (temporal hold-out)
    double accept = 0;                ///< > 0: overrides compare.accept
    std::int64_t seed = -1;           ///< >= 0: overrides compare.seed
    std::string pseudo_model;         ///< non-empty: overrides compare.pseudo_model
    std::int64_t pseudo_seed = -1;    ///< >= 0: overrides compare.pseudo_seed
    bool force = false;
    bool dry_run = false;
};

sim::Result<void> compare_command(const CompareOptions& opts);

}  // namespace app
