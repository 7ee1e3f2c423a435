// Weighted quantile, mean, covariance, ESS and the ridged Cholesky used by ABC-SMC, against values
// worked by hand.
#include "sim/study/weighted_stats.hpp"

#include <gtest/gtest.h>

#include <cmath>
#include <vector>

using namespace sim::study;

TEST(WeightedStats, QuantileWithEqualWeightsIsTheOrderStatistic) {
    const std::vector<double> x = {5, 1, 4, 2, 3};
    const std::vector<double> w(5, 1.0);
    EXPECT_EQ(weighted_quantile(x, w, 0.2), 1.0);
    EXPECT_EQ(weighted_quantile(x, w, 0.5), 3.0);
    EXPECT_EQ(weighted_quantile(x, w, 0.6), 3.0);
    EXPECT_EQ(weighted_quantile(x, w, 0.61), 4.0);
    EXPECT_EQ(weighted_quantile(x, w, 1.0), 5.0);
}

TEST(WeightedStats, QuantileFollowsTheWeights) {
    const std::vector<double> x = {1, 2, 3};
    EXPECT_EQ(weighted_quantile(x, std::vector<double>{0.1, 0.1, 0.8}, 0.5), 3.0);
    EXPECT_EQ(weighted_quantile(x, std::vector<double>{0.6, 0.2, 0.2}, 0.5), 1.0);
    EXPECT_EQ(weighted_quantile(x, std::vector<double>{6, 2, 2}, 0.7), 2.0);  // unnormalized
}

TEST(WeightedStats, MeanAndCovarianceMatchHandValues) {
    // Rows (0,0), (2,0), (0,4) with weights 1/2, 1/4, 1/4: mean (0.5, 1).
    const std::vector<double> rows = {0, 0, 2, 0, 0, 4};
    const std::vector<double> w = {0.5, 0.25, 0.25};
    const auto m = weighted_mean(rows, 2, w);
    EXPECT_DOUBLE_EQ(m[0], 0.5);
    EXPECT_DOUBLE_EQ(m[1], 1.0);
    const auto c = weighted_covariance(rows, 2, w);
    // var x = 0.5·0.25 + 0.25·2.25 + 0.25·0.25 = 0.75; var y = 0.5·1 + 0.25·1 + 0.25·9 = 3;
    // cov = 0.5·(-0.5)(-1) + 0.25·(1.5)(-1) + 0.25·(-0.5)(3) = -0.5.
    EXPECT_DOUBLE_EQ(c[0], 0.75);
    EXPECT_DOUBLE_EQ(c[3], 3.0);
    EXPECT_DOUBLE_EQ(c[1], -0.5);
    EXPECT_DOUBLE_EQ(c[2], -0.5);
}

TEST(WeightedStats, EffectiveSampleSize) {
    EXPECT_DOUBLE_EQ(effective_sample_size(std::vector<double>(10, 0.1)), 10.0);
    EXPECT_DOUBLE_EQ(effective_sample_size(std::vector<double>{1, 0, 0}), 1.0);
    EXPECT_DOUBLE_EQ(effective_sample_size(std::vector<double>{3, 1}), 16.0 / 10.0);
}

TEST(WeightedStats, CholeskyFactorsAndRidgesSingularMatrices) {
    const std::vector<double> a = {4, 2, 2, 3};
    const auto l = cholesky_with_ridge(a, 2);
    EXPECT_DOUBLE_EQ(l[0], 2.0);
    EXPECT_DOUBLE_EQ(l[1], 0.0);
    EXPECT_DOUBLE_EQ(l[2], 1.0);
    EXPECT_DOUBLE_EQ(l[3], std::sqrt(2.0));
    // A parameter that stopped varying: the factor still exists and reproduces A up to the ridge.
    const auto s = cholesky_with_ridge({1, 1, 1, 1}, 2);
    EXPECT_GT(s[3], 0.0);
    EXPECT_NEAR(s[2] * s[2] + s[3] * s[3], 1.0, 1e-6);
    const auto z = cholesky_with_ridge({0, 0, 0, 0}, 2);
    EXPECT_GT(z[0], 0.0);
}

TEST(WeightedStats, RobustScaleIsMadThenStandardDeviation) {
    // median 3, absolute deviations {2, 1, 0, 1, 97}: MAD 1, so the outlier does not matter.
    EXPECT_DOUBLE_EQ(robust_scale(std::vector<double>{1, 2, 3, 4, 100}), 1.4826);
    // More than half agree (MAD 0): the sample standard deviation, sqrt(0.75 / 3).
    EXPECT_DOUBLE_EQ(robust_scale(std::vector<double>{5, 5, 5, 6}), 0.5);
    const double nan = std::nan("");
    EXPECT_DOUBLE_EQ(robust_scale(std::vector<double>{nan, 1, 2, 3, 4, 100, nan}), 1.4826);  // NaN skipped
    EXPECT_EQ(robust_scale(std::vector<double>{7, nan}), 0.0);                                  // one value
    EXPECT_EQ(robust_scale(std::vector<double>{2, 2, 2}), 0.0);                                 // no spread
}
