// The edge-list reader's integer fast path must give exactly what the general reader gives: the
// same adjacency, names and weights on success, and (by declining) the same diagnostics otherwise.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <random>
#include <string>
#include <vector>

#include "sim/graph/edge_list.hpp"
#include "sim/graph/edge_list_fast.hpp"
#include "sim/io/input_file.hpp"

namespace gr = sim::graph;

namespace {

std::string messages(const sim::Error& e) {
    std::string s;
    for (const auto& d : e.diagnostics) s += d.where + ": " + d.what + "\n";
    return s + e.message();
}

/// parse_edge_list_csr agrees with parse_edge_list + to_csr; returns whether the fast path took it.
bool agrees(const std::string& text, const gr::EdgeListOptions& opt = {}) {
    const auto general = gr::parse_edge_list(text, "t.txt", opt);
    const auto csr = gr::parse_edge_list_csr(text, "t.txt", opt);
    EXPECT_EQ(general.has_value(), csr.has_value()) << text;
    if (general && csr) {
        const auto g = general->to_csr();
        EXPECT_EQ(g.offsets, csr->graph.offsets) << text;
        EXPECT_EQ(g.targets, csr->graph.targets) << text;
        EXPECT_EQ(g.weights, csr->graph.weights) << text;
        EXPECT_EQ(g.directed, csr->graph.directed) << text;
        EXPECT_EQ(general->names, csr->names) << text;
        EXPECT_EQ(general->weighted, csr->weighted) << text;
    } else if (!general && !csr) {
        EXPECT_EQ(messages(general.error()), messages(csr.error())) << text;
    }
    return gr::detail::parse_integer_edge_list(text, opt).has_value();
}

std::filesystem::path temp_file(const std::string& name, const std::string& text) {
    const std::filesystem::path p = std::filesystem::path(PUSHPULL_TEST_TMP) / name;
    std::ofstream(p, std::ios::binary) << text;
    return p;
}

}  // namespace

TEST(EdgeListCsr, FastPathTakesCanonicalIntegerLists) {
    EXPECT_TRUE(agrees("0 1\n1 2\n2 0\n"));
    EXPECT_TRUE(agrees("# comment\n\n10 2\n  2\t5  \r\n"));
    EXPECT_TRUE(agrees("source,target\n3,1\n1 , 2\n"));
    EXPECT_TRUE(agrees("u v w\n1 2 0.5\n2 3 1e-3\n"));
    EXPECT_TRUE(agrees("1,2,0.25\n2,3,2\n3,4,-0\n"));
    EXPECT_TRUE(agrees("1 2\n2 1\n", {.directed = true}));
    EXPECT_TRUE(agrees("4294967295 0\n7 4294967295"));           // largest id; no final newline
    EXPECT_TRUE(agrees("1000000000 5\n5 3000000000\n3 4\n"));   // sparse ids: looked up by search
    EXPECT_TRUE(agrees("node1 node2 weight extra\n1 2\n"));      // a 4-field header leaves weights open
}

TEST(EdgeListCsr, EverythingElseGoesToTheGeneralReader) {
    // Declined by the fast path; the answer (value or diagnostics) is still the general one.
    EXPECT_FALSE(agrees("07 1\n7 2\n"));          // "07" and "7" are different names
    EXPECT_FALSE(agrees("-1 2\n"));
    EXPECT_FALSE(agrees("+1 2\n"));
    EXPECT_FALSE(agrees("a b\n1 2\n"));
    EXPECT_FALSE(agrees("1 2\n2 1\n"));           // duplicate (undirected)
    EXPECT_FALSE(agrees("1 2\n2 1\n", {.duplicates = gr::DuplicatePolicy::Sum}));
    EXPECT_FALSE(agrees("1 2 1\n1 2 2\n", {.directed = true, .duplicates = gr::DuplicatePolicy::First}));
    EXPECT_FALSE(agrees("1 1\n"));
    EXPECT_FALSE(agrees("1 1\n1 2\n", {.allow_self_loops = true}));
    EXPECT_FALSE(agrees("1 2 3 4\n"));
    EXPECT_FALSE(agrees("1 2,3\n"));
    EXPECT_FALSE(agrees("1,2 3\n"));
    EXPECT_FALSE(agrees("1,2,\n"));
    EXPECT_FALSE(agrees("1,,2\n"));
    EXPECT_FALSE(agrees("1\n"));
    EXPECT_FALSE(agrees("1 2 x\n"));
    EXPECT_FALSE(agrees("1 2 inf\n"));
    EXPECT_FALSE(agrees("1 2 -1\n"));
    EXPECT_FALSE(agrees("1 2 1\n2 3\n"));         // mixed weight columns
    EXPECT_FALSE(agrees("source,target,weight\n1,2\n"));
    EXPECT_FALSE(agrees("1.0 2\n"));
    EXPECT_FALSE(agrees("4294967296 1\n"));       // beyond 32 bits
    EXPECT_FALSE(agrees("12345678901234567890123 1\n"));
    EXPECT_FALSE(agrees(std::string("1 2\0", 4) + "\n"));
    EXPECT_FALSE(agrees("1 2 # trailing comment\n"));
    EXPECT_FALSE(agrees("12a 3\n"));               // ids that run on into letters are names
    EXPECT_FALSE(agrees("1 2x\n"));
    EXPECT_FALSE(agrees("1,2x\n"));
    EXPECT_FALSE(agrees("1 2 ,3\n"));
    EXPECT_FALSE(agrees("1 23.5\n"));              // "23.5" is a name, not id 23 and weight .5
    EXPECT_FALSE(agrees("1 2 \n3\n"));
    EXPECT_FALSE(agrees("123456789 1\n1 2a\n"));    // a long id (byte loop), then a bad line
    EXPECT_FALSE(agrees(""));
    EXPECT_FALSE(agrees("# only a comment\nsource target\n"));
}

