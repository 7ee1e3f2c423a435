#include "models/pushpull/world/series_math.hpp"

#include <gtest/gtest.h>

#include <cmath>

namespace pushpull {
namespace {

/// A yearly series with reports only at the given (year, value) pairs.
data::YearSeries series_with(std::initializer_list<std::pair<int, double>> reports) {
    data::YearSeries s(static_cast<std::size_t>(data::kYears), data::kMissing);
    for (const auto& [y, v] : reports) s[static_cast<std::size_t>(y - data::kFirstYear)] = v;
    return s;
}

TEST(InterpolateFlat, IsLinearBetweenReportedYears) {
    const auto s = series_with({{2010, 2.0}, {2014, 6.0}});
    EXPECT_DOUBLE_EQ(interpolate_flat(s, 2010.0), 2.0);
    EXPECT_DOUBLE_EQ(interpolate_flat(s, 2012.0), 4.0);
    EXPECT_DOUBLE_EQ(interpolate_flat(s, 2013.5), 5.5);
    EXPECT_DOUBLE_EQ(interpolate_flat(s, 2014.0), 6.0);
}

TEST(InterpolateFlat, IsFlatBeforeTheFirstAndAfterTheLastReport) {
    const auto s = series_with({{2010, 2.0}, {2014, 6.0}});
    EXPECT_DOUBLE_EQ(interpolate_flat(s, 2008.25), 2.0);
    EXPECT_DOUBLE_EQ(interpolate_flat(s, 2019.75), 6.0);
}

TEST(InterpolateFlat, IsNaNWhenNothingIsReported) {
    EXPECT_TRUE(std::isnan(interpolate_flat(series_with({}), 2012.0)));
}

TEST(MeanOverYears, IgnoresMissingYearsAndIsNaNWhenNone) {
    const auto s = series_with({{2010, 2.0}, {2012, 4.0}});
    EXPECT_DOUBLE_EQ(mean_over_years(s, 2008, 2019), 3.0);
    EXPECT_TRUE(std::isnan(mean_over_years(s, 2015, 2019)));
}

TEST(Standardise, GivesMeanZeroAndSdOneOverNonMissingValues) {
    std::vector<double> v = {1.0, 2.0, data::kMissing, 3.0, 6.0};
    standardise(v);
    double sum = 0, sq = 0;
    int n = 0;
    for (double x : v)
        if (!std::isnan(x)) {
            sum += x;
            sq += x * x;
            ++n;
        }
    EXPECT_EQ(n, 4);
    EXPECT_NEAR(sum / n, 0.0, 1e-12);
    EXPECT_NEAR(std::sqrt(sq / (n - 1)), 1.0, 1e-12);
    EXPECT_TRUE(std::isnan(v[2]));
}

TEST(Standardise, ConstantVectorBecomesAllZero) {
    std::vector<double> v = {4.0, 4.0, 4.0};
    standardise(v);
    for (double x : v) EXPECT_EQ(x, 0.0);
}

}  // namespace
}  // namespace pushpull
