// `pushpull validate` end to end: every check scored for every model, the same bytes on 1 and 2
// threads, the shipped file validates, and bad input exits 2 naming the file and key, writing nothing.
#include <gtest/gtest.h>

#include "sim/output/hdf5_writer.hpp"
#include "tests/integration/cli.hpp"

namespace {

using namespace pushpull::cli;

std::string small_compare() {
    return "[compare]\nbase = \"" + scenario("test_small.toml").string() +
           "\"\ndraws = 20\naccept = 0.2\nseed = 5\nbootstrap = 5\n"
           "[[model]]\nname = \"bass\"\nkind = \"bass\"\n[[model]]\nname = \"logit\"\nkind = \"logit\"\n"
           "[[model]]\nname = \"null\"\nkind = \"pushpull\"\nset = [\"params.beta_crime=0\"]\n"
           "[[model.parameter]]\nkey = \"alpha0\"\n";
}

std::string small_validate(const std::string& extra = "") {
    return "[validate]\ncompare = \"cmp.toml\"\nholdout_after = [2015]\nforecast_through = 2021\n" + extra;
}

TEST(Validate, ScoresEveryCheckAndWritesTheSameBytesWhateverTheThreadCount) {
    ::setenv("SOURCE_DATE_EPOCH", "0", 1);
    const auto dir = fresh_dir("validate");
    write_file(dir, "cmp.toml", small_compare());
    const auto file = write_file(dir, "val.toml", small_validate());
    auto one = run({"validate", file.string(), "-o", (dir / "one.h5").string(), "--threads", "1"}, dir);
    ASSERT_EQ(one.exit_code, 0) << one.err;
    for (const char* s : {"#### temporal_2015", "#### region_Africa", "#### after2019", "| null | pushpull |",
                          "| bass | bass |", "| logit | logit |"})
        EXPECT_NE(one.out.find(s), std::string::npos) << s << "\n" << one.out;
    EXPECT_EQ(one.out.find("| null | pushpull | n/a"), std::string::npos) << one.out;
    auto two = run({"validate", file.string(), "-o", (dir / "two.h5").string(), "--threads", "2"}, dir);
    ASSERT_EQ(two.exit_code, 0) << two.err;
    EXPECT_EQ(slurp(dir / "one.h5"), slurp(dir / "two.h5"));
    auto again = run({"validate", file.string(), "-o", (dir / "one.h5").string()}, dir);
    EXPECT_EQ(again.exit_code, 3) << again.err;
    auto report = run({"report", (dir / "one.h5").string()}, dir);  // the same tables, from the file
    ASSERT_EQ(report.exit_code, 0) << report.err;
    EXPECT_NE(report.out.find("#### temporal_2015"), std::string::npos) << report.out;
    EXPECT_NE(one.out.find(report.out.substr(0, 200)), std::string::npos);
}

/// /validate/checks/<check>/models/<model>/simulated, or nullptr.
const sim::out::Dataset* check_simulated(const sim::out::Group& root, const std::string& check, const std::string& model) {
    const auto* v = find_group(root, "validate");
    const auto* cs = v ? find_group(*v, "checks") : nullptr;
    const auto* c = cs ? find_group(*cs, check) : nullptr;
    const auto* ms = c ? find_group(*c, "models") : nullptr;
    const auto* m = ms ? find_group(*ms, model) : nullptr;
    return m ? find_dataset(*m, "simulated") : nullptr;
}

TEST(Validate, TemporalChecksSimulateOnTheDataOfTheirYearUnlessTruncateDataIsNone) {
    ::setenv("SOURCE_DATE_EPOCH", "0", 1);
    const auto dir = fresh_dir("validate_vintage");
    write_file(dir, "cmp.toml", small_compare());
    for (const char* mode : {"all", "covariates", "none"}) {
        const auto file = write_file(dir, std::string(mode) + ".toml",
                                     small_validate("checks = [\"temporal\"]\ntruncate_data = \"" + std::string(mode) + "\"\n"));
        const auto out = dir / (std::string(mode) + ".h5");
        auto r = run({"validate", file.string(), "-o", out.string()}, dir);
        ASSERT_EQ(r.exit_code, 0) << r.err;
        const bool none = std::string(mode) == "none";
        EXPECT_NE(r.out.find(none ? "data: complete" : "data: up to 2015"), std::string::npos) << r.out;
        auto root = sim::out::read_hdf5(out);
        ASSERT_TRUE(root) << root.error().message();
        const auto* own = check_simulated(*root, "temporal_2015", "null");
        if (none) {
            EXPECT_EQ(own, nullptr);
            continue;
        }
        ASSERT_NE(own, nullptr);
        const auto* models = find_group(*find_group(*root, "validate"), "models");
        const auto* complete = find_dataset(*find_group(*models, "null"), "simulated");
        ASSERT_NE(complete, nullptr);
        // The same draws, simulated on less data: the documented times differ somewhere.
        EXPECT_NE(std::get<std::vector<double>>(own->data), std::get<std::vector<double>>(complete->data)) << mode;
    }
    const auto bad = write_file(dir, "bad.toml", small_validate("truncate_data = \"some\"\n"));
    auto r = run({"validate", bad.string(), "-o", (dir / "bad.h5").string()}, dir);
    EXPECT_EQ(r.exit_code, 2);
    EXPECT_NE(r.err.find("validate.truncate_data"), std::string::npos) << r.err;
}

TEST(Validate, TheShippedValidateFileValidates) {
    const auto dir = fresh_dir("validate_shipped");
    auto r = run({"validate", scenario("validate.toml").string(), "--dry-run"}, dir);
    ASSERT_EQ(r.exit_code, 0) << r.err;
    for (const char* s : {"check temporal_2014", "check temporal_2016", "check region_Oceania", "check after2019",
                          "model full (pushpull)", "57 first documented by 2019"})
        EXPECT_NE(r.out.find(s), std::string::npos) << s << "\n" << r.out;
}

TEST(Validate, BadInputExitsTwoNamesTheKeyAndWritesNothing) {
    const auto dir = fresh_dir("validate_bad");
    write_file(dir, "cmp.toml", small_compare());
    const auto bad = write_file(dir, "bad.toml", small_validate("chekcs = [\"region\"]\nregion_by = \"planet\"\n"));
    auto r = run({"validate", bad.string(), "-o", (dir / "out.h5").string()}, dir);
    EXPECT_EQ(r.exit_code, 2);
    EXPECT_NE(r.err.find("bad.toml"), std::string::npos) << r.err;
    EXPECT_NE(r.err.find("chekcs"), std::string::npos) << r.err;
    EXPECT_NE(r.err.find("region_by"), std::string::npos) << r.err;
    EXPECT_FALSE(std::filesystem::exists(dir / "out.h5"));
    const auto wrong = write_file(dir, "wrong.toml", small_validate("checks = [\"temporal\", \"spatial\"]\n"));
    auto w = run({"validate", wrong.string(), "-o", (dir / "out.h5").string()}, dir);
    EXPECT_EQ(w.exit_code, 2);
    EXPECT_NE(w.err.find("'spatial': expected temporal, region or after2019"), std::string::npos) << w.err;
}

}  // namespace
