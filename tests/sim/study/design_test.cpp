// Designs on the unit cube: grid enumeration, LHS strata and maximin, Saltelli blocks, Morris steps.
#include "sim/study/design.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <limits>
#include <set>

using sim::study::Design;
using sim::study::SaltelliBlock;

namespace {

double min_distance(const Design& d) {
    double best = std::numeric_limits<double>::infinity();
    for (std::size_t a = 0; a < d.rows(); ++a) {
        for (std::size_t b = a + 1; b < d.rows(); ++b) {
            double s = 0.0;
            for (std::size_t k = 0; k < d.dims; ++k) s += (d.at(a, k) - d.at(b, k)) * (d.at(a, k) - d.at(b, k));
            best = std::min(best, std::sqrt(s));
        }
    }
    return best;
}

/// Each column holds exactly one point per stratum [k/n, (k+1)/n).
void expect_stratified(const Design& d) {
    const std::size_t n = d.rows();
    for (std::size_t k = 0; k < d.dims; ++k) {
        std::vector<int> hits(n, 0);
        for (std::size_t i = 0; i < n; ++i) {
            const double u = d.at(i, k);
            ASSERT_GT(u, 0.0);
            ASSERT_LT(u, 1.0);
            ++hits[static_cast<std::size_t>(u * static_cast<double>(n))];
        }
        for (std::size_t s = 0; s < n; ++s) EXPECT_EQ(hits[s], 1) << "column " << k << " stratum " << s;
    }
}

}  // namespace

TEST(DesignGrid, EnumeratesLastDimensionFastestWithEndpoints) {
    const auto d = sim::study::grid({2, 3, 1});
    ASSERT_TRUE(d.has_value());
    EXPECT_EQ(d->kind, "grid");
    ASSERT_EQ(d->dims, 3u);
    const std::vector<double> want = {0, 0, 0.5, 0, 0.5, 0.5, 0, 1, 0.5,  //
                                      1, 0, 0.5, 1, 0.5, 0.5, 1, 1, 0.5};
    EXPECT_EQ(d->points, want);
}

TEST(DesignGrid, RejectsBadLevels) {
    EXPECT_FALSE(sim::study::grid({}).has_value());
    const auto zero = sim::study::grid({3, 0});
    ASSERT_FALSE(zero.has_value());
    EXPECT_EQ(zero.error().kind, sim::ErrorKind::BadInput);
    EXPECT_FALSE(sim::study::grid({100000, 100000}).has_value());
}

TEST(DesignList, ChecksShapeAndRange) {
    const auto ok = sim::study::list(2, {0.0, 1.0, 0.25, 0.5});
    ASSERT_TRUE(ok.has_value());
    EXPECT_EQ(ok->rows(), 2u);
    EXPECT_EQ(ok->at(1, 0), 0.25);
    EXPECT_FALSE(sim::study::list(2, {0.1, 0.2, 0.3}).has_value());
    EXPECT_FALSE(sim::study::list(1, {1.5}).has_value());
    EXPECT_FALSE(sim::study::list(1, {std::nan("")}).has_value());
    EXPECT_FALSE(sim::study::list(0, {}).has_value());
}

TEST(DesignLhs, OnePointPerStratumInEveryColumn) {
    const auto plain = sim::study::latin_hypercube(50, 4, 7, 0);
    ASSERT_TRUE(plain.has_value());
    EXPECT_EQ(plain->rows(), 50u);
    expect_stratified(*plain);
    const auto improved = sim::study::latin_hypercube(50, 4, 7, 3000);
    ASSERT_TRUE(improved.has_value());
    expect_stratified(*improved);  // swaps within a column keep the strata
}

TEST(DesignLhs, MaximinIncreasesTheMinimumDistance) {
    for (std::uint64_t seed : {1u, 2u, 3u}) {
        const auto plain = sim::study::latin_hypercube(30, 3, seed, 0);
        const auto improved = sim::study::latin_hypercube(30, 3, seed, 2000);
        ASSERT_TRUE(plain.has_value() && improved.has_value());
        const double before = min_distance(*plain);
        const double after = min_distance(*improved);
        EXPECT_GT(after, 1.5 * before) << "seed " << seed << ": " << before << " -> " << after;
    }
}

TEST(DesignLhs, SameSeedSameDesign) {
    const auto a = sim::study::latin_hypercube(40, 5, 99, 500);
    const auto b = sim::study::latin_hypercube(40, 5, 99, 500);
    const auto c = sim::study::latin_hypercube(40, 5, 100, 500);
    ASSERT_TRUE(a && b && c);
    EXPECT_EQ(a->points, b->points);
    EXPECT_NE(a->points, c->points);
    EXPECT_FALSE(sim::study::latin_hypercube(0, 3, 1).has_value());
}

