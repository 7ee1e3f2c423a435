#include "models/pushpull/record/summary.hpp"

#include <gtest/gtest.h>

#include <cmath>
#include <memory>
#include <string>

#include "models/pushpull/model_entry.hpp"
#include "sim/parallel.hpp"
#include "sim/rng.hpp"

namespace pushpull {
namespace {

TEST(FitLogit, RecoversKnownCoefficientsFromSimulatedData) {
    const double b0 = -0.5, b1 = 1.2, b2 = -0.8;
    const std::size_t n = 20000;
    std::vector<std::vector<double>> x(n);
    std::vector<int> y(n);
    for (std::size_t r = 0; r < n; ++r) {
        sim::Rng rng(42, 0, static_cast<std::uint32_t>(r), 0);
        const double x1 = rng.normal(), x2 = rng.normal();
        x[r] = {x1, x2};
        y[r] = rng.bernoulli(1.0 / (1.0 + std::exp(-(b0 + b1 * x1 + b2 * x2)))) ? 1 : 0;
    }
    const auto beta = fit_logit(x, y);
    ASSERT_EQ(beta.size(), 3u);
    // Standard errors at n = 20000 are about 0.02; 0.1 is 5 SE.
    EXPECT_NEAR(beta[0], b0, 0.1);
    EXPECT_NEAR(beta[1], b1, 0.1);
    EXPECT_NEAR(beta[2], b2, 0.1);
}

TEST(FitLogit, EmptyDataGivesNoCoefficients) { EXPECT_TRUE(fit_logit({}, {}).empty()); }

TEST(RankStatistics, SpearmanAndAucAgainstHandComputedValues) {
    EXPECT_DOUBLE_EQ(spearman({1, 2, 3, 4}, {10, 20, 30, 40}), 1.0);
    EXPECT_DOUBLE_EQ(spearman({1, 2, 3, 4}, {4, 3, 2, 1}), -1.0);
    // Ties share their mean rank: ranks x = (1.5, 1.5, 3), y = (1, 2, 3) -> r = sqrt(3)/2.
    EXPECT_NEAR(spearman({5, 5, 7}, {1, 2, 3}), std::sqrt(3.0) / 2.0, 1e-12);
    EXPECT_TRUE(std::isnan(spearman({1, 2}, {1, 2})));
    EXPECT_DOUBLE_EQ(auc({3, 2, 1, 0}, {1, 1, 0, 0}), 1.0);
    EXPECT_DOUBLE_EQ(auc({0, 1, 2, 3}, {1, 1, 0, 0}), 0.0);
    EXPECT_DOUBLE_EQ(auc({1, 1, 1, 1}, {1, 0, 1, 0}), 0.5);  // a tie counts one half
    EXPECT_DOUBLE_EQ(auc({2, 0, 1}, {1, 0, 1}), 1.0);
    EXPECT_TRUE(std::isnan(auc({1, 2}, {1, 1})));
}

/// One short run (2008Q1–2011Q4) of the baseline on the real data, shared by the tests below.
class TinyRun : public ::testing::Test {
protected:
    static void SetUpTestSuite() {
        Params p;
        p.data_dir = std::string(PUSHPULL_SOURCE_DIR) + "/data";
        p.end_year = 2011;
        p.seed = 7;
        auto world = load_world(p, input_);
        ASSERT_TRUE(world) << world.error().message();
        const auto ex = sim::Executor::serial();
        run_ = std::make_unique<FinishedRun>(run_on_world(std::move(*world), p, input_, ex));
    }
    static void TearDownTestSuite() { run_.reset(); }
    void SetUp() override { ASSERT_NE(run_, nullptr); }
    static double stat(const std::string& name) {
        for (const auto& s : run_->summary)
            if (s.name == name) return s.value;
        ADD_FAILURE() << "no statistic " << name;
        return std::nan("");
    }
    static inline data::InputData input_;
    static inline std::unique_ptr<FinishedRun> run_;
};

TEST_F(TinyRun, SeriesHaveOneEntryPerStep) {
    const auto& s = run_->series;
    EXPECT_EQ(s.steps, 16u);
    EXPECT_EQ(s.countries_adopted.size(), 16u);
    EXPECT_EQ(s.cities_adopted.size(), 16u);
    EXPECT_EQ(s.agreements_by_vendor.size(), 16u * kVendors);
}

TEST_F(TinyRun, CumulativeSeriesNeverDecrease) {
    const auto& s = run_->series;
    for (std::size_t t = 1; t < s.steps; ++t) {
        EXPECT_GE(s.countries_adopted[t], s.countries_adopted[t - 1]) << t;
        EXPECT_GE(s.cities_adopted[t], s.cities_adopted[t - 1]) << t;
        EXPECT_GE(s.chinese_agreements[t], s.chinese_agreements[t - 1]) << t;
        for (std::size_t v = 0; v < kVendors; ++v)
            EXPECT_GE(s.agreements_by_vendor[t * kVendors + v], s.agreements_by_vendor[(t - 1) * kVendors + v]);
    }
}

TEST_F(TinyRun, AgreementsByVendorCountTheAwardEvents) {
    std::array<std::int32_t, kVendors> awards{};
    for (const auto& e : run_->events)
        if (e.kind == EventKind::Award) ++awards[static_cast<std::size_t>(e.vendor)];
    const auto& s = run_->series;
    std::int32_t chinese = 0;
    for (std::size_t v = 0; v < kVendors; ++v) {
        EXPECT_EQ(s.agreements_by_vendor[(s.steps - 1) * kVendors + v], awards[v]) << kVendorIds[v];
        if (run_->world->vendors[v].chinese) chinese += awards[v];
    }
    EXPECT_EQ(s.chinese_agreements.back(), chinese);
}

TEST_F(TinyRun, CountriesAdoptedMatchesCitiesFirstChineseAgreements) {
    const auto& w = *run_->world;
    std::int32_t countries = 0, cities = 0;
    for (std::size_t c = 0; c < w.countries.size(); ++c) {
        bool any = false;
        for (auto i = w.countries.city_begin[c]; i < w.countries.city_end[c]; ++i)
            if (run_->state.cities.first_chinese_step[i] >= 0) {
                any = true;
                ++cities;
            }
        countries += any ? 1 : 0;
    }
    EXPECT_EQ(run_->series.countries_adopted.back(), countries);
    EXPECT_EQ(run_->series.cities_adopted.back(), cities);
    EXPECT_EQ(stat("countries_adopted_end"), countries);
    EXPECT_EQ(stat("countries_adopted_2011"), countries);
    EXPECT_LE(stat("countries_adopted_2010"), countries);
}

TEST_F(TinyRun, CountriesAdoptedOfYearsNotReachedAreAbsent) {
    for (const auto& s : run_->summary) EXPECT_NE(s.name, "countries_adopted_2019");
}

// KNOWN BUG (models/pushpull/record/summary.cpp, agreements()): when the run ends before 2019
// (end2019 < 0) the "..._2019" agreement statistics count every award of the run instead of being
// NaN as Statistic documents ("NaN when the run does not cover the statistic's period"); a run to
// 2011Q4 reports huawei_agreements_2019 = its 2008–2011 count. Enable when fixed.
TEST_F(TinyRun, AgreementStatisticsOf2019AreNaNWhenTheRunEndsBefore2019) {
    for (const char* name : {"huawei_agreements_2019", "huawei_countries_2019", "chinese_agreements_2019"})
        EXPECT_TRUE(std::isnan(stat(name))) << name;
}

TEST_F(TinyRun, EventsAreInStepOrder) {
    for (std::size_t k = 1; k < run_->events.size(); ++k) ASSERT_LE(run_->events[k - 1].step, run_->events[k].step);
}

}  // namespace
}  // namespace pushpull
