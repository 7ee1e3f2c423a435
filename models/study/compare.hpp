#pragma once
/// `pushpull compare`: rival models fit to the same targets by the same ABC and compared (Revision 2
/// R12). Every model gets `draws` prior draws; all are measured by one target distance on the
/// statistics every model reports, with scales from the pooled draws; the pooled `accept`-quantile
/// is the tolerance, and each model's share of the accepted draws is its posterior probability
/// (sim/study/model_choice.hpp). The accepted draws of each model are its ABC posterior; their
/// simulated documented curves score it by the CRPS of every curve year (proper_scores.hpp), apart
/// for the years fitted and the years held out.
///
/// ```toml
/// [compare]
/// base = "baseline.toml"       # the scenario whose data (targets, covariates) every model uses
/// draws = 1000                 # prior draws per model
/// accept = 0.05                # share of all draws accepted
/// seed = 2026
/// bootstrap = 200              # resamples for the Monte Carlo interval of the probabilities
/// holdout_after = 2016         # optional temporal hold-out: only the documented curve up to this
///                              # year enters the distance; the later years are predicted and scored
/// data_until = 2016            # optional: every model sees only data dated up to this year
/// data_until_footprints = "cut"  # with data_until: vendor footprint anchors after it cut or "keep"
///                              # (run.data_until, docs/ODD.md §6 "Data vintage"; curve rivals too)
/// exclude_targets = ["T6"]     # target ids or statistics to leave out
/// pseudo_model = "null"        # optional: the observed data are a run of this model at a draw
/// pseudo_seed = 1              # from its prior (stream pseudo_seed), every target a point target:
///                              # does the model choice recover the model that made the data?
/// [[model]]
/// name = "null"                # letters, digits, '_' and '-'
/// kind = "pushpull"            # or "bass", "logit" (models/study/rivals/curve_rivals.hpp)
/// base = "baseline.toml"       # pushpull only (default: compare.base)
/// set = ["params.beta_crime=0"]  # pushpull only: fixed overrides
/// [[model.parameter]]
/// key = "params.alpha0"        # pushpull: a scenario key; bass/logit: one of their parameter names
/// prior = "U(-8, -3)"          # default: the key's schema prior (pushpull) or the rival's default
/// ```
#include <filesystem>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "models/study/calibration.hpp"
#include "models/study/evaluator.hpp"
#include "models/study/target_distance.hpp"
#include "sim/output/tree.hpp"
#include "sim/study/model_choice.hpp"

namespace study {

struct CompareModelSpec {
    std::string name, kind;
    std::filesystem::path base;  ///< pushpull only
    std::vector<std::string> sets;
    std::vector<CalibrationParameter> parameters;
};

struct CompareSpec {
    std::filesystem::path file;
    std::string text;
    std::filesystem::path base;
    sim::study::ModelChoiceSettings settings;
    std::optional<int> holdout_after;
    std::vector<std::string> exclude_targets;
    std::string pseudo_model;  ///< "" = the observed targets
    std::uint64_t pseudo_seed = 1;
    int curve_last_year = 2019;  ///< last year the curve rivals simulate (`pushpull validate` forecasts later)
    std::vector<std::string> data_sets;  ///< run.data_until* keys set on the base and every push–pull model (data_until, or validate)
    std::vector<CompareModelSpec> models;
};

sim::Result<CompareSpec> parse_compare_spec_text(const std::string& text, const std::filesystem::path& base_dir,
                                                 const std::string& where = "<text>");
sim::Result<CompareSpec> parse_compare_spec(const std::filesystem::path& file);

/// The default prior of a curve rival's parameter (bass: m, p, q; logit: alpha, trend, b_*).
std::string default_rival_prior(const std::string& kind, const std::string& parameter);

struct ComparePlan {
    CompareSpec spec;
    std::unique_ptr<PushpullEvaluator> base;         ///< the data every model shares
    std::vector<std::unique_ptr<Evaluator>> models;  ///< in spec order
    std::vector<std::vector<sim::study::Prior>> priors;
    TargetDistance distance;                        ///< on the statistics every model reports
    std::vector<std::vector<std::size_t>> columns;  ///< per model: its column of each distance statistic
    std::vector<int> curve_years;                   ///< the documented curve (T8) years scored by CRPS
    std::vector<double> curve_observed;
    std::vector<std::vector<std::size_t>> curve_columns;  ///< per model: its column of each curve year
    std::vector<std::string> notes;                       ///< what was dropped from the distance, and why
    std::vector<double> pseudo_theta;                     ///< pseudo-data only: the generating model's parameters
};

/// Builds every model, resolves priors, and keeps the targets every model reports (the others are
/// named in `notes`). Errors: BadInput naming the file and model.
sim::Result<ComparePlan> make_compare_plan(CompareSpec spec);

struct CompareResult {
    sim::study::ModelChoiceResult choice;
    std::vector<std::vector<double>> crps;  ///< per model, per curve year (NaN for a model with no accepted draw)
    std::vector<double> crps_fitted, crps_heldout;  ///< per model, mean over the fitted / held-out years
    double seconds = 0;
};

/// Runs the model choice and scores the accepted draws.
sim::Result<CompareResult> run_compare(const ComparePlan& plan, const sim::Executor& executor);

/// What `pushpull compare` writes: /compare (probabilities, scores, settings) and /compare/models/<name>.
sim::out::Group compare_tree(const ComparePlan& plan, const CompareResult& r, const sim::out::Attributes& provenance);

/// The readable table of a compare file (validated as it is read).
sim::Result<std::string> compare_report(const sim::out::Group& root);

}  // namespace study
