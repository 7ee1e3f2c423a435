// Sensitivity estimators against analytic indices: Ishigami and G function (Sobol'), linear (Morris).
// Tolerances: 0.05 absolute at N = 8192 base samples, as in the SALib and Saltelli et al. (2010) checks.
#include "sim/study/sensitivity.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <functional>
#include <span>

#include "sim/study/design.hpp"
#include "sim/study/test_functions.hpp"

using sim::study::Design;

namespace {

/// y per design row, with unit coordinates mapped linearly onto [lo_k, hi_k].
std::vector<double> evaluate(const Design& d, const std::vector<double>& lo, const std::vector<double>& hi,
                             const std::function<double(std::span<const double>)>& f) {
    std::vector<double> y(d.rows());
    std::vector<double> x(d.dims);
    for (std::size_t r = 0; r < d.rows(); ++r) {
        for (std::size_t k = 0; k < d.dims; ++k) x[k] = lo[k] + d.at(r, k) * (hi[k] - lo[k]);
        y[r] = f(x);
    }
    return y;
}

std::vector<double> ishigami_outputs(const Design& d) {
    const std::vector<double> lo(3, sim::study::ishigami_lo);
    const std::vector<double> hi(3, sim::study::ishigami_hi);
    return evaluate(d, lo, hi, [](std::span<const double> x) { return sim::study::ishigami(x); });
}

const std::vector<double> kGa = {0, 1, 4.5, 9, 99, 99};

}  // namespace

TEST(IshigamiAnalytic, MatchesPublishedValues) {
    const auto a = sim::study::ishigami_indices();
    const std::vector<double> s1 = {0.3139, 0.4424, 0.0};
    const std::vector<double> st = {0.5576, 0.4424, 0.2437};
    for (std::size_t i = 0; i < 3; ++i) {
        EXPECT_NEAR(a.s1[i], s1[i], 1e-4);
        EXPECT_NEAR(a.st[i], st[i], 1e-4);
    }
    EXPECT_NEAR(a.s2[0 * 3 + 2], 0.2437, 1e-4);
    EXPECT_NEAR(sim::study::ishigami(std::vector<double>{std::numbers::pi / 2, std::numbers::pi / 2, 1.0}),
                1.0 * 1.1 + 7.0, 1e-12);
}

TEST(SobolIshigami, FirstAndTotalWithinToleranceAndCoveredByBootstrap) {
    const auto d = sim::study::saltelli(8192, 3, false);
    ASSERT_TRUE(d.has_value());
    const auto r = sim::study::sobol_indices(*d, ishigami_outputs(*d), 200, 42);
    ASSERT_TRUE(r.has_value()) << r.error().message();
    const auto want = sim::study::ishigami_indices();
    EXPECT_EQ(r->base_used, 8192u);
    EXPECT_EQ(r->base_dropped, 0u);
    EXPECT_TRUE(r->s2.empty());
    for (std::size_t i = 0; i < 3; ++i) {
        EXPECT_NEAR(r->s1[i], want.s1[i], 0.05) << "S" << i + 1;
        EXPECT_NEAR(r->st[i], want.st[i], 0.05) << "ST" << i + 1;
        // The 95% half-widths cover the analytic value, and are informative (not huge).
        EXPECT_LE(std::abs(r->s1[i] - want.s1[i]), r->s1_conf[i]) << "S" << i + 1 << " ± " << r->s1_conf[i];
        EXPECT_LE(std::abs(r->st[i] - want.st[i]), r->st_conf[i]) << "ST" << i + 1 << " ± " << r->st_conf[i];
        EXPECT_GT(r->s1_conf[i], 0.0);
        EXPECT_LT(r->s1_conf[i], 0.1);
        EXPECT_LT(r->st_conf[i], 0.1);
        std::printf(
            "Ishigami S%zu = %.4f ± %.4f (analytic %.4f, error %+.4f); ST%zu = %.4f ± %.4f (analytic %.4f, "
            "error %+.4f)\n",
            i + 1, r->s1[i], r->s1_conf[i], want.s1[i], r->s1[i] - want.s1[i], i + 1, r->st[i], r->st_conf[i],
            want.st[i], r->st[i] - want.st[i]);
    }
}

