// `pushpull experiment` and `pushpull report` end to end: the tiny experiment runs and writes its
// file, the output does not depend on --threads, the shipped experiments validate (--dry-run), bad
// experiment files exit 2 naming the arm or key, and the report prints its tables.
#include "tests/integration/cli.hpp"

namespace pushpull::cli {
namespace {

fs::path experiment(const std::string& name) { return source_dir() / "scenarios" / "experiments" / name; }

const sim::out::Group* group(const sim::out::Group& g, const std::string& name) {
    for (const auto& c : g.groups)
        if (c.name == name) return &c;
    return nullptr;
}

std::string base_line() { return "base = \"" + scenario("test_small.toml").string() + "\"\n"; }

TEST(Experiment, TinyRunsWritesAndIsIndependentOfThreads) {
    const auto dir = fresh_dir("experiment-tiny");
    const auto a = dir / "t1.h5", b = dir / "t2.h5";
    auto r1 = run({"experiment", experiment("test_tiny.toml").string(), "-o", a.string(), "--threads", "1", "-q"}, dir);
    ASSERT_EQ(r1.exit_code, 0) << r1.err;
    auto r2 = run({"experiment", experiment("test_tiny.toml").string(), "-o", b.string(), "--threads", "2", "-q"}, dir);
    ASSERT_EQ(r2.exit_code, 0) << r2.err;
    auto ta = sim::out::read_hdf5(a), tb = sim::out::read_hdf5(b);
    ASSERT_TRUE(ta && tb);
    for (const char* g : {"runs", "contrasts", "headline"}) {
        SCOPED_TRACE(g);
        const auto *ga = group(*ta, g), *gb = group(*tb, g);
        ASSERT_TRUE(ga && gb);
        ASSERT_EQ(ga->datasets.size(), gb->datasets.size());
        for (std::size_t i = 0; i < ga->datasets.size(); ++i) {
            EXPECT_EQ(ga->datasets[i].name, gb->datasets[i].name);
            // NaN != NaN: compare through the bytes of the doubles
            if (const auto* x = std::get_if<std::vector<double>>(&ga->datasets[i].data)) {
                const auto& y = std::get<std::vector<double>>(gb->datasets[i].data);
                ASSERT_EQ(x->size(), y.size());
                EXPECT_EQ(std::memcmp(x->data(), y.data(), x->size() * sizeof(double)), 0) << ga->datasets[i].name;
            } else {
                EXPECT_TRUE(ga->datasets[i].data == gb->datasets[i].data) << ga->datasets[i].name;
            }
        }
    }
    // refuses to overwrite without --force
    auto again = run({"experiment", experiment("test_tiny.toml").string(), "-o", a.string(), "-q"}, dir);
    EXPECT_EQ(again.exit_code, 3);

    auto rep = run({"report", a.string()}, dir);
    ASSERT_EQ(rep.exit_code, 0) << rep.err;
    EXPECT_NE(rep.out.find("d countries (horizon)"), std::string::npos) << rep.out;
    EXPECT_NE(rep.out.find("same_as_reference"), std::string::npos);
    EXPECT_NE(rep.out.find("Headline contrast"), std::string::npos);
    EXPECT_NE(rep.out.find("var(paired) / var(unpaired)"), std::string::npos);
}

TEST(Experiment, ShippedExperimentsValidate) {
    const auto dir = fresh_dir("experiment-dry");
    for (const auto& e : fs::directory_iterator(source_dir() / "scenarios" / "experiments")) {
        if (e.path().extension() != ".toml") continue;
        SCOPED_TRACE(e.path().filename().string());
        auto r = run({"experiment", e.path().string(), "--dry-run"}, dir);
        EXPECT_EQ(r.exit_code, 0) << r.err;
        EXPECT_NE(r.out.find("runs"), std::string::npos);
    }
    auto grid = run({"experiment", experiment("messaging_grid.toml").string(), "--dry-run"}, dir);
    EXPECT_NE(grid.out.find("arms        25"), std::string::npos) << grid.out;
}

TEST(Experiment, BadFilesExitTwoNamingTheProblem) {
    const auto dir = fresh_dir("experiment-bad");
    const std::string exp = "[experiment]\nhorizon = \"2012Q4\"\nreference = \"ref\"\n";
    const std::string ref = "[[arm]]\nname = \"ref\"\n";
    struct Case {
        std::string text, expect;
    };
    const std::vector<Case> cases = {
        {base_line() + exp + "speed = 2\n" + ref, "experiment.speed"},
        {base_line() + exp + ref + "[[arm]]\nname = \"loud\"\nset = [\"us.volume=11\"]\n", "arm 'loud'"},
        {base_line() + exp + ref + "[[arm]]\nname = \"loud\"\nset = [\"us.volume=11\"]\n", "us.volume"},
        {exp + ref, "base: missing"},
        {"base = \"missing.toml\"\n" + exp + ref, "missing.toml"},
        {base_line() + exp + "posterior = \"cal.h5\"\n" + ref, "experiment.posterior"},
    };
    int i = 0;
    for (const auto& c : cases) {
        SCOPED_TRACE(c.expect);
        const auto f = write_file(dir, "bad" + std::to_string(i++) + ".toml", c.text);
        auto r = run({"experiment", f.string(), "-o", (dir / "x.h5").string()}, dir);
        EXPECT_EQ(r.exit_code, 2) << r.err;
        EXPECT_NE(r.err.find(c.expect), std::string::npos) << r.err;
        EXPECT_FALSE(fs::exists(dir / "x.h5"));
    }
    auto missing = run({"experiment", (dir / "nothing.toml").string()}, dir);
    EXPECT_EQ(missing.exit_code, 2);
    auto not_exp = run({"report", (dir / "bad0.toml").string()}, dir);
    EXPECT_NE(not_exp.exit_code, 0);
}

}  // namespace
}  // namespace pushpull::cli
