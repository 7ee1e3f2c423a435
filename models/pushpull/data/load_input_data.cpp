// Orchestrates reading, checksumming and validating every input table.
#include <map>

#include "models/pushpull/data/input_data.hpp"
#include "models/pushpull/data/loaders.hpp"
#include "sim/io/sha256.hpp"

namespace pushpull::data {

namespace {

using detail::CsvTable;
using sim::DiagnosticList;

/// The files read, relative to the data directory (also their names in diagnostics and checksums).
namespace file {
constexpr const char* kCountries = "countries_naturalearth.csv";
constexpr const char* kPopulation = "population_wdi.csv";
constexpr const char* kHomicide = "homicide_rate_wdi.csv";
constexpr const char* kVdem = "vdem_wdi_panel.csv";
constexpr const char* kElections = "national_election_years_vdem.csv";
constexpr const char* kEngagements = "chinese_leader_engagements_country_year.csv";
constexpr const char* kUnga = "unga_agreement_china.csv";
constexpr const char* kInvestment = "cgit_investment_country_year.csv";
constexpr const char* kFinance = "aiddata_geo_v111_country_year.csv";
constexpr const char* kBri = "cgit_first_bri_flagged_year.csv";
constexpr const char* kDistChina = "cepii_distance_to_china.csv";
constexpr const char* kDistances = "cepii_distances.csv";
constexpr const char* kVisits = "chinese_leader_foreign_visits.csv";
constexpr const char* kVisitAdditions = "curated/visits_additions.csv";
constexpr const char* kWup = "cities_wup2018_300k.csv";
constexpr const char* kRmaps = "cities_rmaps_2006_50k.csv";
constexpr const char* kDocumented = "adoption_events_documented.csv";
constexpr const char* kFootprints = "vendor_footprints.csv";
constexpr const char* kTargets = "targets.csv";
}  // namespace file

/// Reads, checksums and parses every file; a file that cannot be read or parsed is absent from
/// the map and its problems are in `diags` (`io_failed` records whether any was unreadable).
class Tables {
public:
    Tables(const std::filesystem::path& dir, std::map<std::string, std::string>& checksums, DiagnosticList& diags)
        : dir_(dir), checksums_(checksums), diags_(diags) {}

    void read(const char* name) {
        auto bytes = sim::io::read_file(dir_ / name);
        if (!bytes) {
            // Missing, a directory, a FIFO, a device: bad input; a failed read: an I/O error.
            const auto& d = bytes.error().diagnostics;
            diags_.add(name, "cannot read " + (dir_ / name).string() + ": " +
                                 (d.empty() ? std::string("missing or unreadable file") : d.front().what));
            io_failed_ = io_failed_ || bytes.error().kind == sim::ErrorKind::Io;
            return;
        }
        checksums_[name] = sim::io::sha256_hex(*bytes);
        auto table = sim::io::parse_csv(*bytes, name);
        if (!table) {
            diags_.append(table.error());
            return;
        }
        tables_.emplace(name, std::move(*table));
    }
    [[nodiscard]] const CsvTable* get(const char* name) const {
        const auto it = tables_.find(name);
        return it == tables_.end() ? nullptr : &it->second;
    }
    [[nodiscard]] bool io_failed() const { return io_failed_; }

private:
    std::filesystem::path dir_;
    std::map<std::string, std::string>& checksums_;
    DiagnosticList& diags_;
    std::map<std::string, CsvTable, std::less<>> tables_;
    bool io_failed_ = false;
};

using CountryLoader = void (*)(const CsvTable&, const detail::IsoCodes&, std::vector<Country>&, DiagnosticList&);

void load_country_tables(const Tables& tables, const detail::IsoCodes& codes, std::vector<Country>& cs,
                         DiagnosticList& diags) {
    const std::pair<const char*, CountryLoader> loaders[] = {
        {file::kHomicide, detail::load_homicide},       {file::kVdem, detail::load_vdem},
        {file::kElections, detail::load_elections},     {file::kEngagements, detail::load_engagements},
        {file::kUnga, detail::load_unga},               {file::kInvestment, detail::load_investment},
        {file::kFinance, detail::load_finance},         {file::kBri, detail::load_bri},
        {file::kDistChina, detail::load_distance_to_china}};
    for (const auto& [name, load] : loaders)
        if (const auto* t = tables.get(name)) load(*t, codes, cs, diags);
}

}  // namespace

sim::Result<InputData> load_input_data(const std::filesystem::path& dir, CitySet cities) {
    InputData data;
    DiagnosticList diags;
    Tables tables(dir, data.checksums, diags);
    for (const char* name : {file::kCountries, file::kPopulation, file::kHomicide, file::kVdem, file::kElections,
                             file::kEngagements, file::kUnga, file::kInvestment, file::kFinance, file::kBri,
                             file::kDistChina, file::kDistances, file::kVisits, file::kVisitAdditions, file::kRmaps,
                             file::kDocumented, file::kFootprints, file::kTargets})
        tables.read(name);
    if (cities == CitySet::Wup300k) tables.read(file::kWup);

    if (const auto* t = tables.get(file::kTargets)) data.targets = detail::load_targets(*t, diags);
    const auto* ne = tables.get(file::kCountries);
    const auto* pop = tables.get(file::kPopulation);
    if (ne == nullptr || pop == nullptr) {  // no universe: nothing else can be checked
        return std::unexpected(diags.to_error(tables.io_failed() ? sim::ErrorKind::Io : sim::ErrorKind::BadInput));
    }
    detail::IsoCodes codes;
    data.countries = detail::load_countries(*ne, *pop, codes, diags);
    load_country_tables(tables, codes, data.countries, diags);
    if (const auto* t = tables.get(file::kDistances)) data.dyads = detail::load_dyads(*t, codes, data.countries, diags);
    if (const auto* rm = tables.get(file::kRmaps))
        data.cities = detail::load_cities(cities, tables.get(file::kWup), *rm, codes, data.countries.size(), diags);
    const auto* vitae = tables.get(file::kVisits);
    const auto* additions = tables.get(file::kVisitAdditions);
    if (vitae != nullptr && additions != nullptr) data.visits = detail::load_visits(*vitae, *additions, codes, diags);
    if (const auto* t = tables.get(file::kDocumented)) data.documented = detail::load_documented(*t, codes, diags);
    if (const auto* t = tables.get(file::kFootprints)) data.footprints = detail::load_footprints(*t, diags);

    if (!diags.empty())
        return std::unexpected(diags.to_error(tables.io_failed() ? sim::ErrorKind::Io : sim::ErrorKind::BadInput));
    return data;
}

}  // namespace pushpull::data