TEST(SobolIshigami, SecondOrder) {
    const auto d = sim::study::saltelli(8192, 3, true);
    ASSERT_TRUE(d.has_value());
    const auto r = sim::study::sobol_indices(*d, ishigami_outputs(*d), 100, 7);
    ASSERT_TRUE(r.has_value()) << r.error().message();
    const auto want = sim::study::ishigami_indices();
    ASSERT_EQ(r->s2.size(), 9u);
    for (std::size_t i = 0; i < 3; ++i) {
        EXPECT_NEAR(r->s1[i], want.s1[i], 0.05);
        EXPECT_NEAR(r->st[i], want.st[i], 0.05);
        EXPECT_TRUE(std::isnan(r->s2[i * 3 + i]));
        for (std::size_t k = i + 1; k < 3; ++k) {
            EXPECT_NEAR(r->s2[i * 3 + k], want.s2[i * 3 + k], 0.05) << "S" << i + 1 << k + 1;
            std::printf("Ishigami S%zu%zu = %.4f ± %.4f (analytic %.4f)\n", i + 1, k + 1, r->s2[i * 3 + k],
                        r->s2_conf[i * 3 + k], want.s2[i * 3 + k]);
        }
    }
}

TEST(SobolGFunction, WithinToleranceOfAnalytic) {
    const auto d = sim::study::saltelli(8192, kGa.size(), false);
    ASSERT_TRUE(d.has_value());
    const std::vector<double> lo(kGa.size(), 0.0);
    const std::vector<double> hi(kGa.size(), 1.0);
    const auto y = evaluate(*d, lo, hi, [](std::span<const double> x) { return sim::study::g_function(x, kGa); });
    const auto r = sim::study::sobol_indices(*d, y, 100, 3);
    ASSERT_TRUE(r.has_value()) << r.error().message();
    const auto want = sim::study::g_function_indices(kGa);
    // The analytic values themselves: V_1 = 1/3, V_2 = 1/12, V = (4/3)(13/12)(1+1/90.75)(1+1/300)(1+1/30000)² − 1.
    EXPECT_NEAR(want.s1[0], 0.7165, 1e-3);
    EXPECT_NEAR(want.s1[1], 0.1791, 1e-3);
    for (std::size_t i = 0; i < kGa.size(); ++i) {
        EXPECT_NEAR(r->s1[i], want.s1[i], 0.05) << "S" << i + 1;
        EXPECT_NEAR(r->st[i], want.st[i], 0.05) << "ST" << i + 1;
        std::printf("G S%zu = %.4f (analytic %.4f, error %+.4f); ST%zu = %.4f (analytic %.4f, error %+.4f)\n", i + 1,
                    r->s1[i], want.s1[i], r->s1[i] - want.s1[i], i + 1, r->st[i], want.st[i], r->st[i] - want.st[i]);
    }
}

TEST(SobolSensitivity, DropsBaseSamplesWithNaN) {
    const auto d = sim::study::saltelli(4096, 3, false);
    ASSERT_TRUE(d.has_value());
    auto y = ishigami_outputs(*d);
    const std::size_t block = sim::study::saltelli_block_rows(3, false);
    y[10 * block + 0] = std::nan("");  // A of base sample 10
    y[20 * block + 3] = std::nan("");  // AB_2 of base sample 20
    y[30 * block + 1] = std::nan("");  // B of base sample 30
    y[30 * block + 4] = std::nan("");  // same base sample again
    const auto r = sim::study::sobol_indices(*d, y, 0, 1);
    ASSERT_TRUE(r.has_value()) << r.error().message();
    EXPECT_EQ(r->base_dropped, 3u);
    EXPECT_EQ(r->base_used, 4093u);
    const auto want = sim::study::ishigami_indices();
    for (std::size_t i = 0; i < 3; ++i) {
        EXPECT_TRUE(std::isfinite(r->s1[i]));
        EXPECT_NEAR(r->s1[i], want.s1[i], 0.05);
        EXPECT_NEAR(r->st[i], want.st[i], 0.05);
        EXPECT_TRUE(std::isnan(r->s1_conf[i]));  // no bootstrap asked for
    }
    std::fill(y.begin(), y.end(), std::nan(""));
    y[0 * block] = 1.0;
    EXPECT_FALSE(sim::study::sobol_indices(*d, y, 0, 1).has_value());
}

