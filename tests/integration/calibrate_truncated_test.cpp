// Issue 11: statistics that cannot exist in a run ending before 2019 are dropped from the distance
// automatically (named in the plan and the log), instead of adding a constant miss to every
// distance; the documented curve of the years the run reaches stays a target.
#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>

#include "models/study/calibration.hpp"

namespace {

namespace fs = std::filesystem;

study::CalibrationPlan plan_for(const std::string& end) {
    const std::string text = "[calibration]\nbase = \"" +
                             (fs::path(PUSHPULL_SOURCE_DIR) / "scenarios" / "baseline.toml").string() +
                             "\"\nset = [\"run.end=" + end + "\"]\nparticles = 10\npilot = 10\n"
                             "[[parameter]]\nkey = \"params.alpha0\"\n";
    auto spec = study::parse_calibration_spec_text(text, fs::path(PUSHPULL_TEST_TMP));
    EXPECT_TRUE(spec) << spec.error().message();
    auto plan = study::make_calibration_plan(std::move(*spec));
    EXPECT_TRUE(plan) << plan.error().message();
    return std::move(*plan);
}

bool has_term(const study::CalibrationPlan& p, const std::string& statistic) {
    const auto& t = p.distance.terms();
    return std::any_of(t.begin(), t.end(), [&](const auto& x) { return x.statistic == statistic; });
}

TEST(CalibrateTruncated, StatisticsOf2019AreDroppedFromARunEndingIn2016) {
    const auto plan = plan_for("2016Q4");
    const auto& d = plan.dropped_targets;
    for (const char* s : {"visit_clustering_ratio", "countries_adopted_2019", "documented_adopters_auc",
                          "documented_year_spearman", "observed_countries_2019"}) {
        EXPECT_NE(std::find(d.begin(), d.end(), s), d.end()) << s << " should be dropped";
        EXPECT_FALSE(has_term(plan, s)) << s;
    }
    for (const char* s : {"observed_countries_2012", "observed_countries_2016"}) {
        EXPECT_EQ(std::find(d.begin(), d.end(), s), d.end()) << s << " is defined in the run and must stay";
        EXPECT_TRUE(has_term(plan, s)) << s;
    }
}

TEST(CalibrateTruncated, NothingIsDroppedFromAFullRun) {
    const auto plan = plan_for("2019Q4");
    EXPECT_TRUE(plan.dropped_targets.empty());
    EXPECT_TRUE(has_term(plan, "visit_clustering_ratio"));
}

}  // namespace
