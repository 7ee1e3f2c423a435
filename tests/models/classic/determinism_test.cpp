#include <gtest/gtest.h>

#include "models/classic/models.hpp"
#include "models/classic/seeding.hpp"
#include "sim/graph/generators.hpp"
#include "sim/rng.hpp"

using namespace classic;

namespace {

/// A weighted copy of g (weights in (0, 1], symmetric is not required for these tests).
sim::graph::Csr with_weights(sim::graph::Csr g) {
    g.weights.resize(g.num_arcs());
    for (std::size_t a = 0; a < g.num_arcs(); ++a)
        g.weights[a] = sim::Rng(9, 0, static_cast<std::uint32_t>(a), 77).uniform();
    return g;
}

std::vector<sim::Executor> executors() {
    std::vector<sim::Executor> ex;
    ex.push_back(sim::Executor::serial());
    ex.emplace_back(1);
    ex.emplace_back(2);
    ex.emplace_back(4);
    return ex;
}

template <class Run>
void expect_same_for_all_executors(Run&& run) {
    auto ex = executors();
    const auto ref = run(ex[0]);
    for (std::size_t i = 1; i < ex.size(); ++i) {
        const auto got = run(ex[i]);
        EXPECT_EQ(got, ref) << "executor " << i << " (" << ex[i].threads() << " threads) differs from serial";
    }
}

struct Fixture {
    sim::graph::Csr g = *sim::graph::erdos_renyi_gnm(30000, 150000, false, 5);
    sim::graph::Csr gd = *sim::graph::erdos_renyi_gnm(30000, 300000, true, 6);
    sim::graph::Csr gw = with_weights(*sim::graph::erdos_renyi_gnm(30000, 150000, true, 7));
    std::vector<std::uint32_t> seeds = seeds_random_fraction(30000, 0.002, 1);
};

const Fixture& fx() {
    static const Fixture f;
    return f;
}

std::pair<std::vector<std::int32_t>, std::vector<std::int64_t>> key(const AdoptionRun& r) {
    return {r.adoption_step, r.cumulative};
}

}  // namespace

TEST(Determinism, BassSameForSerialAnd124Threads) {
    for (const auto* g : {&fx().g, &fx().gw}) {
        expect_same_for_all_executors([&](const sim::Executor& ex) {
            return key(run_bass(*g, fx().seeds, BassParams{0.002, 0.4, 60, 3}, ex));
        });
    }
}

TEST(Determinism, ThresholdSameForSerialAnd124Threads) {
    for (const auto* g : {&fx().g, &fx().gd, &fx().gw}) {
        expect_same_for_all_executors([&](const sim::Executor& ex) {
            const auto th = draw_thresholds({ThresholdDist::Normal, 0.18, 0.08}, g->num_vertices(), 4, ex);
            const auto r = run_threshold(*g, fx().seeds, th, {}, ex);
            EXPECT_GT(r.final_adopters(), 100);
            return key(r);
        });
    }
}

TEST(Determinism, CascadeSameForSerialAnd124Threads) {
    expect_same_for_all_executors([&](const sim::Executor& ex) {
        const auto r = run_cascade(fx().g, fx().seeds, CascadeParams{0.3, false, 1000, 8}, ex);
        EXPECT_GT(r.final_adopters(), 1000);
        return key(r);
    });
    expect_same_for_all_executors([&](const sim::Executor& ex) {
        return key(run_cascade(fx().gw, fx().seeds, CascadeParams{0.0, true, 1000, 8}, ex));
    });
}

TEST(Determinism, SirSameForSerialAnd124Threads) {
    expect_same_for_all_executors([&](const sim::Executor& ex) {
        const auto r = run_sir(fx().gd, fx().seeds, SirParams{0.05, 0.2, false, 1000, 2}, ex);
        EXPECT_GT(r.ever_infected(), 1000);
        return std::make_tuple(r.infection_step, r.recovery_step, r.infected, r.recovered);
    });
}

