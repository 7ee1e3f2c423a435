// Analytic docking of the push–pull model (MODEL.md §8) on synthetic worlds
// (tests/models/pushpull/synthetic_world.hpp). Tolerance: |mean − μ| ≤ 4·sd/√N, with sd estimated
// from N independent replicates (different seeds), unless a binomial bound is stated.
#include <gtest/gtest.h>

#include <array>
#include <cmath>
#include <numeric>
#include <vector>

#include "models/pushpull/rules/rules.hpp"
#include "models/pushpull/simulation.hpp"
#include "sim/parallel.hpp"
#include "tests/models/pushpull/synthetic_world.hpp"

namespace pushpull {
namespace {

struct MeanSd {
    double mean = 0, sd = 0;
    std::size_t n = 0;
    double tolerance() const { return 4.0 * sd / std::sqrt(static_cast<double>(n)); }
};

MeanSd mean_sd(const std::vector<double>& x) {
    MeanSd m;
    m.n = x.size();
    m.mean = std::accumulate(x.begin(), x.end(), 0.0) / static_cast<double>(m.n);
    double sq = 0;
    for (double v : x) sq += (v - m.mean) * (v - m.mean);
    m.sd = std::sqrt(sq / static_cast<double>(m.n - 1));
    return m;
}

/// Runs the full schedule and returns the event log.
std::vector<Event> run_events(const World& w, const Params& p) {
    const auto ex = sim::Executor::serial();
    Simulation sim(w, p, ex);
    sim.run();
    return sim.events();
}

// §8.1 Only the baseline tender hazard is active (every β = 0, covariates zero, vendors without
// capacity so no tender is ever answered): the step of each city's first tender is geometric on
// {0, 1, ...} with per-step probability q = 1 − exp(−e^α·Δt), mean (1 − q)/q and P(T = 0) = q.
TEST(Docking, FirstTenderStepIsGeometricUnderTheBaselineHazard) {
    auto p = test::quiet_params();
    p.alpha_tender = std::log(0.8);  // 0.8 tenders per year
    const double q = 1.0 - std::exp(-0.8 * 0.25);
    const std::size_t cities = 500, steps = 160, replicates = 30;  // P(censored) = (1-q)^160 ≈ 1e-14
    const World w = test::synthetic_world({.countries = 5, .cities_per_country = cities / 5, .steps = steps}, p);
    std::vector<double> mean_step, share_first;
    for (std::size_t r = 0; r < replicates; ++r) {
        p.seed = 1000 + r;
        std::vector<long> first(cities, -1);
        for (const auto& e : run_events(w, p))
            if (e.kind == EventKind::Tender && first[static_cast<std::size_t>(e.city)] < 0)
                first[static_cast<std::size_t>(e.city)] = e.step;
        double sum = 0, zero = 0;
        for (long f : first) {
            ASSERT_GE(f, 0) << "a city never tendered in " << steps << " steps";
            sum += static_cast<double>(f);
            zero += f == 0 ? 1.0 : 0.0;
        }
        mean_step.push_back(sum / static_cast<double>(cities));
        share_first.push_back(zero / static_cast<double>(cities));
    }
    const auto m = mean_sd(mean_step);
    EXPECT_NEAR(m.mean, (1.0 - q) / q, m.tolerance()) << "sd " << m.sd;
    const auto z = mean_sd(share_first);
    EXPECT_NEAR(z.mean, q, z.tolerance()) << "sd " << z.sd;
}

// §8.2 Bass-type peer effect on a complete graph. The model's tender hazard is the only active
// driver, with exposure E_i = committed neighbours / (n − 1). To make a tender a commitment, one
// vendor has capacity for every city and an overwhelming utility (α0 = 40), the gate and contest
// are off, so a city that tenders in step t signs in step t and stays committed. Then, with
// F_t the committed share at the start of step t, the mean-field recursion is
//   F_{t+1} = F_t + (1 − F_t)·(1 − exp(−exp(α + β_N·F_t·n/(n−1))·Δt)),
// the discrete Bass curve (innovation e^α, imitation through β_N). We compare the mean over
// replicates of the committed share after each step with the recursion. The recursion is the exact
// conditional mean of one step; over many steps it neglects the O(1/n) Jensen term, which at
// n = 400 is well below the replicate tolerance.
TEST(Docking, CommittedShareOnACompleteGraphFollowsTheMeanFieldBassRecursion) {
    auto p = test::quiet_params();
    const double alpha = std::log(0.05), beta_n = 4.0, dt = 0.25;
    p.alpha_tender = alpha;
    p.beta_peer = beta_n;
    p.alpha0 = 40.0;
    p.vendors[kHuawei].capacity = 1e4;
    const std::size_t n = 400, steps = 40, replicates = 30;
    const World w = test::synthetic_world({.countries = 1, .cities_per_country = n, .steps = steps, .net = test::Net::Complete}, p);

    std::vector<std::vector<double>> share(steps);  // [step][replicate]
    for (std::size_t r = 0; r < replicates; ++r) {
        p.seed = 5000 + r;
        std::vector<double> awards(steps, 0.0);
        std::size_t tenders = 0, awards_total = 0;
        for (const auto& e : run_events(w, p)) {
            if (e.kind == EventKind::Award) {
                awards[static_cast<std::size_t>(e.step)] += 1.0;
                ++awards_total;
            }
            tenders += e.kind == EventKind::Tender;
            ASSERT_NE(e.kind, EventKind::Cancel);
        }
        ASSERT_EQ(tenders, awards_total) << "every tender must be answered by a signature";
        double cum = 0;
        for (std::size_t t = 0; t < steps; ++t) {
            cum += awards[t];
            share[t].push_back(cum / static_cast<double>(n));
        }
    }
    double f = 0.0;
    const double nn = static_cast<double>(n) / static_cast<double>(n - 1);
    std::size_t checked = 0;
    for (std::size_t t = 0; t < steps; ++t) {
        f += (1.0 - f) * (1.0 - std::exp(-std::exp(alpha + beta_n * f * nn) * dt));
        const auto m = mean_sd(share[t]);
        if (m.sd == 0.0) continue;  // saturated
        ++checked;
        EXPECT_NEAR(m.mean, f, m.tolerance()) << "step " << t << ", sd " << m.sd;
    }
    EXPECT_GT(checked, steps / 2);
    EXPECT_GT(f, 0.9);  // the curve takes off: the peer term matters
}

// §8.5 Logit choice with fixed utilities: a city with offers from three vendors,
// V_v = α0 − β_P·price_v (cost = budget, every other term zero), chooses v with probability
// exp(V_v)/(1 + Σ exp(V)). Each (city, seed) is an independent draw; the frequency must lie within
// 4 binomial SD of the closed form, for every vendor and for the outside option.
TEST(Docking, ChoiceFrequenciesMatchTheLogitClosedForm) {
    auto p = test::quiet_params();
    p.alpha0 = 1.0;
    p.beta_price = 1.0;
    const std::array<std::size_t, 3> offered = {kHuawei, 1, 5};  // Huawei, ZTE, Western
    const std::array<double, 3> price = {0.7, 1.5, 2.2};         // V = 0.3, -0.5, -1.2
    for (std::size_t k = 0; k < 3; ++k) p.vendors[offered[k]].price = price[k];
    const std::size_t cities = 4000, seeds = 50;
    World w = test::synthetic_world({.countries = 1, .cities_per_country = cities, .steps = 1}, p);
    w.cities.cost_usd = w.cities.budget_usd;

    std::array<double, 4> expected{};
    double denom = 1.0;
    for (std::size_t k = 0; k < 3; ++k) denom += std::exp(p.alpha0 - price[k]);
    for (std::size_t k = 0; k < 3; ++k) expected[k] = std::exp(p.alpha0 - price[k]) / denom;
    expected[3] = 1.0 / denom;

    std::array<double, 4> count{};
    for (std::size_t s = 0; s < seeds; ++s) {
        p.seed = 77 + s;
        State state;
        state.cities.resize(cities);
        state.countries.resize(1);
        Scratch scratch;
        scratch.resize(cities, 1);
        for (std::size_t i = 0; i < cities; ++i)
            for (auto v : offered) scratch.offer[i * kVendors + v] = 1;
        const StepContext ctx{w, p, state, scratch, 0};
        for (std::size_t i = 0; i < cities; ++i) {
            rules::choose_offer(ctx, i);
            const auto v = state.cities.vendor[i];
            std::size_t k = 3;
            for (std::size_t j = 0; j < 3; ++j)
                if (v == static_cast<std::int8_t>(offered[j])) k = j;
            if (k == 3) {
                ASSERT_EQ(v, -1);
            }
            count[k] += 1.0;
        }
    }
    const double total = static_cast<double>(cities * seeds);
    for (std::size_t k = 0; k < 4; ++k) {
        const double sd = std::sqrt(expected[k] * (1.0 - expected[k]) / total);
        EXPECT_NEAR(count[k] / total, expected[k], 4.0 * sd) << (k < 3 ? kVendorIds[offered[k]] : "outside option");
    }
}

}  // namespace
}  // namespace pushpull
