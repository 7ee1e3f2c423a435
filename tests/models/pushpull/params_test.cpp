#include "models/pushpull/params.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <string>
#include <variant>

#include "models/pushpull/world/build_parts.hpp"

namespace pushpull {
namespace {

sim::Result<sim::config::Config> load_text(const std::string& toml, const sim::config::Schema& s) {
    return sim::config::load_scenario_text(toml, std::filesystem::path(PUSHPULL_SOURCE_DIR) / "scenarios", s);
}

/// The error's full message (every diagnostic, with its key path).
std::string message_of(const sim::Result<Params>& r) { return r ? std::string() : r.error().message(); }

TEST(ParamsSchema, EveryKeyHasAUnitOrADoc) {
    const auto sch = schema();
    for (const auto& k : sch.keys()) EXPECT_FALSE(k.unit.empty() && k.doc.empty()) << k.path;
}

TEST(ParamsSchema, KeyPathsAreUnique) {
    const auto s = schema();
    for (const auto& k : s.keys()) EXPECT_EQ(s.find(k.path), &k) << "duplicate key " << k.path;
}

TEST(ParamsSchema, EveryNumericDefaultLiesInsideItsRange) {
    const auto sch = schema();
    for (const auto& k : sch.keys()) {
        double v = 0.0;
        if (const auto* i = std::get_if<std::int64_t>(&k.default_value)) v = static_cast<double>(*i);
        else if (const auto* d = std::get_if<double>(&k.default_value)) v = *d;
        else continue;
        if (k.min) {
            EXPECT_GE(v, *k.min) << k.path;
        }
        if (k.max) {
            EXPECT_LE(v, *k.max) << k.path;
        }
    }
}

TEST(ParamsSchema, EveryStringDefaultIsOneOfItsChoices) {
    const auto sch = schema();
    for (const auto& k : sch.keys()) {
        const auto* s = std::get_if<std::string>(&k.default_value);
        if (!s || k.choices.empty()) continue;
        EXPECT_NE(std::find(k.choices.begin(), k.choices.end(), *s), k.choices.end()) << k.path;
    }
}

TEST(ParamsFromConfig, SchemaDefaultsGiveTheDefaultParams) {
    const auto s = schema();
    const auto cfg = load_text("", s);
    ASSERT_TRUE(cfg) << cfg.error().message();
    const auto p = params_from_config(*cfg);
    ASSERT_TRUE(p) << p.error().message();
    const Params d;
    EXPECT_EQ(p->start_year, 2008);
    EXPECT_EQ(p->end_year, 2019);
    EXPECT_EQ(p->end_quarter, 4);
    EXPECT_DOUBLE_EQ(p->alpha0, d.alpha0);
    EXPECT_DOUBLE_EQ(p->alpha_tender, d.alpha_tender);
    EXPECT_DOUBLE_EQ(p->beta_crime, d.beta_crime);
    EXPECT_DOUBLE_EQ(p->loan_share, d.loan_share);
    EXPECT_EQ(p->approval_timeout, d.approval_timeout);
    EXPECT_EQ(p->us.content, d.us.content);
    const auto dv = default_vendor_params();
    for (std::size_t v = 0; v < kVendors; ++v) {
        EXPECT_EQ(p->vendors[v].chinese, dv[v].chinese) << kVendorIds[v];
        EXPECT_DOUBLE_EQ(p->vendors[v].capacity, dv[v].capacity) << kVendorIds[v];
        EXPECT_DOUBLE_EQ(p->vendors[v].price, dv[v].price) << kVendorIds[v];
    }
}

TEST(ParamsFromConfig, ValuesSetInTheScenarioReachTheStruct) {
    const auto s = schema();
    const auto cfg = load_text("[params]\nbeta_crime = 1.25\napproval_timeout = 3\n"
                               "[vendors.huawei]\ncapacity = 7.5\n[us]\ncontent = \"tailored\"\n",
                               s);
    ASSERT_TRUE(cfg) << cfg.error().message();
    const auto p = params_from_config(*cfg);
    ASSERT_TRUE(p) << p.error().message();
    EXPECT_DOUBLE_EQ(p->beta_crime, 1.25);
    EXPECT_EQ(p->approval_timeout, 3);
    EXPECT_DOUBLE_EQ(p->vendors[kHuawei].capacity, 7.5);
    EXPECT_EQ(p->us.content, UsContent::Tailored);
}

TEST(ParamsFromConfig, ResolvedTomlRoundTripsToTheSameParams) {
    const auto s = schema();
    const auto cfg = load_text("[params]\nbeta_peer = 2.5\n[run]\nend = \"2012Q2\"\n", s);
    ASSERT_TRUE(cfg) << cfg.error().message();
    const auto again = load_text(cfg->to_toml(), s);
    ASSERT_TRUE(again) << again.error().message();
    EXPECT_EQ(cfg->values(), again->values());
    const auto p = params_from_config(*again);
    ASSERT_TRUE(p);
    EXPECT_DOUBLE_EQ(p->beta_peer, 2.5);
    EXPECT_EQ(p->end_quarter, 2);
}

TEST(ParamsFromConfig, EndBeforeStartIsBadInputNamingRunEnd) {
    const auto s = schema();
    const auto cfg = load_text("[run]\nstart = \"2012Q1\"\nend = \"2010Q4\"\n", s);
    ASSERT_TRUE(cfg) << cfg.error().message();
    const auto p = params_from_config(*cfg);
    ASSERT_FALSE(p);
    EXPECT_EQ(p.error().kind, sim::ErrorKind::BadInput);
    EXPECT_NE(message_of(p).find("run.end"), std::string::npos) << message_of(p);
}

TEST(ParamsFromConfig, MalformedQuarterIsBadInputNamingRunStart) {
    const auto s = schema();
    const auto cfg = load_text("[run]\nstart = \"2008-01\"\n", s);
    ASSERT_TRUE(cfg) << cfg.error().message();
    const auto p = params_from_config(*cfg);
    ASSERT_FALSE(p);
    EXPECT_NE(message_of(p).find("run.start"), std::string::npos) << message_of(p);
}

TEST(ParamsFromConfig, GraceNotShorterThanMaturityIsBadInputNamingTheKey) {
    const auto s = schema();
    const auto cfg = load_text("[params]\nloan_grace_years = 20\nloan_maturity_years = 20\n", s);
    ASSERT_TRUE(cfg) << cfg.error().message();
    const auto p = params_from_config(*cfg);
    ASSERT_FALSE(p);
    EXPECT_NE(message_of(p).find("params.loan_grace_years"), std::string::npos) << message_of(p);
}

TEST(ParamsFromConfig, AllContestWeightsZeroIsBadInput) {
    const auto s = schema();
    const auto cfg = load_text("[params]\ncontest_w_proceed = 0\ncontest_w_delay = 0\n"
                               "contest_w_downscale = 0\ncontest_w_cancel = 0\n",
                               s);
    ASSERT_TRUE(cfg) << cfg.error().message();
    const auto p = params_from_config(*cfg);
    ASSERT_FALSE(p);
    EXPECT_NE(message_of(p).find("contest_w"), std::string::npos) << message_of(p);
}

TEST(ParamsFromConfig, SeveralCrossKeyErrorsAreAllReported) {
    const auto s = schema();
    const auto cfg = load_text("[run]\nstart = \"2012Q1\"\nend = \"2010Q4\"\n"
                               "[params]\nloan_grace_years = 25\nloan_maturity_years = 20\n",
                               s);
    ASSERT_TRUE(cfg) << cfg.error().message();
    const auto p = params_from_config(*cfg);
    ASSERT_FALSE(p);
    EXPECT_GE(p.error().diagnostics.size(), 2u);
}

TEST(BuildTimeAxis, CalibrationWindowHas48QuarterlySteps) {
    Params p;
    const auto t = build_time_axis(p);
    EXPECT_EQ(t.steps, 48u);
    EXPECT_DOUBLE_EQ(t.dt_years, 0.25);
    EXPECT_EQ(t.label(0), "2008Q1");
    EXPECT_EQ(t.label(t.steps - 1), "2019Q4");
}

TEST(BuildTimeAxis, MonthlyStepsTripleTheCount) {
    Params p;
    p.months_per_step = 1;
    EXPECT_EQ(build_time_axis(p).steps, 144u);
}

}  // namespace
}  // namespace pushpull
