// Chinese leader trips: the China Vitae scrape plus curated, sourced additions.
#include <algorithm>
#include <map>
#include <tuple>

#include "models/pushpull/data/loaders.hpp"

namespace pushpull::data::detail {

namespace {

using sim::io::take;

bool known_position(std::string_view p) { return p == "President" || p == "Premier" || p == "Foreign Minister"; }

/// (year, month) of a "YYYY-MM-DD" date within the data years, or a diagnostic.
std::optional<std::pair<int, int>> year_month(const CsvTable& t, std::size_t r, std::size_t c, DiagnosticList& diags) {
    const auto s = t.field(r, c);
    const auto y = s.size() == 10 && s[4] == '-' && s[7] == '-' ? sim::io::to_integer(s.substr(0, 4)) : std::nullopt;
    const auto m = y ? sim::io::to_integer(s.substr(5, 2)) : std::nullopt;
    const auto d = m ? sim::io::to_integer(s.substr(8, 2)) : std::nullopt;
    if (!d || *y < kFirstYear || *y > kLastYear || *m < 1 || *m > 12 || *d < 1 || *d > 31) {
        diags.add(t.where(r, c), "expected a date YYYY-MM-DD in 2000-2023, got '" + std::string(s) + "'");
        return std::nullopt;
    }
    return std::pair{static_cast<int>(*y), static_cast<int>(*m)};
}

bool check_position(const CsvTable& t, std::size_t r, std::size_t c, DiagnosticList& diags) {
    if (known_position(t.field(r, c))) return true;
    diags.add(t.where(r, c), "expected President, Premier or Foreign Minister, got '" + std::string(t.field(r, c)) + "'");
    return false;
}

using MonthKey = std::tuple<std::string, std::string, int, int>;  // leader, iso3, year, month

void read_vitae(const CsvTable& t, const IsoCodes& codes, std::vector<Visit>& out,
                std::map<MonthKey, std::size_t>& months, DiagnosticList& diags) {
    const auto cols = t.columns({"leader", "position", "iso3", "start_date"}, diags);
    if (!cols) return;
    const auto& c = *cols;
    std::map<std::tuple<std::string_view, std::string_view, std::string_view>, std::size_t> first_line;
    for (std::size_t r = 0; r < t.rows(); ++r) {
        const auto key = std::tuple{t.field(r, c[0]), t.field(r, c[2]), t.field(r, c[3])};
        if (const auto [it, fresh] = first_line.try_emplace(key, t.line(r)); !fresh) {
            diags.add(t.where(r, c[3]), duplicate_message("(" + std::string(t.field(r, c[0])) + ", " +
                                                              std::string(t.field(r, c[2])) + ", " +
                                                              std::string(t.field(r, c[3])) + ")",
                                                          it->second));
            continue;
        }
        const auto ci = country_of(t, r, c[2], codes, diags);
        const bool pos_ok = check_position(t, r, c[1], diags);
        const auto ym = year_month(t, r, c[3], diags);
        if (!ci || !pos_ok || !ym) continue;
        Visit v{std::string(t.field(r, c[2])), std::string(t.field(r, c[0])), std::string(t.field(r, c[1])),
                ym->first, ym->second, "china_vitae"};
        months.try_emplace(MonthKey{v.leader, v.iso3, v.year, v.month}, t.line(r));
        out.push_back(std::move(v));
    }
}

/// Additions must carry a source and must not repeat a scraped trip of the same leader, country
/// and month (that would be a curation mistake, not a second trip).
void read_additions(const CsvTable& t, const IsoCodes& codes, std::vector<Visit>& out,
                    std::map<MonthKey, std::size_t>& vitae_months, const std::string& vitae_file,
                    DiagnosticList& diags) {
    const auto cols = t.columns({"leader", "position", "iso3", "year", "month", "source_url"}, diags);
    if (!cols) return;
    const auto& c = *cols;
    std::map<MonthKey, std::size_t> first_line;
    for (std::size_t r = 0; r < t.rows(); ++r) {
        const auto ci = country_of(t, r, c[2], codes, diags);
        const bool pos_ok = check_position(t, r, c[1], diags);
        const auto year = take(sim::io::int_field(t, r, c[3], kFirstYear, kLastYear), diags);
        const auto month = take(sim::io::int_field(t, r, c[4], 1, 12), diags);
        const bool sourced = !t.field(r, c[5]).empty();
        if (!sourced) diags.add(t.where(r, c[5]), "expected a source URL, got ''");
        if (!year || !month) continue;
        const MonthKey key{std::string(t.field(r, c[0])), std::string(t.field(r, c[2])), *year, *month};
        if (const auto [it, fresh] = first_line.try_emplace(key, t.line(r)); !fresh) {
            diags.add(t.where(r, c[4]), duplicate_message("(" + std::get<0>(key) + ", " + std::get<1>(key) + ", " +
                                                              std::to_string(*year) + "-" + std::to_string(*month) + ")",
                                                          it->second));
            continue;
        }
        if (const auto v = vitae_months.find(key); v != vitae_months.end()) {
            diags.add(t.where(r, c[4]), "trip already in " + vitae_file + " at line " + std::to_string(v->second));
            continue;
        }
        if (!ci || !pos_ok || !sourced) continue;
        out.push_back(Visit{std::get<1>(key), std::get<0>(key), std::string(t.field(r, c[1])), *year, *month,
                            std::string(t.field(r, c[5]))});
    }
}

}  // namespace

std::vector<Visit> load_visits(const CsvTable& vitae, const CsvTable& additions, const IsoCodes& codes,
                               DiagnosticList& diags) {
    std::vector<Visit> out;
    std::map<MonthKey, std::size_t> months;
    read_vitae(vitae, codes, out, months, diags);
    read_additions(additions, codes, out, months, vitae.file(), diags);
    std::stable_sort(out.begin(), out.end(), [](const Visit& a, const Visit& b) {
        return std::tie(a.year, a.month, a.iso3, a.leader) < std::tie(b.year, b.month, b.iso3, b.leader);
    });
    return out;
}

}  // namespace pushpull::data::detail
