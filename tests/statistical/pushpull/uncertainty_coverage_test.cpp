// R14: the 95% confidence interval of a mean contrast covers the true difference of two analytic
// arms at the nominal rate. Each replication builds an experiment of known truth, nested like a
// real one (structures x unidentified draws x calibrated draws x replicates, common random numbers
// within a run), summarises it with the engine's contrast(), and counts how often the interval
// holds the true mean difference. 2000 replications: the binomial SD of the rate is 0.005, so the
// band [0.93, 0.97] is 4 SD wide either side and fails only if the interval is wrong.
#include <cmath>

#include <gtest/gtest.h>

#include "models/pushpull/experiment/contrast.hpp"
#include "sim/rng.hpp"

namespace pushpull::experiment {
namespace {

struct Truth {
    double effect[3] = {-2.0, -0.5, 1.0};  ///< mean a - b in structure s (a multiverse: fixed, not sampled)
    double slope = 1.5;                     ///< the effect grows with the unidentified parameter θ ~ U(0, 1)
    double calibrated_sd = 0.8;             ///< spread of the effect between posterior draws
    double seed_sd = 2.0;                   ///< run noise shared by both arms (cancels) ...
    double own_sd = 1.0;                    ///< ... and each arm's own run noise (does not)
    /// E[a - b] with equal weights on the structures: the estimand of the stratified mean.
    [[nodiscard]] double mean(std::size_t structures) const {
        double m = 0;
        for (std::size_t s = 0; s < structures; ++s) m += effect[s];
        return m / static_cast<double>(structures) + slope * 0.5;
    }
};

/// Both arms of one analytic experiment, indexed like an arm's runs and drawn the way the engine
/// draws: unidentified draw u shared by every structure, calibrated draw (u, d) likewise, own seeds per run.
std::pair<std::vector<double>, std::vector<double>> analytic_arms(const Layout& L, const Truth& t, std::uint64_t rep) {
    std::vector<double> a(L.runs()), b(L.runs());
    for (std::size_t u = 0; u < L.unidentified; ++u) {
        sim::Rng ru(rep, 1, static_cast<std::uint32_t>(u), 0);
        const double theta = ru.uniform();
        for (std::size_t d = 0; d < L.draws; ++d) {
            sim::Rng rd(rep, 2, static_cast<std::uint32_t>(u * 100 + d), 0);
            const double cal = rd.normal(0, t.calibrated_sd);
            for (std::size_t s = 0; s < L.structures; ++s)
                for (std::size_t r = 0; r < L.replicates; ++r) {
                    const std::size_t k = ((s * L.unidentified + u) * L.draws + d) * L.replicates + r;
                    sim::Rng rr(rep, 3, static_cast<std::uint32_t>(k), 0);
                    const double shared = rr.normal(0, t.seed_sd);  // the common random numbers
                    const double level = 40.0 + 3.0 * theta + shared;
                    b[k] = level + rr.normal(0, t.own_sd);
                    a[k] = level + t.effect[s] + t.slope * theta + cal + rr.normal(0, t.own_sd);
                }
        }
    }
    return {a, b};
}

double coverage(const Layout& L, std::uint64_t salt, const Truth& t = Truth()) {
    const double truth = t.mean(L.structures);
    constexpr int kReps = 2000;
    int covered = 0;
    for (int i = 0; i < kReps; ++i) {
        const auto [a, b] = analytic_arms(L, t, salt * 100000 + static_cast<std::uint64_t>(i));
        const auto c = contrast(a, b, L);
        covered += c.ci_lo <= truth && truth <= c.ci_hi;
    }
    return static_cast<double>(covered) / kReps;
}

TEST(ConfidenceIntervalCoverage, UnidentifiedDrawsAreUnitsAcrossStructures) {
    const double rate = coverage(Layout{3, 4, 2, 3}, 1);
    EXPECT_GE(rate, 0.93);
    EXPECT_LE(rate, 0.97);
}

TEST(ConfidenceIntervalCoverage, FewCellsSmallDegreesOfFreedom) {
    const double rate = coverage(Layout{2, 3, 1, 2}, 2);  // 3 units: the t quantile with 2 df matters
    EXPECT_GE(rate, 0.93);
    EXPECT_LE(rate, 0.97);
}

TEST(ConfidenceIntervalCoverage, CalibratedDrawsAreUnitsWithoutPriors) {
    Truth t;
    t.slope = 0;
    const double rate = coverage(Layout{3, 1, 5, 2}, 3, t);  // θ is then one value, not a source of doubt
    EXPECT_GE(rate, 0.93);
    EXPECT_LE(rate, 0.97);
}

TEST(ConfidenceIntervalCoverage, OneCellRunsAreUnits) {
    // No parameter uncertainty: the replicates are the units (the plain paired t interval).
    Truth t;
    t.slope = 0;
    t.calibrated_sd = 0;
    const Layout L{1, 1, 1, 10};
    int covered = 0;
    constexpr int kReps = 2000;
    for (int i = 0; i < kReps; ++i) {
        const auto [a, b] = analytic_arms(L, t, 900000 + static_cast<std::uint64_t>(i));
        const auto c = contrast(a, b, L);
        covered += c.ci_lo <= t.mean(1) && t.mean(1) <= c.ci_hi;
    }
    const double rate = static_cast<double>(covered) / kReps;
    EXPECT_GE(rate, 0.93);
    EXPECT_LE(rate, 0.97);
}

TEST(ConfidenceIntervalCoverage, IgnoringTheNestingWouldUndercover) {
    // The same data summarised as if every run were independent (one cell of all runs): the
    // interval is too narrow, which is why draws are the units. Guards against a regression to it.
    const Truth t;
    const Layout L{1, 4, 2, 6};
    const Layout flat{1, 1, 1, L.runs()};
    int covered = 0;
    constexpr int kReps = 1000;
    for (int i = 0; i < kReps; ++i) {
        const auto [a, b] = analytic_arms(L, t, 700000 + static_cast<std::uint64_t>(i));
        const auto c = contrast(a, b, flat);
        covered += c.ci_lo <= t.mean(1) && t.mean(1) <= c.ci_hi;
    }
    EXPECT_LT(static_cast<double>(covered) / kReps, 0.90);
}

}  // namespace
}  // namespace pushpull::experiment