TEST(DesignSobol, RowCountsAndBlocks) {
    for (bool second : {false, true}) {
        const std::size_t dims = 4;
        const auto d = sim::study::saltelli(64, dims, second);
        ASSERT_TRUE(d.has_value());
        EXPECT_EQ(d->kind, "sobol");
        EXPECT_EQ(d->rows(), 64u * (second ? 2 * dims + 2 : dims + 2));
        EXPECT_EQ(d->base_samples, 64u);
        EXPECT_EQ(d->second_order, second);
        for (std::size_t j = 0; j < 64; ++j) {
            const auto a = d->row(sim::study::saltelli_row(*d, j, SaltelliBlock::a));
            const auto b = d->row(sim::study::saltelli_row(*d, j, SaltelliBlock::b));
            for (std::size_t i = 0; i < dims; ++i) {
                const auto ab = d->row(sim::study::saltelli_row(*d, j, SaltelliBlock::ab(i)));
                for (std::size_t k = 0; k < dims; ++k) EXPECT_EQ(ab[k], k == i ? b[k] : a[k]);
                if (!second) continue;
                const auto ba = d->row(sim::study::saltelli_row(*d, j, SaltelliBlock::ba(dims, i)));
                for (std::size_t k = 0; k < dims; ++k) EXPECT_EQ(ba[k], k == i ? a[k] : b[k]);
            }
        }
        for (double u : d->points) {
            EXPECT_GT(u, 0.0);
            EXPECT_LT(u, 1.0);
        }
    }
}

TEST(DesignSobol, ColumnsAreSobolProjections) {
    // The first 2^k − 1 non-origin points of a Sobol' sequence project, in every coordinate, onto
    // exactly {1, …, 2^k − 1} / 2^k; A holds coordinates 1..d and B coordinates d+1..2d.
    const auto d = sim::study::saltelli(7, 3, false);
    ASSERT_TRUE(d.has_value());
    for (std::size_t block : {SaltelliBlock::a, SaltelliBlock::b}) {
        for (std::size_t k = 0; k < 3; ++k) {
            std::set<double> values;
            for (std::size_t j = 0; j < 7; ++j) values.insert(d->at(sim::study::saltelli_row(*d, j, block), k) * 8.0);
            EXPECT_EQ(values, (std::set<double>{1, 2, 3, 4, 5, 6, 7})) << "block " << block << " column " << k;
        }
    }
    // Skipping one point shifts the sequence by one base sample (5 rows per base sample here).
    const auto skipped = sim::study::saltelli(6, 3, false, 1);
    ASSERT_TRUE(skipped.has_value());
    for (std::size_t k = 0; k < 3; ++k) EXPECT_EQ(skipped->at(0, k), d->at(5, k));
    EXPECT_FALSE(sim::study::saltelli(0, 3).has_value());
    EXPECT_FALSE(sim::study::saltelli(8, 2000).has_value());
}

TEST(DesignMorris, OneCoordinatePerStepByDelta) {
    const std::size_t r = 20;
    const std::size_t dims = 5;
    const auto d = sim::study::morris(r, dims, 4, 11);
    ASSERT_TRUE(d.has_value());
    EXPECT_EQ(d->kind, "morris");
    ASSERT_EQ(d->rows(), r * (dims + 1));
    EXPECT_EQ(d->trajectories, r);
    EXPECT_EQ(d->levels, 4);
    const double delta = 2.0 / 3.0;
    EXPECT_DOUBLE_EQ(sim::study::morris_delta(4), delta);
    for (double u : d->points) {
        EXPECT_GE(u, 0.0);
        EXPECT_LE(u, 1.0);
        EXPECT_NEAR(u * 3.0, std::round(u * 3.0), 1e-12) << "off the 4-level grid";
    }
    std::vector<int> up_moves(dims, 0);
    for (std::size_t t = 0; t < r; ++t) {
        std::vector<int> moves(dims, 0);
        for (std::size_t m = 0; m < dims; ++m) {
            const std::size_t r0 = t * (dims + 1) + m;
            int changed = 0;
            for (std::size_t k = 0; k < dims; ++k) {
                const double step = d->at(r0 + 1, k) - d->at(r0, k);
                if (step == 0.0) continue;
                ++changed;
                ++moves[k];
                EXPECT_NEAR(std::abs(step), delta, 1e-12);
                if (step > 0) ++up_moves[k];
            }
            EXPECT_EQ(changed, 1) << "trajectory " << t << " step " << m;
        }
        for (std::size_t k = 0; k < dims; ++k) EXPECT_EQ(moves[k], 1) << "trajectory " << t << " dim " << k;
    }
    for (std::size_t k = 0; k < dims; ++k) {  // random directions: both occur over 20 trajectories
        EXPECT_GT(up_moves[k], 0);
        EXPECT_LT(up_moves[k], static_cast<int>(r));
    }
}

TEST(DesignMorris, DeterministicAndValidated) {
    const auto a = sim::study::morris(8, 3, 6, 5);
    const auto b = sim::study::morris(8, 3, 6, 5);
    const auto c = sim::study::morris(8, 3, 6, 6);
    ASSERT_TRUE(a && b && c);
    EXPECT_EQ(a->points, b->points);
    EXPECT_NE(a->points, c->points);
    // Trajectories draw from their own streams: a longer design starts with the same trajectories.
    const auto longer = sim::study::morris(10, 3, 6, 5);
    ASSERT_TRUE(longer.has_value());
    EXPECT_TRUE(std::equal(a->points.begin(), a->points.end(), longer->points.begin()));
    EXPECT_FALSE(sim::study::morris(8, 3, 5, 1).has_value());
    EXPECT_FALSE(sim::study::morris(8, 3, 0, 1).has_value());
    EXPECT_FALSE(sim::study::morris(0, 3, 4, 1).has_value());
}
