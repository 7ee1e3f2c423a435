// Cities: UN WUP 2018 agglomerations of 300k+, or the R maps world.cities list of 50k+.
#include <algorithm>
#include <cctype>
#include <cmath>
#include <numbers>
#include <unordered_map>

#include "models/pushpull/data/loaders.hpp"

namespace pushpull::data::detail {

namespace {

using sim::io::take;

constexpr double kCapitalMatchKm = 50.0;  ///< nearest-WUP-city radius for the capital fallback
constexpr int kWupFirstYear = 2000;
constexpr int kWupLastYear = 2022;  ///< 2023 repeats the 2022 value

/// A national capital from the 50k list.
struct Capital {
    std::string name;
    double lat = 0.0;
    double lng = 0.0;
    double pop = -1.0;
};

double great_circle_km(double lat1, double lng1, double lat2, double lng2) {
    constexpr double kRad = std::numbers::pi / 180.0;
    const double dlat = (lat2 - lat1) * kRad;
    const double dlng = (lng2 - lng1) * kRad;
    const double a = std::sin(dlat / 2) * std::sin(dlat / 2) +
                     std::cos(lat1 * kRad) * std::cos(lat2 * kRad) * std::sin(dlng / 2) * std::sin(dlng / 2);
    return 2.0 * 6371.0 * std::asin(std::min(1.0, std::sqrt(a)));
}

/// Lower-case ASCII letters and digits only, so "Phnum Penh" ~ "phnumpenh".
std::string name_key(std::string_view s) {
    std::string out;
    for (const char ch : s)
        if (std::isalnum(static_cast<unsigned char>(ch))) out.push_back(static_cast<char>(std::tolower(static_cast<unsigned char>(ch))));
    return out;
}

/// Validated latitude and longitude of a row.
std::optional<std::pair<double, double>> coordinates(const CsvTable& t, std::size_t r, std::size_t clat,
                                                     std::size_t clng, DiagnosticList& diags) {
    const auto lat = take(sim::io::number_field(t, r, clat, -90.0, 90.0), diags);
    const auto lng = take(sim::io::number_field(t, r, clng, -180.0, 180.0), diags);
    if (!lat || !lng) return std::nullopt;
    return std::pair{*lat, *lng};
}

/// The R maps 50k+ list. Fills `cities` (if non-null) and the national capital per country
/// (capital_code == 1; where a country has two, the more populous one).
void read_rmaps(const CsvTable& t, const IsoCodes& codes, std::size_t n_countries, std::vector<City>* cities,
                std::vector<Capital>& capitals, DiagnosticList& diags) {
    const auto cols = t.columns({"iso3", "city", "pop_approx_jan2006", "lat", "lng", "capital_code"}, diags);
    if (!cols) return;
    const auto& c = *cols;
    capitals.assign(n_countries, Capital{});
    for (std::size_t r = 0; r < t.rows(); ++r) {
        const auto ci = country_of(t, r, c[0], codes, diags);
        const auto pop = take(population_field(t, r, c[2]), diags);
        const auto ll = coordinates(t, r, c[3], c[4], diags);
        const auto cap = take(sim::io::int_field(t, r, c[5], 0, 3), diags);
        if (!ci || !pop || !ll || !cap) continue;
        if (*cap == 1 && *pop > capitals[*ci].pop)
            capitals[*ci] = Capital{std::string(t.field(r, c[1])), ll->first, ll->second, *pop};
        if (!cities) continue;
        City city;
        city.name = std::string(t.field(r, c[1]));
        city.iso3 = std::string(t.field(r, c[0]));
        city.lat = ll->first;
        city.lng = ll->second;
        city.population.assign(kYears, *pop);
        cities->push_back(std::move(city));
    }
    if (!cities) return;
    for (auto& city : *cities) {  // exactly one capital per country
        const auto& k = capitals[*codes.index(city.iso3)];
        city.capital = k.pop >= 0.0 && city.name == k.name && city.lat == k.lat && city.lng == k.lng;
    }
}

/// The WUP 300k+ agglomerations (city_id is the key).
std::vector<City> read_wup(const CsvTable& t, const IsoCodes& codes, DiagnosticList& diags) {
    std::vector<City> out;
    const auto cols = t.columns({"city_id", "iso3", "agglomeration", "lat", "lng"}, diags);
    std::vector<std::size_t> pop_cols;
    for (int y = kWupFirstYear; y <= kWupLastYear; ++y)
        if (auto pc = take(t.column("pop_" + std::to_string(y)), diags)) pop_cols.push_back(*pc);
    if (!cols || pop_cols.size() != static_cast<std::size_t>(kWupLastYear - kWupFirstYear + 1)) return out;
    const auto& c = *cols;
    std::unordered_map<long long, std::size_t> first_line;
    for (std::size_t r = 0; r < t.rows(); ++r) {
        const auto id = sim::io::to_integer(t.field(r, c[0]));
        if (!id) {
            diags.add(t.where(r, c[0]), "expected an integer id, got '" + std::string(t.field(r, c[0])) + "'");
        } else if (const auto [it, fresh] = first_line.try_emplace(*id, t.line(r)); !fresh) {
            diags.add(t.where(r, c[0]), duplicate_message("(" + std::string(t.field(r, c[0])) + ")", it->second));
            continue;
        }
        const auto ci = country_of(t, r, c[1], codes, diags);
        const auto ll = coordinates(t, r, c[3], c[4], diags);
        City city;
        city.population.assign(kYears, kMissing);
        bool ok = true;
        for (std::size_t k = 0; k < pop_cols.size(); ++k) {
            const auto p = take(population_field(t, r, pop_cols[k]), diags);
            if (p) city.population[k] = *p;
            ok = ok && p.has_value();
        }
        if (!ci || !ll || !ok || !id) continue;
        city.population[static_cast<std::size_t>(kLastYear - kFirstYear)] =
            city.population[static_cast<std::size_t>(kWupLastYear - kFirstYear)];
        city.name = std::string(t.field(r, c[2]));
        city.iso3 = std::string(t.field(r, c[1]));
        city.lat = ll->first;
        city.lng = ll->second;
        out.push_back(std::move(city));
    }
    return out;
}

/// Marks each country's WUP capital: the agglomeration whose name matches the 50k list's capital
/// (letters and digits only, case-insensitive), else the nearest agglomeration within 50 km.
void mark_wup_capitals(std::vector<City>& cities, const std::vector<Capital>& capitals, const IsoCodes& codes) {
    std::vector<std::optional<std::size_t>> by_name(capitals.size());
    std::vector<std::optional<std::size_t>> nearest(capitals.size());
    std::vector<double> best_km(capitals.size(), kCapitalMatchKm);
    for (std::size_t i = 0; i < cities.size(); ++i) {
        const auto ci = *codes.index(cities[i].iso3);
        const auto& k = capitals[ci];
        if (k.pop < 0.0) continue;
        if (name_key(cities[i].name) == name_key(k.name)) by_name[ci] = i;
        const double km = great_circle_km(cities[i].lat, cities[i].lng, k.lat, k.lng);
        if (km <= best_km[ci]) {
            best_km[ci] = km;
            nearest[ci] = i;
        }
    }
    for (std::size_t ci = 0; ci < capitals.size(); ++ci) {
        const auto pick = by_name[ci] ? by_name[ci] : nearest[ci];
        if (pick) cities[*pick].capital = true;
    }
}

}  // namespace

std::vector<City> load_cities(CitySet set, const CsvTable* wup, const CsvTable& rmaps, const IsoCodes& codes,
                              std::size_t n_countries, DiagnosticList& diags) {
    std::vector<City> cities;
    std::vector<Capital> capitals;
    read_rmaps(rmaps, codes, n_countries, set == CitySet::All50k ? &cities : nullptr, capitals, diags);
    if (set == CitySet::Wup300k && wup != nullptr) {
        cities = read_wup(*wup, codes, diags);
        if (!capitals.empty()) mark_wup_capitals(cities, capitals, codes);
    }
    constexpr auto k2018 = static_cast<std::size_t>(2018 - kFirstYear);
    std::sort(cities.begin(), cities.end(), [](const City& a, const City& b) {
        if (a.iso3 != b.iso3) return a.iso3 < b.iso3;
        if (a.population[k2018] != b.population[k2018]) return a.population[k2018] > b.population[k2018];
        return a.name < b.name;
    });
    return cities;
}

}  // namespace pushpull::data::detail
