#include <gtest/gtest.h>

#include "sim/graph/edge_list.hpp"

namespace gr = sim::graph;

namespace {

std::string first_where(const sim::Error& e) { return e.diagnostics.empty() ? "" : e.diagnostics.front().where; }

}  // namespace

TEST(EdgeList, ParsesCsvWithHeaderAndWeights) {
    const auto r = gr::parse_edge_list("source,target,weight\na,b,1.5\nb,c,2\n", "net.csv");
    ASSERT_TRUE(r) << r.error().message();
    EXPECT_EQ(r->names, (std::vector<std::string>{"a", "b", "c"}));
    ASSERT_EQ(r->edges.size(), 2U);
    EXPECT_TRUE(r->weighted);
    EXPECT_DOUBLE_EQ(r->edges[0].weight, 1.5);
    const auto g = r->to_csr();
    EXPECT_EQ(g.num_arcs(), 4U);  // undirected: both directions
    EXPECT_EQ(g.degree(1), 2U);
}

TEST(EdgeList, WhitespaceIntegerIdsFollowNumericOrderAndSkipComments) {
    const auto r = gr::parse_edge_list("# comment\n10 2\n\n2\t5\n", "net.txt", {.directed = true});
    ASSERT_TRUE(r) << r.error().message();
    EXPECT_EQ(r->names, (std::vector<std::string>{"2", "5", "10"}));
    EXPECT_FALSE(r->weighted);
    const auto g = r->to_csr();
    EXPECT_EQ(g.num_arcs(), 2U);
    EXPECT_EQ(g.neighbours(2)[0], 0U);  // 10 -> 2
}

TEST(EdgeList, MalformedLinesReportFileAndLine) {
    const auto r = gr::parse_edge_list("a b\nc\nd e f g\n", "bad.txt");
    ASSERT_FALSE(r);
    EXPECT_EQ(r.error().kind, sim::ErrorKind::BadInput);
    ASSERT_EQ(r.error().diagnostics.size(), 2U);
    EXPECT_EQ(r.error().diagnostics[0].where, "bad.txt:2");
    EXPECT_EQ(r.error().diagnostics[1].where, "bad.txt:3");
}

TEST(EdgeList, NegativeAndNonNumericWeightsAreErrors) {
    const auto r = gr::parse_edge_list("a,b,1\nb,c,-2\nc,d,heavy\n", "w.csv");
    ASSERT_FALSE(r);
    ASSERT_EQ(r.error().diagnostics.size(), 2U);
    EXPECT_EQ(r.error().diagnostics[0].where, "w.csv:2");
    EXPECT_NE(r.error().diagnostics[0].what.find("negative"), std::string::npos);
    EXPECT_EQ(r.error().diagnostics[1].where, "w.csv:3");
    EXPECT_NE(r.error().diagnostics[1].what.find("not a number"), std::string::npos);
}

TEST(EdgeList, MixedWeightColumnsAreErrors) {
    const auto r = gr::parse_edge_list("a b 1\nb c\n", "m.txt");
    ASSERT_FALSE(r);
    EXPECT_EQ(first_where(r.error()), "m.txt:2");
}

TEST(EdgeList, SelfLoopsForbiddenByDefault) {
    const auto r = gr::parse_edge_list("a b\nc c\n", "s.txt");
    ASSERT_FALSE(r);
    EXPECT_EQ(first_where(r.error()), "s.txt:2");
    const auto ok = gr::parse_edge_list("a b\nc c\n", "s.txt", {.allow_self_loops = true});
    EXPECT_TRUE(ok);
}

TEST(EdgeList, DuplicatePolicies) {
    const std::string text = "a,b,1\nb,a,2\n";
    const auto err = gr::parse_edge_list(text, "d.csv");
    ASSERT_FALSE(err);
    EXPECT_EQ(first_where(err.error()), "d.csv:2");
    EXPECT_NE(err.error().diagnostics[0].what.find("first at line 1"), std::string::npos);
    // Directed: a->b and b->a are distinct.
    EXPECT_TRUE(gr::parse_edge_list(text, "d.csv", {.directed = true}));
    const auto first = gr::parse_edge_list(text, "d.csv", {.duplicates = gr::DuplicatePolicy::First});
    ASSERT_TRUE(first);
    ASSERT_EQ(first->edges.size(), 1U);
    EXPECT_DOUBLE_EQ(first->edges[0].weight, 1.0);
    const auto sum = gr::parse_edge_list(text, "d.csv", {.duplicates = gr::DuplicatePolicy::Sum});
    ASSERT_TRUE(sum);
    EXPECT_DOUBLE_EQ(sum->edges[0].weight, 3.0);
}

TEST(EdgeList, MissingFileIsIoError) {
    const auto r = gr::read_edge_list("/nonexistent/edges.csv");
    ASSERT_FALSE(r);
    EXPECT_EQ(r.error().kind, sim::ErrorKind::Io);
}

TEST(EdgeList, ShippedExampleParses) {
    const auto r = gr::read_edge_list(std::string(PUSHPULL_SOURCE_DIR) + "/scenarios/networks/example_edges.csv");
    ASSERT_TRUE(r) << r.error().message();
    EXPECT_GT(r->edges.size(), 10U);
}