TEST(SobolSensitivity, ConstantOutputGivesNaNIndices) {
    const auto d = sim::study::saltelli(64, 2, true);
    ASSERT_TRUE(d.has_value());
    const auto r = sim::study::sobol_indices(*d, std::vector<double>(d->rows(), 3.0), 10, 1);
    ASSERT_TRUE(r.has_value());
    EXPECT_EQ(r->variance, 0.0);
    EXPECT_TRUE(std::isnan(r->s1[0]) && std::isnan(r->st[1]) && std::isnan(r->s2[1]));
}

TEST(SobolSensitivity, RejectsWrongLengthKindAndArguments) {
    const auto d = sim::study::saltelli(16, 3, false);
    const auto m = sim::study::morris(4, 3, 4, 1);
    ASSERT_TRUE(d && m);
    const auto y = ishigami_outputs(*d);
    auto shorter = y;
    shorter.pop_back();
    const auto wrong_length = sim::study::sobol_indices(*d, shorter, 10, 1);
    ASSERT_FALSE(wrong_length.has_value());
    EXPECT_EQ(wrong_length.error().kind, sim::ErrorKind::BadInput);
    EXPECT_NE(wrong_length.error().message().find("79 values"), std::string::npos) << wrong_length.error().message();
    EXPECT_FALSE(sim::study::sobol_indices(*m, std::vector<double>(m->rows(), 1.0), 10, 1).has_value());
    EXPECT_FALSE(sim::study::sobol_indices(*d, y, -1, 1).has_value());
    EXPECT_FALSE(sim::study::sobol_indices(*d, y, 10, 1, 1.0).has_value());
}

TEST(SobolSensitivity, BootstrapIsDeterministicPerSeed) {
    const auto d = sim::study::saltelli(512, 3, false);
    ASSERT_TRUE(d.has_value());
    const auto y = ishigami_outputs(*d);
    const auto a = sim::study::sobol_indices(*d, y, 50, 9);
    const auto b = sim::study::sobol_indices(*d, y, 50, 9);
    const auto c = sim::study::sobol_indices(*d, y, 50, 10);
    ASSERT_TRUE(a && b && c);
    EXPECT_EQ(a->s1_conf, b->s1_conf);
    EXPECT_EQ(a->st_conf, b->st_conf);
    EXPECT_NE(a->s1_conf, c->s1_conf);
    // A wider confidence level gives wider intervals (z 2.576 vs 1.960 on the same replicates).
    const auto wide = sim::study::sobol_indices(*d, y, 50, 9, 0.99);
    ASSERT_TRUE(wide.has_value());
    EXPECT_NEAR(wide->s1_conf[0] / a->s1_conf[0], 2.5758 / 1.9600, 1e-3);
}

TEST(MorrisSensitivity, LinearEffectsAreExactInParameterUnits) {
    const std::vector<double> coefs = {2.0, -3.0, 0.5, 10.0};
    const std::vector<double> lo = {0.0, -1.0, 3.0, 10.0};
    const std::vector<double> hi = {1.0, 1.0, 3.1, 15.0};
    std::vector<double> ranges(4);
    for (std::size_t k = 0; k < 4; ++k) ranges[k] = hi[k] - lo[k];
    const auto d = sim::study::morris(25, 4, 4, 17);
    ASSERT_TRUE(d.has_value());
    const auto y = evaluate(*d, lo, hi, [&](std::span<const double> x) { return sim::study::linear(x, coefs); });
    const auto r = sim::study::morris_indices(*d, y, ranges);
    ASSERT_TRUE(r.has_value()) << r.error().message();
    EXPECT_EQ(r->effects_skipped, 0u);
    for (std::size_t k = 0; k < 4; ++k) {
        EXPECT_NEAR(r->mu[k], coefs[k], 1e-9);
        EXPECT_NEAR(r->mu_star[k], std::abs(coefs[k]), 1e-9);
        EXPECT_LT(r->sigma[k], 1e-9);
        EXPECT_EQ(r->effects_used[k], 25u);
    }
    // Without ranges the effects are per unit-cube step: coef × range.
    const auto unit = sim::study::morris_indices(*d, y);
    ASSERT_TRUE(unit.has_value());
    for (std::size_t k = 0; k < 4; ++k) EXPECT_NEAR(unit->mu[k], coefs[k] * ranges[k], 1e-9);
}

