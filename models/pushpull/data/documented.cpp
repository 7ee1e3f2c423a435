// Hand-collected adoption events (adoption_events_documented.csv).
#include "models/pushpull/data/loaders.hpp"

namespace pushpull::data::detail {

namespace {

using sim::io::take;

/// Event years are not keys and the file keeps later events (to 2024), so 2000-2030 is accepted.
constexpr int kLastEventYear = 2030;

bool one_of(std::string_view v, std::initializer_list<std::string_view> allowed) {
    for (const auto a : allowed)
        if (v == a) return true;
    return false;
}

bool check_enum(const CsvTable& t, std::size_t r, std::size_t c, std::initializer_list<std::string_view> allowed,
                DiagnosticList& diags) {
    if (one_of(t.field(r, c), allowed)) return true;
    std::string list;
    for (const auto a : allowed) list += (list.empty() ? "" : "/") + std::string(a);
    diags.add(t.where(r, c), "expected one of " + list + ", got '" + std::string(t.field(r, c)) + "'");
    return false;
}

}  // namespace

std::vector<DocumentedAdoption> load_documented(const CsvTable& t, const IsoCodes& codes, DiagnosticList& diags) {
    std::vector<DocumentedAdoption> out;
    const auto cols = t.columns({"iso3", "city", "vendor", "year_agreement", "year_operational",
                                 "year_first_documented", "confidence", "scope", "source_url"},
                                diags);
    if (!cols) return out;
    const auto& c = *cols;
    for (std::size_t r = 0; r < t.rows(); ++r) {
        const auto ci = country_of(t, r, c[0], codes, diags);
        const auto agreement = take(sim::io::optional_int_field(t, r, c[3], kFirstYear, kLastEventYear), diags);
        const auto operational = take(sim::io::optional_int_field(t, r, c[4], kFirstYear, kLastEventYear), diags);
        const auto first = take(sim::io::optional_int_field(t, r, c[5], kFirstYear, kLastEventYear), diags);
        const bool conf_ok = check_enum(t, r, c[6], {"high", "medium", "low"}, diags);
        const bool scope_ok =
            check_enum(t, r, c[7], {"platform", "FR_platform", "pilot", "smart_city_general", "MoU_talks"}, diags);
        if (t.field(r, c[8]).empty()) diags.add(t.where(r, c[8]), "expected a source URL, got ''");
        const bool order_ok = !agreement || !operational || !*agreement || !*operational || **operational >= **agreement;
        if (!order_ok)
            diags.add(t.where(r, c[4]), "operation year " + std::to_string(**operational) + " is before the agreement year " +
                                            std::to_string(**agreement) + " (year_operational >= year_agreement)");
        if (!ci || !agreement || !operational || !first || !conf_ok || !scope_ok || !order_ok) continue;
        DocumentedAdoption a;
        a.iso3 = std::string(t.field(r, c[0]));
        a.city = std::string(t.field(r, c[1]));
        a.vendor = std::string(t.field(r, c[2]));
        a.year_agreement = *agreement;
        a.year_operational = *operational;
        a.year_first_documented = *first;
        a.confidence = std::string(t.field(r, c[6]));
        a.scope = std::string(t.field(r, c[7]));
        out.push_back(std::move(a));
    }
    return out;
}

}  // namespace pushpull::data::detail
