#include "models/pushpull/record/units.hpp"

#include <map>
#include <string>
#include <utility>

namespace pushpull {

namespace {

using Entry = std::pair<const char*, const char*>;  // units, description
using Table = std::map<std::string, Entry, std::less<>>;

const Table& run_table() {
    static const Table t = {
        {"time/step", {"step", "step index, 0-based"}},
        {"time/year", {"year", "calendar year of the step"}},
        {"time/quarter", {"quarter", "quarter of the year, 1-4"}},
        {"time/time_years", {"years", "start of the step in fractional years (2008.25 = 2008Q2)"}},
        {"time/label", {"", "step label (2008Q1 or 2008-01)"}},
        {"countries/iso3", {"", "ISO 3166 alpha-3 code"}},
        {"countries/name", {"", "country name (Natural Earth)"}},
        {"countries/region_un", {"", "UN region"}},
        {"countries/region_wb", {"", "World Bank region"}},
        {"countries/income_group", {"", "World Bank income group"}},
        {"countries/regime", {"", "free / partly_free / not_free from V-Dem polyarchy (mean 2008-2019)"}},
        {"countries/strategic_importance", {"SD", "strategic importance S_c, standardised composite (mean 0, SD 1)"}},
        {"countries/polyarchy", {"index 0-1", "V-Dem electoral democracy, mean 2008-2019"}},
        {"countries/veto", {"index 0-1", "L_c = V-Dem liberal democracy, mean 2008-2019 (opposition of its cities)"}},
        {"countries/data_protection", {"index 0-1", "D_c = veto x (1 high/upper-middle income, 0.5 otherwise)"}},
        {"countries/debt", {"SD", "log(1 + 1000 x Chinese official finance 2000-2014 / GDP), standardised"}},
        {"countries/homicide_per_100k", {"per 100,000 persons per year", "mean reported homicide rate 2008-2019"}},
        {"countries/homicide_imputed", {"1 = yes", "the country never reported a homicide rate (subregion median)"}},
        {"countries/population", {"persons", "population 2015 (nearest reported year)"}},
        {"countries/gdp_pc_usd", {"USD per person", "GDP per capita 2015 (nearest reported year)"}},
        {"countries/first_bri_year", {"year", "year of the first BRI-flagged Chinese deal, 0 = none"}},
        {"countries/first_chinese_agreement_step", {"step", "step of the first agreement with a Chinese vendor, -1 = none"}},
        {"countries/chinese_agreements", {"agreements", "agreements signed with Chinese vendors over the run"}},
        {"countries/city_begin", {"row of /cities", "first city row of the country"}},
        {"countries/city_end", {"row of /cities", "one past the last city row of the country"}},
        {"cities/name", {"", "city name; synthetic agents are '<country> (capital region)'"}},
        {"cities/country", {"row of /countries", "the city's country"}},
        {"cities/iso3", {"", "the country's ISO3"}},
        {"cities/lat", {"degrees", "latitude, NaN for synthetic agents"}},
        {"cities/lng", {"degrees", "longitude, NaN for synthetic agents"}},
        {"cities/population", {"persons", "population (2015; 50,000 where unknown)"}},
        {"cities/capital", {"1 = yes", "the country's leader city"}},
        {"cities/synthetic", {"1 = yes", "capital-region agent of a country with no listed city"}},
        {"cities/local_decision", {"1 = yes", "procurement decided locally"}},
        {"cities/centrality", {"index 0-1", "weighted degree on the city network / maximum"}},
        {"cities/adoption_step", {"step", "step of the first agreement with a Chinese vendor, -1 = never"}},
        {"cities/adoption_vendor", {"row of /vendors", "vendor of that agreement, -1 = none"}},
        {"cities/status", {"", "state at the end of the run (none, tendering, awarded, delayed, implementing, operating, cancelled)"}},
        {"cities/vendor", {"row of /vendors", "vendor of the current project, -1 = none"}},
        {"cities/live_step", {"step", "go-live step of the current project, -1 = none or not scheduled"}},
        {"cities/agreements", {"agreements", "agreements the city signed (all vendors)"}},
        {"cities/downscaled", {"1 = yes", "the current project dropped facial recognition after a contest"}},
        {"vendors/id", {"", "scenario id"}},
        {"vendors/name", {"", "display name"}},
        {"vendors/chinese", {"1 = yes", "a Chinese vendor"}},
        {"vendors/price", {"multiplier", "price multiplier on the reference project cost"}},
        {"vendors/capacity", {"bids per quarter", "bidding capacity in 2008"}},
        {"vendors/finance_access", {"probability", "phi_v, probability an offer carries an available policy-bank loan"}},
        {"vendors/deploy_years", {"years", "median deployment time as used"}},
        {"series/countries_adopted", {"countries", "countries with a city that ever signed with a Chinese vendor (cumulative)"}},
        {"series/countries_operating", {"countries", "countries with a Chinese platform operating now"}},
        {"series/cities_adopted", {"cities", "cities that ever signed with a Chinese vendor (cumulative)"}},
        {"series/cities_operating", {"cities", "cities with a Chinese platform operating now"}},
        {"series/chinese_agreements", {"agreements", "agreements with Chinese vendors so far (cumulative)"}},
        {"series/tenders_open", {"cities", "cities with an open tender now"}},
        {"series/contests", {"projects", "contested projects so far (cumulative)"}},
        {"series/cancellations", {"projects", "cancellations so far (cumulative)"}},
        {"series/messages", {"messages", "U.S. messages delivered so far (cumulative)"}},
        {"series/agreements_by_vendor", {"agreements", "agreements so far, per vendor (columns)"}},
        {"series/operating_by_vendor", {"cities", "cities operating now, per vendor (columns)"}},
        {"series/countries_by_region", {"countries", "adopting countries so far, per UN region (columns)"}},
        {"series/countries_by_regime", {"countries", "adopting countries so far, per regime group (columns)"}},
        {"events/step", {"step", "step of the event"}},
        {"events/city", {"row of /cities", "-1 for country-level events"}},
        {"events/country", {"row of /countries", "country of the event"}},
        {"events/vendor", {"row of /vendors", "-1 where no vendor is involved"}},
        {"events/kind_code", {"code", "event kind (index into the kind_names attribute)"}},
        {"events/kind", {"", "event kind name"}},
        {"summary/name", {"", "summary statistic (docs/ODD.md)"}},
        {"summary/value", {"statistic's own unit", "simulated value (NaN if undefined)"}},
        {"summary/observed", {"statistic's own unit", "target value from data/targets.csv, NaN if none"}},
        {"summary/target_id", {"", "target T1-T8, empty if none"}},
        {"summary/target_kind", {"", "lower_bound, upper_bound, point, share or sign"}},
        {"summary/met", {"", "yes / no / n/a, empty if no target"}},
        {"network/countries/source", {"row of /countries", "edge end (source < target)"}},
        {"network/countries/target", {"row of /countries", "edge end"}},
        {"network/countries/weight", {"weight", "contiguity, language, colony, proximity, UN-vote similarity"}},
        {"network/cities/source", {"row of /cities", "edge end (source < target)"}},
        {"network/cities/target", {"row of /cities", "edge end"}},
        {"network/cities/weight", {"weight", "within-country size ratio or cross-border tie"}},
    };
    return t;
}

const Table& experiment_table() {
    static const Table t = {
        {"runs/arm", {"", "arm name"}},
        {"runs/draw", {"draw", "calibrated (posterior) draw d within the unidentified draw u; its row of /draws is d * unidentified_draws + u"}},
        {"runs/structure", {"structure", "universe of the structural multiverse (row of /structures; 0 without one)"}},
        {"runs/unidentified", {"draw", "draw of the unidentified parameters (row of /unidentified; 0 without [priors])"}},
        {"unidentified/draw", {"draw", "draw index"}},
        {"unidentified/parameter", {"", "unidentified parameter (scenario key)"}},
        {"unidentified/prior", {"", "the distribution it is drawn from"}},
        {"unidentified/values", {"parameter's own unit", "values of draw u (draws x parameters), the same in every arm"}},
        {"structures/name", {"", "universe name"}},
        {"structures/overrides", {"", "its structure.* overrides, '; '-separated"}},
        {"ranking/statistic", {"", "the ranked statistic (lower is better)"}},
        {"ranking/arm", {"", "arm name"}},
        {"ranking/mean", {"statistic's own unit", "the arm's mean level over its runs"}},
        {"ranking/p_best", {"probability", "share of runs (same seed and parameters in every arm) where the arm has the lowest value, ties shared"}},
        {"ranking/p_best_cell", {"probability", "share of cells (structure x unidentified x calibrated draw; arm means over replicates) where the arm is lowest"}},
        {"runs/replicate", {"replicate", "replicate within the draw"}},
        {"runs/seed", {"seed", "run.seed of the run, the same in every arm (common random numbers)"}},
        {"draws/draw", {"draw", "draw index"}},
        {"draws/particle", {"particle", "row of the posterior population"}},
        {"draws/parameter", {"", "posterior parameter (scenario key)"}},
        {"draws/values", {"parameter's own unit", "values of draw d (draws x parameters)"}},
        {"trajectories/arm", {"", "arm name"}},
        {"trajectories/statistic", {"", "series (countries_adopted, cities_adopted, ...)"}},
        {"trajectories/step", {"step", "step index"}},
        {"trajectories/time_years", {"years", "start of the step in fractional years"}},
    };
    return t;
}

/// The unit of an experiment statistic, from its name.
const char* statistic_unit(const std::string& s) {
    if (s.find("share") != std::string::npos) return "share 0-1";
    if (s.find("years") != std::string::npos) return "years";
    if (s.rfind("countries_", 0) == 0) return "countries";
    if (s.rfind("cities_", 0) == 0) return "cities";
    if (s.rfind("contests", 0) == 0 || s.rfind("cancellations", 0) == 0) return "projects";
    if (s.find("agreements") != std::string::npos) return "agreements";
    return "";
}

bool has_attr(const sim::out::Attributes& a, const char* key) {
    for (const auto& [k, v] : a)
        if (k == key) return true;
    return false;
}

void set_units(sim::out::Dataset& d, const std::string& units, const std::string& description) {
    if (!has_attr(d.attrs, "units")) d.attrs.emplace_back("units", units);
    if (!has_attr(d.attrs, "description")) d.attrs.emplace_back("description", description);
}

void walk(sim::out::Group& g, const std::string& path, const Table& table,
          void (*fallback)(sim::out::Dataset&, const std::string& group)) {
    for (auto& d : g.datasets) {
        const auto it = table.find(path + "/" + d.name);
        if (it != table.end())
            set_units(d, it->second.first, it->second.second);
        else
            fallback(d, path);
    }
    for (auto& c : g.groups) walk(c, path.empty() ? c.name : path + "/" + c.name, table, fallback);
}

void no_entry(sim::out::Dataset& d, const std::string&) { set_units(d, "", ""); }

void experiment_entry(sim::out::Dataset& d, const std::string& group) {
    static const std::map<std::string, Entry, std::less<>> contrast = {
        {"arm", {"", "the arm"}},
        {"against", {"", "the arm it is compared with (a - b)"}},
        {"statistic", {"", "the statistic whose difference is summarised"}},
        {"mean", {"statistic's own unit", "mean paired difference over (draw, replicate) pairs"}},
        {"q05", {"statistic's own unit", "5% quantile of the paired differences"}},
        {"q50", {"statistic's own unit", "median of the paired differences"}},
        {"q95", {"statistic's own unit", "95% quantile of the paired differences"}},
        {"sd_paired", {"statistic's own unit", "SD of the paired differences"}},
        {"sd_unpaired", {"statistic's own unit", "SD of the difference of independent runs"}},
        {"variance_ratio", {"ratio", "var(paired) / var(unpaired)"}},
        {"n", {"pairs", "number of (draw, replicate) pairs"}},
        {"ci_lo", {"statistic's own unit", "95% confidence interval of the mean, lower end (t, stratified by structure)"}},
        {"ci_hi", {"statistic's own unit", "95% confidence interval of the mean, upper end"}},
        {"se", {"statistic's own unit", "standard error of the mean"}},
        {"units", {"units", "independent units behind the interval (cells, or runs with one cell per structure)"}},
        {"p_negative", {"probability", "share of paired differences < 0"}},
        {"p_positive", {"probability", "share of paired differences > 0"}},
        {"p_negative_cell", {"probability", "share of cells whose mean paired difference is < 0"}},
        {"var_total", {"statistic's unit squared", "variance of the paired differences (divisor n)"}},
        {"var_structural", {"statistic's unit squared", "between structures (law of total variance; parts sum to var_total)"}},
        {"var_unidentified", {"statistic's unit squared", "between unidentified draws within a structure"}},
        {"var_calibrated", {"statistic's unit squared", "between calibrated draws within an unidentified draw"}},
        {"var_seed", {"statistic's unit squared", "between replicates (seeds) within a cell"}},
    };
    if (group == "contrasts" || group == "headline") {
        const auto it = contrast.find(d.name);
        if (it != contrast.end()) return set_units(d, it->second.first, it->second.second);
    }
    if (group == "runs") return set_units(d, statistic_unit(d.name), "experiment statistic (pushpull::experiment)");
    if (group == "trajectories") return set_units(d, "statistic's own unit", "quantile over the arm's runs per step");
    set_units(d, "", "");
}

}  // namespace

void add_units(sim::out::Group& run_tree) { walk(run_tree, "", run_table(), no_entry); }

void add_experiment_units(sim::out::Group& tree) { walk(tree, "", experiment_table(), experiment_entry); }

}  // namespace pushpull
