#include <gtest/gtest.h>

#include <set>

#include "sim/graph/generators.hpp"

namespace gr = sim::graph;

namespace {

/// No self-loops, no repeated arcs, rows sorted, undirected graphs symmetric.
void expect_simple(const gr::Csr& g) {
    std::set<std::pair<std::uint32_t, std::uint32_t>> arcs;
    for (std::uint32_t u = 0; u < g.num_vertices(); ++u) {
        const auto nb = g.neighbours(u);
        for (std::size_t i = 0; i < nb.size(); ++i) {
            ASSERT_NE(nb[i], u) << "self-loop at " << u;
            if (i > 0) {
                ASSERT_LT(nb[i - 1], nb[i]) << "row " << u << " unsorted or repeated";
            }
            arcs.emplace(u, nb[i]);
        }
    }
    if (g.directed) return;
    for (const auto& [u, v] : arcs) {
        ASSERT_TRUE(arcs.count({v, u})) << u << "-" << v << " not symmetric";
    }
}

}  // namespace

TEST(Generators, CompleteGraph) {
    const auto g = gr::complete_graph(7, false);
    ASSERT_TRUE(g);
    EXPECT_EQ(g->num_edges(), 21U);
    expect_simple(*g);
    const auto d = gr::complete_graph(7, true);
    EXPECT_EQ(d->num_edges(), 42U);
}

TEST(Generators, GnmHasExactlyMEdges) {
    for (const bool directed : {false, true}) {
        const auto g = gr::erdos_renyi_gnm(500, 2000, directed, 7);
        ASSERT_TRUE(g);
        EXPECT_EQ(g->num_edges(), 2000U);
        expect_simple(*g);
    }
    // Dense corner: every pair.
    const auto full = gr::erdos_renyi_gnm(20, 190, false, 3);
    ASSERT_TRUE(full);
    EXPECT_EQ(full->num_edges(), 190U);
    expect_simple(*full);
    EXPECT_FALSE(gr::erdos_renyi_gnm(20, 191, false, 3));
}

TEST(Generators, GnpEdgeCountWithinFourSd) {
    const std::size_t n = 2000;
    const double p = 0.005;
    const auto g = gr::erdos_renyi_gnp(n, p, false, 11);
    ASSERT_TRUE(g);
    expect_simple(*g);
    const double pairs = static_cast<double>(n * (n - 1) / 2);
    const double mean = pairs * p;
    const double sd = std::sqrt(pairs * p * (1 - p));
    EXPECT_NEAR(static_cast<double>(g->num_edges()), mean, 4 * sd);
    const auto d = gr::erdos_renyi_gnp(n, p, true, 11);
    expect_simple(*d);
    EXPECT_NEAR(static_cast<double>(d->num_edges()), 2 * mean, 4 * std::sqrt(2.0) * sd);
}

TEST(Generators, BarabasiAlbertEdgeCountAndHubs) {
    const std::size_t n = 3000, m = 3;
    const auto g = gr::barabasi_albert(n, m, 5);
    ASSERT_TRUE(g);
    expect_simple(*g);
    EXPECT_EQ(g->num_edges(), m * (m + 1) / 2 + (n - m - 1) * m);
    std::size_t max_deg = 0;
    for (std::uint32_t v = 0; v < n; ++v) max_deg = std::max(max_deg, g->degree(v));
    EXPECT_GT(max_deg, 40U);  // heavy tail: far above the mean degree 6
}

TEST(Generators, WattsStrogatzKeepsEdgeCount) {
    const auto lattice = gr::watts_strogatz(100, 6, 0.0, 1);
    ASSERT_TRUE(lattice);
    EXPECT_EQ(lattice->num_edges(), 300U);
    for (std::uint32_t v = 0; v < 100; ++v) EXPECT_EQ(lattice->degree(v), 6U);
    const auto g = gr::watts_strogatz(1000, 10, 0.2, 9);
    ASSERT_TRUE(g);
    EXPECT_EQ(g->num_edges(), 5000U);
    expect_simple(*g);
    EXPECT_FALSE(gr::watts_strogatz(10, 3, 0.1, 1));
}

TEST(Generators, DeterministicFromSeed) {
    EXPECT_EQ(gr::erdos_renyi_gnm(1000, 4000, false, 42)->targets, gr::erdos_renyi_gnm(1000, 4000, false, 42)->targets);
    EXPECT_NE(gr::erdos_renyi_gnm(1000, 4000, false, 42)->targets, gr::erdos_renyi_gnm(1000, 4000, false, 43)->targets);
    EXPECT_EQ(gr::erdos_renyi_gnp(1000, 0.01, true, 4)->targets, gr::erdos_renyi_gnp(1000, 0.01, true, 4)->targets);
    EXPECT_EQ(gr::barabasi_albert(1000, 2, 4)->targets, gr::barabasi_albert(1000, 2, 4)->targets);
    EXPECT_EQ(gr::watts_strogatz(1000, 4, 0.3, 4)->targets, gr::watts_strogatz(1000, 4, 0.3, 4)->targets);
}

TEST(Generators, CsrHelpers) {
    const auto g = gr::erdos_renyi_gnm(200, 800, true, 1);
    const auto r = gr::reverse(*g);
    EXPECT_EQ(r.num_arcs(), g->num_arcs());
    const auto back = gr::reverse(r);
    EXPECT_EQ(back.targets, g->targets);
    EXPECT_EQ(back.offsets, g->offsets);
    const auto net = gr::to_network(*g);
    EXPECT_EQ(net.num_edges(), g->num_arcs());
    const auto again = gr::csr_from_network(net, true);
    EXPECT_EQ(again.targets, g->targets);
}
