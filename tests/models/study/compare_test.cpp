// `pushpull compare` (models/study/compare.hpp): a compare file is validated key by key, the plan
// keeps only the targets every model reports and names the rest, and a small comparison of the
// curve rivals is reproducible, sums to one and reads back as a report.
#include "models/study/compare.hpp"

#include <gtest/gtest.h>

#include <filesystem>

namespace {

namespace fs = std::filesystem;

std::string header(const std::string& extra = "") {
    return "[compare]\nbase = \"" + (fs::path(PUSHPULL_SOURCE_DIR) / "scenarios" / "baseline.toml").string() +
           "\"\ndraws = 60\naccept = 0.1\nseed = 3\nbootstrap = 20\n" + extra;
}

const std::string kCurveRivals =
    "[[model]]\nname = \"bass\"\nkind = \"bass\"\n[[model]]\nname = \"logit\"\nkind = \"logit\"\n";

std::string error_of(const std::string& text) {
    auto s = study::parse_compare_spec_text(text, ".", "cmp.toml");
    return s ? "" : s.error().message();
}

TEST(CompareSpec, NamesEveryBadKeyWithItsFile) {
    EXPECT_NE(error_of("[model]\n").find("[compare]: missing"), std::string::npos);
    EXPECT_NE(error_of(header("drawz = 5\n") + kCurveRivals).find("compare.drawz"), std::string::npos);
    EXPECT_NE(error_of(header() + "[[model]]\nname = \"bass\"\nkind = \"bass\"\n").find("at least two"),
              std::string::npos);
    EXPECT_NE(
        error_of(header() + kCurveRivals + "[[model]]\nname = \"bass\"\nkind = \"logit\"\n").find("appears twice"),
        std::string::npos);
    EXPECT_NE(
        error_of(header() + kCurveRivals + "[[model]]\nname = \"x\"\nkind = \"gompertz\"\n").find("model #3.kind"),
        std::string::npos);
    EXPECT_NE(error_of(header() + kCurveRivals + "[[model]]\nname = \"a b\"\nkind = \"bass\"\n").find("letters"),
              std::string::npos);
    const std::string wrong_param =
        header() + kCurveRivals + "[[model]]\nname = \"b2\"\nkind = \"bass\"\n[[model.parameter]]\nkey = \"r\"\n";
    EXPECT_NE(error_of(wrong_param).find("'r' is not a parameter of the bass rival (m, p, q)"), std::string::npos);
    EXPECT_NE(error_of(header() + kCurveRivals + "[[model]]\nname = \"pp\"\nkind = \"pushpull\"\n").find("none"),
              std::string::npos);
    EXPECT_NE(error_of(header("holdout_after = 2030\n") + kCurveRivals).find("holdout_after"), std::string::npos);
    EXPECT_EQ(error_of(header() + kCurveRivals), "");
}

TEST(CompareRun, CurveRivalsAreComparedOnTheDocumentedCurveOnly) {
    auto spec = study::parse_compare_spec_text(header() + kCurveRivals, ".", "cmp.toml");
    ASSERT_TRUE(spec.has_value()) << spec.error().message();
    auto plan = study::make_compare_plan(std::move(*spec));
    ASSERT_TRUE(plan.has_value()) << plan.error().message();
    EXPECT_EQ(plan->distance.terms().size(), 11u);  // T8 2009..2019
    for (const auto& t : plan->distance.terms()) EXPECT_EQ(t.id, "T8");
    ASSERT_FALSE(plan->notes.empty());
    EXPECT_NE(plan->notes.front().find("not reported by bass, logit"), std::string::npos);

    auto serial = study::run_compare(*plan, sim::Executor::serial());
    auto parallel = study::run_compare(*plan, sim::Executor(2));
    ASSERT_TRUE(serial && parallel);
    EXPECT_NEAR(serial->choice.probability[0] + serial->choice.probability[1], 1.0, 1e-12);
    EXPECT_EQ(serial->choice.probability, parallel->choice.probability);
    EXPECT_EQ(serial->crps, parallel->crps);
    EXPECT_TRUE(std::isnan(serial->crps_heldout[0]));  // no hold-out
    EXPECT_GT(serial->crps_fitted[0], 0.0);

    auto report = study::compare_report(study::compare_tree(*plan, *serial, {}));
    ASSERT_TRUE(report.has_value()) << report.error().message();
    EXPECT_NE(report->find("| bass | bass |"), std::string::npos);
    EXPECT_NE(report->find("Notes (targets left out"), std::string::npos);
}

TEST(CompareRun, HoldOutFitsTheEarlyCurveAndScoresTheLateYears) {
    auto spec = study::parse_compare_spec_text(header("holdout_after = 2015\n") + kCurveRivals, ".", "cmp.toml");
    ASSERT_TRUE(spec.has_value());
    auto plan = study::make_compare_plan(std::move(*spec));
    ASSERT_TRUE(plan.has_value());
    EXPECT_EQ(plan->distance.terms().size(), 7u);  // 2009..2015
    EXPECT_EQ(plan->curve_years.size(), 11u);      // all years scored
    auto r = study::run_compare(*plan, sim::Executor(2));
    ASSERT_TRUE(r.has_value());
    EXPECT_TRUE(std::isfinite(r->crps_heldout[0]));
    EXPECT_TRUE(std::isfinite(r->crps_fitted[1]));
}

TEST(CompareRun, PseudoDataReplaceTheTargetsByOneRunOfTheGeneratingModel) {
    auto spec = study::parse_compare_spec_text(header("pseudo_model = \"bass\"\npseudo_seed = 4\n") + kCurveRivals, ".",
                                               "cmp.toml");
    ASSERT_TRUE(spec.has_value()) << spec.error().message();
    auto plan = study::make_compare_plan(std::move(*spec));
    ASSERT_TRUE(plan.has_value()) << plan.error().message();
    ASSERT_EQ(plan->pseudo_theta.size(), 3u);
    auto run = plan->models[0]->evaluate(plan->pseudo_theta, 4, false);
    ASSERT_TRUE(run.has_value());
    ASSERT_EQ(plan->distance.terms().size(), 11u);
    for (std::size_t y = 0; y < 11; ++y) {
        EXPECT_EQ(plan->distance.terms()[y].observed, run->statistics[y]);
        EXPECT_EQ(plan->distance.terms()[y].kind, "point");
        EXPECT_EQ(plan->curve_observed[y], run->statistics[y]);
    }
    EXPECT_NE(plan->notes.back().find("pseudo-data of model bass"), std::string::npos);
    EXPECT_NE(error_of(header("pseudo_model = \"nope\"\n") + kCurveRivals).find("compare.pseudo_model"),
              std::string::npos);
}

TEST(CompareReport, RefusesAFileWithoutTheCompareGroup) {
    sim::out::Group root;
    root.group("calibration");
    auto r = study::compare_report(root);
    ASSERT_FALSE(r.has_value());
    EXPECT_NE(r.error().message().find("compare"), std::string::npos);
}

}  // namespace
