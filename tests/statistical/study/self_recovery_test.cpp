// Self-recovery of the ABM (issue: "pseudo-data at known parameters on the small test world: the
// 90% credible intervals of the core parameters cover the truth in most of the replicate
// datasets"). Four pseudo datasets, each simulated at its own truths with its own seed, are
// calibrated by ABC-SMC through the same path as `pushpull calibrate`; at least 6 of the 8
// (dataset, parameter) intervals must cover the truth (nominal 90%: 7.2 expected), and the
// posterior must be narrower than the prior for the identified baseline utility alpha0.
#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>

#include "models/study/calibration.hpp"

namespace {

namespace fs = std::filesystem;

std::string spec_text(double alpha0, double alpha_tender, int seed) {
    return "[calibration]\nbase = \"" + (fs::path(PUSHPULL_SOURCE_DIR) / "scenarios" / "test_small.toml").string() +
           "\"\nseed = " + std::to_string(100 + seed) +
           "\nparticles = 60\npilot = 60\nmax_generations = 4\nmax_simulations = 4000\n"
           "[pseudo_data]\nseed = " +
           std::to_string(seed) +
           "\nstatistics = [\"countries_adopted_2009\", \"countries_adopted_2010\", \"countries_adopted_2011\", "
           "\"cities_adopted_horizon\", \"chinese_vendor_share\", \"years_to_first_adoption\"]\n"
           "[[parameter]]\nkey = \"params.alpha0\"\ntruth = " +
           std::to_string(alpha0) +
           "\n[[parameter]]\nkey = \"params.alpha_tender\"\ntruth = " + std::to_string(alpha_tender) + "\n";
}

TEST(SelfRecovery, CredibleIntervalsCoverTheTruthOnTheSmallWorld) {
    const std::vector<std::pair<double, double>> truths = {{-4.0, -5.0}, {-5.5, -4.0}, {-3.5, -6.5}, {-6.0, -5.5}};
    const fs::path dir = fs::path(PUSHPULL_TEST_TMP) / ("self-recovery-" + std::to_string(::getpid()));
    fs::create_directories(dir);
    const sim::Executor executor(2);
    int covered = 0, total = 0;
    double width_alpha0 = 0;
    for (std::size_t k = 0; k < truths.size(); ++k) {
        auto spec = study::parse_calibration_spec_text(
            spec_text(truths[k].first, truths[k].second, static_cast<int>(k) + 1), dir);
        ASSERT_TRUE(spec) << spec.error().message();
        auto plan = study::make_calibration_plan(std::move(*spec));
        ASSERT_TRUE(plan) << plan.error().message();
        study::CalibrationOptions opts;
        opts.output = dir / ("posterior" + std::to_string(k) + ".h5");
        opts.force = true;
        auto run = study::run_calibration(*plan, opts, executor);
        ASSERT_TRUE(run) << run.error().message();
        const auto sum = study::summarise_posterior(*plan, run->generations.back());
        const double truth[2] = {truths[k].first, truths[k].second};
        for (std::size_t j = 0; j < 2; ++j) {
            const bool in = sum.q05[j] <= truth[j] && truth[j] <= sum.q95[j];
            covered += in;
            ++total;
            std::cout << "dataset " << k << " " << plan->priors[j].name << ": truth " << truth[j] << ", 90% ["
                      << sum.q05[j] << ", " << sum.q95[j] << "], median " << sum.median[j] << (in ? "" : "  MISSED")
                      << "\n";
        }
        width_alpha0 +=
            (sum.q95[0] - sum.q05[0]) / (sum.prior_q95[0] - sum.prior_q05[0]) / static_cast<double>(truths.size());
    }
    EXPECT_GE(covered, 6) << covered << " of " << total << " intervals cover the truth";
    EXPECT_LT(width_alpha0, 0.9) << "the posterior of alpha0 is no narrower than its prior";
    fs::remove_all(dir);
}

}  // namespace
