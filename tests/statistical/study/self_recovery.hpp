#pragma once
// Shared by the self-recovery tests: calibrate pseudo-datasets through the path of
// `pushpull calibrate` and tally how often the 90% intervals cover the truths.
#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>
#include <functional>
#include <iostream>

#include "models/study/calibration.hpp"

namespace self_recovery {

struct Tally {
    int covered = 0, total = 0;
    std::vector<double> mean_width;  ///< per parameter: mean posterior/prior 90% width ratio over datasets
};

/// Runs one calibration per dataset (spec(k) is its calibration text; truths[k] its parameter
/// values, in the spec's parameter order) and prints every interval.
inline Tally run(const std::string& name, const std::vector<std::vector<double>>& truths,
                 const std::function<std::string(std::size_t)>& spec) {
    namespace fs = std::filesystem;
    const fs::path dir = fs::path(PUSHPULL_TEST_TMP) / (name + "-" + std::to_string(::getpid()));
    fs::create_directories(dir);
    const sim::Executor executor(2);
    Tally t;
    for (std::size_t k = 0; k < truths.size(); ++k) {
        auto parsed = study::parse_calibration_spec_text(spec(k), dir);
        EXPECT_TRUE(parsed) << parsed.error().message();
        if (!parsed) break;
        auto plan = study::make_calibration_plan(std::move(*parsed));
        EXPECT_TRUE(plan) << plan.error().message();
        if (!plan) break;
        study::CalibrationOptions opts;
        opts.output = dir / ("posterior" + std::to_string(k) + ".h5");
        opts.force = true;
        auto result = study::run_calibration(*plan, opts, executor);
        EXPECT_TRUE(result) << result.error().message();
        if (!result) break;
        const auto sum = study::summarise_posterior(*plan, result->generations.back());
        t.mean_width.resize(truths[k].size(), 0.0);
        for (std::size_t j = 0; j < truths[k].size(); ++j) {
            const double truth = truths[k][j];
            const bool in = sum.q05[j] <= truth && truth <= sum.q95[j];
            t.covered += in;
            ++t.total;
            t.mean_width[j] += (sum.q95[j] - sum.q05[j]) / (sum.prior_q95[j] - sum.prior_q05[j]) /
                               static_cast<double>(truths.size());
            std::cout << "dataset " << k << " " << plan->priors[j].name << ": truth " << truth << ", 90% ["
                      << sum.q05[j] << ", " << sum.q95[j] << "], median " << sum.median[j] << (in ? "" : "  MISSED")
                      << "\n";
        }
    }
    fs::remove_all(dir);
    return t;
}

}  // namespace self_recovery
