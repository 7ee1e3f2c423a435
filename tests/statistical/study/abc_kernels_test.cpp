/// The perturbation kernels and adaptive distance weights of ABC-SMC against the linear-Gaussian
/// benchmark, whose ε-ABC posterior is known exactly for the tolerance and scales of the final
/// generation (sim/study/test_functions.hpp).
/// Tolerances: the Monte Carlo standard error from the final ESS, times 1.5 for the correlation
/// between particles sharing ancestors that ESS does not count (abc_smc_test.cpp measured about
/// 1.5× over 10-12 seeds), times 4 (a 4-sigma band per check). The variance of a weighted sample
/// has relative SE sqrt((κ - 1) / ESS); κ <= 3 here (a Gaussian convolved with a uniform ball).
#include <gtest/gtest.h>

#include <cmath>
#include <cstdio>
#include <string>

#include "sim/parallel.hpp"
#include "sim/study/abc_smc.hpp"
#include "sim/study/test_functions.hpp"

using namespace sim::study;

namespace {

const sim::Executor& executor() {
    static const sim::Executor ex(2);
    return ex;
}

std::vector<Prior> priors_of(const LinearGaussianProblem& p) {
    std::vector<Prior> out;
    for (std::size_t j = 0; j < p.dims; ++j)
        out.push_back({"theta" + std::to_string(j), Distribution::uniform(p.lo[j], p.hi[j])});
    return out;
}

/// Scaled Euclidean distance to the observed summaries.
AbcModel model_of(const LinearGaussianProblem& p, std::vector<double> scales) {
    AbcModel m;
    m.simulate = [&p](const std::vector<double>& th, std::uint64_t s) { return linear_gaussian_simulate(p, th, s); };
    m.distance = [&p](const std::vector<double>& s, const std::vector<double>& c) {
        double q = 0.0;
        for (std::size_t k = 0; k < s.size(); ++k) q += std::pow((s[k] - p.observed[k]) / c[k], 2);
        return std::sqrt(q);
    };
    m.scales = std::move(scales);
    return m;
}

struct Case {
    const char* name;
    KernelKind kernel;
    bool adaptive;
};

/// Runs to the final tolerance and compares every marginal mean and variance with the exact ε-ABC
/// posterior at the final generation's tolerance and the scales it accepted with.
/// final_tolerance 0: run max_generations generations.
void expect_recovers(const Case& c, std::size_t d, std::size_t particles, double final_tolerance,
                     int max_generations = 40) {
    // Prior ±12 posterior SDs: wide enough to act as flat at the tolerances reached (checked below).
    const LinearGaussianProblem p = linear_gaussian_problem(d, 0.8, 4.0, 2.0, 12.0, 3);
    const AbcModel model = model_of(p, p.summary_scale);  // generation 0: distance in noise units
    AbcSettings s;
    s.particles = particles;
    s.seed = 17;
    s.final_tolerance = final_tolerance;
    s.max_generations = max_generations;
    s.min_tolerance_decrease = 0.0;
    s.kernel = c.kernel;
    s.adaptive_distance = c.adaptive;
    std::vector<double> used = model.scales;  // the scales the latest generation accepted with
    std::vector<double> next = model.scales;
    const auto r = run_abc_smc(priors_of(p), model, s, executor(), [&](const Generation& g) {
        used = next;
        if (c.adaptive) next = g.scales;
        return true;
    });
    ASSERT_TRUE(r.has_value()) << r.error().message();
    const Generation& g = r->last;
    std::printf("  %s, d = %zu: %d generations (%s), eps %.3f, ESS %.0f, %llu simulations\n", c.name, d,
                r->generations, to_string(r->stop).c_str(), g.tolerance, g.ess,
                static_cast<unsigned long long>(g.total_simulated));
    EXPECT_EQ(r->stop, final_tolerance > 0.0 ? AbcStop::FinalTolerance : AbcStop::GenerationCap) << c.name;
    const GaussianLaw exact = linear_gaussian_abc_posterior(p, g.tolerance, used);
    const double inflate = 1.5 * 4.0;
    for (std::size_t j = 0; j < d; ++j) {
        // The reference assumes a flat prior: the prior bounds must be far outside the posterior.
        const double sd = std::sqrt(exact.cov[j * d + j]);
        const double margin = std::min(exact.mean[j] - p.lo[j], p.hi[j] - exact.mean[j]) / sd;
        ASSERT_GT(margin, 4.0) << c.name << " theta" << j << ": the flat-prior reference does not apply";
        double m = 0.0;
        for (std::size_t i = 0; i < g.size(); ++i) m += g.weights[i] * g.theta(i, j);
        double v = 0.0;
        for (std::size_t i = 0; i < g.size(); ++i) v += g.weights[i] * std::pow(g.theta(i, j) - m, 2);
        const double mean_tol = inflate * sd / std::sqrt(g.ess);
        const double var_tol = inflate * std::sqrt(2.0 / g.ess);
        std::printf("    theta%zu: mean %.4g vs %.4g (tol %.3g); variance ratio %.3f (tol %.3f); prior bound %.1f SD away\n",
                    j, m, exact.mean[j], mean_tol, v / (sd * sd), var_tol, margin);
        EXPECT_NEAR(m, exact.mean[j], mean_tol) << c.name << " theta" << j;
        EXPECT_NEAR(v / (sd * sd), 1.0, var_tol) << c.name << " theta" << j;
    }
}

}  // namespace

