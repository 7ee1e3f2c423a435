#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>

#include "models/classic/seeding.hpp"
#include "sim/graph/generators.hpp"

using namespace classic;

TEST(Seeding, RandomFractionExactCountSortedDeterministic) {
    for (const double f : {0.001, 0.3, 1.0}) {
        const auto s = seeds_random_fraction(10000, f, 3);
        EXPECT_EQ(s.size(), static_cast<std::size_t>(std::llround(f * 10000)));
        EXPECT_TRUE(std::is_sorted(s.begin(), s.end()));
        EXPECT_EQ(std::adjacent_find(s.begin(), s.end()), s.end());
        EXPECT_EQ(s, seeds_random_fraction(10000, f, 3));
    }
    EXPECT_NE(seeds_random_fraction(10000, 0.01, 3), seeds_random_fraction(10000, 0.01, 4));
}

TEST(Seeding, TopDegree) {
    const auto star = sim::graph::csr_from_edges(
        5, std::vector<sim::graph::WeightedEdge>{{0, 4}, {1, 4}, {2, 4}, {3, 4}, {0, 1}}, true, false);
    EXPECT_EQ(seeds_top_degree(star, 1), (std::vector<std::uint32_t>{4}));
    EXPECT_EQ(seeds_top_degree(star, 3), (std::vector<std::uint32_t>{0, 1, 4}));  // ties: smaller id
    EXPECT_EQ(seeds_top_degree(star, 99).size(), 5U);
}

TEST(Seeding, ListedNamesAndUnknownNames) {
    const std::vector<std::string> names{"alice", "bob", "carol"};
    const auto ok = seeds_from_list(names, 3, "carol, alice", "s.toml: seeds.nodes");
    ASSERT_TRUE(ok);
    EXPECT_EQ(*ok, (std::vector<std::uint32_t>{0, 2}));
    const auto bad = seeds_from_list(names, 3, "alice dave erin", "s.toml: seeds.nodes");
    ASSERT_FALSE(bad);
    EXPECT_EQ(bad.error().kind, sim::ErrorKind::BadInput);
    ASSERT_EQ(bad.error().diagnostics.size(), 2U);
    EXPECT_EQ(bad.error().diagnostics[0].where, "s.toml: seeds.nodes");
    EXPECT_NE(bad.error().diagnostics[0].what.find("dave"), std::string::npos);
    // Unnamed (generated) nodes are addressed by id.
    EXPECT_EQ(*seeds_from_list({}, 10, "3 7", "x"), (std::vector<std::uint32_t>{3, 7}));
    EXPECT_FALSE(seeds_from_list({}, 10, "10", "x"));
}

TEST(Seeding, SeedFileReportsLine) {
    const auto path = std::filesystem::path(PUSHPULL_TEST_TMP) / "classic_seeds.txt";
    {
        std::ofstream f(path);
        f << "# seeds\nalice\n\nzed\n";
    }
    const std::vector<std::string> names{"alice", "bob"};
    const auto r = seeds_from_file(names, 2, path);
    ASSERT_FALSE(r);
    EXPECT_EQ(r.error().diagnostics[0].where, path.string() + ":4");
}
