#include "models/pushpull/data/input_data.hpp"
#include "sim/io/csv.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <ctime>
#include <iostream>
#include <cmath>
#include <filesystem>
#include <fstream>
#include <sstream>

namespace {

namespace fs = std::filesystem;
using pushpull::data::CitySet;
using pushpull::data::InputData;
using pushpull::data::load_input_data;

fs::path data_dir() { return fs::path(PUSHPULL_SOURCE_DIR) / "data"; }

/// The real data, loaded once for the whole suite.
const InputData& real(CitySet set) {
    static const auto load = [](CitySet s) {
        auto r = load_input_data(data_dir(), s);
        if (!r) throw std::runtime_error(r.error().message());
        return std::move(*r);
    };
    static const InputData wup = load(CitySet::Wup300k);
    static const InputData all = load(CitySet::All50k);
    return set == CitySet::Wup300k ? wup : all;
}

const pushpull::data::Country* find_country(const InputData& d, std::string_view iso3) {
    const auto it = std::find_if(d.countries.begin(), d.countries.end(), [&](const auto& c) { return c.iso3 == iso3; });
    return it == d.countries.end() ? nullptr : &*it;
}

bool has_visit(const InputData& d, std::string_view leader, std::string_view iso3, int year, int month) {
    return std::any_of(d.visits.begin(), d.visits.end(), [&](const auto& v) {
        return v.leader == leader && v.iso3 == iso3 && v.year == year && v.month == month;
    });
}

TEST(InputData, RealCountries) {
    const auto& d = real(CitySet::Wup300k);
    EXPECT_GE(d.countries.size(), 190U);
    EXPECT_LE(d.countries.size(), 200U);
    EXPECT_TRUE(std::is_sorted(d.countries.begin(), d.countries.end(),
                               [](const auto& a, const auto& b) { return a.iso3 < b.iso3; }));
    for (const char* absent : {"CHN", "HKG", "MAC"}) EXPECT_EQ(find_country(d, absent), nullptr) << absent;
    for (const char* present : {"XKX", "KAZ", "CUB", "ISR", "PHL", "PAK", "SRB"})
        EXPECT_NE(find_country(d, present), nullptr) << present;
    for (const auto& c : d.countries) {
        EXPECT_TRUE(c.income_group == "High income" || c.income_group == "Upper middle income" ||
                    c.income_group == "Lower middle income" || c.income_group == "Low income")
            << c.iso3 << " " << c.income_group;
        EXPECT_EQ(c.population.size(), static_cast<std::size_t>(pushpull::data::kYears));
        EXPECT_EQ(c.unga_agree_chn.size(), static_cast<std::size_t>(pushpull::data::kYears));
    }
    const auto* pak = find_country(d, "PAK");
    EXPECT_GT(pak->population[2018 - 2000], 1e8);
    EXPECT_GT(pak->dist_to_china_km, 1000.0);
    EXPECT_TRUE(pak->contiguous_china);
    EXPECT_FALSE(std::isnan(pak->engagement_days[2018 - 2000]));  // inside coverage: 0 or a count
    EXPECT_TRUE(std::isnan(pak->engagement_days[2020 - 2000]));                    // outside coverage
    const auto* srb = find_country(d, "SRB");
    EXPECT_FALSE(std::isnan(srb->dist_to_china_km)) << "SRB inherits CEPII's YUG";
    const auto* afg = find_country(d, "AFG");
    EXPECT_TRUE(std::is_sorted(afg->election_years.begin(), afg->election_years.end()));
    EXPECT_EQ(std::adjacent_find(afg->election_years.begin(), afg->election_years.end()), afg->election_years.end());
}

TEST(InputData, RealCities) {
    const auto& wup = real(CitySet::Wup300k).cities;
    const auto& all = real(CitySet::All50k).cities;
    // 1,860 WUP agglomerations minus 434 in CHN/HKG/MAC/TWN and 2 in territories.
    EXPECT_GE(wup.size(), 1400U);
    EXPECT_LE(wup.size(), 1500U);
    EXPECT_GE(all.size(), 7000U);
    const auto capital_of = [](const std::vector<pushpull::data::City>& cs, std::string_view iso3) {
        std::vector<std::string> out;
        for (const auto& c : cs)
            if (c.iso3 == iso3 && c.capital) out.push_back(c.name);
        return out;
    };
    EXPECT_EQ(capital_of(wup, "PHL").size(), 1U);
    EXPECT_EQ(capital_of(all, "CRI").size(), 1U) << "one national capital per country";
    for (const auto& c : wup) {
        EXPECT_NE(c.iso3, "CHN");
        EXPECT_EQ(c.population[2023 - 2000], c.population[2022 - 2000]);
    }
    for (std::size_t i = 1; i < wup.size(); ++i)
        if (wup[i].iso3 == wup[i - 1].iso3) {
            EXPECT_GE(wup[i - 1].population[18], wup[i].population[18]);
        }
}

TEST(InputData, RealVisitsIncludeCuratedAdditions) {
    const auto& d = real(CitySet::Wup300k);
    EXPECT_GT(d.visits.size(), 750U);
    EXPECT_TRUE(has_visit(d, "Xi Jinping", "PHL", 2018, 11));
    EXPECT_TRUE(has_visit(d, "Xi Jinping", "BRN", 2018, 11));
    EXPECT_TRUE(has_visit(d, "Xi Jinping", "ITA", 2019, 3));
    EXPECT_TRUE(has_visit(d, "Xi Jinping", "NPL", 2019, 10));
    EXPECT_TRUE(has_visit(d, "Xi Jinping", "BRA", 2019, 11));
    const auto n2019 = std::count_if(d.visits.begin(), d.visits.end(),
                                     [](const auto& v) { return v.leader == "Xi Jinping" && v.year == 2019; });
    EXPECT_EQ(n2019, 12);
    for (const auto& v : d.visits) EXPECT_FALSE(v.source.empty());
}

TEST(InputData, RealDyadsDocumentedTargetsChecksums) {
    const auto& d = real(CitySet::Wup300k);
    const auto n = d.countries.size();
    EXPECT_GT(d.dyads.size(), (n - 10) * (n - 11));
    EXPECT_LE(d.dyads.size(), n * (n - 1));
    for (const auto& y : d.dyads) ASSERT_NE(y.iso_o, y.iso_d);
    EXPECT_EQ(d.documented.size(), 108U);
    EXPECT_GE(d.targets.size(), 30U);
    EXPECT_EQ(d.checksums.size(), 19U);  // with vendor_footprints.csv (R8)
    EXPECT_GE(d.footprints.size(), 2U);
    EXPECT_EQ(d.checksums.at("targets.csv").size(), 64U);
    EXPECT_TRUE(d.checksums.contains("curated/visits_additions.csv"));
}

/// Reference tables read by no loader yet (vendor_footprints.csv) and the quote column of the
/// documented events: every row keeps its address and quoted sentence (data/PROVENANCE.md).
TEST(InputData, ReferenceRowsAreSourced) {
    const auto fp = sim::io::read_csv(data_dir() / "vendor_footprints.csv");
    ASSERT_TRUE(fp) << fp.error().message();
    sim::DiagnosticList diags;
    const auto c = fp->columns({"vendor", "year", "value", "source_url", "quoted_sentence", "verified"}, diags);
    ASSERT_TRUE(c);
    EXPECT_GE(fp->rows(), 10U);
    for (std::size_t r = 0; r < fp->rows(); ++r) {
        EXPECT_FALSE(fp->field(r, (*c)[0]).empty()) << fp->where(r, (*c)[0]);
        const auto year = fp->field(r, (*c)[1]);
        if (!year.empty()) {
            const auto y = sim::io::to_integer(year);
            EXPECT_TRUE(y && *y >= 2000 && *y <= 2030) << fp->where(r, (*c)[1]);
        }
        const auto v = sim::io::to_double(fp->field(r, (*c)[2]));
        EXPECT_TRUE(v && *v > 0.0) << fp->where(r, (*c)[2]);
        EXPECT_FALSE(fp->field(r, (*c)[3]).empty()) << fp->where(r, (*c)[3]);
        EXPECT_FALSE(fp->field(r, (*c)[4]).empty()) << fp->where(r, (*c)[4]);
        const auto verified = fp->field(r, (*c)[5]);
        EXPECT_TRUE(verified == "yes" || verified == "no") << fp->where(r, (*c)[5]);
    }
    const auto ev = sim::io::read_csv(data_dir() / "adoption_events_documented.csv");
    ASSERT_TRUE(ev) << ev.error().message();
    const auto q = ev->column("quote");
    ASSERT_TRUE(q);
    for (std::size_t r = 0; r < ev->rows(); ++r) EXPECT_FALSE(ev->field(r, *q).empty()) << ev->where(r, *q);
}

/// CPU time, not wall time: the test machines are often shared by parallel builds.
TEST(InputData, LoadsFast) {
    const auto c0 = std::clock();
    const auto r = load_input_data(data_dir(), CitySet::Wup300k);
    const double ms = 1000.0 * static_cast<double>(std::clock() - c0) / CLOCKS_PER_SEC;
    ASSERT_TRUE(r);
    RecordProperty("load_ms", std::to_string(ms));
    std::cout << "load_input_data: " << ms << " ms\n";
#ifdef NDEBUG
    EXPECT_LT(ms, 500.0);
#endif
}

// ---- bad input: copy the real data to a per-test directory and corrupt one file -----------

class BadInput : public ::testing::Test {
protected:
    void SetUp() override {
        const auto* info = ::testing::UnitTest::GetInstance()->current_test_info();
        dir_ = fs::path(PUSHPULL_TEST_TMP) / "input_data" / info->name();
        fs::remove_all(dir_);
        fs::create_directories(dir_);
        fs::copy(data_dir(), dir_, fs::copy_options::recursive);
    }
    /// Replaces the first occurrence of `from` by `to` in `file`.
    void edit(const std::string& file, const std::string& from, const std::string& to) {
        std::ifstream in(dir_ / file, std::ios::binary);
        std::stringstream ss;
        ss << in.rdbuf();
        std::string s = ss.str();
        const auto pos = s.find(from);
        ASSERT_NE(pos, std::string::npos) << from;
        s.replace(pos, from.size(), to);
        std::ofstream(dir_ / file, std::ios::binary | std::ios::trunc) << s;
    }
    std::string load_error(sim::ErrorKind expected_kind = sim::ErrorKind::BadInput) {
        const auto r = load_input_data(dir_, CitySet::Wup300k);
        EXPECT_FALSE(r);
        if (r) return {};
        EXPECT_EQ(r.error().kind, expected_kind);
        return r.error().message();
    }
    fs::path dir_;
};

TEST_F(BadInput, MissingColumn) {
    edit("homicide_rate_wdi.csv", "homicides_per_100k", "homicides");
    const auto msg = load_error();
    EXPECT_NE(msg.find("homicide_rate_wdi.csv: missing column 'homicides_per_100k'"), std::string::npos) << msg;
}

TEST_F(BadInput, NonNumericRate) {
    edit("homicide_rate_wdi.csv", "ABW,2001,4.429434", "ABW,2001,abc");
    const auto msg = load_error();
    EXPECT_NE(msg.find("homicide_rate_wdi.csv:2:homicides_per_100k: expected a number in [0, 200], got 'abc'"),
              std::string::npos)
        << msg;
}

TEST_F(BadInput, NegativeRate) {
    edit("homicide_rate_wdi.csv", "ABW,2002,5.471747", "ABW,2002,-5.5");
    const auto msg = load_error();
    EXPECT_NE(msg.find("homicide_rate_wdi.csv:3:homicides_per_100k: expected a number in [0, 200], got '-5.5'"),
              std::string::npos)
        << msg;
}

TEST_F(BadInput, DuplicateKey) {
    edit("homicide_rate_wdi.csv", "ABW,2002,", "ABW,2001,");
    const auto msg = load_error();
    EXPECT_NE(msg.find("homicide_rate_wdi.csv:3:year: duplicate key (ABW, 2001) (first at line 2)"),
              std::string::npos)
        << msg;
}

TEST_F(BadInput, UnknownIso3) {
    edit("unga_agreement_china.csv", "\nAND,AD,Andorra,2000", "\nQQQ,AD,Andorra,2000");
    const auto msg = load_error();
    EXPECT_NE(msg.find("unga_agreement_china.csv:2:iso3: unknown ISO3 code 'QQQ'"), std::string::npos) << msg;
}

TEST_F(BadInput, YearOutOfRange) {
    edit("population_wdi.csv", "ABW,2000,", "ABW,1999,");
    const auto msg = load_error();
    EXPECT_NE(msg.find("population_wdi.csv:2:year: expected an integer in [2000, 2023], got '1999'"),
              std::string::npos)
        << msg;
}

TEST_F(BadInput, MissingFile) {
    fs::remove(dir_ / "cepii_distances.csv");
    const auto msg = load_error(sim::ErrorKind::Io);
    EXPECT_NE(msg.find("cepii_distances.csv"), std::string::npos) << msg;
}

TEST_F(BadInput, SeveralProblemsAllReported) {
    edit("homicide_rate_wdi.csv", "ABW,2001,4.429434", "ABW,2001,abc");
    edit("cepii_distances.csv", "ABW,AFG,0,0,0,13257.81", "ABW,AFG,0,0,0,-13257.81");
    edit("curated/visits_additions.csv", "Xi Jinping,President,BRN,2018,11", "Xi Jinping,President,BRN,2018,13");
    edit("targets.csv", "huawei_share_free,0.29,share", "huawei_share_free,1.29,share");
    const auto msg = load_error();
    EXPECT_NE(msg.find("homicide_rate_wdi.csv:2:homicides_per_100k"), std::string::npos) << msg;
    EXPECT_NE(msg.find("cepii_distances.csv:3:dist_km: expected a non-negative number"), std::string::npos) << msg;
    EXPECT_NE(msg.find("curated/visits_additions.csv:2:month: expected an integer in [1, 12], got '13'"),
              std::string::npos)
        << msg;
    EXPECT_NE(msg.find("targets.csv:5:value: expected a share in [0, 1], got '1.29'"), std::string::npos) << msg;
}

TEST_F(BadInput, DuplicateVisitAddition) {
    edit("curated/visits_additions.csv", "Xi Jinping,President,MCO,2019,3", "Xi Jinping,President,ITA,2019,3");
    const auto msg = load_error();
    EXPECT_NE(msg.find("curated/visits_additions.csv:5:month: duplicate key (Xi Jinping, ITA, 2019-3)"),
              std::string::npos)
        << msg;
}

}  // namespace

// The dyad loader's own first-line table (no std::unordered_map) must still name the duplicate's
// line, the column and the first line.
TEST_F(BadInput, DuplicateDyad) {
    edit("cepii_distances.csv", "ABW,AGO,0,0,0,9516.913", "ABW,AFG,0,0,0,9516.913");
    const auto msg = load_error();
    EXPECT_NE(msg.find("cepii_distances.csv:4:iso_d: duplicate key (ABW, AFG) (first at line 3)"), std::string::npos)
        << msg;
}
