// Revision 2 R8: the capacity path passes through its anchors, is zero before market entry,
// grows between anchors, and holds its last level in projections.
#include <gtest/gtest.h>

#include <cmath>

#include "models/pushpull/world/supply.hpp"

namespace pushpull {
namespace {

TEST(FootprintPath, PassesThroughItsAnchors) {
    const FootprintPath f({{2018.99, 700.0}, {2015.33, 100.0}, {2017.0, 300.0}}, 2009.0);  // unsorted on purpose
    EXPECT_NEAR(f.footprint(2015.33), 100.0, 1e-9);
    EXPECT_NEAR(f.footprint(2017.0), 300.0, 1e-9);
    EXPECT_NEAR(f.footprint(2018.99), 700.0, 1e-9);
    EXPECT_DOUBLE_EQ(f.relative_capacity(2018.99), 1.0);
    // Log-linear between anchors: the midpoint in time is the geometric mean.
    EXPECT_NEAR(f.footprint(0.5 * (2015.33 + 2017.0)), std::sqrt(100.0 * 300.0), 1e-9);
}

TEST(FootprintPath, ZeroBeforeEntryGrowingThenCeiling) {
    const FootprintPath f({{2015.0, 100.0}, {2019.0, 700.0}}, 2010.0);
    EXPECT_DOUBLE_EQ(f.footprint(2009.9), 0.0);
    EXPECT_GT(f.footprint(2010.0), 0.0);
    // Before the first anchor, the first segment's rate extended backwards.
    const double rate = std::log(7.0) / 4.0;
    EXPECT_NEAR(f.footprint(2012.0), 100.0 * std::exp(-3.0 * rate), 1e-9);
    double last = 0.0;
    for (double t = 2010.0; t < 2019.0; t += 0.25) {
        EXPECT_GT(f.footprint(t), last) << t;
        last = f.footprint(t);
    }
    EXPECT_DOUBLE_EQ(f.footprint(2030.0), 700.0);
    EXPECT_DOUBLE_EQ(f.relative_capacity(2025.0), 1.0);
    EXPECT_LT(f.relative_capacity(2012.0), 0.1);
}

}  // namespace
}  // namespace pushpull
