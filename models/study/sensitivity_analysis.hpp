#pragma once
/// `pushpull sensitivity`: Morris or Sobol' indices for every statistic of a sweep file made with
/// the matching design. Replicates of a point are averaged first (failed runs skipped), so the
/// indices describe the model's mean response; the estimators are in sim/study/sensitivity.hpp.
#include <string>
#include <vector>

#include "sim/output/tree.hpp"
#include "sim/study/sensitivity.hpp"

namespace study {

struct StatisticIndices {
    std::string statistic;
    bool ok = false;
    std::string problem;               ///< why no indices (e.g. constant output, all NaN)
    sim::study::MorrisIndices morris;  ///< design "morris"
    sim::study::SobolIndices sobol;    ///< design "sobol"
};

struct SensitivityResult {
    std::string design;  ///< "morris" or "sobol"
    std::vector<std::string> parameters;
    std::vector<StatisticIndices> statistics;
};

struct SensitivityOptions {
    int bootstrap = 200;
    std::uint64_t seed = 1;
    std::vector<std::string> only;  ///< statistics to analyse (empty: all)
};

/// Errors: BadInput when the file is not a sweep, or its design is not morris or sobol.
sim::Result<SensitivityResult> analyse_sweep(const sim::out::Group& sweep_file, const SensitivityOptions& opts,
                                             const std::string& where);

/// A readable table: per statistic, per parameter, the indices (sorted by importance).
std::string format_sensitivity(const SensitivityResult& r);

/// The results as an HDF5 tree (/sensitivity/<statistic>/...).
sim::out::Group sensitivity_tree(const SensitivityResult& r);

}  // namespace study
