// Bad input through the CLI: each case gives its exit code (2 bad input, 3 I/O), a message on
// stderr naming the problem (key path, file or file:line), and leaves no output or temp file.
#include "tests/integration/cli.hpp"

namespace pushpull::cli {
namespace {

constexpr int kBadInput = 2;
constexpr int kIo = 3;

/// Runs `scenario` (written into a fresh dir from `body`) with -o into that dir.
struct Case {
    fs::path dir, out;
    CliResult result;
};

Case run_body(const std::string& name, const std::string& body, std::vector<std::string> extra = {},
              const fs::path& data_dir = source_dir() / "data") {
    Case c;
    c.dir = fresh_dir("bad_" + name);
    const auto sc = write_scenario(c.dir, name + ".toml", body, data_dir);
    c.out = c.dir / "out.h5";
    std::vector<std::string> args = {"run", sc.string(), "-o", c.out.string(), "-q"};
    args.insert(args.end(), extra.begin(), extra.end());
    c.result = run(args, c.dir);
    return c;
}

void expect_failure(const Case& c, int code, std::initializer_list<const char*> in_stderr) {
    EXPECT_EQ(c.result.exit_code, code) << c.result.err;
    for (const char* s : in_stderr) EXPECT_NE(c.result.err.find(s), std::string::npos) << "'" << s << "' not in:\n" << c.result.err;
    EXPECT_TRUE(stray_files(c.dir).empty()) << "left behind: " << (stray_files(c.dir).empty() ? "" : stray_files(c.dir)[0]);
}

TEST(BadInput, MisspeltKeyIsRejectedWithASuggestion) {
    const auto c = run_body("unknown_key", "[params]\nbeta_crme = 0.4\n");
    expect_failure(c, kBadInput, {"beta_crme", "did you mean"});
    EXPECT_NE(c.result.err.find("beta_crime"), std::string::npos) << c.result.err;
}

TEST(BadInput, WrongTypeNamesTheKey) {
    const auto c = run_body("wrong_type", "[params]\nalpha0 = \"high\"\n");
    expect_failure(c, kBadInput, {"params.alpha0"});
}

TEST(BadInput, OutOfRangeValueNamesTheKey) {
    const auto c = run_body("out_of_range", "[params]\nloan_share = 2\n");
    expect_failure(c, kBadInput, {"params.loan_share"});
}

TEST(BadInput, SeveralErrorsAreAllReported) {
    const auto c = run_body("several", "[params]\nbeta_crme = 0.4\nalpha0 = \"high\"\nloan_share = 2\n");
    expect_failure(c, kBadInput, {"beta_crme", "params.alpha0", "params.loan_share"});
}

TEST(BadInput, CrossKeyErrorNamesTheKey) {
    const auto c = run_body("end_before_start", "[run]\nstart = \"2012Q1\"\nend = \"2010Q4\"\n");
    expect_failure(c, kBadInput, {"run.end"});
}

TEST(BadInput, BadSetOverrideIsRejected) {
    const auto c = run_body("bad_set", "", {"--set", "params.beta_crme=0.4"});
    expect_failure(c, kBadInput, {"beta_crme"});
    const auto d = run_body("bad_set_value", "", {"--set", "params.alpha0=high"});
    expect_failure(d, kBadInput, {"params.alpha0"});
}

TEST(BadInput, MissingScenarioFileIsBadInputNamingTheFile) {
    Case c;
    c.dir = fresh_dir("bad_missing_scenario");
    c.out = c.dir / "out.h5";
    c.result = run({"run", (c.dir / "no_such_scenario.toml").string(), "-o", c.out.string(), "-q"}, c.dir);
    expect_failure(c, kBadInput, {"no_such_scenario.toml"});
}

/// A copy of data/ in `dir` / "data".
fs::path copy_data(const fs::path& dir) {
    const auto d = dir / "data";
    fs::copy(source_dir() / "data", d, fs::copy_options::recursive);
    return d;
}

TEST(BadInput, MissingDataFileNamesTheFile) {
    const auto base = fresh_dir("bad_missing_data_copy");
    const auto data = copy_data(base);
    fs::remove(data / "homicide_rate_wdi.csv");
    const auto c = run_body("missing_data", "", {}, data);
    EXPECT_TRUE(c.result.exit_code == kBadInput || c.result.exit_code == kIo) << c.result.exit_code << c.result.err;
    expect_failure(c, c.result.exit_code, {"homicide_rate_wdi.csv"});
}

TEST(BadInput, MalformedDataFileNamesFileAndLine) {
    const auto base = fresh_dir("bad_malformed_data_copy");
    const auto data = copy_data(base);
    auto text = slurp(data / "homicide_rate_wdi.csv");
    const std::string row = "ABW,2002,5.471747";
    const auto at = text.find(row);
    ASSERT_NE(at, std::string::npos);
    text.replace(at, row.size(), "ABW,2002,high");  // line 3 of the file
    std::ofstream(data / "homicide_rate_wdi.csv", std::ios::trunc) << text;
    const auto c = run_body("malformed_data", "", {}, data);
    expect_failure(c, kBadInput, {"homicide_rate_wdi.csv:3"});
}

TEST(BadInput, UnwritableOutputDirectoryIsAnIoError) {
    const auto dir = fresh_dir("bad_unwritable");
    const auto r = run({"run", scenario("test_small.toml").string(), "-o", "/nonexistent_dir/x.h5", "-q"}, dir);
    EXPECT_EQ(r.exit_code, kIo) << r.err;
    EXPECT_NE(r.err.find("/nonexistent_dir/x.h5"), std::string::npos) << r.err;
}

TEST(BadInput, ExistingOutputIsKeptWithoutForceAndReplacedWithForce) {
    const auto dir = fresh_dir("bad_existing_output");
    const auto out = dir / "out.h5";
    std::ofstream(out) << "old contents";
    const auto r = run({"run", scenario("test_small.toml").string(), "-o", out.string(), "-q"}, dir);
    EXPECT_EQ(r.exit_code, kIo) << r.err;
    EXPECT_NE(r.err.find("--force"), std::string::npos) << r.err;
    EXPECT_EQ(slurp(out), "old contents");
    std::vector<std::string> others;
    for (const auto& e : fs::directory_iterator(dir))
        if (e.path().extension() != ".txt" && e.path() != out) others.push_back(e.path().filename().string());
    EXPECT_TRUE(others.empty());

    const auto f = run({"run", scenario("test_small.toml").string(), "-o", out.string(), "-q", "--force"}, dir);
    EXPECT_EQ(f.exit_code, 0) << f.err;
    EXPECT_TRUE(sim::out::read_hdf5(out).has_value());
}

}  // namespace
}  // namespace pushpull::cli
