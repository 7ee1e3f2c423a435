// Revision 2 R9: the covariates of year t use no datum of a later year. Computed from the data
// truncated after t (every later year missing, BRI flags of later years removed), S_c(t) and the
// debt proxy equal their values from the full data — and the first build's static composite does not.
#include <gtest/gtest.h>

#include <cmath>

#include "models/pushpull/data/input_data.hpp"
#include "models/pushpull/world/strategic_importance.hpp"

namespace pushpull {
namespace {

std::vector<data::Country> truncated_after(std::vector<data::Country> countries, int year) {
    for (auto& c : countries) {
        for (auto* s : {&c.engagement_days, &c.unga_agree_chn, &c.unga_agree_usa, &c.cn_investment_musd, &c.cn_finance_usd,
                        &c.polyarchy, &c.libdem, &c.homicide_per_100k})
            for (int y = year + 1; y <= data::kLastYear; ++y) (*s)[static_cast<std::size_t>(y - data::kFirstYear)] = data::kMissing;
        if (c.first_bri_year && *c.first_bri_year > year) c.first_bri_year.reset();
    }
    return countries;
}

TEST(NoLookAhead, StrategicImportanceAndDebtUseOnlyThePast) {
    Params p;
    auto input = data::load_input_data(std::string(PUSHPULL_SOURCE_DIR) + "/data", data::CitySet::Wup300k);
    ASSERT_TRUE(input) << input.error().message();
    std::vector<double> gdp(input->countries.size(), 1e10);
    bool static_differs = false;
    for (int year : {2009, 2012, 2015, 2018}) {
        const auto cut = truncated_after(input->countries, year);
        const auto full = strategic_importance_at(input->countries, p, year);
        const auto past = strategic_importance_at(cut, p, year);
        ASSERT_EQ(full.size(), past.size());
        for (std::size_t c = 0; c < full.size(); ++c) ASSERT_DOUBLE_EQ(full[c], past[c]) << input->countries[c].iso3 << " " << year;
        const auto debt_full = debt_at(input->countries, gdp, year), debt_past = debt_at(cut, gdp, year);
        for (std::size_t c = 0; c < full.size(); ++c) ASSERT_DOUBLE_EQ(debt_full[c], debt_past[c]);
        const auto s_full = strategic_importance(input->countries, p), s_cut = strategic_importance(cut, p);
        for (std::size_t c = 0; c < full.size(); ++c) static_differs |= std::abs(s_full[c] - s_cut[c]) > 1e-9;
    }
    EXPECT_TRUE(static_differs) << "the test data cannot tell a look-ahead composite apart";
}

TEST(NoLookAhead, BeltAndRoadCountsFromItsYear) {
    Params p;
    p.si_w_engagement = p.si_w_unga = p.si_w_finance = p.si_w_distance = 0.0;  // BRI only
    std::vector<data::Country> cs(3);
    for (auto& c : cs)
        for (auto* s : {&c.engagement_days, &c.unga_agree_chn, &c.cn_investment_musd, &c.cn_finance_usd})
            s->assign(data::kYears, data::kMissing);
    cs[0].first_bri_year = 2014;
    cs[1].first_bri_year = 2009;
    const auto s2012 = strategic_importance_at(cs, p, 2012), s2015 = strategic_importance_at(cs, p, 2015);
    EXPECT_GT(s2012[1], s2012[0]);          // only country 1 has joined by 2012
    EXPECT_DOUBLE_EQ(s2012[0], s2012[2]);
    EXPECT_DOUBLE_EQ(s2015[0], s2015[1]);   // both by 2015
    EXPECT_GT(s2015[0], s2015[2]);
}

}  // namespace
}  // namespace pushpull
