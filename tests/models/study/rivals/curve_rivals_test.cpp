// The curve rivals of `pushpull compare` (models/study/rivals/curve_rivals.hpp): the Bass chain
// follows the deterministic Bass recursion on average, the logit hazard responds to its covariates,
// and both refuse values outside their ranges.
#include "models/study/rivals/curve_rivals.hpp"

#include <gtest/gtest.h>

#include <cmath>

namespace {

namespace data = pushpull::data;

data::InputData countries(std::size_t n) {
    data::InputData in;
    for (std::size_t i = 0; i < n; ++i) {
        data::Country c;
        c.iso3 = "C" + std::to_string(i);
        const double high = i % 2 == 0 ? 1.0 : 0.0;  // even countries: high homicide, the rest low
        c.homicide_per_100k.assign(data::kYears, high > 0 ? 30.0 : 1.0);
        c.population.assign(data::kYears, 1e6);
        c.polyarchy.assign(data::kYears, 0.5);
        c.cn_finance_usd.assign(data::kYears, 0.0);
        in.countries.push_back(c);
    }
    return in;
}

TEST(CurveRivals, BassChainFollowsTheBassRecursionOnAverage) {
    const auto in = countries(199);
    auto bass = study::rivals::CurveRival::create("bass", in);
    ASSERT_TRUE(bass.has_value());
    ASSERT_EQ((*bass)->statistics().size(), 11u);
    EXPECT_EQ((*bass)->statistics().front(), "observed_countries_2009");
    const std::vector<double> theta{100, 0.01, 0.4};
    std::vector<double> mean(11, 0.0);
    const int runs = 400;
    for (int s = 0; s < runs; ++s) {
        auto out = (*bass)->evaluate(theta, static_cast<std::uint64_t>(s + 1), false);
        ASSERT_TRUE(out.has_value());
        for (std::size_t y = 0; y < 11; ++y) mean[y] += out->statistics[y] / runs;
        for (std::size_t y = 1; y < 11; ++y) EXPECT_GE(out->statistics[y], out->statistics[y - 1]);
    }
    // N_t = N + (m - N)(p + q N / m), from N = 0: a mean-field approximation of the chain, close
    // enough while the curve is far from saturation (2019: about 29 of 100).
    double n = 0;
    for (std::size_t y = 0; y < 11; ++y) {
        n += (100 - n) * (0.01 + 0.4 * n / 100);
        EXPECT_NEAR(mean[y], n, 0.12 * n + 0.5) << "year " << 2009 + y;
    }
}

TEST(CurveRivals, LogitHazardFollowsItsCovariate) {
    const auto in = countries(100);
    auto logit = study::rivals::CurveRival::create("logit", in);
    ASSERT_TRUE(logit.has_value());
    EXPECT_NEAR((*logit)->covariates()[0], 1.0, 0.01);  // standardised homicide of an even country
    EXPECT_EQ((*logit)->covariates()[1], 0.0);          // finance does not vary
    // alpha -3, homicide +3: high-homicide countries have hazard 1/2, the others about 0.0025.
    const std::vector<double> theta{-3, 0, 3, 0, 0, 0};
    auto out = (*logit)->evaluate(theta, 7, false);
    ASSERT_TRUE(out.has_value());
    EXPECT_GT(out->statistics.back(), 45.0);  // nearly all 50 high-homicide countries by 2019
    EXPECT_LT(out->statistics.back(), 56.0);  // and few of the other 50
    auto again = (*logit)->evaluate(theta, 7, false);
    EXPECT_EQ(out->statistics, again->statistics);
}

TEST(CurveRivals, RefusesBadKindsAndValues) {
    const auto in = countries(10);
    auto bad = study::rivals::CurveRival::create("gompertz", in);
    ASSERT_FALSE(bad.has_value());
    EXPECT_NE(bad.error().message().find("expected bass or logit"), std::string::npos);
    auto bass = study::rivals::CurveRival::create("bass", in);
    EXPECT_FALSE((*bass)->evaluate({11, 0.1, 0.1}, 1, false));  // m above the 10 countries
    EXPECT_FALSE((*bass)->evaluate({5, -0.1, 0.1}, 1, false));
    EXPECT_FALSE((*bass)->evaluate({5, 0.1}, 1, false));
}

}  // namespace
