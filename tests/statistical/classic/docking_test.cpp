/// Docking the classic models against known results. Every comparison uses replicates and the
/// tolerance |mean - expected| <= 4 sd / sqrt(N), with sd the sample standard deviation of the N
/// replicates (plus a small floor for quantities that are almost deterministic).
#include <gtest/gtest.h>

#include <cmath>
#include <cstdio>
#include <numeric>

#include "models/classic/models.hpp"
#include "models/classic/seeding.hpp"
#include "sim/graph/generators.hpp"

using namespace classic;

namespace {

struct Stats {
    double mean = 0.0;
    double sd = 0.0;
};

Stats stats(const std::vector<double>& x) {
    const double n = static_cast<double>(x.size());
    const double m = std::accumulate(x.begin(), x.end(), 0.0) / n;
    double ss = 0.0;
    for (const double v : x) ss += (v - m) * (v - m);
    return {m, std::sqrt(ss / (n - 1.0))};
}

/// |mean - expected| <= 4 sd / sqrt(N) + floor.
void expect_docked(const std::vector<double>& x, double expected, const std::string& what, double floor = 1e-9) {
    const auto s = stats(x);
    const double tol = 4.0 * s.sd / std::sqrt(static_cast<double>(x.size())) + floor;
    std::printf("  %-60s mean %.5f expected %.5f tol %.5f\n", what.c_str(), s.mean, expected, tol);
    EXPECT_NEAR(s.mean, expected, tol) << what << " (sd " << s.sd << ", N " << x.size() << ")";
}

const sim::Executor& executor() {
    static const sim::Executor ex(2);
    return ex;
}

sim::graph::Csr path_graph(std::uint32_t n) {
    std::vector<sim::graph::WeightedEdge> e;
    for (std::uint32_t v = 0; v + 1 < n; ++v) e.push_back({v, v + 1, 1.0});
    return sim::graph::csr_from_edges(n, e, true, false);
}

sim::graph::Csr star_graph(std::uint32_t leaves) {
    std::vector<sim::graph::WeightedEdge> e;
    for (std::uint32_t v = 1; v <= leaves; ++v) e.push_back({0, v, 1.0});
    return sim::graph::csr_from_edges(leaves + 1, e, true, false);
}

}  // namespace

/// Bass on a complete graph of n nodes, no seeds. A non-adopter sees the share A_t / (n - 1) of
/// the others adopted, so E[A_{t+1} | A_t] = A_t + (n - A_t) (p + q A_t / (n - 1)) exactly. We dock
/// the mean curve against the discrete recursion f_{t+1} = f_t + (1 - f_t)(p + q f_t n / (n - 1))
/// (the conditional expectation evaluated at the mean; the neglected Jensen term is
/// q Var(A_t) / (n (n - 1)) per step, far below the tolerance for n = 1000).
TEST(ClassicDocking, BassMeanCurveOnCompleteGraph) {
    const std::uint32_t n = 1000;
    const double p = 0.01, q = 0.4;
    const int steps = 30, reps = 200;
    const auto g = *sim::graph::complete_graph(n, false);
    std::vector<std::vector<double>> frac(steps + 1);
    for (int r = 0; r < reps; ++r) {
        const auto run = run_bass(g, {}, BassParams{p, q, steps, static_cast<std::uint64_t>(100 + r)}, executor());
        for (int t = 0; t <= steps; ++t) {
            const auto c = static_cast<std::size_t>(t) < run.cumulative.size() ? run.cumulative[static_cast<std::size_t>(t)]
                                                                                 : run.cumulative.back();
            frac[static_cast<std::size_t>(t)].push_back(static_cast<double>(c) / n);
        }
    }
    double f = 0.0;
    const double scale = static_cast<double>(n) / (n - 1.0);
    for (int t = 0; t <= steps; ++t) {
        expect_docked(frac[static_cast<std::size_t>(t)], f, "Bass F(t) at t = " + std::to_string(t), 1e-3);
        f = f + (1.0 - f) * (p + q * f * scale);
    }
}

/// Granovetter: thresholds drawn from F = Uniform(-0.2, 1.3) on a complete graph. The adopted share
/// follows r_{t+1} = F(r_t) from r_0 = 0 and stops at the smallest fixed point r = F(r):
/// r = (r + 0.2) / 1.5, so r* = 0.4 (stable: F' = 2/3 < 1).
TEST(ClassicDocking, GranovetterFixedPointOnCompleteGraph) {
    const std::uint32_t n = 2000;
    const int reps = 200;
    const auto g = *sim::graph::complete_graph(n, false);
    std::vector<double> final_share;
    for (int r = 0; r < reps; ++r) {
        const auto th = draw_thresholds({ThresholdDist::Uniform, -0.2, 1.3}, n, static_cast<std::uint64_t>(500 + r), executor());
        const auto run = run_threshold(g, {}, th, {}, executor());
        final_share.push_back(static_cast<double>(run.final_adopters()) / n);
    }
    expect_docked(final_share, 0.4, "Granovetter final share vs r = F(r)");
}

