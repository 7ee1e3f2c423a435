// The country universe (Natural Earth + WDI population) and ISO3 code classification.
#include <algorithm>
#include <cmath>
#include <map>
#include <set>

#include "models/pushpull/data/loaders.hpp"

namespace pushpull::data::detail {

namespace {

constexpr std::size_t kCodes = 26 * 26 * 26;

/// Natural Earth types that denote a state in its own right. "Sovereignty" is how NE labels the
/// main row of Cuba and Kazakhstan (they also have Guantanamo/Baykonur rows).
bool is_state_type(std::string_view ne_type) {
    return ne_type == "Sovereign country" || ne_type == "Country" || ne_type == "Sovereignty";
}

/// States that NE types "Disputed"/"Indeterminate" but that have WDI data and are decision units.
bool is_listed_disputed_state(std::string_view iso3) { return iso3 == "ISR" || iso3 == "XKX" || iso3 == "PSE"; }

/// The source of the push, not recipients.
bool is_excluded(std::string_view iso3) { return iso3 == "CHN" || iso3 == "HKG" || iso3 == "MAC"; }

}  // namespace

IsoCodes::IsoCodes() : slots_(kCodes, -2) {
    for (const auto c : kExtraKnown) add_known(c);
}

std::optional<std::size_t> IsoCodes::slot(std::string_view code) {
    if (code.size() != 3) return std::nullopt;
    std::size_t s = 0;
    for (const char ch : code) {
        if (ch < 'A' || ch > 'Z') return std::nullopt;
        s = s * 26 + static_cast<std::size_t>(ch - 'A');
    }
    return s;
}

void IsoCodes::add_known(std::string_view code) {
    if (const auto s = slot(code); s && slots_[*s] == -2) slots_[*s] = -1;
}

void IsoCodes::add_universe(std::string_view code, std::size_t index) {
    if (const auto s = slot(code)) slots_[*s] = static_cast<std::int32_t>(index);
}

CodeKind IsoCodes::classify(std::string_view code) const {
    const auto s = slot(code);
    if (!s) return code.find('_') != std::string_view::npos ? CodeKind::Pseudo : CodeKind::Unknown;
    const auto v = slots_[*s];
    return v >= 0 ? CodeKind::Universe : v == -1 ? CodeKind::Outside : CodeKind::Unknown;
}

std::optional<std::size_t> IsoCodes::index(std::string_view code) const {
    const auto s = slot(code);
    if (!s || slots_[*s] < 0) return std::nullopt;
    return static_cast<std::size_t>(slots_[*s]);
}

std::optional<std::size_t> country_of(const CsvTable& t, std::size_t row, std::size_t col, const IsoCodes& codes,
                                      DiagnosticList& diags) {
    const auto code = t.field(row, col);
    switch (codes.classify(code)) {
        case CodeKind::Universe: return codes.index(code);
        case CodeKind::Outside:
        case CodeKind::Pseudo: return std::nullopt;
        case CodeKind::Unknown: break;
    }
    diags.add(t.where(row, col), "unknown ISO3 code '" + std::string(code) +
                                     "' (expected 3 uppercase letters found in Natural Earth or the documented extra list)");
    return std::nullopt;
}

std::string duplicate_message(std::string_view key, std::size_t first_line) {
    return "duplicate key " + std::string(key) + " (first at line " + std::to_string(first_line) + ")";
}

std::string normalise_income_group(std::string_view v) {
    if (v.find("High income") != std::string_view::npos) return "High income";
    if (v.find("Upper middle") != std::string_view::npos) return "Upper middle income";
    if (v.find("Lower middle") != std::string_view::npos) return "Lower middle income";
    if (v.find("Low income") != std::string_view::npos) return "Low income";
    return {};
}

namespace {

/// WDI population by universe candidate: iso3 -> series (rows for other codes are ignored).
std::map<std::string, YearSeries, std::less<>> read_population(const CsvTable& t, const IsoCodes& known,
                                                               DiagnosticList& diags) {
    std::map<std::string, YearSeries, std::less<>> out;
    const auto cols = t.columns({"iso3", "year", "population"}, diags);
    if (!cols) return out;
    const auto [ci, cy, cv] = std::array{(*cols)[0], (*cols)[1], (*cols)[2]};
    std::map<std::pair<std::string, int>, std::size_t> first_line;
    for (std::size_t r = 0; r < t.rows(); ++r) {
        const auto code = t.field(r, ci);
        const auto kind = known.classify(code);
        if (kind == CodeKind::Unknown) {
            country_of(t, r, ci, known, diags);
            continue;
        }
        if (kind == CodeKind::Pseudo) continue;
        const auto year = sim::io::take(sim::io::int_field(t, r, cy, kFirstYear, kLastYear), diags);
        auto value = sim::io::take(sim::io::optional_number_field(t, r, cv, -kInf, kInf), diags);
        if (value && *value)
            if (const auto p = population_problem(**value); !p.empty()) {
                diags.add(t.where(r, cv), "expected " + p + ", got '" + std::string(t.field(r, cv)) + "'");
                value.reset();
            }
        if (!year) continue;
        const auto [it, fresh] = first_line.try_emplace({std::string(code), *year}, t.line(r));
        if (!fresh) {
            diags.add(t.where(r, cy), duplicate_message("(" + std::string(code) + ", " + std::to_string(*year) + ")",
                                                        it->second));
            continue;
        }
        if (!value || !*value) continue;
        auto& series = out[std::string(code)];
        if (series.empty()) series.assign(kYears, kMissing);
        series[static_cast<std::size_t>(*year - kFirstYear)] = **value;
    }
    return out;
}

}  // namespace

std::vector<Country> load_countries(const CsvTable& ne, const CsvTable& population, IsoCodes& codes,
                                    DiagnosticList& diags) {
    std::vector<Country> out;
    const auto cols = ne.columns({"iso3", "name", "ne_type", "continent", "region_un", "subregion", "region_wb",
                                  "income_grp"},
                                 diags);
    if (!cols) return out;
    const auto& c = *cols;
    // First pass: every Natural Earth code is a known code (NE repeats codes, e.g. AUS, KAZ).
    for (std::size_t r = 0; r < ne.rows(); ++r) {
        const auto code = ne.field(r, c[0]);
        if (code.find('_') != std::string_view::npos) continue;
        if (code.size() != 3 || !std::all_of(code.begin(), code.end(), [](char ch) { return ch >= 'A' && ch <= 'Z'; })) {
            diags.add(ne.where(r, c[0]), "expected a 3-letter uppercase ISO3 code, got '" + std::string(code) + "'");
            continue;
        }
        codes.add_known(code);
    }
    const auto pop = read_population(population, codes, diags);
    std::set<std::string, std::less<>> taken;
    for (std::size_t r = 0; r < ne.rows(); ++r) {
        const auto code = ne.field(r, c[0]);
        if (is_excluded(code) || codes.classify(code) != CodeKind::Outside) continue;
        if (!is_state_type(ne.field(r, c[2])) && !is_listed_disputed_state(code)) continue;
        const auto p = pop.find(code);
        if (p == pop.end()) continue;  // no WDI population (e.g. TWN): not a model country
        if (!taken.insert(std::string(code)).second) {
            diags.add(ne.where(r, c[0]), "duplicate state row for '" + std::string(code) + "'");
            continue;
        }
        Country k;
        k.iso3 = std::string(code);
        k.name = std::string(ne.field(r, c[1]));
        k.continent = std::string(ne.field(r, c[3]));
        k.region_un = std::string(ne.field(r, c[4]));
        k.subregion = std::string(ne.field(r, c[5]));
        k.region_wb = std::string(ne.field(r, c[6]));
        k.income_group = normalise_income_group(ne.field(r, c[7]));
        if (k.income_group.empty())
            diags.add(ne.where(r, c[7]), "expected a World Bank income group, got '" +
                                             std::string(ne.field(r, c[7])) + "'");
        k.population = p->second;
        for (auto* series : {&k.homicide_per_100k, &k.polyarchy, &k.libdem, &k.gdp_pc_usd, &k.engagement_days,
                             &k.unga_agree_chn, &k.unga_agree_usa, &k.cn_investment_musd, &k.cn_finance_usd})
            series->assign(kYears, kMissing);
        out.push_back(std::move(k));
    }
    std::sort(out.begin(), out.end(), [](const Country& a, const Country& b) { return a.iso3 < b.iso3; });
    for (std::size_t i = 0; i < out.size(); ++i) codes.add_universe(out[i].iso3, i);
    return out;
}

}  // namespace pushpull::data::detail
