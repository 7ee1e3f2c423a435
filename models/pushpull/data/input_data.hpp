#pragma once
/// The input tables of the push–pull model, loaded from the project's curated data/ directory and
/// validated (every problem reported with file, line and column). Raw values only: interpolation,
/// imputation and standardisation are model decisions made when the world is built (world/).
#include <cstdint>
#include <filesystem>
#include <limits>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "sim/error.hpp"

namespace pushpull::data {

inline constexpr int kFirstYear = 2000;  ///< first year of every yearly series
inline constexpr int kLastYear = 2023;   ///< last year of every yearly series
inline constexpr int kYears = kLastYear - kFirstYear + 1;
inline constexpr double kMissing = std::numeric_limits<double>::quiet_NaN();

/// A yearly series indexed by (year - kFirstYear); NaN where the source reports nothing.
using YearSeries = std::vector<double>;

struct Country {
    std::string iso3;
    std::string name;
    std::string continent;      ///< Natural Earth continent
    std::string region_un;      ///< Natural Earth region_un (Africa, Americas, Asia, Europe, Oceania)
    std::string subregion;      ///< Natural Earth subregion
    std::string region_wb;      ///< World Bank region (e.g. "Sub-Saharan Africa")
    std::string income_group;   ///< "High income", "Upper middle income", "Lower middle income", "Low income"
    YearSeries population;      ///< WDI SP.POP.TOTL, persons
    YearSeries homicide_per_100k;  ///< WDI VC.IHR.PSRC.P5, reported years only
    YearSeries polyarchy;       ///< V-Dem v2x_polyarchy, 0..1
    YearSeries libdem;          ///< V-Dem v2x_libdem, 0..1
    YearSeries gdp_pc_usd;      ///< current USD
    YearSeries engagement_days; ///< Chinese leader engagement days (all leaders); 0 where no row, 2003-2018
    YearSeries unga_agree_chn;  ///< share of identical UNGA votes with China
    YearSeries unga_agree_usa;  ///< share of identical UNGA votes with the USA
    YearSeries cn_investment_musd;  ///< AEI CGIT investment, USD millions; 0 where no row (2005-2018)
    YearSeries cn_finance_usd;      ///< AidData geocoded official finance, current USD; 0 where no row (2000-2014)
    std::vector<int> election_years;   ///< sorted, unique national election years
    std::optional<int> first_bri_year; ///< first AEI BRI-flagged deal (proxy for BRI membership)
    double dist_to_china_km = kMissing;  ///< CEPII population-weighted distance (distw)
    bool contiguous_china = false;
};

struct City {
    std::string name;
    std::string iso3;
    double lat = 0.0;
    double lng = 0.0;
    YearSeries population;  ///< persons; for the 50k+ list only the 2006 value is known (copied to all years)
    bool capital = false;   ///< national capital (from the 50k list's capital_code == 1; for WUP, matched by name)
};

/// One trip by a Chinese leader (President, Premier or Foreign Minister) to a country.
struct Visit {
    std::string iso3;
    std::string leader;
    std::string position;  ///< "President", "Premier" or "Foreign Minister"
    int year = 0;
    int month = 0;         ///< 1..12 (from start_date)
    std::string source;    ///< "china_vitae" or the URL of a curated addition
};

/// A pair of distinct countries from CEPII GeoDist (both directions are present in the file).
/// SRB, MNE and XKX take CEPII's YUG rows, CUW and SXM its ANT rows (pairs among successors come
/// from the legacy code's self row); countries absent from CEPII (MCO, LIE, IMN, SSD) have no dyads.
struct Dyad {
    std::string iso_o;
    std::string iso_d;
    bool contiguous = false;
    bool common_language = false;
    bool colony = false;
    double dist_km = 0.0;     ///< CEPII dist: between the most populated cities, km
    double distcap_km = 0.0;  ///< CEPII distcap: capital to capital, km
    double distw_km = 0.0;    ///< CEPII distw: population-weighted, km
};

/// A hand-collected adoption event (adoption_events_documented.csv).
struct DocumentedAdoption {
    std::string iso3;
    std::string city;
    std::string vendor;
    std::optional<int> year_agreement;    ///< contract / loan / MoU / award year, where a source states it
    std::optional<int> year_operational;  ///< go-live year, where a source states it
    std::optional<int> year_first_documented;
    std::string confidence;  ///< high / medium / low
    std::string scope;       ///< platform / FR_platform / pilot / smart_city_general / MoU_talks
};

/// A vendor's reported footprint (vendor_footprints.csv): one dated figure with its source.
struct VendorFootprint {
    std::string vendor;
    std::optional<int> year;
    std::string qualifier;  ///< exact / over / at_least ...
    double value = 0.0;
    std::string unit;       ///< cities, countries, projects ...
    std::string scope;      ///< safe_city / smart_city / ...
};

/// An observed calibration target (data/targets.csv).
struct Target {
    std::string id;          ///< e.g. "T1"
    std::string statistic;   ///< summary-vector name it is compared with
    double value = 0.0;
    std::string kind;        ///< "lower_bound", "upper_bound", "point", "share", "sign" (value -1, 0 or +1)
    std::string source;
};

enum class CitySet { Wup300k, All50k };

struct InputData {
    std::vector<Country> countries;  ///< the model's country universe, sorted by iso3 (CHN, HKG, MAC excluded)
    std::vector<City> cities;        ///< the chosen city set, only cities of listed countries, sorted by (iso3, -pop2018, name)
    std::vector<Visit> visits;       ///< China Vitae trips + curated additions, sorted by (year, month, iso3, leader)
    std::vector<Dyad> dyads;         ///< only pairs where both countries are in the universe
    std::vector<DocumentedAdoption> documented;
    std::vector<VendorFootprint> footprints;  ///< vendor_footprints.csv (R8 supply anchors)
    std::vector<Target> targets;
    std::map<std::string, std::string> checksums;  ///< file name -> SHA-256 hex of the bytes read
    int data_until = 0;  ///< 0: as read; else the last year kept by truncated_after() (truncate.hpp)
};

/// Loads and validates every table in `dir`. Errors: BadInput listing every problem found
/// (file:line:column: what was expected), Io for missing or unreadable files.
sim::Result<InputData> load_input_data(const std::filesystem::path& dir, CitySet cities);

}  // namespace pushpull::data
