// The baseline run through the CLI: the HDF5 layout and provenance, a non-degenerate adoption
// curve, and the --print-config round trip.
#include "tests/integration/cli.hpp"

namespace pushpull::cli {
namespace {

class BaselineOutput : public ::testing::Test {
protected:
    static void SetUpTestSuite() {
        dir_ = fresh_dir("baseline");
        const auto out = dir_ / "baseline.h5";
        const auto r = run({"run", scenario("baseline.toml").string(), "-o", out.string(), "-q", "--serial"}, dir_);
        ASSERT_EQ(r.exit_code, 0) << r.err;
        auto tree = sim::out::read_hdf5(out);
        ASSERT_TRUE(tree) << tree.error().message();
        root_ = std::make_unique<sim::out::Group>(std::move(*tree));
    }
    static void TearDownTestSuite() { root_.reset(); }
    void SetUp() override { ASSERT_NE(root_, nullptr); }
    static inline std::filesystem::path dir_;
    static inline std::unique_ptr<sim::out::Group> root_;
};

TEST_F(BaselineOutput, HasEveryTopLevelGroup) {
    for (const char* g : {"time", "countries", "cities", "vendors", "series", "events", "summary", "network"})
        EXPECT_NE(find_group(*root_, g), nullptr) << g;
}

TEST_F(BaselineOutput, SchemaVersionIsOne) {
    const auto* v = find_attr(root_->attrs, "schema_version");
    ASSERT_NE(v, nullptr);
    EXPECT_EQ(std::get<std::int64_t>(*v), 1);
}

TEST_F(BaselineOutput, ProvenanceAttributesArePresentAndNonEmpty) {
    for (const char* k : {"pushpull_version", "git_describe", "seed", "threads", "scenario_resolved",
                          "data_checksums_sha256", "compiler", "build_type", "created_utc"}) {
        const auto* v = find_attr(root_->attrs, k);
        ASSERT_NE(v, nullptr) << k;
        if (const auto* s = std::get_if<std::string>(v)) {
            EXPECT_FALSE(s->empty()) << k;
        }
        if (const auto* s = std::get_if<std::vector<std::string>>(v)) {
            EXPECT_FALSE(s->empty()) << k;
        }
    }
    EXPECT_EQ(std::get<std::int64_t>(*find_attr(root_->attrs, "seed")), 1);
}

TEST_F(BaselineOutput, TimeLabelsRunFrom2008Q1To2019Q4) {
    const auto* t = find_group(*root_, "time");
    ASSERT_NE(t, nullptr);
    const auto* l = find_dataset(*t, "label");
    ASSERT_NE(l, nullptr);
    const auto& labels = std::get<std::vector<std::string>>(l->data);
    ASSERT_EQ(labels.size(), 48u);
    EXPECT_EQ(labels.front(), "2008Q1");
    EXPECT_EQ(labels.back(), "2019Q4");
}

TEST_F(BaselineOutput, EverySeriesHas48Rows) {
    const auto* s = find_group(*root_, "series");
    ASSERT_NE(s, nullptr);
    ASSERT_FALSE(s->datasets.empty());
    for (const auto& d : s->datasets) {
        const std::size_t rows = d.shape.empty() ? sim::out::size(d.data) : d.shape[0];
        EXPECT_EQ(rows, 48u) << d.name;
    }
}

TEST_F(BaselineOutput, SummaryHasCountriesAdopted2019) {
    EXPECT_FALSE(std::isnan(summary_value(*root_, "countries_adopted_2019")));
}

TEST_F(BaselineOutput, SomeButNotAllCountriesAdoptAndAdoptionGrowsAfter2012) {
    const double y2019 = summary_value(*root_, "countries_adopted_2019");
    const double y2012 = summary_value(*root_, "countries_adopted_2012");
    EXPECT_GT(y2019, 0.0);
    EXPECT_LT(y2019, 199.0);
    EXPECT_GT(y2019, y2012);
}

TEST_F(BaselineOutput, PrintedConfigReloadsAndGivesTheSameSummary) {
    const auto dir = fresh_dir("print_config");
    const auto printed = run({"run", scenario("baseline.toml").string(), "--print-config"}, dir);
    ASSERT_EQ(printed.exit_code, 0) << printed.err;
    ASSERT_FALSE(printed.out.empty());
    const auto resolved = dir / "resolved.toml";
    std::ofstream(resolved) << printed.out;
    const auto out = dir / "resolved.h5";
    const auto r = run({"run", resolved.string(), "-o", out.string(), "-q", "--serial"}, dir);
    ASSERT_EQ(r.exit_code, 0) << r.err;
    auto tree = sim::out::read_hdf5(out);
    ASSERT_TRUE(tree) << tree.error().message();
    const auto* a = find_group(*root_, "summary");
    const auto* b = find_group(*tree, "summary");
    ASSERT_NE(a, nullptr);
    ASSERT_NE(b, nullptr);
    expect_same_tree(*a, *b, {}, "/summary/");
}

}  // namespace
}  // namespace pushpull::cli
