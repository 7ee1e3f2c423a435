// Self-recovery of the parameters added by the supply and observation issue (R8 market entry,
// R10 documentation hazard): pseudo-data simulated at known truths on the baseline 2008-2019 world
// are calibrated by ABC-SMC through the path of `pushpull calibrate`, from the true adoption counts
// and the documented (thinned) counts of odd years — what a researcher has is the second; the
// first stands in for the published aggregates. (On the 2008-2013 world the documentation hazard is
// not identified: too few documented countries; the market-entry year is.) At least 5 of the 6 (dataset, parameter) 90% intervals must cover the
// truth (nominal: 5.4 expected), and both posteriors must be narrower than their priors on average.
#include <filesystem>

#include "self_recovery.hpp"

namespace {

namespace fs = std::filesystem;

std::string spec_text(double entry_year, double obs_rate0, int seed) {
    std::string stats;
    for (int y = 2009; y <= 2019; y += 2)
        stats += "\"countries_adopted_" + std::to_string(y) + "\", \"observed_countries_" + std::to_string(y) + "\", ";
    stats += "\"cities_adopted_horizon\"";
    return "[calibration]\nbase = \"" + (fs::path(PUSHPULL_SOURCE_DIR) / "scenarios" / "baseline.toml").string() +
           "\"\nset = [\"run.end=2019Q4\"]\nseed = " + std::to_string(200 + seed) +
           "\nparticles = 60\npilot = 60\nmax_generations = 4\nmax_simulations = 1500\n"
           "[pseudo_data]\nseed = " + std::to_string(seed) + "\nstatistics = [" + stats + "]\n" +
           "[[parameter]]\nkey = \"params.market_entry_year\"\ntruth = " + std::to_string(entry_year) +
           "\n[[parameter]]\nkey = \"params.obs_rate0\"\ntruth = " + std::to_string(obs_rate0) + "\n";
}

TEST(SelfRecovery, MarketEntryAndDocumentationHazardAreRecovered) {
    const std::vector<std::vector<double>> truths = {{2006.5, 0.1}, {2009.0, 0.35}, {2011.0, 0.2}};
    const auto t = self_recovery::run("self-recovery-supply", truths, [&](std::size_t k) {
        return spec_text(truths[k][0], truths[k][1], static_cast<int>(k) + 1);
    });
    ASSERT_EQ(t.total, 6) << "a calibration failed";
    EXPECT_GE(t.covered, 5) << t.covered << " of " << t.total << " intervals cover the truth";
    EXPECT_LT(t.mean_width[0], 0.9) << "the posterior of market_entry_year is no narrower than its prior";
    EXPECT_LT(t.mean_width[1], 0.9) << "the posterior of obs_rate0 is no narrower than its prior";
}

}  // namespace
