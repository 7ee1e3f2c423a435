// Self-recovery of the parameters added by the supply and observation issue (R8 market entry,
// R10 documentation hazard): pseudo-data simulated at known truths on the baseline 2008-2019 world
// are calibrated by ABC-SMC through the path of `pushpull calibrate`, from the true adoption counts
// and the documented (thinned) counts of odd years — what a researcher has is the second; the
// first stands in for the published aggregates. (On the 2008-2013 world the documentation hazard is
// not identified: too few documented countries; the market-entry year is.) At least 5 of the 6 (dataset, parameter) 90% intervals must cover the
// truth (nominal: 5.4 expected), and both posteriors must be narrower than their priors on average.
#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>

#include "models/study/calibration.hpp"

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
    const std::vector<std::pair<double, double>> truths = {{2006.5, 0.1}, {2009.0, 0.35}, {2011.0, 0.2}};
    const fs::path dir = fs::path(PUSHPULL_TEST_TMP) / ("self-recovery-supply-" + std::to_string(::getpid()));
    fs::create_directories(dir);
    const sim::Executor executor(2);
    int covered = 0, total = 0;
    double width[2] = {0, 0};
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
            width[j] += (sum.q95[j] - sum.q05[j]) / (sum.prior_q95[j] - sum.prior_q05[j]) / static_cast<double>(truths.size());
            std::cout << "dataset " << k << " " << plan->priors[j].name << ": truth " << truth[j] << ", 90% ["
                      << sum.q05[j] << ", " << sum.q95[j] << "], median " << sum.median[j] << (in ? "" : "  MISSED")
                      << "\n";
        }
    }
    EXPECT_GE(covered, 5) << covered << " of " << total << " intervals cover the truth";
    EXPECT_LT(width[0], 0.9) << "the posterior of market_entry_year is no narrower than its prior";
    EXPECT_LT(width[1], 0.9) << "the posterior of obs_rate0 is no narrower than its prior";
    fs::remove_all(dir);
}

}  // namespace
