// `pushpull compare` end to end: writes the file and prints the table, the same bytes on 1 and 2
// threads, refuses an existing output without --force, and bad input exits 2 naming the file and
// leaving no output behind.
#include <gtest/gtest.h>

#include "tests/integration/cli.hpp"

namespace {

using namespace pushpull::cli;

std::string small_compare() {
    return "[compare]\nbase = \"" + scenario("baseline.toml").string() +
           "\"\ndraws = 40\naccept = 0.1\nseed = 5\nbootstrap = 10\n"
           "[[model]]\nname = \"bass\"\nkind = \"bass\"\n[[model]]\nname = \"logit\"\nkind = \"logit\"\n"
           "[[model]]\nname = \"null\"\nkind = \"pushpull\"\nset = [\"params.beta_crime=0\"]\n"
           "[[model.parameter]]\nkey = \"alpha0\"\n";
}

TEST(Compare, WritesTheSameBytesWhateverTheThreadCount) {
    ::setenv("SOURCE_DATE_EPOCH", "0", 1);
    const auto dir = fresh_dir("compare");
    const auto file = write_file(dir, "cmp.toml", small_compare());
    auto one = run({"compare", file.string(), "-o", (dir / "one.h5").string(), "--threads", "1"}, dir);
    ASSERT_EQ(one.exit_code, 0) << one.err;
    EXPECT_NE(one.out.find("### Model choice"), std::string::npos);
    EXPECT_NE(one.out.find("| null | pushpull |"), std::string::npos) << one.out;
    auto two = run({"compare", file.string(), "-o", (dir / "two.h5").string(), "--threads", "2"}, dir);
    ASSERT_EQ(two.exit_code, 0) << two.err;
    EXPECT_EQ(slurp(dir / "one.h5"), slurp(dir / "two.h5"));
    auto again = run({"compare", file.string(), "-o", (dir / "one.h5").string()}, dir);
    EXPECT_EQ(again.exit_code, 3) << again.err;
    auto held = run({"compare", file.string(), "-o", (dir / "held.h5").string(), "--holdout-after", "2015", "--model",
                     "bass", "--model", "null"},
                    dir);
    ASSERT_EQ(held.exit_code, 0) << held.err;
    EXPECT_NE(held.out.find("fitted up to 2015"), std::string::npos);
    EXPECT_EQ(held.out.find("| logit |"), std::string::npos);
}

TEST(Compare, TheShippedCompareFileValidates) {
    const auto dir = fresh_dir("compare_shipped");
    auto r = run({"compare", scenario("compare.toml").string(), "--dry-run"}, dir);
    ASSERT_EQ(r.exit_code, 0) << r.err;
    for (const char* m : {"model null (pushpull)", "model push (pushpull)", "model pull (pushpull)",
                          "model full (pushpull)", "model bass (bass)", "model logit (logit)"})
        EXPECT_NE(r.out.find(m), std::string::npos) << m;
    EXPECT_NE(r.out.find("distance    11 terms"), std::string::npos) << r.out;
}

TEST(Compare, BadInputExitsTwoAndWritesNothing) {
    const auto dir = fresh_dir("compare_bad");
    const auto bad =
        write_file(dir, "bad.toml", small_compare() + "[[model]]\nname = \"x\"\nkind = \"bass\"\nbase = \"b.toml\"\n");
    auto r = run({"compare", bad.string(), "-o", (dir / "out.h5").string()}, dir);
    EXPECT_EQ(r.exit_code, 2);
    EXPECT_NE(r.err.find("bad.toml"), std::string::npos) << r.err;
    EXPECT_NE(r.err.find("only a pushpull model takes a base scenario"), std::string::npos) << r.err;
    const auto good = write_file(dir, "good.toml", small_compare());
    auto m =
        run({"compare", good.string(), "-o", (dir / "out.h5").string(), "--model", "nope", "--model", "bass"}, dir);
    EXPECT_EQ(m.exit_code, 2);
    EXPECT_NE(m.err.find("--model nope: no such [[model]]"), std::string::npos) << m.err;
    const auto footprints_alone =
        write_file(dir, "fp.toml", "[compare]\ndata_until_footprints = \"keep\"\n" + small_compare().substr(10));
    auto f = run({"compare", footprints_alone.string(), "--dry-run"}, dir);
    EXPECT_EQ(f.exit_code, 2);
    EXPECT_NE(f.err.find("compare.data_until_footprints: needs compare.data_until"), std::string::npos) << f.err;
    EXPECT_TRUE(stray_files(dir).empty());
}

TEST(Compare, DataUntilReachesEveryModelAndIsNoted) {
    const auto dir = fresh_dir("compare_data_until");
    const auto file = write_file(dir, "cut.toml", "[compare]\ndata_until = 2014\n" + small_compare().substr(10));
    auto r = run({"compare", file.string(), "--dry-run"}, dir);
    ASSERT_EQ(r.exit_code, 0) << r.err;
    EXPECT_NE(r.out.find("note: data: every model sees only the data dated up to the cut (run.data_until=2014)"),
              std::string::npos)
        << r.out;
    write_file(dir, "cmp.toml", "[compare]\ndata_until = 2014\n" + small_compare().substr(10));
    const auto val = write_file(dir, "val.toml", "[validate]\ncompare = \"cmp.toml\"\n");
    auto v = run({"validate", val.string(), "--dry-run"}, dir);
    EXPECT_EQ(v.exit_code, 2);
    EXPECT_NE(v.err.find("the compare file sets data_until"), std::string::npos) << v.err;
}

}  // namespace