TEST(AbcKernels, EachKernelRecoversTheExactEpsPosterior) {
    for (const Case c : {Case{"global", KernelKind::Global, false}, Case{"neighbours", KernelKind::Neighbours, false},
                         Case{"olcm", KernelKind::Olcm, false}})
        expect_recovers(c, 3, 2000, 0.8);
}

// Adaptive scales change the units of the tolerance, so these run a fixed number of generations.
TEST(AbcKernels, AdaptiveDistanceRecoversTheExactEpsPosterior) {
    expect_recovers({"global + adaptive", KernelKind::Global, true}, 3, 2000, 0.0, 10);
    expect_recovers({"neighbours + adaptive", KernelKind::Neighbours, true}, 3, 2000, 0.0, 10);
}

// Local kernels and adaptive scales keep the sampler's guarantee: the same generations on any
// thread count, and a resumed run repeats the uninterrupted one.
TEST(AbcKernels, LocalKernelsAndAdaptiveScalesAreDeterministicAndResumable) {
    const LinearGaussianProblem p = linear_gaussian_problem(13, 0.8, 4.0, 3.0, 10.0, 1);
    const AbcModel model = model_of(p, p.summary_scale);
    for (const Case c : {Case{"neighbours", KernelKind::Neighbours, false}, Case{"olcm", KernelKind::Olcm, false},
                         Case{"olcm + adaptive", KernelKind::Olcm, true}}) {
        AbcSettings s;
        s.particles = 150;
        s.seed = 4;
        s.max_generations = 5;
        s.min_tolerance_decrease = 0.0;
        s.kernel = c.kernel;
        s.adaptive_distance = c.adaptive;
        s.min_batch = 16;
        const auto record = [&](const sim::Executor& ex, const Generation* from) {
            std::vector<Generation> gens;
            const auto keep = [&](const Generation& g) {
                gens.push_back(g);
                return true;
            };
            const auto r = from ? resume_abc_smc(priors_of(p), model, s, ex, *from, keep)
                                : run_abc_smc(priors_of(p), model, s, ex, keep);
            EXPECT_TRUE(r.has_value()) << (r ? "" : r.error().message());
            return gens;
        };
        const auto serial = record(sim::Executor::serial(), nullptr);
        const auto dual = record(executor(), nullptr);
        ASSERT_EQ(serial.size(), 5u) << c.name;
        ASSERT_EQ(dual.size(), serial.size()) << c.name;
        for (std::size_t g = 0; g < serial.size(); ++g) {
            EXPECT_EQ(serial[g].particles, dual[g].particles) << c.name << " generation " << g;
            EXPECT_EQ(serial[g].weights, dual[g].weights) << c.name << " generation " << g;
            EXPECT_EQ(serial[g].scales, dual[g].scales) << c.name << " generation " << g;
        }
        EXPECT_EQ(serial[2].scales.empty(), !c.adaptive) << c.name;
        const auto resumed = record(executor(), &serial[1]);
        ASSERT_EQ(resumed.size(), 3u) << c.name;
        for (std::size_t g = 0; g < resumed.size(); ++g) {
            EXPECT_EQ(resumed[g].particles, serial[g + 2].particles) << c.name << " resumed generation " << g + 2;
            EXPECT_EQ(resumed[g].weights, serial[g + 2].weights) << c.name << " resumed generation " << g + 2;
        }
    }
}

TEST(AbcKernels, AdaptiveDistanceNeedsStatistics) {
    const LinearGaussianProblem p = linear_gaussian_problem(2, 0.5, 1.0, 0.0, 10.0, 1);
    AbcSettings s;
    s.particles = 50;
    s.adaptive_distance = true;
    const DistanceFn scalar = [](const std::vector<double>&, std::uint64_t) { return 0.0; };
    const auto r = run_abc_smc(priors_of(p), scalar, s, executor());
    ASSERT_FALSE(r.has_value());
    EXPECT_NE(r.error().message().find("adaptive_distance"), std::string::npos) << r.error().message();
    // A stored generation without statistics cannot continue under adaptive scales.
    Generation g;
    g.dims = 2;
    g.weights = {0.5, 0.5};
    g.particles = {0, 0, 1, 1};
    g.distances = {1, 2};
    g.tolerance = 3;
    const auto resumed = resume_abc_smc(priors_of(p), model_of(p, p.summary_scale), s, executor(), g);
    ASSERT_FALSE(resumed.has_value());
    EXPECT_NE(resumed.error().message().find("statistics"), std::string::npos) << resumed.error().message();
}

TEST(AbcKernels, ParsesKernelNames) {
    EXPECT_EQ(parse_kernel("global"), KernelKind::Global);
    EXPECT_EQ(parse_kernel("neighbours"), KernelKind::Neighbours);
    EXPECT_EQ(parse_kernel("olcm"), KernelKind::Olcm);
    EXPECT_FALSE(parse_kernel("Gaussian").has_value());
    for (const auto k : {KernelKind::Global, KernelKind::Neighbours, KernelKind::Olcm})
        EXPECT_EQ(parse_kernel(to_string(k)), k);
}
