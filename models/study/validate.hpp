#pragma once
/// `pushpull validate`: out-of-sample checks of the rival models of a compare file (Revision 2
/// R12–R13), as one command. Each model's prior draws are simulated once, through
/// `forecast_through`; every check then fits each model to its own part of the documented record
/// by ABC rejection on the same draws, and scores what the fit did not see:
///
///  - temporal  (one per `holdout_after` year Y): fit the documented curve 2009..Y; score the
///    curve Y+1..2019 (CRPS per year) and, per country not documented by Y, the event "first
///    documented in Y+1..2019" (Brier, log score);
///  - region    (one per value of `region_by`): fit the curve of the other regions' countries
///    2009..2019; score the region's curve 2009..2019 and, per country of the region, "documented
///    by 2019";
///  - after2019: fit the curve 2009..2019; score the curve 2020..forecast_through and, per country
///    not documented by 2019, "first documented in 2020..forecast_through" (the 11 countries the
///    record first documents 2021–2025 are the only positives).
///
/// Fit: the scaled Euclidean distance between a draw's curve on the fitted countries and years
/// and the documented one (scales: robust spreads of the pooled draws). Model probabilities: ABC
/// model choice on that distance (pooled `accept`-quantile; sim/study/model_choice.hpp). Scores:
/// each model's own posterior, its `accept` share of draws closest to the data (so a model the
/// pooled tolerance rejects entirely is still scored). A country's probability is (k + ½)/(n + 1),
/// n the posterior draws in which it is not yet documented at the start of the window, k those in
/// which it is documented within it. The Bass curve has no countries: its per-country probability
/// is the exchangeable share of the curve's increase, and a region's curve is its share of the
/// world curve by number of countries.
///
/// Observed: the documented record's first year per country, with the rule of the T8 targets
/// (adoption_events_documented.csv: confidence high/medium, scope platform/FR_platform/pilot).
///
/// Data vintage (`truncate_data`): with "all" (default) each temporal check simulates every model
/// again on the data as of its year Y (`run.data_until = Y` on every push–pull model, the logit's
/// covariates from the same truncated data; docs/ODD.md §6 "Data vintage"), so no covariate after
/// Y is known; "covariates" does the same but keeps the vendor footprint anchors after Y
/// (`run.data_until_footprints = "keep"`); "none" fits and scores every check on the one
/// simulation with the complete data (only the targets are held out). The region and after2019
/// checks always use the complete data. Leave-region-out fits the other regions' curve, but every
/// region is simulated together (peers and vendor supply cross regions).
///
/// ```toml
/// [validate]
/// compare = "compare.toml"           # the models and priors (and draws, accept, seed, bootstrap)
/// draws = 1000                       # optional overrides of the compare file's settings
/// accept = 0.05
/// seed = 2026
/// bootstrap = 200
/// checks = ["temporal", "region", "after2019"]
/// holdout_after = [2014, 2016]       # temporal: one check per year (2009..2018)
/// region_by = "region_un"            # or "region_wb"
/// forecast_through = 2024            # after2019: last year simulated and scored (2020..2030)
/// truncate_data = "all"              # temporal checks: "all", "covariates" (keep footprints) or "none"
/// ```
#include <filesystem>
#include <string>
#include <vector>

#include "models/study/compare.hpp"
#include "sim/output/tree.hpp"

namespace study {

struct ValidateSpec {
    std::filesystem::path file;
    std::string text;
    CompareSpec compare;  ///< with this file's overrides applied
    std::vector<std::string> checks;
    std::vector<int> holdout_after = {2014, 2016};
    std::string region_by = "region_un";
    int forecast_through = 2024;
    std::string truncate_data = "all";
};

sim::Result<ValidateSpec> parse_validate_spec_text(const std::string& text, const std::filesystem::path& base_dir,
                                                   const std::string& where = "<text>");
sim::Result<ValidateSpec> parse_validate_spec(const std::filesystem::path& file);

/// One check: which countries and years are fitted, which are scored.
struct ValidateCheck {
    std::string name;  ///< "temporal_2014", "region_Africa", "after2019"
    std::string kind;  ///< temporal, region, after2019
    std::vector<std::uint8_t> fit_country;  ///< per country of the plan
    int fit_last = 2019;                     ///< fitted curve years 2009..fit_last
    std::vector<std::uint8_t> score_country;
    int score_first = 2009, score_last = 2019;  ///< scored curve years
    int event_from = 2008;                      ///< per-country event: first documented in (from, score_last]
    int data_until = 0;                         ///< 0: the complete data; else the models see data up to this year
    std::size_t vintage = 0;                    ///< 0: ValidatePlan::models; k: ValidatePlan::truncated[k - 1]
};

struct ValidatePlan {
    ValidateSpec spec;
    ComparePlan models;              ///< the rivals on the complete data (curve rivals simulate through forecast_through)
    std::vector<ComparePlan> truncated;  ///< the same rivals on the data of each temporal check's year
    std::vector<std::string> iso3;   ///< the countries scored (the base scenario's world)
    std::vector<std::string> region;  ///< per country, its region_by value
    std::vector<int> observed_year;   ///< per country, first documented year (0: none)
    std::vector<std::vector<std::size_t>> country_column;  ///< per model, per country: its index (npos: none)
    std::vector<ValidateCheck> checks;
    std::vector<std::string> notes;
    [[nodiscard]] int first_year() const { return 2009; }
    [[nodiscard]] std::size_t years() const { return static_cast<std::size_t>(spec.forecast_through - 2008); }
};

sim::Result<ValidatePlan> make_validate_plan(ValidateSpec spec);

/// "complete" for data_until 0, else "up to <year>" (dry-run and report).
inline std::string data_vintage_text(std::int64_t data_until) {
    return data_until == 0 ? std::string("complete") : "up to " + std::to_string(data_until);
}

struct CheckResult {
    sim::study::ModelChoiceResult choice;  ///< probabilities on this check's fit (draws not kept)
    std::vector<double> crps;              ///< per model, mean over the scored years
    std::vector<double> brier, log_score;  ///< per model, over the scored countries
    std::vector<std::string> scored_iso3;  ///< the countries of the per-country event
    std::vector<double> label;             ///< per scored country, 1 if the event happened
    std::vector<std::vector<double>> p_country;  ///< per model, per scored country
    std::vector<std::vector<double>> crps_year;  ///< per model, per scored year
    std::vector<double> observed_curve;          ///< per scored year
};

struct ValidateResult {
    std::vector<sim::study::RivalDraws> draws;  ///< per model: theta and the simulated rows (complete data)
    std::vector<std::vector<sim::study::RivalDraws>> truncated;  ///< per ValidatePlan::truncated, per model
    std::vector<CheckResult> checks;
    double seconds = 0;
};

/// Simulates every model's draws once and runs every check on them.
sim::Result<ValidateResult> run_validate(const ValidatePlan& plan, const sim::Executor& executor);

/// What `pushpull validate` writes: /validate (settings, countries) and /validate/checks/<name>.
sim::out::Group validate_tree(const ValidatePlan& plan, const ValidateResult& r, const sim::out::Attributes& provenance);

/// The readable tables of a validate file (validated as it is read).
sim::Result<std::string> validate_report(const sim::out::Group& root);

}  // namespace study