TEST(Determinism, DifferentSeedsGiveDifferentRuns) {
    const auto ex = sim::Executor::serial();
    const auto a = run_cascade(fx().g, fx().seeds, CascadeParams{0.3, false, 1000, 8}, ex);
    const auto b = run_cascade(fx().g, fx().seeds, CascadeParams{0.3, false, 1000, 9}, ex);
    EXPECT_NE(a.adoption_step, b.adoption_step);
}

TEST(Models, ThresholdOnPathAdvancesOneHopPerStep) {
    // Path 0-1-2-3-4, threshold 0.5: node 1 sees 1 of 2 neighbours adopted, so adopts, etc.
    const auto g = sim::graph::csr_from_edges(
        5, std::vector<sim::graph::WeightedEdge>{{0, 1}, {1, 2}, {2, 3}, {3, 4}}, true, false);
    const std::vector<double> th(5, 0.5);
    const std::vector<std::uint32_t> seeds{0};
    const auto r = run_threshold(g, seeds, th, {}, sim::Executor::serial());
    EXPECT_EQ(r.adoption_step, (std::vector<std::int32_t>{0, 1, 2, 3, 4}));
    EXPECT_EQ(r.cumulative, (std::vector<std::int64_t>{1, 2, 3, 4, 5}));
    // Threshold 0.6 blocks at node 1 (1/2 < 0.6).
    const std::vector<double> hi(5, 0.6);
    EXPECT_EQ(run_threshold(g, seeds, hi, {}, sim::Executor::serial()).final_adopters(), 1);
}

TEST(Models, CascadeWithPOneFloodsComponent) {
    const auto g = sim::graph::csr_from_edges(
        6, std::vector<sim::graph::WeightedEdge>{{0, 1}, {1, 2}, {2, 3}, {4, 5}}, true, false);
    const std::vector<std::uint32_t> seeds{1};
    const auto r = run_cascade(g, seeds, CascadeParams{1.0, false, 100, 1}, sim::Executor::serial());
    EXPECT_EQ(r.adoption_step, (std::vector<std::int32_t>{1, 0, 1, 2, kNever, kNever}));
}

TEST(Models, SirBookkeepingIsConsistent) {
    const auto ex = sim::Executor::serial();
    const auto r = run_sir(fx().g, fx().seeds, SirParams{0.1, 0.3, false, 1000, 5}, ex);
    for (std::size_t t = 0; t < r.infected.size(); ++t)
        EXPECT_EQ(r.susceptible[t] + r.infected[t] + r.recovered[t], 30000);
    EXPECT_EQ(r.infected.back(), 0);
    std::int64_t ever = 0;
    for (const auto s : r.infection_step) ever += s != kNever;
    EXPECT_EQ(ever, r.ever_infected());
}

TEST(Determinism, ThresholdAndCascadeOnHubGraphSameFor124Threads) {
    // Barabási–Albert hubs exceed in-degree 125, so threshold counts in int16 instead of int8.
    const auto g = *sim::graph::barabasi_albert(20000, 3, 11);
    std::uint32_t max_deg = 0;
    for (std::uint32_t v = 0; v < g.num_vertices(); ++v) max_deg = std::max(max_deg, static_cast<std::uint32_t>(g.degree(v)));
    ASSERT_GT(max_deg, 125U);
    const auto seeds = seeds_random_fraction(20000, 0.003, 2);
    expect_same_for_all_executors([&](const sim::Executor& ex) {
        const auto th = draw_thresholds({ThresholdDist::Uniform, 0.05, 0.4}, g.num_vertices(), 6, ex);
        const auto r = run_threshold(g, seeds, th, {}, ex);
        EXPECT_GT(r.final_adopters(), 100);
        return key(r);
    });
    expect_same_for_all_executors([&](const sim::Executor& ex) {
        const auto r = run_cascade(g, seeds, CascadeParams{0.15, false, 1000, 3}, ex);
        EXPECT_EQ(r.cumulative.back(), r.final_adopters());
        return std::make_tuple(r.adoption_step, r.cumulative, r.edge_visits, r.target_reads);
    });
}
