// CLI hygiene (issue 12): --version, unknown subcommands refused even with --help, --log-level
// after the subcommand, short parameter names in sweep and calibration files with errors naming
// the file that holds the key.
#include "cli.hpp"

namespace pushpull::cli {
namespace {

TEST(CliHygiene, VersionPrintsTheProjectVersion) {
    const auto dir = fresh_dir("hygiene-version");
    const auto r = run({"--version"}, dir);
    EXPECT_EQ(r.exit_code, 0) << r.err;
    EXPECT_NE(r.out.find(std::string("pushpull ") + PUSHPULL_VERSION), std::string::npos) << r.out;
}

TEST(CliHygiene, UnknownSubcommandIsExitTwoEvenWithHelp) {
    const auto dir = fresh_dir("hygiene-sub");
    for (const auto& args : std::vector<std::vector<std::string>>{{"nosuch", "--help"}, {"nosuch"},
                                                                   {"--log-level", "warn", "nosuch", "--help"}}) {
        const auto r = run(args, dir);
        EXPECT_EQ(r.exit_code, 2) << args[0];
        EXPECT_NE(r.err.find("unknown subcommand 'nosuch'"), std::string::npos) << r.err;
    }
    EXPECT_EQ(run({"run", "--help"}, dir).exit_code, 0);
}

TEST(CliHygiene, LogLevelIsAcceptedAfterTheSubcommand) {
    const auto dir = fresh_dir("hygiene-log");
    const auto r = run({"run", scenario("test_small.toml").string(), "--print-config", "--log-level", "error"}, dir);
    EXPECT_EQ(r.exit_code, 0) << r.err;
    EXPECT_NE(r.out.find("beta_crime"), std::string::npos);
}

TEST(CliHygiene, SweepFilesTakeShortNamesAndErrorsNameTheSweepFile) {
    const auto dir = fresh_dir("hygiene-short");
    const std::string head = "[sweep]\nbase = \"" + scenario("test_small.toml").string() +
                             "\"\ndesign = \"lhs\"\nsamples = 2\nseed = 5\n";
    const auto good = write_file(dir, "good.toml", head + "[[parameter]]\nkey = \"beta_crime\"\nrange = [0.0, 1.5]\n");
    const auto out = dir / "good.h5";
    auto r = run({"sweep", good.string(), "-o", out.string()}, dir);
    ASSERT_EQ(r.exit_code, 0) << r.err;
    auto tree = sim::out::read_hdf5(out);
    ASSERT_TRUE(tree);
    const auto* design = find_group(*tree, "design");
    ASSERT_NE(design, nullptr);
    EXPECT_EQ(std::get<std::vector<std::string>>(find_dataset(*design, "parameter")->data),
              std::vector<std::string>{"params.beta_crime"});

    const auto bad = write_file(dir, "bad.toml", head + "[[parameter]]\nkey = \"beta_crim\"\nrange = [0.0, 1.5]\n");
    r = run({"sweep", bad.string(), "--dry-run"}, dir);
    EXPECT_EQ(r.exit_code, 2);
    EXPECT_NE(r.err.find(bad.string() + ": parameter 'beta_crim'"), std::string::npos) << r.err;
    EXPECT_NE(r.err.find("beta_crime"), std::string::npos) << r.err;  // did you mean
    EXPECT_EQ(r.err.find("test_small.toml: parameter"), std::string::npos) << r.err;

    const auto cal = write_file(dir, "cal.toml", "[calibration]\nbase = \"" + scenario("test_small.toml").string() +
                                                     "\"\n[[parameter]]\nkey = \"alpha0\"\n");
    r = run({"calibrate", cal.string(), "--dry-run"}, dir);
    EXPECT_EQ(r.exit_code, 0) << r.err;
    EXPECT_NE(r.out.find("params.alpha0"), std::string::npos) << r.out;
}

}  // namespace
}  // namespace pushpull::cli
