// The observation model (Revision 2 R10) against its closed form: the share of simulated
// documentation times that fall before t matches P(documented by t | adopted at a) within
// 4 sd / sqrt(N) (MODEL.md §8's docking tolerance), across the 2018 boost and without growth.
#include <cmath>

#include <gtest/gtest.h>

#include "models/pushpull/record/observation.hpp"

namespace pushpull {
namespace {

void expect_docks(const Params& p, double a, double t) {
    constexpr int kN = 20000;
    const double expected = documented_probability(a, t, p);
    int hits = 0;
    for (int k = 0; k < kN; ++k) {
        sim::Rng rng(99, 0, static_cast<std::uint32_t>(k), 7);
        hits += draw_documentation_time(a, p, rng) <= t;
    }
    const double share = static_cast<double>(hits) / kN;
    const double sd = std::sqrt(expected * (1 - expected));
    EXPECT_LE(std::abs(share - expected), 4 * sd / std::sqrt(static_cast<double>(kN)) + 1e-12)
        << "a = " << a << ", t = " << t << ": simulated " << share << ", closed form " << expected;
}

TEST(ObservationModel, DocumentationTimesDockWithTheClosedForm) {
    Params p;
    p.obs_rate0 = 0.2;
    p.obs_growth = 0.15;
    p.obs_boost_2018 = 2.0;
    for (double a : {2009.0, 2013.25, 2017.5, 2019.0})
        for (double dt : {0.5, 1.0, 3.0, 6.0}) expect_docks(p, a, a + dt);
    p.obs_growth = 0.0;
    p.obs_boost_2018 = 0.0;
    expect_docks(p, 2010.0, 2013.0);
    // Without growth or boost the documentation lag is exponential: P = 1 - exp(-rate (t - a)).
    EXPECT_NEAR(documented_probability(2010.0, 2013.0, p), 1.0 - std::exp(-0.2 * 3.0), 1e-12);
}

TEST(ObservationModel, AttentionRaisesTheChanceOfBeingDocumented) {
    Params p;
    EXPECT_DOUBLE_EQ(documented_probability(2012.0, 2012.0, p), 0.0);
    EXPECT_LT(documented_probability(2010.0, 2011.0, p), documented_probability(2017.5, 2018.5, p));
    const double before = documented_probability(2016.0, 2017.0, p), after = documented_probability(2018.0, 2019.0, p);
    p.obs_boost_2018 = 0.0;
    EXPECT_NEAR(documented_probability(2016.0, 2017.0, p), before, 1e-12);  // the boost acts from 2018 only
    EXPECT_LT(documented_probability(2018.0, 2019.0, p), after);
}

}  // namespace
}  // namespace pushpull
