// Every scenario in scenarios/*.toml runs and writes its file (new scenarios are picked up
// automatically, so none rots).
#include <algorithm>

#include "tests/integration/cli.hpp"

namespace pushpull::cli {
namespace {

std::vector<fs::path> all_scenarios() {
    std::vector<fs::path> out;
    for (const auto& e : fs::directory_iterator(source_dir() / "scenarios"))
        // calibration*.toml, compare*.toml and validate*.toml are `pushpull calibrate`, `compare` and
        // `validate` files, checked in calibrate_test.cpp, compare_test.cpp and validate_test.cpp.
        if (e.is_regular_file() && e.path().extension() == ".toml" &&
            !e.path().filename().string().starts_with("calibration") &&
            !e.path().filename().string().starts_with("compare") &&
            !e.path().filename().string().starts_with("validate"))
            out.push_back(e.path());
    std::sort(out.begin(), out.end());
    return out;
}

TEST(Scenarios, DirectoryHasTheBaselineAndTheTestScenario) {
    const auto s = all_scenarios();
    EXPECT_NE(std::find(s.begin(), s.end(), scenario("baseline.toml")), s.end());
    EXPECT_NE(std::find(s.begin(), s.end(), scenario("test_small.toml")), s.end());
}

TEST(Scenarios, EveryScenarioRunsAndWritesItsFile) {
    const auto dir = fresh_dir("scenarios");
    for (const auto& sc : all_scenarios()) {
        SCOPED_TRACE(sc.filename().string());
        const auto out = dir / (sc.stem().string() + ".h5");
        const auto r = run({"run", sc.string(), "-o", out.string(), "-q"}, dir);
        EXPECT_EQ(r.exit_code, 0) << r.err;
        EXPECT_TRUE(fs::exists(out));
        if (fs::exists(out)) {
            EXPECT_TRUE(sim::out::read_hdf5(out).has_value());
        }
    }
}

}  // namespace
}  // namespace pushpull::cli
