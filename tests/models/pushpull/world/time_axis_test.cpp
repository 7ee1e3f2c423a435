#include <gtest/gtest.h>

#include "models/pushpull/world/world.hpp"

namespace pushpull {
namespace {

TimeAxis quarterly(std::size_t steps) {
    TimeAxis t;
    t.start_year = 2008;
    t.start_quarter = 1;
    t.months_per_step = 3;
    t.steps = steps;
    return t;
}

TEST(TimeAxis, QuarterlyLabelsAreYearQQuarter) {
    const auto t = quarterly(48);
    EXPECT_EQ(t.label(0), "2008Q1");
    EXPECT_EQ(t.label(1), "2008Q2");
    EXPECT_EQ(t.label(4), "2009Q1");
    EXPECT_EQ(t.label(47), "2019Q4");
}

TEST(TimeAxis, YearQuarterAndTimeOfAStep) {
    const auto t = quarterly(48);
    EXPECT_EQ(t.year(47), 2019);
    EXPECT_EQ(t.quarter(47), 4);
    EXPECT_DOUBLE_EQ(t.time_years(2), 2008.5);
    EXPECT_EQ(t.last_step_of_year(2019), 47);
    EXPECT_EQ(t.last_step_of_year(2012), 19);
    EXPECT_EQ(t.last_step_of_year(2020), -1);
}

TEST(TimeAxis, MonthlyLabelsAreYearDashMonth) {
    TimeAxis t;
    t.months_per_step = 1;
    t.start_quarter = 2;
    t.steps = 3;
    EXPECT_EQ(t.label(0), "2008-04");
    EXPECT_EQ(t.label(2), "2008-06");
}

}  // namespace
}  // namespace pushpull
