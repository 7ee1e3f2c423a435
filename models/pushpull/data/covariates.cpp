// Country covariate panels (iso3, year) and per-country attributes.
#include <algorithm>
#include <cmath>
#include <span>
#include <unordered_map>

#include "models/pushpull/data/loaders.hpp"

namespace pushpull::data::detail {

namespace {

using sim::io::take;

/// One value column of a panel and where it goes.
struct PanelColumn {
    std::string_view name;
    double lo;
    double hi;
    YearSeries Country::* target;
};

/// How a panel treats absent rows: NaN everywhere, or 0 within the years the file covers
/// (count/sum tables list only country-years with activity).
enum class Absent { Missing, ZeroWithinCoverage };

std::size_t year_slot(int year) { return static_cast<std::size_t>(year - kFirstYear); }

/// Reads an (iso3, year, values...) panel into the countries. Validates codes, the year range
/// 2000-2023, duplicate (iso3, year) keys and every value's range; missing values ("" / NA) stay NaN.
void read_panel(const CsvTable& t, const IsoCodes& codes, std::vector<Country>& cs,
                std::span<const PanelColumn> values, Absent absent, DiagnosticList& diags) {
    const auto key = t.columns({"iso3", "year"}, diags);
    std::vector<std::size_t> vcols;
    for (const auto& v : values)
        if (auto c = take(t.column(v.name), diags)) vcols.push_back(*c);
    if (!key || vcols.size() != values.size()) return;
    std::vector<std::size_t> first_line(cs.size() * kYears, 0);
    int min_year = kLastYear;
    int max_year = kFirstYear;
    for (std::size_t r = 0; r < t.rows(); ++r) {
        const auto ci = country_of(t, r, (*key)[0], codes, diags);
        if (!ci) continue;
        const auto year = take(sim::io::int_field(t, r, (*key)[1], kFirstYear, kLastYear), diags);
        if (!year) continue;
        auto& seen = first_line[*ci * kYears + year_slot(*year)];
        if (seen != 0) {
            diags.add(t.where(r, (*key)[1]),
                      duplicate_message("(" + cs[*ci].iso3 + ", " + std::to_string(*year) + ")", seen));
            continue;
        }
        seen = t.line(r);
        min_year = std::min(min_year, *year);
        max_year = std::max(max_year, *year);
        for (std::size_t k = 0; k < values.size(); ++k) {
            const auto v = take(sim::io::optional_number_field(t, r, vcols[k], values[k].lo, values[k].hi), diags);
            if (v && *v) (cs[*ci].*values[k].target)[year_slot(*year)] = **v;
        }
    }
    if (absent != Absent::ZeroWithinCoverage || min_year > max_year) return;
    for (auto& c : cs)
        for (const auto& v : values)
            for (int y = min_year; y <= max_year; ++y) {
                auto& x = (c.*v.target)[year_slot(y)];
                if (std::isnan(x)) x = 0.0;
            }
}

}  // namespace

void load_homicide(const CsvTable& t, const IsoCodes& codes, std::vector<Country>& cs, DiagnosticList& diags) {
    const PanelColumn v[] = {{"homicides_per_100k", 0.0, kMaxHomicidePer100k, &Country::homicide_per_100k}};
    read_panel(t, codes, cs, v, Absent::Missing, diags);
}

void load_vdem(const CsvTable& t, const IsoCodes& codes, std::vector<Country>& cs, DiagnosticList& diags) {
    const PanelColumn v[] = {{"v2x_polyarchy", 0.0, 1.0, &Country::polyarchy},
                             {"v2x_libdem", 0.0, 1.0, &Country::libdem},
                             {"gdp_per_capita_current_usd", 0.0, kInf, &Country::gdp_pc_usd}};
    read_panel(t, codes, cs, v, Absent::Missing, diags);
}

void load_engagements(const CsvTable& t, const IsoCodes& codes, std::vector<Country>& cs, DiagnosticList& diags) {
    const PanelColumn v[] = {{"n_engagement_days_all", 0.0, kInf, &Country::engagement_days}};
    read_panel(t, codes, cs, v, Absent::ZeroWithinCoverage, diags);
}

void load_unga(const CsvTable& t, const IsoCodes& codes, std::vector<Country>& cs, DiagnosticList& diags) {
    const PanelColumn v[] = {{"share_same_vote_as_chn", 0.0, 1.0, &Country::unga_agree_chn},
                             {"share_same_vote_as_usa", 0.0, 1.0, &Country::unga_agree_usa}};
    read_panel(t, codes, cs, v, Absent::Missing, diags);
}

void load_investment(const CsvTable& t, const IsoCodes& codes, std::vector<Country>& cs, DiagnosticList& diags) {
    const PanelColumn v[] = {{"usd_millions", 0.0, kInf, &Country::cn_investment_musd}};
    read_panel(t, codes, cs, v, Absent::ZeroWithinCoverage, diags);
}

void load_finance(const CsvTable& t, const IsoCodes& codes, std::vector<Country>& cs, DiagnosticList& diags) {
    const PanelColumn v[] = {{"usd_current_sum_known", 0.0, kInf, &Country::cn_finance_usd}};
    read_panel(t, codes, cs, v, Absent::ZeroWithinCoverage, diags);
}

/// Election years may run past kLastYear (the source goes to 2024, and the electoral clock needs
/// the next election after the last data year), so the accepted range is 2000-2030. Repeated
/// (iso3, year) rows are multi-round elections and are merged, not errors.
void load_elections(const CsvTable& t, const IsoCodes& codes, std::vector<Country>& cs, DiagnosticList& diags) {
    const auto key = t.columns({"iso3", "year"}, diags);
    if (!key) return;
    for (std::size_t r = 0; r < t.rows(); ++r) {
        const auto ci = country_of(t, r, (*key)[0], codes, diags);
        if (!ci) continue;
        if (const auto y = take(sim::io::int_field(t, r, (*key)[1], kFirstYear, 2030), diags))
            cs[*ci].election_years.push_back(*y);
    }
    for (auto& c : cs) {
        std::sort(c.election_years.begin(), c.election_years.end());
        c.election_years.erase(std::unique(c.election_years.begin(), c.election_years.end()), c.election_years.end());
    }
}

void load_bri(const CsvTable& t, const IsoCodes& codes, std::vector<Country>& cs, DiagnosticList& diags) {
    const auto cols = t.columns({"iso3", "first_year_with_bri_flagged_deal"}, diags);
    if (!cols) return;
    std::unordered_map<std::size_t, std::size_t> first_line;
    for (std::size_t r = 0; r < t.rows(); ++r) {
        const auto ci = country_of(t, r, (*cols)[0], codes, diags);
        if (!ci) continue;
        const auto y = take(sim::io::int_field(t, r, (*cols)[1], kFirstYear, kLastYear), diags);
        const auto [it, fresh] = first_line.try_emplace(*ci, t.line(r));
        if (!fresh) {
            diags.add(t.where(r, (*cols)[0]), duplicate_message("(" + cs[*ci].iso3 + ")", it->second));
            continue;
        }
        if (y) cs[*ci].first_bri_year = *y;
    }
}

}  // namespace pushpull::data::detail