TEST(EdgeListCsr, RandomTextsAgreeWithTheGeneralReader) {
    std::mt19937_64 rng(20240601);
    const std::vector<std::string> seps = {" ", "\t", ",", " , ", "  "};
    int fast = 0;
    for (int round = 0; round < 400; ++round) {
        std::string text;
        const bool header = rng() % 4 == 0;
        const bool weighted = rng() % 3 == 0;
        const auto& sep = seps[rng() % seps.size()];
        if (header) text += weighted ? "source,target,weight\n" : "from to\n";
        const std::uint64_t span = 1 + rng() % (rng() % 2 ? 20 : 1000000);
        const int lines = 1 + static_cast<int>(rng() % 40);
        for (int l = 0; l < lines; ++l) {
            switch (rng() % 40) {
            case 0: text += "# note\n"; continue;
            case 1: text += "\n"; continue;
            case 2: text += "0" + std::to_string(rng() % 9) + sep + "1\n"; continue;  // leading zero
            case 3: text += "x" + sep + "1\n"; continue;
            default: break;
            }
            text += std::to_string(rng() % span) + sep + std::to_string(rng() % span);
            if (weighted) text += sep + std::to_string(static_cast<double>(rng() % 1000) / 7.0);
            text += rng() % 10 == 0 ? "\r\n" : "\n";
        }
        const gr::EdgeListOptions opt{.directed = rng() % 2 == 0, .allow_self_loops = rng() % 4 == 0,
                                      .duplicates = static_cast<gr::DuplicatePolicy>(rng() % 3)};
        fast += agrees(text, opt) ? 1 : 0;
    }
    EXPECT_GT(fast, 40);  // the comparison above covers the fast path, not only the fallback
}

TEST(EdgeListCsr, FileReadInPiecesEqualsTextParse) {
    // > 1 MiB, so lines straddle the reader's pieces; no final newline.
    std::string text = "source target\n";
    std::mt19937_64 rng(7);
    const std::uint64_t n = 150000;
    for (std::uint64_t i = 0; i < n; ++i) text += std::to_string(i) + " " + std::to_string((i + 1 + rng() % 1000) % n) + "\n";
    text += "# end";
    const auto f = temp_file("pieces_edges.txt", text);
    const auto from_file = gr::read_edge_list_csr(f);
    const auto from_text = gr::parse_edge_list_csr(text, f.string());
    ASSERT_EQ(from_file.has_value(), from_text.has_value());
    if (!from_file) {
        EXPECT_EQ(messages(from_file.error()), messages(from_text.error()));
        return;
    }
    EXPECT_EQ(from_file->graph.offsets, from_text->graph.offsets);
    EXPECT_EQ(from_file->graph.targets, from_text->graph.targets);
    EXPECT_EQ(from_file->names, from_text->names);
    EXPECT_GT(text.size(), std::size_t{1} << 20);
}

TEST(EdgeListCsr, BadLineDeepInAFileNamesItsLine) {
    std::string text;
    for (int i = 0; i < 200000; ++i) text += std::to_string(i) + " " + std::to_string(i + 1) + "\n";
    text += "5 6 7 8\n";  // line 200001, well after the first 1 MiB piece
    const auto f = temp_file("late_error_edges.txt", text);
    const auto r = gr::read_edge_list_csr(f);
    ASSERT_FALSE(r);
    ASSERT_EQ(r.error().diagnostics.size(), 1U);
    EXPECT_EQ(r.error().diagnostics[0].where, f.string() + ":200001");
    EXPECT_NE(r.error().diagnostics[0].what.find("found 4 field(s)"), std::string::npos);
}

TEST(EdgeListCsr, FileErrorsAreThoseOfTheGeneralReader) {
    const auto missing = gr::read_edge_list_csr("/nonexistent/edges.csv");
    ASSERT_FALSE(missing);
    EXPECT_EQ(missing.error().kind, sim::ErrorKind::Io);
    const auto dir = gr::read_edge_list_csr(PUSHPULL_TEST_TMP);
    ASSERT_FALSE(dir);
    EXPECT_EQ(dir.error().kind, sim::ErrorKind::BadInput);
    const auto f = temp_file("dup_edges.txt", "1 2\n3 4\n2 1\n");
    const auto dup = gr::read_edge_list_csr(f);
    ASSERT_FALSE(dup);
    ASSERT_EQ(dup.error().diagnostics.size(), 1U);
    EXPECT_EQ(dup.error().diagnostics[0].where, f.string() + ":3");
    EXPECT_NE(dup.error().diagnostics[0].what.find("first at line 1"), std::string::npos);
}

TEST(InputChunks, PiecesConcatenateToTheFileAndStopEarly) {
    std::string text(3 * (1 << 20) + 17, 'x');
    const auto f = temp_file("chunks.bin", text);
    std::string got;
    ASSERT_TRUE(sim::io::read_input_chunks(f, [&](std::string_view p) { got.append(p); return true; }));
    EXPECT_EQ(got, text);
    int calls = 0;
    ASSERT_TRUE(sim::io::read_input_chunks(f, [&](std::string_view) { return ++calls < 2; }));
    EXPECT_EQ(calls, 2);
    const auto big = sim::io::read_input_chunks(f, [](std::string_view) { return true; }, 1 << 20);
    ASSERT_FALSE(big);
    EXPECT_EQ(big.error().kind, sim::ErrorKind::BadInput);
}