/// Independent cascade on a path of L nodes seeded at one end: node k is reached iff the k arcs
/// before it all succeed, so E[active] = sum_{k<L} p^k = (1 - p^L) / (1 - p).
TEST(ClassicDocking, CascadeOnPath) {
    const std::uint32_t len = 12;
    const double p = 0.7;
    const auto g = path_graph(len);
    const std::vector<std::uint32_t> seeds{0};
    std::vector<double> active;
    for (int r = 0; r < 20000; ++r)
        active.push_back(static_cast<double>(
            run_cascade(g, seeds, CascadeParams{p, false, 100, static_cast<std::uint64_t>(r)}, sim::Executor::serial())
                .final_adopters()));
    expect_docked(active, (1.0 - std::pow(p, len)) / (1.0 - p), "cascade on a path");
}

/// Independent cascade on a star with L leaves. Seeded at the centre: E = 1 + L p. Seeded at a
/// leaf: the centre is reached with probability p and then each other leaf with p, so
/// E = 1 + p (1 + (L - 1) p).
TEST(ClassicDocking, CascadeOnStar) {
    const std::uint32_t leaves = 50;
    const double p = 0.3;
    const auto g = star_graph(leaves);
    std::vector<double> centre, leaf;
    for (int r = 0; r < 20000; ++r) {
        const CascadeParams cp{p, false, 100, static_cast<std::uint64_t>(r)};
        centre.push_back(static_cast<double>(
            run_cascade(g, std::vector<std::uint32_t>{0}, cp, sim::Executor::serial()).final_adopters()));
        leaf.push_back(static_cast<double>(
            run_cascade(g, std::vector<std::uint32_t>{7}, cp, sim::Executor::serial()).final_adopters()));
    }
    expect_docked(centre, 1.0 + leaves * p, "cascade on a star, centre seed");
    expect_docked(leaf, 1.0 + p * (1.0 + (leaves - 1) * p), "cascade on a star, leaf seed");
}

/// SIR final size on a complete graph of n nodes. Each infective makes one Bernoulli(beta) contact
/// per arc and step and stays infectious D ~ Geometric(gamma) steps on {1, 2, ...} (E[D] = 1/gamma).
/// A susceptible escapes all Z ever-infected nodes with probability (1 - beta)^{sum D_j}
/// -> exp(-lambda Z / gamma), lambda = -ln(1 - beta). With R0 = lambda (n - 1) / gamma (= beta (n-1)
/// / gamma to O(beta): the expected infections caused by one infective in a susceptible
/// population) and z = Z / n, the final size satisfies r = 1 - exp(-R0 r) in the limit; with an
/// initial infected share eps it is z = eps + (1 - eps)(1 - exp(-R0 z n / (n - 1))), which we
/// solve by fixed-point iteration. eps = 1% makes minor outbreaks negligible.
TEST(ClassicDocking, SirFinalSizeOnCompleteGraph) {
    const std::uint32_t n = 3000;
    const double gamma = 0.25, r0 = 2.0, eps = 0.01;
    const double lambda = r0 * gamma / (n - 1.0);
    const double beta = -std::expm1(-lambda);
    const auto g = *sim::graph::complete_graph(n, false);
    std::vector<double> final_size;
    for (int r = 0; r < 200; ++r) {
        const auto seeds = seeds_random_fraction(n, eps, static_cast<std::uint64_t>(r));
        const auto run = run_sir(g, seeds, SirParams{beta, gamma, false, 10000, static_cast<std::uint64_t>(900 + r)}, executor());
        EXPECT_EQ(run.infected.back(), 0);
        final_size.push_back(static_cast<double>(run.ever_infected()) / n);
    }
    double z = 0.5;
    for (int i = 0; i < 200; ++i) z = eps + (1.0 - eps) * (1.0 - std::exp(-r0 * z * n / (n - 1.0)));
    EXPECT_NEAR(z, 0.80, 0.02);  // sanity: the pure relation r = 1 - exp(-2 r) gives 0.797
    expect_docked(final_size, z, "SIR final size vs z = eps + (1 - eps)(1 - exp(-R0 z))");
}
