/// Simulation-based calibration of ABC-SMC on the two-parameter linear-Gaussian benchmark
/// (sim/study/test_functions.hpp): the ranks of the prior draws pass a χ² uniformity test at 1%,
/// and a sampler fed pseudo-data from a shifted simulator fails it (the test has power).
/// The final tolerance 0.7 is in units of the statistics' noise: the ε-ABC posterior is then
/// 1 + 0.7²/(2+2) = 1.12 times the exact variance (6% in SD): it moves the outer rank bins by about
/// 0.013 of 0.1, a χ² noncentrality below 1 for 200 replicates, well under the test's power.
#include "sim/study/sbc.hpp"

#include <gtest/gtest.h>

#include <cmath>
#include <cstdio>
#include <string>

#include "sim/study/test_functions.hpp"

using namespace sim::study;

namespace {

const sim::Executor& executor() {
    static const sim::Executor ex(2);
    return ex;
}

struct SbcProblem {
    LinearGaussianProblem p = linear_gaussian_problem(2, 0.6, 2.0, 1.0, 4.0, 5);
    std::vector<Prior> priors;
    AbcSettings abc;
    SbcSettings sbc;

    SbcProblem() {
        for (std::size_t j = 0; j < p.dims; ++j)
            priors.push_back({"theta" + std::to_string(j), Distribution::uniform(p.lo[j], p.hi[j])});
        abc.particles = 200;
        abc.final_tolerance = 0.7;
        abc.max_generations = 30;
        abc.kernel = KernelKind::Neighbours;
        sbc.replicates = 200;
        sbc.draws = 99;
        sbc.bins = 10;
        sbc.seed = 2026;
    }

    [[nodiscard]] ModelForData model_for() const {
        return [this](const std::vector<double>& observed) {
            AbcModel m;
            m.simulate = [this](const std::vector<double>& th, std::uint64_t s) {
                return linear_gaussian_simulate(p, th, s);
            };
            m.distance = [observed](const std::vector<double>& s, const std::vector<double>& c) {
                double q = 0.0;
                for (std::size_t k = 0; k < s.size(); ++k) q += std::pow((s[k] - observed[k]) / c[k], 2);
                return std::sqrt(q);
            };
            m.scales = p.summary_scale;
            return m;
        };
    }
};

void print(const char* what, const SbcResult& r) {
    for (std::size_t k = 0; k < r.dims; ++k) {
        std::printf("  %s theta%zu ranks:", what, k);
        for (std::size_t b = 0; b < r.settings.bins; ++b) std::printf(" %llu", static_cast<unsigned long long>(r.histogram[k * r.settings.bins + b]));
        std::printf("  chi2 %.2f, p %.4f\n", r.chi_square[k], r.p_value[k]);
    }
}

}  // namespace

TEST(Sbc, ChiSquarePValueMatchesTables) {
    // Upper 1% and 5% points of χ² with 9 degrees of freedom: 21.666 and 16.919.
    EXPECT_NEAR(chi_square_p_value(21.666, 9), 0.01, 1e-4);
    EXPECT_NEAR(chi_square_p_value(16.919, 9), 0.05, 1e-4);
    const std::vector<std::uint64_t> flat(10, 20);
    EXPECT_EQ(chi_square_uniform(flat), 0.0);
    const std::vector<std::uint64_t> skew = {40, 20, 20, 20, 20, 20, 20, 20, 20, 0};
    EXPECT_NEAR(chi_square_uniform(skew), 40.0, 1e-12);  // (20² + 20²) / 20
}

TEST(Sbc, AbcRanksAreUniformOnTheLinearGaussianBenchmark) {
    const SbcProblem s;
    const SimulateFn simulate = [&](const std::vector<double>& th, std::uint64_t seed) {
        return linear_gaussian_simulate(s.p, th, seed);
    };
    const auto r = run_sbc(s.priors, simulate, s.model_for(), s.abc, s.sbc, executor());
    ASSERT_TRUE(r.has_value()) << r.error().message();
    print("calibrated", *r);
    std::printf("  %llu simulations\n", static_cast<unsigned long long>(r->simulations));
    ASSERT_EQ(r->ranks.size(), 400u);
    for (std::size_t k = 0; k < r->dims; ++k) EXPECT_GT(r->p_value[k], 0.01) << "theta" << k;

    // Replicate r depends on r alone: the first 20 again, on one thread, give the same ranks.
    SbcSettings first = s.sbc;
    first.replicates = 20;
    const auto again = run_sbc(s.priors, simulate, s.model_for(), s.abc, first, sim::Executor::serial());
    ASSERT_TRUE(again.has_value());
    EXPECT_EQ(again->ranks, std::vector<std::uint32_t>(r->ranks.begin(), r->ranks.begin() + 40));
}

TEST(Sbc, DetectsAMiscalibratedPosterior) {
    SbcProblem s;
    s.sbc.replicates = 100;
    // Pseudo-data from θ* shifted by one exact posterior SD of theta0: the ABC posterior is then
    // centred away from θ*, so θ*'s ranks pile up at one end.
    const double shift = std::sqrt(linear_gaussian_abc_posterior(s.p, 0.0, {}).cov[0]);
    const SimulateFn shifted = [&](const std::vector<double>& th, std::uint64_t seed) {
        std::vector<double> moved = th;
        moved[0] += shift;
        return linear_gaussian_simulate(s.p, moved, seed);
    };
    const auto r = run_sbc(s.priors, shifted, s.model_for(), s.abc, s.sbc, executor());
    ASSERT_TRUE(r.has_value()) << r.error().message();
    print("shifted", *r);
    EXPECT_LT(r->p_value[0], 1e-4);
}

TEST(Sbc, RejectsBinsThatDoNotDivideTheRanks) {
    const SbcProblem s;
    SbcSettings bad = s.sbc;
    bad.bins = 7;  // 100 ranks do not split into 7 equal bins
    const SimulateFn simulate = [&](const std::vector<double>& th, std::uint64_t seed) {
        return linear_gaussian_simulate(s.p, th, seed);
    };
    const auto r = run_sbc(s.priors, simulate, s.model_for(), s.abc, bad, executor());
    ASSERT_FALSE(r.has_value());
    EXPECT_NE(r.error().message().find("bins"), std::string::npos);
}
