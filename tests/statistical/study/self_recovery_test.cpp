// Self-recovery of the ABM (issue: "pseudo-data at known parameters on the small test world: the
// 90% credible intervals of the core parameters cover the truth in most of the replicate
// datasets"). Four pseudo datasets, each simulated at its own truths with its own seed, are
// calibrated by ABC-SMC through the same path as `pushpull calibrate`; at least 6 of the 8
// (dataset, parameter) intervals must cover the truth (nominal 90%: 7.2 expected), and the
// posterior must be narrower than the prior for the identified baseline utility alpha0.
#include <filesystem>

#include "self_recovery.hpp"

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
    const std::vector<std::vector<double>> truths = {{-4.0, -5.0}, {-5.5, -4.0}, {-3.5, -6.5}, {-6.0, -5.5}};
    const auto t = self_recovery::run("self-recovery", truths, [&](std::size_t k) {
        return spec_text(truths[k][0], truths[k][1], static_cast<int>(k) + 1);
    });
    ASSERT_EQ(t.total, 8) << "a calibration failed";
    EXPECT_GE(t.covered, 6) << t.covered << " of " << t.total << " intervals cover the truth";
    EXPECT_LT(t.mean_width[0], 0.9) << "the posterior of alpha0 is no narrower than its prior";
}

}  // namespace
