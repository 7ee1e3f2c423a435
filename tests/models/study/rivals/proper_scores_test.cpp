// Proper scores against values computed by hand (and by scripts/rival-scores.py's formulas).
#include "models/study/rivals/proper_scores.hpp"

#include <gtest/gtest.h>

#include <cmath>
#include <stdexcept>
#include <vector>

using study::rivals::binary_scores;
using study::rivals::crps_ensemble;
using study::rivals::paired_log_gap;

TEST(ProperScores, BrierAndLogByHand) {
    const std::vector<double> p = {0.8, 0.3}, y = {1, 0};
    const auto s = binary_scores(p, y);
    EXPECT_NEAR(s.brier, (0.04 + 0.09) / 2, 1e-15);
    EXPECT_NEAR(s.log, -(std::log(0.8) + std::log(0.7)) / 2, 1e-15);
}

TEST(ProperScores, CertainForecastsAreClippedNotInfinite) {
    const std::vector<double> p = {0.0}, y = {1};
    const auto s = binary_scores(p, y);
    EXPECT_NEAR(s.brier, 0.999 * 0.999, 1e-15);
    EXPECT_NEAR(s.log, -std::log(1e-3), 1e-12);
}

TEST(ProperScores, CrpsByHand) {
    // samples {1, 3}, y = 2: mean |x−y| = 1, ½ mean |x_j−x_k| = ½ · (0+2+2+0)/4 = 0.5 → 0.5.
    EXPECT_NEAR(crps_ensemble(std::vector<double>{1, 3}, 2), 0.5, 1e-15);
    // samples {0, 1, 5}, y = 4: mean |x−y| = 8/3; pairs sum 2·(1+5+4) = 20, /9/2 = 10/9.
    EXPECT_NEAR(crps_ensemble(std::vector<double>{5, 0, 1}, 4), 8.0 / 3 - 10.0 / 9, 1e-14);
    // one sample: the absolute error.
    EXPECT_NEAR(crps_ensemble(std::vector<double>{7}, 4), 3.0, 1e-15);
}

TEST(ProperScores, PairedLogGapIsTheScoreDifferenceWithABootstrapInterval) {
    std::vector<double> y, sharp, vague;
    for (int i = 0; i < 200; ++i) {
        y.push_back(i % 4 == 0 ? 1 : 0);
        sharp.push_back(y.back() == 1 ? 0.7 : 0.1);
        vague.push_back(0.25);
    }
    const auto g = paired_log_gap(sharp, vague, y, 500, 3);
    EXPECT_NEAR(g.mean, binary_scores(sharp, y).log - binary_scores(vague, y).log, 1e-12);
    EXPECT_LT(g.q95, 0.0);  // the sharper forecast is better on every resample of these labels
    EXPECT_LE(g.q05, g.mean);
    EXPECT_GE(g.q95, g.mean);
    const auto same = paired_log_gap(vague, vague, y, 500, 3);
    EXPECT_EQ(same.q05, 0.0);
    EXPECT_EQ(same.q95, 0.0);
    // Forecasts that differ only by noise: the interval straddles 0.
    std::vector<double> noisy = vague;
    for (std::size_t i = 0; i < noisy.size(); ++i) noisy[i] += ((i / 4) % 2 == 0 ? 0.02 : -0.02);
    const auto n = paired_log_gap(noisy, vague, y, 500, 3);
    EXPECT_LT(n.q05, 0.0);
    EXPECT_GT(n.q95, 0.0);
}

TEST(ProperScores, BadInputIsRefused) {
    EXPECT_THROW(binary_scores(std::vector<double>{}, std::vector<double>{}), std::invalid_argument);
    EXPECT_THROW(binary_scores(std::vector<double>{0.5}, std::vector<double>{1, 0}), std::invalid_argument);
    EXPECT_THROW(binary_scores(std::vector<double>{0.5}, std::vector<double>{0.5}), std::invalid_argument);
    EXPECT_THROW(crps_ensemble(std::vector<double>{}, 1.0), std::invalid_argument);
}
