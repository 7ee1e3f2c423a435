// build_world on the project's curated data (data/) with the default parameters.
#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <filesystem>
#include <map>
#include <memory>

#include "models/pushpull/data/input_data.hpp"
#include "models/pushpull/world/finance.hpp"
#include "models/pushpull/world/world.hpp"

namespace pushpull {
namespace {

class BuildWorldOnRealData : public ::testing::Test {
protected:
    static void SetUpTestSuite() {
        params_ = std::make_unique<Params>();
        params_->data_dir = std::string(PUSHPULL_SOURCE_DIR) + "/data";
        auto input = data::load_input_data(params_->data_dir, data::CitySet::Wup300k);
        ASSERT_TRUE(input) << input.error().message();
        auto w = build_world(*input, *params_);
        ASSERT_TRUE(w) << w.error().message();
        world_ = std::make_unique<World>(std::move(*w));
    }
    static void TearDownTestSuite() {
        world_.reset();
        params_.reset();
    }
    void SetUp() override { ASSERT_NE(world_, nullptr); }
    static inline std::unique_ptr<Params> params_;
    static inline std::unique_ptr<World> world_;
};

/// Every edge (a, b, w) has its reverse (b, a, w), and w > 0.
void expect_symmetric_positive(const sim::graph::Network& net, const char* name) {
    std::map<std::pair<std::uint32_t, std::uint32_t>, double> w;
    for (std::uint32_t v = 0; v < net.num_vertices(); ++v) {
        const auto nb = net.neighbours(v);
        const auto ws = net.weights(v);
        for (std::size_t k = 0; k < nb.size(); ++k) {
            EXPECT_GT(ws[k], 0.0) << name << " edge " << v << "-" << nb[k];
            EXPECT_NE(nb[k], v) << name << " self-loop at " << v;
            w[{v, nb[k]}] = ws[k];
        }
    }
    std::size_t asymmetric = 0;
    for (const auto& [e, x] : w) {
        const auto r = w.find({e.second, e.first});
        if (r == w.end() || r->second != x) ++asymmetric;
    }
    EXPECT_EQ(asymmetric, 0u) << name;
}

TEST_F(BuildWorldOnRealData, Has199Countries) { EXPECT_EQ(world_->countries.size(), 199u); }

TEST_F(BuildWorldOnRealData, CityRangesAreContiguousNonEmptyAndCoverEveryCity) {
    const auto& c = world_->countries;
    std::uint32_t next = 0;
    for (std::size_t k = 0; k < c.size(); ++k) {
        EXPECT_EQ(c.city_begin[k], next) << c.iso3[k];
        EXPECT_LT(c.city_begin[k], c.city_end[k]) << c.iso3[k] << " has no city";
        for (auto i = c.city_begin[k]; i < c.city_end[k]; ++i) EXPECT_EQ(world_->cities.country[i], k);
        next = c.city_end[k];
    }
    EXPECT_EQ(next, world_->cities.size());
}

TEST_F(BuildWorldOnRealData, LeaderCityLiesInItsCountrysRangeAndIsFlaggedCapital) {
    const auto& c = world_->countries;
    for (std::size_t k = 0; k < c.size(); ++k) {
        EXPECT_GE(c.leader_city[k], c.city_begin[k]) << c.iso3[k];
        EXPECT_LT(c.leader_city[k], c.city_end[k]) << c.iso3[k];
        EXPECT_EQ(world_->cities.capital[c.leader_city[k]], 1) << c.iso3[k];
    }
}

TEST_F(BuildWorldOnRealData, NetworksAreSymmetricWithPositiveWeights) {
    EXPECT_EQ(world_->country_net.num_vertices(), world_->countries.size());
    EXPECT_EQ(world_->city_net.num_vertices(), world_->cities.size());
    EXPECT_GT(world_->country_net.num_edges(), 0u);
    EXPECT_GT(world_->city_net.num_edges(), 0u);
    expect_symmetric_positive(world_->country_net, "country_net");
    expect_symmetric_positive(world_->city_net, "city_net");
}

TEST_F(BuildWorldOnRealData, StrategicImportanceIsStandardised) {
    const auto& s = world_->countries.strategic;
    double sum = 0, sq = 0;
    for (double x : s) {
        ASSERT_TRUE(std::isfinite(x));
        sum += x;
    }
    const double mean = sum / static_cast<double>(s.size());
    for (double x : s) sq += (x - mean) * (x - mean);
    EXPECT_NEAR(mean, 0.0, 1e-9);
    EXPECT_NEAR(std::sqrt(sq / static_cast<double>(s.size() - 1)), 1.0, 1e-6);
}

TEST_F(BuildWorldOnRealData, SaliencesSumToOneAndBudgetsArePositive) {
    const auto& ci = world_->cities;
    for (std::size_t i = 0; i < ci.size(); ++i) {
        double sum = 0;
        for (double x : ci.salience[i]) {
            EXPECT_GE(x, 0.0);
            sum += x;
        }
        EXPECT_NEAR(sum, 1.0, 1e-9) << ci.name[i];
        EXPECT_GT(ci.budget_usd[i], 0.0) << ci.name[i];
        EXPECT_GT(ci.cost_usd[i], 0.0) << ci.name[i];
    }
}

TEST_F(BuildWorldOnRealData, TimeAxisAndExogenousArraysCover48Steps) {
    EXPECT_EQ(world_->time.steps, 48u);
    const std::size_t cells = 48u * world_->countries.size();
    const auto& e = world_->exo;
    EXPECT_EQ(e.steps, 48u);
    EXPECT_EQ(e.countries, world_->countries.size());
    EXPECT_EQ(e.crime_z.size(), cells);
    EXPECT_EQ(e.years_to_election.size(), cells);
    EXPECT_EQ(e.visit.size(), cells);
    EXPECT_EQ(e.loan_availability.size(), cells);
    EXPECT_EQ(e.salience.size(), 48u);
    for (double x : e.crime_z) EXPECT_TRUE(std::isfinite(x));
    for (double x : e.loan_availability) {
        EXPECT_GE(x, 0.0);
        EXPECT_LE(x, 1.0);
    }
}

TEST_F(BuildWorldOnRealData, GrantElementIsComputedFromTheDefaultLoanTerms) {
    EXPECT_DOUBLE_EQ(world_->grant_element, grant_element(params_->loan_rate, params_->loan_maturity_years,
                                                          params_->loan_grace_years, params_->discount_rate));
    EXPECT_NEAR(world_->grant_element, 0.548, 0.001);  // 2% / 20 y / 5 y grace at 10%
}

}  // namespace
}  // namespace pushpull
