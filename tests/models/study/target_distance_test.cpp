// TargetDistance as ABC-SMC sees it: term values and explicit scales give exactly the distance of
// the stored scales (so the default sampler reproduces earlier calibrations bit for bit), and
// pseudo-data with an undefined statistic are matched only by an undefined one.
#include "models/study/target_distance.hpp"

#include <gtest/gtest.h>

#include <cmath>

namespace {

using pushpull::data::Target;

study::TargetDistance make() {
    const std::vector<Target> targets = {{"T1", "a", 10.0, "lower_bound", ""},
                                         {"T2", "b", 0.5, "share", ""},
                                         {"T2", "c", 2.0, "point", ""}};
    auto d = study::TargetDistance::create(targets, {"c", "a", "b"}, {});
    EXPECT_TRUE(d.has_value());
    return *d;
}

}  // namespace

TEST(TargetDistance, TermValuesAndScalesReproduceTheStoredDistance) {
    auto d = make();
    d.set_scales(std::vector<double>{2.0, 0.1, 4.0});
    const std::vector<double> stats = {3.0, 7.0, std::nan("")};  // c, a, b (b undefined)
    const auto values = d.term_values(stats);
    ASSERT_EQ(values.size(), 3u);
    EXPECT_EQ(values[0], 7.0);  // term order: a, b, c
    EXPECT_TRUE(std::isnan(values[1]));
    EXPECT_EQ(values[2], 3.0);
    EXPECT_EQ(d.distance(values, {2.0, 0.1, 4.0}), d(stats));
    // T1 misses by 3 at scale 2 (weight 1); T2's two terms weigh 1/2 each: b is NaN (3 scales), c 1/4.
    const double expect = std::sqrt(1.5 * 1.5 + 0.5 * 9.0 + 0.5 * 0.25 * 0.25);
    EXPECT_DOUBLE_EQ(d(stats), expect);
    // Weighted per statistic, T2's two terms weigh 1 each.
    std::vector<Target> targets = {
        {"T1", "a", 10.0, "lower_bound", ""}, {"T2", "b", 0.5, "share", ""}, {"T2", "c", 2.0, "point", ""}};
    auto flat =
        study::TargetDistance::create(targets, {"c", "a", "b"}, {}, study::TargetDistance::Weights::PerStatistic);
    ASSERT_TRUE(flat.has_value());
    flat->set_scales(std::vector<double>{2.0, 0.1, 4.0});
    EXPECT_DOUBLE_EQ((*flat)(stats), std::sqrt(1.5 * 1.5 + 9.0 + 0.25 * 0.25));
    // Other scales change only the scaled gaps.
    EXPECT_DOUBLE_EQ(d.distance(values, {1.0, 0.1, 1.0}), std::sqrt(9.0 + 0.5 * 9.0 + 0.5 * 1.0));
}

TEST(TargetDistance, UndefinedPseudoDataAreMatchedOnlyByUndefinedValues) {
    auto d = make();
    d.set_scales(std::vector<double>{1.0, 1.0, 1.0});
    d.set_observed({2.0, std::nan(""), 0.4});  // c = 2, a undefined, b = 0.4
    EXPECT_DOUBLE_EQ(d({2.0, std::nan(""), 0.4}), 0.0);
    EXPECT_DOUBLE_EQ(d({2.0, 5.0, 0.4}), study::TargetDistance::kNaNPenalty);  // a defined: a miss
}
