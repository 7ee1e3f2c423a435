// `pushpull sweep`, `merge` and `sensitivity` end to end: analytic test functions through the whole
// sweep → sensitivity path, byte-identical files for any thread count, sharding and merging, resume
// after SIGKILL, a row reproduced by `pushpull run`, failed runs recorded, bad sweep files refused.
#include <numbers>

#include "sim/study/test_functions.hpp"
#include "tests/integration/cli.hpp"

namespace pushpull::cli {
namespace {

bool same_bytes(const fs::path& a, const fs::path& b) {
    return slurp(a) == slurp(b) && !slurp(a).empty();
}

/// A pushpull sweep on the small test world: `points` LHS points x 2 replicates.
std::string small_sweep(int points, const std::string& extra = "") {
    return "[sweep]\nbase = \"" + scenario("test_small.toml").string() +
           "\"\ndesign = \"lhs\"\nsamples = " + std::to_string(points) + "\nreplicates = 2\nseed = 5\n" + extra +
           "\n[[parameter]]\nkey = \"params.beta_crime\"\nrange = [0.0, 1.5]\n"
           "[[parameter]]\nkey = \"params.alpha0\"\n";
}

std::vector<double> doubles(const sim::out::Group& g, const std::string& name) {
    const auto* d = find_dataset(g, name);
    return d ? std::get<std::vector<double>>(d->data) : std::vector<double>{};
}

class Sweep : public ::testing::Test {
protected:
    void SetUp() override { ::setenv("SOURCE_DATE_EPOCH", "0", 1); }
};

std::string ishigami_sweep(int n) {
    std::string s = "[sweep]\nfunction = \"ishigami\"\ndesign = \"sobol\"\nsamples = " + std::to_string(n) + "\n";
    for (const char* x : {"x1", "x2", "x3"})
        s += "[[parameter]]\nkey = \"" + std::string(x) + "\"\nrange = [-3.141592653589793, 3.141592653589793]\n";
    return s;
}

TEST_F(Sweep, IshigamiSobolIndicesMatchTheAnalyticValues) {
    const auto dir = fresh_dir("sweep-ishigami");
    const auto file = write_file(dir, "ishigami.toml", ishigami_sweep(10000));
    auto r = run({"sweep", file.string(), "-o", (dir / "s.h5").string()}, dir);
    ASSERT_EQ(r.exit_code, 0) << r.err;
    auto s = run({"sensitivity", (dir / "s.h5").string(), "-o", (dir / "i.h5").string()}, dir);
    ASSERT_EQ(s.exit_code, 0) << s.err;
    EXPECT_NE(s.out.find("x2"), std::string::npos);
    auto tree = sim::out::read_hdf5(dir / "i.h5");
    ASSERT_TRUE(tree);
    const auto* y = find_group(*find_group(*tree, "sensitivity"), "y");
    ASSERT_TRUE(y);
    const auto exact = sim::study::ishigami_indices();
    const auto s1 = doubles(*y, "S1"), st = doubles(*y, "ST");
    ASSERT_EQ(s1.size(), 3u);
    for (std::size_t i = 0; i < 3; ++i) {
        EXPECT_NEAR(s1[i], exact.s1[i], 0.05) << "S1 x" << i + 1;
        EXPECT_NEAR(st[i], exact.st[i], 0.05) << "ST x" << i + 1;
    }
}

TEST_F(Sweep, GFunctionSobolAndLinearMorrisThroughTheSweepPath) {
    const auto dir = fresh_dir("sweep-gfunction");
    const std::vector<double> a = {0, 1, 4.5, 9, 99, 99};
    std::string g =
        "[sweep]\nfunction = \"gfunction\"\nfunction_args = [0, 1, 4.5, 9, 99, 99]\ndesign = \"sobol\"\nsamples = "
        "8192\n";
    for (int i = 1; i <= 6; ++i) g += "[[parameter]]\nkey = \"x" + std::to_string(i) + "\"\nrange = [0, 1]\n";
    auto r = run({"sweep", write_file(dir, "g.toml", g).string(), "-o", (dir / "g.h5").string()}, dir);
    ASSERT_EQ(r.exit_code, 0) << r.err;
    auto s = run({"sensitivity", (dir / "g.h5").string(), "-o", (dir / "gi.h5").string(), "--bootstrap", "20"}, dir);
    ASSERT_EQ(s.exit_code, 0) << s.err;
    auto tree = sim::out::read_hdf5(dir / "gi.h5");
    ASSERT_TRUE(tree);
    const auto* y = find_group(*find_group(*tree, "sensitivity"), "y");
    const auto exact = sim::study::g_function_indices(a);
    const auto s1 = doubles(*y, "S1"), st = doubles(*y, "ST");
    for (std::size_t i = 0; i < a.size(); ++i) {
        EXPECT_NEAR(s1[i], exact.s1[i], 0.05) << "S1 x" << i + 1;
        EXPECT_NEAR(st[i], exact.st[i], 0.05) << "ST x" << i + 1;
    }

    // Linear: Morris effects in parameter units are exactly the coefficients.
    std::string l =
        "[sweep]\nfunction = \"linear\"\nfunction_args = [2, -3, 0.5]\ndesign = \"morris\"\nsamples = 10\nlevels = 4\n";
    const double lo[] = {0, -1, 10}, hi[] = {1, 3, 20};
    for (int i = 0; i < 3; ++i)
        l += "[[parameter]]\nkey = \"x" + std::to_string(i + 1) + "\"\nrange = [" + std::to_string(lo[i]) + ", " +
             std::to_string(hi[i]) + "]\n";
    r = run({"sweep", write_file(dir, "l.toml", l).string(), "-o", (dir / "l.h5").string()}, dir);
    ASSERT_EQ(r.exit_code, 0) << r.err;
    s = run({"sensitivity", (dir / "l.h5").string(), "-o", (dir / "li.h5").string()}, dir);
    ASSERT_EQ(s.exit_code, 0) << s.err;
    tree = sim::out::read_hdf5(dir / "li.h5");
    ASSERT_TRUE(tree);
    y = find_group(*find_group(*tree, "sensitivity"), "y");
    const auto mu = doubles(*y, "mu"), mu_star = doubles(*y, "mu_star"), sigma = doubles(*y, "sigma");
    const double c[] = {2, -3, 0.5};
    for (std::size_t i = 0; i < 3; ++i) {
        EXPECT_NEAR(mu[i], c[i], 1e-9);
        EXPECT_NEAR(mu_star[i], std::abs(c[i]), 1e-9);
        EXPECT_NEAR(sigma[i], 0.0, 1e-9);
    }
}

TEST_F(Sweep, SameBytesForAnyThreadCountAndRowsReproducedByRun) {
    const auto dir = fresh_dir("sweep-threads");
    const auto file = write_file(dir, "small.toml", small_sweep(6, "keep_series = true"));
    for (const char* t : {"1", "2", "3"}) {
        auto r =
            run({"sweep", file.string(), "-o", (dir / (std::string("t") + t + ".h5")).string(), "--threads", t}, dir);
        ASSERT_EQ(r.exit_code, 0) << r.err;
    }
    EXPECT_TRUE(same_bytes(dir / "t1.h5", dir / "t2.h5"));
    EXPECT_TRUE(same_bytes(dir / "t1.h5", dir / "t3.h5"));

    // Row 7 again, alone, through the command the sweep prints.
    auto p = run({"sweep", file.string(), "--print-run", "7"}, dir);
    ASSERT_EQ(p.exit_code, 0) << p.err;
    std::vector<std::string> args;
    std::istringstream words(p.out);
    std::string w;
    words >> w;  // "pushpull"
    while (words >> w) args.push_back(w);
    args.insert(args.end(), {"-o", (dir / "row7.h5").string(), "-q"});
    auto one = run(args, dir);
    ASSERT_EQ(one.exit_code, 0) << one.err;
    auto sweep = sim::out::read_hdf5(dir / "t1.h5");
    auto single = sim::out::read_hdf5(dir / "row7.h5");
    ASSERT_TRUE(sweep && single);
    const auto* runs = find_group(*sweep, "runs");
    const auto* stats = find_dataset(*runs, "statistics");
    const auto& names = std::get<std::vector<std::string>>(*find_attr(stats->attrs, "columns"));
    const auto& values = std::get<std::vector<double>>(stats->data);
    const auto* summary = find_group(*single, "summary");
    ASSERT_TRUE(summary);
    int compared = 0;
    for (const auto& name : std::get<std::vector<std::string>>(find_dataset(*summary, "name")->data)) {
        const auto k = static_cast<std::size_t>(std::find(names.begin(), names.end(), name) - names.begin());
        ASSERT_LT(k, names.size()) << name << " is not a sweep statistic";
        const double v = summary_value(*single, name), s = values[7 * names.size() + k];
        EXPECT_TRUE(s == v || (std::isnan(s) && std::isnan(v))) << name << ": sweep " << s << ", run " << v;
        ++compared;
    }
    EXPECT_GT(compared, 20);
}

TEST_F(Sweep, ShardsMergeIntoTheSingleProcessFile) {
    const auto dir = fresh_dir("sweep-shards");
    const auto file = write_file(dir, "small.toml", small_sweep(5));
    ASSERT_EQ(run({"sweep", file.string(), "-o", (dir / "whole.h5").string()}, dir).exit_code, 0);
    for (int i = 0; i < 3; ++i) {
        auto r = run({"sweep", file.string(), "--shard", std::to_string(i) + "/3", "-o",
                      (dir / ("part" + std::to_string(i) + ".h5")).string()},
                     dir);
        ASSERT_EQ(r.exit_code, 0) << r.err;
    }
    auto missing =
        run({"merge", (dir / "part0.h5").string(), (dir / "part2.h5").string(), "-o", (dir / "m.h5").string()}, dir);
    EXPECT_EQ(missing.exit_code, 2);
    EXPECT_NE(missing.err.find("shard 1/3 is missing"), std::string::npos) << missing.err;
    auto m = run({"merge", (dir / "part2.h5").string(), (dir / "part0.h5").string(), (dir / "part1.h5").string(), "-o",
                  (dir / "merged.h5").string()},
                 dir);
    ASSERT_EQ(m.exit_code, 0) << m.err;
    EXPECT_TRUE(same_bytes(dir / "whole.h5", dir / "merged.h5"));
}

TEST_F(Sweep, ResumeAfterSigkillEndsWithTheSameFile) {
    const auto dir = fresh_dir("sweep-resume");
    const auto file = write_file(dir, "small.toml", small_sweep(150));
    ASSERT_EQ(run({"sweep", file.string(), "-o", (dir / "whole.h5").string()}, dir).exit_code, 0);

    const std::string out = (dir / "killed.h5").string();
    // Kill it once the journal holds a few rows (well before the 300 runs are done).
    const fs::path journal = out + ".journal";
    const bool killed = run_and_kill_when({"sweep", file.string(), "-o", out, "--threads", "1"}, [&] {
        std::error_code ec;
        return fs::exists(journal, ec) && fs::file_size(journal, ec) >= 4000;
    });
    ASSERT_TRUE(killed) << "the sweep finished before it could be killed";
    EXPECT_FALSE(fs::exists(out));

    auto again = run({"sweep", file.string(), "-o", out}, dir);
    EXPECT_EQ(again.exit_code, 3) << "an interrupted sweep must not be silently restarted";
    auto resumed = run({"sweep", file.string(), "-o", out, "--resume"}, dir);
    ASSERT_EQ(resumed.exit_code, 0) << resumed.err;
    EXPECT_NE(resumed.err.find("from the journal"), std::string::npos);
    EXPECT_TRUE(same_bytes(dir / "whole.h5", out));
    EXPECT_FALSE(fs::exists(journal));
}

TEST_F(Sweep, FailedRunIsRecordedAndTheSweepGoesOn) {
    const auto dir = fresh_dir("sweep-failed");
    const std::string text =
        "[sweep]\nbase = \"" + scenario("test_small.toml").string() +
        "\"\ndesign = \"list\"\n[[parameter]]\nkey = \"params.beta_crime\"\nvalues = [0.5, 99.0, 1.0]\n";
    auto r = run({"sweep", write_file(dir, "list.toml", text).string(), "-o", (dir / "l.h5").string()}, dir);
    ASSERT_EQ(r.exit_code, 0) << r.err;
    auto tree = sim::out::read_hdf5(dir / "l.h5");
    ASSERT_TRUE(tree);
    const auto* runs = find_group(*tree, "runs");
    EXPECT_EQ(std::get<std::vector<std::int64_t>>(find_dataset(*runs, "ok")->data),
              (std::vector<std::int64_t>{1, 0, 1}));
    const auto& errors = std::get<std::vector<std::string>>(find_dataset(*runs, "error")->data);
    EXPECT_NE(errors[1].find("params.beta_crime"), std::string::npos) << errors[1];
    EXPECT_EQ(std::get<std::int64_t>(*find_attr(tree->attrs, "runs_failed")), 1);
}

TEST_F(Sweep, BadSweepFilesAndOutputsAreRefusedClearly) {
    const auto dir = fresh_dir("sweep-bad");
    auto bad = write_file(dir, "bad.toml",
                          "[sweep]\nfunction = \"ishigami\"\ndesing = \"sobol\"\nsamples = 8\n"
                          "[[parameter]]\nkey = \"x1\"\nrange = [1, 0]\n");
    auto r = run({"sweep", bad.string(), "-o", (dir / "x.h5").string()}, dir);
    EXPECT_EQ(r.exit_code, 2);
    EXPECT_NE(r.err.find("unknown key 'sweep.desing'"), std::string::npos) << r.err;
    EXPECT_NE(r.err.find("sweep.design: missing"), std::string::npos) << r.err;
    EXPECT_NE(r.err.find("range: expected [lo, hi] with lo < hi"), std::string::npos) << r.err;
    EXPECT_FALSE(fs::exists(dir / "x.h5"));

    auto key =
        write_file(dir, "key.toml", small_sweep(2) + "[[parameter]]\nkey = \"params.beta_crim\"\nrange = [0, 1]\n");
    r = run({"sweep", key.string(), "-o", (dir / "x.h5").string()}, dir);
    EXPECT_EQ(r.exit_code, 2);
    EXPECT_NE(r.err.find("params.beta_crim"), std::string::npos) << r.err;

    auto good = write_file(dir, "good.toml", ishigami_sweep(4));
    ASSERT_EQ(run({"sweep", good.string(), "-o", (dir / "y.h5").string()}, dir).exit_code, 0);
    r = run({"sweep", good.string(), "-o", (dir / "y.h5").string()}, dir);
    EXPECT_EQ(r.exit_code, 3);
    EXPECT_NE(r.err.find("exists"), std::string::npos) << r.err;
    r = run({"sweep", good.string(), "-o", (dir / "z.h5").string(), "--resume"}, dir);
    EXPECT_EQ(r.exit_code, 2);
    r = run({"sensitivity", (dir / "nope.h5").string()}, dir);
    EXPECT_EQ(r.exit_code, 2);
    r = run({"sweep", good.string(), "--shard", "3/2"}, dir);
    EXPECT_EQ(r.exit_code, 2);
}

}  // namespace
}  // namespace pushpull::cli

namespace pushpull::cli {
namespace {

TEST_F(Sweep, ShippedThroughputSweepValidates) {
    const auto dir = fresh_dir("sweep-shipped");
    auto r = run({"sweep", (source_dir() / "bench" / "throughput_sweep.toml").string(), "--dry-run"}, dir);
    EXPECT_EQ(r.exit_code, 0) << r.err;
    EXPECT_NE(r.out.find("600 runs"), std::string::npos) << r.out;
}

}  // namespace
}  // namespace pushpull::cli
