// Sweeps of a paired contrast of two experiment arms (`experiment` + `contrast` in [sweep]): a tiny
// Morris sweep on scenarios/experiments/test_tiny.toml runs and feeds `pushpull sensitivity`;
// identical arms give exactly zero deltas in every row (common random numbers); the row is
// reproduced by the two `pushpull run` commands --print-run prints; unknown arms and swept keys that
// an arm sets are refused; the shipped sweep files in scenarios/sweeps/ are valid.
#include <set>

#include "tests/integration/cli.hpp"

namespace pushpull::cli {
namespace {

/// A sweep of the contrast a - b of test_tiny.toml over us.kappa_tailored and params.subnational_share.
std::string tiny_contrast(const std::string& a, const std::string& b, const std::string& design = "morris",
                          const std::string& extra = "") {
    return "[sweep]\nexperiment = \"" + scenario("experiments/test_tiny.toml").string() + "\"\ncontrast = [\"" + a +
           "\", \"" + b + "\"]\ndesign = \"" + design + "\"\nsamples = 3\nlevels = 4\nseed = 3\n" + extra +
           "\n[[parameter]]\nkey = \"us.kappa_tailored\"\nrange = [0.0, 4.0]\n"
           "[[parameter]]\nkey = \"params.subnational_share\"\nrange = [0.1, 0.9]\n";
}

struct Table {
    std::vector<std::string> names;
    std::vector<double> values;
    std::size_t rows = 0;
    [[nodiscard]] std::size_t column(const std::string& n) const {
        return static_cast<std::size_t>(std::find(names.begin(), names.end(), n) - names.begin());
    }
    [[nodiscard]] double at(std::size_t row, std::size_t col) const { return values[row * names.size() + col]; }
};

Table statistics_of(const fs::path& file) {
    Table t;
    auto tree = sim::out::read_hdf5(file);
    if (!tree) return t;
    const auto* runs = find_group(*tree, "runs");
    const auto* stats = runs ? find_dataset(*runs, "statistics") : nullptr;
    if (!stats) return t;
    t.names = std::get<std::vector<std::string>>(*find_attr(stats->attrs, "columns"));
    t.values = std::get<std::vector<double>>(stats->data);
    t.rows = t.names.empty() ? 0 : t.values.size() / t.names.size();
    return t;
}

class ContrastSweep : public ::testing::Test {
protected:
    void SetUp() override { ::setenv("SOURCE_DATE_EPOCH", "0", 1); }
};

TEST_F(ContrastSweep, TinyMorrisContrastRunsAndFeedsSensitivity) {
    const auto dir = fresh_dir("contrast-morris");
    const auto file = write_file(dir, "c.toml", tiny_contrast("tailored_subnational", "no_action"));
    auto r = run({"sweep", file.string(), "-o", (dir / "c.h5").string(), "--threads", "2"}, dir);
    ASSERT_EQ(r.exit_code, 0) << r.err;
    const auto t = statistics_of(dir / "c.h5");
    ASSERT_EQ(t.rows, 9u);  // 3 trajectories x (2 parameters + 1)
    const auto d = t.column("delta_countries_adopted_horizon"), a = t.column("countries_adopted_horizon_a"),
               b = t.column("countries_adopted_horizon_b");
    ASSERT_LT(d, t.names.size());
    ASSERT_LT(a, t.names.size());
    ASSERT_LT(b, t.names.size());
    for (const auto& n : t.names)
        EXPECT_TRUE(n.rfind("delta_", 0) == 0 || n.rfind("countries_adopted_horizon_", 0) == 0) << n;
    for (std::size_t row = 0; row < t.rows; ++row) EXPECT_EQ(t.at(row, d), t.at(row, a) - t.at(row, b)) << row;

    auto s = run({"sensitivity", (dir / "c.h5").string(), "-o", (dir / "s.h5").string(), "--bootstrap", "10"}, dir);
    ASSERT_EQ(s.exit_code, 0) << s.err;
    EXPECT_NE(s.out.find("delta_countries_adopted_horizon"), std::string::npos) << s.out;
    EXPECT_NE(s.out.find("us.kappa_tailored"), std::string::npos) << s.out;

    // --print-run: the two runs of a row, arm a then arm b, with the row's seed and values.
    auto p = run({"sweep", file.string(), "--print-run", "4"}, dir);
    ASSERT_EQ(p.exit_code, 0) << p.err;
    std::istringstream lines(p.out);
    std::vector<std::string> commands;
    for (std::string line; std::getline(lines, line);)
        if (line.rfind("pushpull run ", 0) == 0) commands.push_back(line);
    ASSERT_EQ(commands.size(), 2u) << p.out;
    EXPECT_NE(commands[0].find("us.content=tailored"), std::string::npos) << commands[0];
    EXPECT_NE(commands[1].find("us.content=none"), std::string::npos) << commands[1];
    EXPECT_NE(commands[0].find("--set run.end=2012Q4"), std::string::npos) << commands[0];
    EXPECT_NE(commands[0].find("us.kappa_tailored="), std::string::npos) << commands[0];
}

TEST_F(ContrastSweep, IdenticalArmsGiveExactlyZeroDeltasInEveryRow) {
    const auto dir = fresh_dir("contrast-zero");
    for (const auto& [a, b] : std::vector<std::pair<std::string, std::string>>{
             {"tailored_subnational", "tailored_subnational"}, {"no_action", "same_as_reference"}}) {
        SCOPED_TRACE(a + " - " + b);
        const auto file =
            write_file(dir, a + "-" + b + ".toml", tiny_contrast(a, b, "lhs", "replicates = 2\nkeep_series = true"));
        const auto out = dir / (a + "-" + b + ".h5");
        auto r = run({"sweep", file.string(), "-o", out.string()}, dir);
        ASSERT_EQ(r.exit_code, 0) << r.err;
        const auto t = statistics_of(out);
        ASSERT_EQ(t.rows, 6u);
        int finite = 0;
        for (std::size_t row = 0; row < t.rows; ++row)
            for (std::size_t c = 0; c < t.names.size(); ++c) {
                const double v = t.at(row, c);
                if (t.names[c].rfind("delta_", 0) != 0) continue;
                if (std::isnan(v)) continue;  // e.g. countries_adopted_2019 before 2019: NaN in both arms
                EXPECT_EQ(v, 0.0) << t.names[c] << " row " << row;
                ++finite;
            }
        EXPECT_GT(finite, 6 * 8);
        // The two arms' levels are present and equal.
        const auto a_col = t.column("countries_adopted_horizon_a"), b_col = t.column("countries_adopted_horizon_b");
        ASSERT_LT(b_col, t.names.size());
        for (std::size_t row = 0; row < t.rows; ++row) EXPECT_EQ(t.at(row, a_col), t.at(row, b_col));
    }
}

TEST_F(ContrastSweep, UnknownArmsAndArmKeysAreRefused) {
    const auto dir = fresh_dir("contrast-bad");
    auto r = run({"sweep", write_file(dir, "u.toml", tiny_contrast("tailored_subnational", "tailored_nat")).string(),
                  "-o", (dir / "u.h5").string()},
                 dir);
    EXPECT_EQ(r.exit_code, 2);
    EXPECT_NE(r.err.find("'tailored_nat' is not an arm"), std::string::npos) << r.err;
    EXPECT_NE(r.err.find("no_action"), std::string::npos) << "the known arms are listed: " << r.err;
    EXPECT_FALSE(fs::exists(dir / "u.h5"));

    // A swept key that defines an arm would erase the contrast.
    std::string text = tiny_contrast("tailored_subnational", "no_action") +
                       "[[parameter]]\nkey = \"us.budget_musd\"\nrange = [1, 5]\n";
    r = run({"sweep", write_file(dir, "k.toml", text).string(), "--dry-run"}, dir);
    EXPECT_EQ(r.exit_code, 2);
    EXPECT_NE(r.err.find("'us.budget_musd' is set by arm 'tailored_subnational'"), std::string::npos) << r.err;

    // experiment without contrast, and contrast with one arm.
    text = "[sweep]\nexperiment = \"" + scenario("experiments/test_tiny.toml").string() +
           "\"\ndesign = \"lhs\"\nsamples = 2\n[[parameter]]\nkey = \"us.kappa_tailored\"\nrange = [0, 1]\n";
    r = run({"sweep", write_file(dir, "m.toml", text).string(), "--dry-run"}, dir);
    EXPECT_EQ(r.exit_code, 2);
    EXPECT_NE(r.err.find("sweep.contrast: missing"), std::string::npos) << r.err;
}

TEST_F(ContrastSweep, HonoursTheExperimentsPosteriorPriorAndStructureDraws) {
    // An experiment with a posterior (scenarios/posterior.h5), [priors] and two structures: each
    // sweep run evaluates both arms in cell (seed mod cells), which --dry-run lists and the rows record.
    const auto dir = fresh_dir("contrast-cells");
    const auto exp = write_file(
        dir, "e.toml",
        "base = \"" + scenario("test_small.toml").string() + "\"\n[experiment]\nhorizon = \"2012Q4\"\nposterior = \"" +
            scenario("posterior.h5").string() +
            "\"\ndraws = 2\nunidentified_draws = 2\nreplicates = 1\nseed = 5\nreference = \"no_action\"\n"
            "[priors]\n\"us.msg_decay\" = \"prior\"\n"
            "[[structure]]\nname = \"rev2\"\nset = []\n[[structure]]\nname = \"after\"\nset = [\"structure.approval=after\"]\n"
            "[[arm]]\nname = \"no_action\"\nset = [\"us.content=none\"]\n"
            "[[arm]]\nname = \"tailored_subnational\"\nset = [\"us.content=tailored\", \"us.level=subnational\", "
            "\"us.budget_musd=4\", \"us.start_year=2010\"]\n");
    auto sweep = [&](const std::string& key) {
        return "[sweep]\nexperiment = \"" + exp.string() +
               "\"\ncontrast = [\"tailored_subnational\", \"no_action\"]\ndesign = \"lhs\"\nsamples = 4\nreplicates = 2\nseed = 9\n"
               "[[parameter]]\nkey = \"" + key + "\"\nrange = [0.5, 4.0]\n";
    };
    const auto file = write_file(dir, "s.toml", sweep("us.kappa_tailored"));
    auto d = run({"sweep", file.string(), "--dry-run"}, dir);
    ASSERT_EQ(d.exit_code, 0) << d.err;
    EXPECT_NE(d.out.find("8 cell(s)"), std::string::npos) << d.out;
    EXPECT_NE(d.out.find("cell s mod 8"), std::string::npos) << d.out;
    EXPECT_NE(d.out.find("params.alpha0="), std::string::npos) << "the posterior draw is listed: " << d.out;
    EXPECT_NE(d.out.find("us.msg_decay="), std::string::npos) << d.out;
    EXPECT_NE(d.out.find("structure.approval=after"), std::string::npos) << d.out;

    auto r = run({"sweep", file.string(), "-o", (dir / "s.h5").string(), "--threads", "2"}, dir);
    ASSERT_EQ(r.exit_code, 0) << r.err;
    const auto t = statistics_of(dir / "s.h5");
    ASSERT_EQ(t.rows, 8u);
    const auto cell = t.column("cell");
    ASSERT_LT(cell, t.names.size());
    std::set<double> cells;
    for (std::size_t row = 0; row < t.rows; ++row) {
        const double c = t.at(row, cell);
        EXPECT_GE(c, 0.0);
        EXPECT_LT(c, 8.0);
        cells.insert(c);
    }
    EXPECT_GE(cells.size(), 2u) << "runs spread over the cells";
    // --print-run names the cell's overrides in both commands.
    auto p = run({"sweep", file.string(), "--print-run", "1"}, dir);
    ASSERT_EQ(p.exit_code, 0) << p.err;
    EXPECT_NE(p.out.find("--set params.alpha0="), std::string::npos) << p.out;
    EXPECT_NE(p.out.find("--set us.msg_decay="), std::string::npos) << p.out;

    // Sweeping a key the experiment draws would overwrite the draw.
    auto bad = run({"sweep", write_file(dir, "b.toml", sweep("us.msg_decay")).string(), "--dry-run"}, dir);
    EXPECT_EQ(bad.exit_code, 2);
    EXPECT_NE(bad.err.find("'us.msg_decay' is drawn by the experiment"), std::string::npos) << bad.err;

    // Without any draws --dry-run says so.
    auto none = run({"sweep", write_file(dir, "n.toml", tiny_contrast("tailored_subnational", "no_action")).string(), "--dry-run"}, dir);
    ASSERT_EQ(none.exit_code, 0) << none.err;
    EXPECT_NE(none.out.find("draws       none"), std::string::npos) << none.out;
}

TEST_F(ContrastSweep, ShippedSweepFilesAreValid) {
    const auto dir = fresh_dir("contrast-shipped");
    int n = 0;
    for (const auto& e : fs::directory_iterator(source_dir() / "scenarios" / "sweeps")) {
        if (e.path().extension() != ".toml") continue;
        SCOPED_TRACE(e.path().filename().string());
        auto r = run({"sweep", e.path().string(), "--dry-run"}, dir);
        EXPECT_EQ(r.exit_code, 0) << r.err;
        EXPECT_NE(r.out.find("design"), std::string::npos) << r.out;
        ++n;
    }
    EXPECT_GE(n, 2);
}

}  // namespace
}  // namespace pushpull::cli
