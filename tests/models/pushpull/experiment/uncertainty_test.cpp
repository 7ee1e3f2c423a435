// The R14 summaries on hand-made numbers: the variance decomposition sums to the total (balanced,
// unbalanced with NaN, each part alone), the parts are the textbook nested sums of squares, the
// confidence interval and sign probabilities on small known samples, and best-arm probabilities
// with ties. Coverage at the nominal rate is in tests/statistical/pushpull/uncertainty_coverage_test.cpp.
#include <cmath>
#include <limits>

#include <gtest/gtest.h>

#include "models/pushpull/experiment/contrast.hpp"
#include "models/pushpull/experiment/uncertainty.hpp"
#include "sim/rng.hpp"

namespace pushpull::experiment {
namespace {

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

double sum_of(const VarianceParts& v) { return v.structural + v.unidentified + v.calibrated + v.seed; }

std::vector<double> random_values(const Layout& L, std::uint64_t seed) {
    std::vector<double> x(L.runs());
    sim::Rng rng(seed, 0, 0, 0);
    for (std::size_t k = 0; k < x.size(); ++k) {
        const std::size_t cell = k / L.replicates;
        // Effects at every level so that no part is zero.
        x[k] = 3.0 * static_cast<double>(cell / L.cells_per_structure()) + std::sin(static_cast<double>(cell)) +
               rng.normal(0, 0.7);
    }
    return x;
}

TEST(VarianceDecomposition, PartsSumToTheTotalVariance) {
    for (const Layout L : {Layout{1, 1, 1, 8}, Layout{2, 3, 4, 5}, Layout{3, 1, 2, 2}, Layout{1, 5, 1, 1}, Layout{4, 2, 1, 3}}) {
        const auto x = random_values(L, L.runs());
        const auto v = decompose_variance(x, L);
        double m = 0;
        for (double y : x) m += y;
        m /= static_cast<double>(x.size());
        double total = 0;
        for (double y : x) total += (y - m) * (y - m);
        total /= static_cast<double>(x.size());
        EXPECT_NEAR(v.total, total, 1e-12 * total);
        EXPECT_NEAR(sum_of(v), v.total, 1e-12 * v.total) << L.structures << "x" << L.unidentified << "x" << L.draws << "x" << L.replicates;
        EXPECT_GE(v.structural, 0);
        EXPECT_GE(v.unidentified, 0);
        EXPECT_GE(v.calibrated, 0);
        EXPECT_GE(v.seed, 0);
    }
}

TEST(VarianceDecomposition, AddsUpWhenPairsAreMissing) {
    const Layout L{2, 2, 3, 4};
    auto x = random_values(L, 7);
    for (std::size_t k : {0u, 5u, 6u, 7u, 30u, 47u}) x[k] = kNaN;
    for (std::size_t k = 8; k < 12; ++k) x[k] = kNaN;  // a whole cell
    const auto v = decompose_variance(x, L);
    EXPECT_NEAR(sum_of(v), v.total, 1e-12 * v.total);
    EXPECT_GT(v.structural, 0);
}

TEST(VarianceDecomposition, EachSourceAloneLandsInItsPart) {
    const Layout L{2, 2, 2, 2};
    auto level = [&](int which) {  // x depends only on one index
        std::vector<double> x(L.runs());
        for (std::size_t k = 0; k < x.size(); ++k) {
            const std::size_t r = k % 2, d = (k / 2) % 2, u = (k / 4) % 2, s = k / 8;
            const std::size_t idx[] = {s, u, d, r};
            x[k] = static_cast<double>(idx[which]);
        }
        return decompose_variance(x, L);
    };
    const auto s = level(0), u = level(1), d = level(2), r = level(3);
    EXPECT_DOUBLE_EQ(s.structural, 0.25);
    EXPECT_DOUBLE_EQ(s.unidentified + s.calibrated + s.seed, 0.0);
    EXPECT_DOUBLE_EQ(u.unidentified, 0.25);
    EXPECT_DOUBLE_EQ(u.structural + u.calibrated + u.seed, 0.0);
    EXPECT_DOUBLE_EQ(d.calibrated, 0.25);
    EXPECT_DOUBLE_EQ(d.structural + d.unidentified + d.seed, 0.0);
    EXPECT_DOUBLE_EQ(r.seed, 0.25);
    EXPECT_DOUBLE_EQ(r.structural + r.unidentified + r.calibrated, 0.0);
}

TEST(MeanInterval, OneCellUsesRunsAndTheTQuantile) {
    // 2, 3, 4, 5: mean 3.5, sd 1.291, se 0.6455, t_{0.975, 3} = 3.182446
    const auto mi = mean_interval({2, 3, 4, 5}, Layout{1, 1, 1, 4});
    EXPECT_EQ(mi.unit, Unit::Replicate);
    EXPECT_EQ(mi.units, 4u);
    EXPECT_DOUBLE_EQ(mi.mean, 3.5);
    EXPECT_NEAR(mi.se, std::sqrt(5.0 / 3.0 / 4.0), 1e-12);
    EXPECT_NEAR(mi.df, 3.0, 1e-9);
    EXPECT_NEAR(mi.hi - mi.mean, 3.182446305 * mi.se, 1e-6);
    EXPECT_NEAR(mi.mean - mi.lo, mi.hi - mi.mean, 1e-12);
}

TEST(MeanInterval, UnitsAreTheTopRandomLevelAveragedOverStructures) {
    // Two structures far apart: their gap is not sampling noise, so the interval stays narrow.
    const Layout L{2, 2, 1, 2};
    const std::vector<double> x = {0, 2, 1, 3, 100, 102, 101, 103};  // u0: (1 + 101) / 2, u1: (2 + 102) / 2
    const auto mi = mean_interval(x, L);
    EXPECT_EQ(mi.unit, Unit::Unidentified);
    EXPECT_EQ(mi.units, 2u);
    EXPECT_DOUBLE_EQ(mi.mean, 51.5);
    EXPECT_NEAR(mi.se, 0.5, 1e-12);
    EXPECT_NEAR(mi.hi - mi.mean, 12.7062047 * 0.5, 1e-5);  // t_{0.975, 1}
    EXPECT_EQ(mean_interval(x, Layout{2, 1, 2, 2}).unit, Unit::Calibrated);
    const auto one = mean_interval({1, 1, 1}, Layout{1, 1, 1, 3});
    EXPECT_DOUBLE_EQ(one.lo, 1.0);  // no spread: the interval is the point
    EXPECT_DOUBLE_EQ(one.hi, 1.0);
    EXPECT_TRUE(std::isnan(mean_interval({1, 2}, Layout{2, 1, 1, 1}).lo));  // one unit
}

TEST(SignProbabilities, ByRunAndByCell) {
    const auto p = sign_probabilities({-1, -2, 0, 3, -1, kNaN}, Layout{1, 1, 3, 2});  // cells -1.5, 1.5, -1
    EXPECT_DOUBLE_EQ(p.negative, 3.0 / 5.0);
    EXPECT_DOUBLE_EQ(p.positive, 1.0 / 5.0);
    EXPECT_DOUBLE_EQ(p.negative_cell, 2.0 / 3.0);
}

TEST(BestProbabilities, CountsWinsAndSharesTies) {
    const Layout L{1, 1, 2, 2};
    const std::vector<std::vector<double>> arms = {{1, 5, 2, 2}, {2, 4, 2, 9}, {3, 6, kNaN, 3}};
    const auto b = best_probabilities(arms, L);
    // runs: 0 -> arm0; 1 -> arm1; 2 skipped (NaN); 3 -> arm0
    EXPECT_DOUBLE_EQ(b.by_run[0], 2.0 / 3.0);
    EXPECT_DOUBLE_EQ(b.by_run[1], 1.0 / 3.0);
    EXPECT_DOUBLE_EQ(b.by_run[2], 0.0);
    // cells: means (3, 3, 4.5) -> tie arm0/arm1; cell 1: (2, 5.5, 3) -> arm0
    EXPECT_DOUBLE_EQ(b.by_cell[0], 0.75);
    EXPECT_DOUBLE_EQ(b.by_cell[1], 0.25);
    EXPECT_DOUBLE_EQ(b.by_cell[0] + b.by_cell[1] + b.by_cell[2], 1.0);
}

TEST(Contrast, CarriesTheR14Columns) {
    const auto c = contrast({3, 5, 7, 9}, {1, 2, 3, 4}, Layout{1, 1, 1, 4});  // differences 2, 3, 4, 5
    EXPECT_DOUBLE_EQ(c.mean, 3.5);
    EXPECT_LT(c.ci_lo, 3.5);
    EXPECT_GT(c.ci_hi, 3.5);
    EXPECT_DOUBLE_EQ(c.p_negative, 0.0);
    EXPECT_DOUBLE_EQ(c.p_positive, 1.0);
    EXPECT_DOUBLE_EQ(c.variance.total, 1.25);
    EXPECT_DOUBLE_EQ(c.variance.seed, 1.25);
}

}  // namespace
}  // namespace pushpull::experiment