TEST(MorrisSensitivity, NonlinearEffectsMatchHandComputedValues) {
    // y = u0², p = 4, Δ = 2/3: an effect from u to u + Δ is 2u + Δ, so 2/3 (u = 0) or 4/3 (u = 1/3);
    // u1 has no effect.
    const auto d = sim::study::morris(40, 2, 4, 23);
    ASSERT_TRUE(d.has_value());
    std::vector<double> y(d->rows());
    for (std::size_t r = 0; r < d->rows(); ++r) y[r] = d->at(r, 0) * d->at(r, 0);
    const auto r = sim::study::morris_indices(*d, y);
    ASSERT_TRUE(r.has_value());
    EXPECT_GE(r->mu[0], 2.0 / 3.0 - 1e-12);
    EXPECT_LE(r->mu[0], 4.0 / 3.0 + 1e-12);
    EXPECT_NEAR(r->mu_star[0], r->mu[0], 1e-12);
    EXPECT_GT(r->sigma[0], 0.2);   // both values occur in 40 trajectories
    EXPECT_LT(r->sigma[0], 0.35);  // two equally likely-ish values 2/3 apart: sd about 1/3
    EXPECT_EQ(r->mu_star[1], 0.0);
    EXPECT_EQ(r->sigma[1], 0.0);
}

TEST(MorrisSensitivity, SkipsEffectsWithNaNEndpoints) {
    const std::vector<double> coefs = {1.0, 2.0, 3.0};
    const auto d = sim::study::morris(10, 3, 4, 2);
    ASSERT_TRUE(d.has_value());
    const std::vector<double> lo(3, 0.0), hi(3, 1.0);
    auto y = evaluate(*d, lo, hi, [&](std::span<const double> x) { return sim::study::linear(x, coefs); });
    y[4 * 2 + 1] = std::nan("");  // an interior point of trajectory 2: its two effects go
    y[4 * 5] = std::nan("");      // the first point of trajectory 5: one effect goes
    const auto r = sim::study::morris_indices(*d, y);
    ASSERT_TRUE(r.has_value());
    EXPECT_EQ(r->effects_skipped, 3u);
    std::size_t used = 0;
    for (std::size_t k = 0; k < 3; ++k) {
        used += r->effects_used[k];
        EXPECT_NEAR(r->mu[k], coefs[k], 1e-9);
    }
    EXPECT_EQ(used, 30u - 3u);
}

TEST(MorrisSensitivity, RejectsWrongLengthKindAndRanges) {
    const auto d = sim::study::morris(5, 3, 4, 1);
    const auto s = sim::study::saltelli(8, 3, false);
    ASSERT_TRUE(d && s);
    const std::vector<double> y(d->rows(), 1.0);
    const auto wrong = sim::study::morris_indices(*d, std::vector<double>(d->rows() + 1, 1.0));
    ASSERT_FALSE(wrong.has_value());
    EXPECT_EQ(wrong.error().kind, sim::ErrorKind::BadInput);
    EXPECT_FALSE(sim::study::morris_indices(*s, std::vector<double>(s->rows(), 1.0)).has_value());
    EXPECT_FALSE(sim::study::morris_indices(*d, y, {1.0, 1.0}).has_value());
    EXPECT_FALSE(sim::study::morris_indices(*d, y, {1.0, 0.0, 1.0}).has_value());
    // A design whose steps were tampered with (two coordinates move at once) is refused.
    auto broken = *d;
    broken.points[1 * 3 + 0] = 0.123;
    broken.points[1 * 3 + 1] = 0.456;
    broken.points[1 * 3 + 2] = 0.789;
    EXPECT_FALSE(sim::study::morris_indices(broken, y).has_value());
}
