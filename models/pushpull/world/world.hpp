#pragma once
/// The static world of a run: countries, cities and vendors as structure-of-arrays tables, the
/// country and city networks, and the exogenous series per (step, country) precomputed from data.
/// Built once by build_world() from the input tables and the parameters; read-only while stepping.
#include <array>
#include <cstdint>
#include <string>
#include <vector>

#include "models/pushpull/data/input_data.hpp"
#include "models/pushpull/params.hpp"
#include "sim/graph/network.hpp"

namespace pushpull {

/// Salience weights of an official (MODEL.md §2), summing to 1.
enum Salience : std::uint8_t { kSalCrime = 0, kSalSpeed, kSalCost, kSalSecurity, kSalSovereignty, kSalienceDims };

/// Regime group (Freedom House proxy from V-Dem polyarchy, mean 2009–2018).
enum class Regime : std::uint8_t { Free = 0, PartlyFree = 1, NotFree = 2 };

struct CountryTable {
    std::vector<std::string> iso3, name, region_un, region_wb, income_group;
    std::vector<Regime> regime;
    std::vector<double> strategic;        ///< S_c, standardised composite (§4.10)
    std::vector<double> polyarchy;        ///< mean 2008–2019 (0..1)
    std::vector<double> veto;             ///< L_c: V-Dem liberal democracy, mean 2008–2019
    std::vector<double> data_protection;  ///< D_c: libdem x (1 for high/upper-middle income, 0.5 otherwise)
    std::vector<double> debt;             ///< Chinese official finance / GDP, standardised
    std::vector<double> homicide;         ///< mean reported rate 2008–2019 (imputed where none), per 100k
    std::vector<double> population;       ///< 2015, persons
    std::vector<double> gdp_pc_usd;       ///< 2015 (imputed where missing)
    std::vector<int> first_bri_year;      ///< 0 where none
    std::vector<std::uint32_t> city_begin, city_end;  ///< cities of a country are contiguous
    std::vector<std::uint32_t> leader_city;           ///< capital, else the largest city
    std::vector<std::uint8_t> homicide_imputed;       ///< 1 where no homicide rate was ever reported
    std::vector<std::array<double, kSalienceDims>> salience;  ///< the national official's weights (R2)
    std::vector<std::uint8_t> can_adopt;   ///< 0 for the United States unless structure.us_adopter (R7)
    std::vector<std::uint8_t> us_target;   ///< 1 where U.S. targeting may reach (us.target_* filters)
    std::size_t size() const { return iso3.size(); }
};

struct CityTable {
    std::vector<std::string> name;
    std::vector<std::uint32_t> country;
    std::vector<double> lat, lng;
    std::vector<double> population;   ///< 2015, persons
    std::vector<double> budget_usd;   ///< B_i per year
    std::vector<double> cost_usd;     ///< reference project cost (before vendor price)
    std::vector<double> crime_dev;    ///< city deviation added to the country's crime z-score
    std::vector<std::array<double, kSalienceDims>> salience;
    std::vector<double> election_phase_years;  ///< random phase for countries without election data
    std::vector<std::uint8_t> capital;         ///< 1 for the country's leader city
    std::vector<std::uint8_t> local_decision;  ///< 1 if procurement is decided locally
    std::vector<std::uint8_t> synthetic;       ///< 1 for a capital-region agent added for a country with no city
    std::vector<double> centrality;            ///< weighted degree on the city network, normalised to max 1
    std::size_t size() const { return name.size(); }
};

/// Exogenous inputs per step and country, row-major [step * n_countries + country].
struct Exogenous {
    std::size_t steps = 0, countries = 0;
    std::vector<double> crime_z;          ///< standardised log homicide, interpolated, flat beyond reports
    std::vector<double> years_to_election;///< NaN where the country has no known election calendar
    std::vector<double> visit;            ///< visit window strength (1 President/Premier, fm weight otherwise)
    std::vector<std::uint8_t> visit_start;///< 1 in the step a trip starts (for events)
    std::vector<std::uint8_t> bri;        ///< 1 once the country has a BRI-flagged deal
    std::vector<double> loan_availability;///< probability an offer can be loan-financed (before phi_v)
    std::vector<double> salience;         ///< global salience of controversies (per step, not per country)
    // R9: covariates known at t (structure.covariates = static: the country table's means in every step).
    std::vector<double> strategic;        ///< S_c(t), standardised within the year
    std::vector<double> debt;             ///< Chinese official finance to t-1 / GDP, standardised within the year
    std::vector<double> veto;             ///< L_c(t): V-Dem liberal democracy of the year (last report carried)
    std::vector<double> data_protection;  ///< D_c(t): L_c(t) x (1 richer, 0.5 otherwise)
    std::vector<double> polyarchy;        ///< V-Dem polyarchy of the year (last report carried)
    std::vector<double> supply;           ///< R8: relative Chinese capacity per step (footprint path / last anchor)
    std::vector<double> loan_budget_musd; ///< R8: China's loan budget of the step's year, USD million
    double at(const std::vector<double>& v, std::size_t step, std::size_t c) const { return v[step * countries + c]; }
};

struct TimeAxis {
    int start_year = 2008, start_quarter = 1;
    int months_per_step = 3;
    std::size_t steps = 0;
    double dt_years = 0.25;
    /// Calendar year of a step (integer) and its fractional time in years.
    int year(std::size_t step) const { return start_year + static_cast<int>((start_month0() + step * static_cast<std::size_t>(months_per_step)) / 12); }
    double time_years(std::size_t step) const {
        return start_year + static_cast<double>(start_month0() + step * static_cast<std::size_t>(months_per_step)) / 12.0;
    }
    int quarter(std::size_t step) const { return static_cast<int>(((start_month0() + step * static_cast<std::size_t>(months_per_step)) % 12) / 3) + 1; }
    std::string label(std::size_t step) const;  ///< "2008Q1" (quarterly) or "2008-01" (monthly)
    /// Index of the last step within `year`, or -1 if the run does not reach it.
    long last_step_of_year(int y) const;
    std::size_t start_month0() const { return static_cast<std::size_t>((start_quarter - 1) * 3); }
};

struct World {
    TimeAxis time;
    CountryTable countries;
    CityTable cities;
    std::array<VendorParams, kVendors> vendors{};
    double grant_element = 0.0;   ///< of the policy-bank loan terms (§4.6)
    double alt_grant_element = 0.0;  ///< of the U.S.-backed alternative's loan terms (R5)
    std::vector<double> deploy_levels;  ///< distinct median deployment times of vendors with capacity
    sim::graph::Network country_net;
    sim::graph::Network city_net;
    Exogenous exo;
};

/// Sets the world's vendor table and the distinct deployment times the tender hazard scans.
void set_vendors(World& w, const std::array<VendorParams, kVendors>& vendors);

/// The networks of a built world, for reuse by later builds. They depend only on the input data and
/// the network parameters (never on the seed), and are a quarter of a world build's cost, so sweeps
/// and calibrations that rebuild a world per run keep one and copy it (models/study).
struct NetworkReuse {
    Params params;  ///< the parameters the networks were built with
    sim::graph::Network country_net, city_net;
    std::vector<double> centrality;

    static NetworkReuse of(const World& w, const Params& p) { return {p, w.country_net, w.city_net, w.cities.centrality}; }
};

/// True when the networks built with `a` are the networks of `b`: same data and network parameters
/// (weights, distance scales, cross-border links, and the capital-region share that sizes synthetic
/// city agents).
bool same_networks(const Params& a, const Params& b);

/// Builds the world; with `reuse` whose parameters give the same networks (same_networks), copies
/// its networks instead of rebuilding them (identical result, tested).
/// Errors: BadInput if the data cannot support the run (e.g. no cities).
sim::Result<World> build_world(const data::InputData& input, const Params& p, const NetworkReuse* reuse = nullptr);

}  // namespace pushpull
