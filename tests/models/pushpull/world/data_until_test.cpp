// run.data_until (data/truncate.hpp): a run truncated after year Y sees no datum dated after Y —
// altering every later datum leaves its world unchanged — while Y = 0 (and a Y after the data)
// is the complete data; a bad Y is an error naming the key.
#include <gtest/gtest.h>

#include <cstring>
#include <filesystem>
#include <memory>

#include "models/pushpull/data/input_cache.hpp"
#include "models/pushpull/data/truncate.hpp"
#include "models/pushpull/params.hpp"
#include "models/pushpull/world/world.hpp"

namespace pushpull {
namespace {

const data::InputData& real_data() {
    static const auto input = [] {
        auto in = data::load_input_data(std::string(PUSHPULL_SOURCE_DIR) + "/data", data::CitySet::Wup300k);
        EXPECT_TRUE(in) << in.error().message();
        return std::make_shared<data::InputData>(in ? std::move(*in) : data::InputData{});
    }();
    return *input;
}

Params params_until(int y) {
    Params p;
    p.data_dir = std::string(PUSHPULL_SOURCE_DIR) + "/data";
    p.end_year = 2024;  // projections after the cut are part of what is compared
    p.data_until = y;
    return p;
}

template <class T>
bool same_bits(const std::vector<T>& a, const std::vector<T>& b) {
    return a.size() == b.size() && (a.empty() || std::memcmp(a.data(), b.data(), a.size() * sizeof(T)) == 0);
}

/// Every per-step exogenous series and the country and city covariates, bit for bit; the name of
/// the first that differs, else "".
std::string first_difference(const World& a, const World& b) {
    const auto& x = a.exo;
    const auto& y = b.exo;
    const std::pair<const char*, bool> checks[] = {
        {"crime_z", same_bits(x.crime_z, y.crime_z)},
        {"years_to_election", same_bits(x.years_to_election, y.years_to_election)},
        {"visit", same_bits(x.visit, y.visit)},
        {"visit_start", same_bits(x.visit_start, y.visit_start)},
        {"bri", same_bits(x.bri, y.bri)},
        {"loan_availability", same_bits(x.loan_availability, y.loan_availability)},
        {"strategic(t)", same_bits(x.strategic, y.strategic)},
        {"debt(t)", same_bits(x.debt, y.debt)},
        {"veto(t)", same_bits(x.veto, y.veto)},
        {"polyarchy(t)", same_bits(x.polyarchy, y.polyarchy)},
        {"supply", same_bits(x.supply, y.supply)},
        {"strategic", same_bits(a.countries.strategic, b.countries.strategic)},
        {"homicide", same_bits(a.countries.homicide, b.countries.homicide)},
        {"polyarchy", same_bits(a.countries.polyarchy, b.countries.polyarchy)},
        {"population", same_bits(a.countries.population, b.countries.population)},
        {"gdp_pc_usd", same_bits(a.countries.gdp_pc_usd, b.countries.gdp_pc_usd)},
        {"debt", same_bits(a.countries.debt, b.countries.debt)},
        {"city population", same_bits(a.cities.population, b.cities.population)},
        {"city centrality", same_bits(a.cities.centrality, b.cities.centrality)},
    };
    for (const auto& [name, same] : checks)
        if (!same) return name;
    return "";
}

World built(const data::InputData& in, const Params& p) {
    auto w = build_world(in, p);
    EXPECT_TRUE(w) << w.error().message();
    return w ? std::move(*w) : World{};
}

/// The data with every datum dated after `year` changed: series scaled, visits added, BRI
/// membership and footprint figures moved.
data::InputData altered_after(data::InputData in, int year) {
    for (auto& c : in.countries) {
        for (auto* s : {&c.population, &c.homicide_per_100k, &c.polyarchy, &c.libdem, &c.gdp_pc_usd, &c.engagement_days,
                        &c.unga_agree_chn, &c.unga_agree_usa, &c.cn_investment_musd, &c.cn_finance_usd})
            for (int y = year + 1; y <= data::kLastYear; ++y)
                (*s)[static_cast<std::size_t>(y - data::kFirstYear)] = 0.37 * (y - 2000);
        if (!c.first_bri_year) c.first_bri_year = year + 1;
    }
    for (auto& city : in.cities)
        for (int y = year + 1; y <= data::kLastYear; ++y)
            city.population[static_cast<std::size_t>(y - data::kFirstYear)] *= 3.0;
    for (const auto& c : in.countries) in.visits.push_back({c.iso3, "Xi Jinping", "President", year + 1, 6, "test"});
    for (auto& f : in.footprints)
        if (f.year && *f.year > year) f.value *= 10.0;
    in.footprints.push_back({"Huawei", year + 2, "exact", 5000.0, "cities", "safe_city"});
    return in;
}

TEST(DataUntil, NothingDatedAfterTheYearReachesTheWorld) {
    for (const int y : {2014, 2016}) {
        const Params p = params_until(y);
        const World original = built(real_data(), p);
        const World altered = built(altered_after(real_data(), y), p);
        EXPECT_EQ(first_difference(original, altered), "") << "data after " << y << " leak into the run";
        // Without the cut the same alteration shows: the comparison can see a leak.
        EXPECT_NE(first_difference(built(real_data(), params_until(0)),
                                   built(altered_after(real_data(), y), params_until(0))),
                  "");
    }
}

TEST(DataUntil, KeepingFootprintsKeepsTheReportedSupplyGrowth) {
    Params keep = params_until(2014);
    keep.data_until_cuts_footprints = false;
    const World full = built(real_data(), params_until(0)), cut = built(real_data(), params_until(2014)),
                kept = built(real_data(), keep);
    EXPECT_TRUE(same_bits(full.exo.supply, kept.exo.supply));
    EXPECT_FALSE(same_bits(full.exo.supply, cut.exo.supply));  // no anchor by 2014: flat from market entry
    const World altered = built(altered_after(real_data(), 2014), keep);
    EXPECT_FALSE(same_bits(kept.exo.supply, altered.exo.supply));  // keep does see the later anchors
}

TEST(DataUntil, AYearAfterTheDataIsTheCompleteData) {
    EXPECT_EQ(first_difference(built(real_data(), params_until(0)), built(real_data(), params_until(data::kLastYear))),
              "");
}

TEST(DataUntil, TheCutChangesTheYearsAfterIt) {
    const World full = built(real_data(), params_until(0)), cut = built(real_data(), params_until(2014));
    EXPECT_NE(first_difference(full, cut), "");
    // Up to the cut, the observed visit calendar is the same.
    const std::size_t n = full.exo.countries, last = static_cast<std::size_t>(full.time.last_step_of_year(2014));
    for (std::size_t k = 0; k < (last + 1) * n; ++k) ASSERT_EQ(full.exo.visit_start[k], cut.exo.visit_start[k]) << k;
}

TEST(DataUntil, TruncationRemovesEveryLaterRecord) {
    const auto t = data::truncated_after(real_data(), 2013);
    EXPECT_EQ(t.data_until, 2013);
    for (const auto& v : t.visits) EXPECT_LE(v.year, 2013);
    EXPECT_EQ(t.footprints.size(), real_data().footprints.size());  // cut where the supply path is built
    for (const auto& c : t.countries) {
        if (c.first_bri_year) {
            EXPECT_LE(*c.first_bri_year, 2013);
        }
        for (int y = 2014; y <= data::kLastYear; ++y)
            EXPECT_TRUE(std::isnan(c.homicide_per_100k[static_cast<std::size_t>(y - data::kFirstYear)])) << c.iso3;
    }
    EXPECT_EQ(t.documented.size(), real_data().documented.size());  // observations are held out elsewhere
    EXPECT_EQ(t.countries.size(), real_data().countries.size());
}

TEST(DataUntil, CachedTruncatedDataMatchTruncatingByHand) {
    const auto dir = std::filesystem::path(PUSHPULL_SOURCE_DIR) / "data";
    auto cached = data::cached_input_data(dir, data::CitySet::Wup300k, 2015);
    ASSERT_TRUE(cached) << cached.error().message();
    EXPECT_EQ((*cached)->data_until, 2015);
    const Params p = params_until(2015);
    EXPECT_EQ(first_difference(built(**cached, p), built(real_data(), p)), "");
}

TEST(DataUntil, DataCutAtAnotherYearIsBadInputNamingTheKey) {
    const auto t = data::truncated_after(real_data(), 2013);
    const auto w = build_world(t, params_until(2015));
    ASSERT_FALSE(w);
    EXPECT_NE(w.error().message().find("run.data_until"), std::string::npos) << w.error().message();
}

TEST(DataUntil, ABadYearIsBadInputNamingTheKey) {
    const auto s = schema();
    for (const char* text :
         {"[run]\ndata_until = 1999\n", "[run]\ndata_until = 2031\n", "[run]\ndata_until = 2014.5\n"}) {
        const auto cfg =
            sim::config::load_scenario_text(text, std::filesystem::path(PUSHPULL_SOURCE_DIR) / "scenarios", s);
        const std::string message =
            cfg ? (params_from_config(*cfg) ? "" : params_from_config(*cfg).error().message()) : cfg.error().message();
        EXPECT_NE(message.find("run.data_until"), std::string::npos) << text << ": " << message;
    }
}

}  // namespace
}  // namespace pushpull
