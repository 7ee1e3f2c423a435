#pragma once
/// Internal to the input-data loaders: ISO3 code classification and one loader per table family.
/// Each loader validates its table, appends every problem to `diags` ("file:line:column: ...")
/// and fills only what it could read.
#include <array>
#include <cstddef>
#include <cstdint>
#include <limits>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "models/pushpull/data/input_data.hpp"
#include "sim/io/csv.hpp"

namespace pushpull::data::detail {

using sim::DiagnosticList;
using sim::io::CsvTable;

inline constexpr double kInf = std::numeric_limits<double>::infinity();

/// Plausibility of a population (persons): above 0 and below 2e9 (more than any country has).
inline constexpr double kMaxPopulation = 2e9;
/// Plausibility of a homicide rate (per 100,000 people per year): 0 to 200 (the highest national
/// rate on record is near 140).
inline constexpr double kMaxHomicidePer100k = 200.0;

/// "" when `v` is a plausible population, else the expectation for the message.
inline std::string population_problem(double v) {
    return v > 0.0 && v < kMaxPopulation ? std::string() : "a population in persons, > 0 and < 2e9";
}

/// A required population field: a number, > 0 and < 2e9 (error at t.where(row, col)).
inline sim::Result<double> population_field(const CsvTable& t, std::size_t row, std::size_t col) {
    auto v = sim::io::number_field(t, row, col, -kInf, kInf);
    if (!v) return v;
    if (const auto p = population_problem(*v); !p.empty())
        return sim::bad_input(t.where(row, col), "expected " + p + ", got '" + std::string(t.field(row, col)) + "'");
    return v;
}

/// What an ISO3-like code in a source file is.
enum class CodeKind {
    Universe,  ///< a country of the model's universe
    Outside,   ///< a valid code outside the universe (territory, CHN/HKG/MAC, TWN...): silently filtered
    Pseudo,    ///< a documented pseudo-code containing '_' (SOL_, ANT_, TZA_ZAN): silently ignored
    Unknown,   ///< not a valid code: reported as an error
};

/// Lookup of ISO3 codes: the universe (index into InputData::countries) and every known code.
class IsoCodes {
public:
    /// Codes outside Natural Earth that the sources legitimately use (French overseas departments
    /// and other territories in CEPII and the 50k city list; CEPII legacy YUG and ANT).
    static constexpr std::array<std::string_view, 11> kExtraKnown = {"ANT", "CCK", "CXR", "GLP", "GUF", "MTQ",
                                                                     "MYT", "REU", "SJM", "TKL", "YUG"};
    IsoCodes();
    void add_known(std::string_view code);
    void add_universe(std::string_view code, std::size_t index);
    [[nodiscard]] CodeKind classify(std::string_view code) const;
    /// Index into the country list, or nullopt if not in the universe.
    [[nodiscard]] std::optional<std::size_t> index(std::string_view code) const;

private:
    static std::optional<std::size_t> slot(std::string_view code);
    std::vector<std::int32_t> slots_;  ///< per 3-letter code: -2 unknown, -1 known outside, >= 0 universe index
};

/// Reads the iso3 field at (row, col): the universe index, or nullopt (filtered, ignored, or an
/// "unknown ISO3 code" diagnostic added).
std::optional<std::size_t> country_of(const CsvTable& t, std::size_t row, std::size_t col, const IsoCodes& codes,
                                      DiagnosticList& diags);

/// "a.b.c" style duplicate detection: remembers the first line of each key.
std::string duplicate_message(std::string_view key, std::size_t first_line);

/// Normalises Natural Earth's "1. High income: OECD", ... to the four World Bank groups.
std::string normalise_income_group(std::string_view ne_value);

/// Builds the universe from Natural Earth and WDI population (countries.cpp).
std::vector<Country> load_countries(const CsvTable& ne, const CsvTable& population, IsoCodes& codes,
                                    DiagnosticList& diags);

/// Covariate panels and per-country attributes (covariates.cpp).
void load_homicide(const CsvTable& t, const IsoCodes& codes, std::vector<Country>& cs, DiagnosticList& diags);
void load_vdem(const CsvTable& t, const IsoCodes& codes, std::vector<Country>& cs, DiagnosticList& diags);
void load_elections(const CsvTable& t, const IsoCodes& codes, std::vector<Country>& cs, DiagnosticList& diags);
void load_engagements(const CsvTable& t, const IsoCodes& codes, std::vector<Country>& cs, DiagnosticList& diags);
void load_unga(const CsvTable& t, const IsoCodes& codes, std::vector<Country>& cs, DiagnosticList& diags);
void load_investment(const CsvTable& t, const IsoCodes& codes, std::vector<Country>& cs, DiagnosticList& diags);
void load_finance(const CsvTable& t, const IsoCodes& codes, std::vector<Country>& cs, DiagnosticList& diags);
void load_bri(const CsvTable& t, const IsoCodes& codes, std::vector<Country>& cs, DiagnosticList& diags);

/// CEPII: distance to China and the dyads (dyads.cpp). Legacy codes are split: YUG -> SRB, MNE, XKX;
/// ANT -> CUW, SXM.
void load_distance_to_china(const CsvTable& t, const IsoCodes& codes, std::vector<Country>& cs,
                            DiagnosticList& diags);
std::vector<Dyad> load_dyads(const CsvTable& t, const IsoCodes& codes, const std::vector<Country>& cs,
                            DiagnosticList& diags);

/// Cities (cities.cpp). `wup` may be null when `set` is All50k.
std::vector<City> load_cities(CitySet set, const CsvTable* wup, const CsvTable& rmaps, const IsoCodes& codes,
                              std::size_t n_countries, DiagnosticList& diags);

/// Visits: China Vitae trips plus curated additions (visits.cpp).
std::vector<Visit> load_visits(const CsvTable& vitae, const CsvTable& additions, const IsoCodes& codes,
                               DiagnosticList& diags);

/// Vendors' reported footprints (footprints.cpp).
std::vector<VendorFootprint> load_footprints(const CsvTable& t, DiagnosticList& diags);

/// Documented adoption events (documented.cpp) and targets (targets.cpp).
std::vector<DocumentedAdoption> load_documented(const CsvTable& t, const IsoCodes& codes, DiagnosticList& diags);
std::vector<Target> load_targets(const CsvTable& t, DiagnosticList& diags);

}  // namespace pushpull::data::detail
