#pragma once
/// `pushpull calibrate`: ABC-SMC (sim/study/abc_smc.hpp) of the push–pull model against the
/// observed targets (target_distance.hpp), or against pseudo-data simulated at known parameter
/// values (self-recovery). Steps: a prior-predictive pilot sets the distance scales; ABC-SMC runs
/// generation by generation, each written to `<output>.part` so a calibration can be inspected and
/// resumed; the final particles are simulated once more for the posterior predictive; the file is
/// renamed into place.
///
/// ```toml
/// [calibration]
/// base = "baseline.toml"            # the scenario whose parameters are calibrated
/// set = ["run.end=2019Q4"]          # fixed overrides
/// seed = 2024
/// particles = 300                   # N per generation
/// pilot = 300                       # prior-predictive runs for the scales
/// alpha = 0.5                       # tolerance = weighted alpha-quantile of the last distances
/// kernel_scale = 2.0                # Gaussian kernel covariance = kernel_scale x weighted covariance
/// kernel = "global"                 # or "neighbours" (M nearest neighbours), "olcm" (sim/study/abc_kernel.hpp)
/// neighbours = 50                   # M of the neighbours kernel (default max(d + 1, N / 4))
/// adaptive_distance = false         # re-estimate the distance scales every generation (Prangle 2017)
/// max_generations = 10
/// min_acceptance_rate = 0.01
/// min_tolerance_decrease = 0.02
/// max_simulations = 60000
/// exclude_targets = ["T6"]          # target ids or statistics to leave out
/// target_weights = "per_id"         # each target id the same total weight, or "per_statistic"
/// point = "density"                 # the calibrated scenario's particle: highest kernel density, or
///                                   # "resimulated": of the point_candidates final particles with the
///                                   # smallest ABC distance, the one whose point_seeds fresh runs have
///                                   # the smallest mean distance
/// point_candidates = 20
/// point_seeds = 10
/// [pseudo_data]                     # optional: self-recovery against a run at the truths
/// seed = 7
/// statistics = ["countries_adopted_2019", ...]
/// [[parameter]]
/// key = "params.alpha0"
/// prior = "U(-8, -3)"               # default: the key's prior in the model's schema
/// truth = -5.0                      # pseudo_data only
/// [sbc]                             # optional, with [pseudo_data] and no truths: simulation-based
/// replicates = 20                   # calibration of the sampler (prior draws as truths; ranks,
/// draws = 99                        # χ² p-values) written instead of a posterior
/// bins = 10
/// seed = 1
/// ```
#include <filesystem>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "models/study/pushpull_evaluator.hpp"
#include "models/study/target_distance.hpp"
#include "sim/output/tree.hpp"
#include "sim/study/abc_smc.hpp"
#include "sim/study/sbc.hpp"

namespace study {

struct CalibrationParameter {
    std::string key;
    std::string prior;            ///< "" = the key's schema prior
    std::optional<double> truth;  ///< pseudo-data only
};

struct CalibrationSpec {
    std::filesystem::path file;
    std::string text;
    std::filesystem::path base;
    std::vector<std::string> sets;
    std::uint64_t seed = 1;
    std::size_t particles = 200;
    std::size_t pilot = 200;
    sim::study::AbcSettings abc;  ///< particles and seed mirrored here
    std::vector<std::string> exclude_targets;
    TargetDistance::Weights target_weights = TargetDistance::Weights::PerId;  ///< "per_id" | "per_statistic"
    enum class Point { Density, Resimulated };
    Point point = Point::Density;  ///< "density" | "resimulated": how the calibrated scenario's particle is chosen
    std::size_t point_candidates = 20, point_seeds = 10;
    bool pseudo_data = false;
    std::uint64_t pseudo_seed = 1;
    std::vector<std::string> pseudo_statistics;
    std::vector<CalibrationParameter> parameters;
    bool sbc = false;  ///< [sbc]: simulation-based calibration of the sampler instead of a calibration
    sim::study::SbcSettings sbc_settings;
};

sim::Result<CalibrationSpec> parse_calibration_spec(const std::filesystem::path& file);
sim::Result<CalibrationSpec> parse_calibration_spec_text(const std::string& text, const std::filesystem::path& base_dir,
                                                         const std::string& where = "<text>");

struct CalibrationPlan {
    CalibrationSpec spec;
    std::unique_ptr<PushpullEvaluator> evaluator;
    std::vector<sim::study::Prior> priors;
    TargetDistance distance;               ///< scales set by the pilot
    std::vector<double> truth_statistics;  ///< pseudo-data: the statistics of the run at the truths
    std::vector<std::string> dropped_targets;  ///< statistics undefined in runs ending before 2019 (left out)
    std::string fingerprint;
};

/// The prior of each parameter: its `prior`, else the key's schema prior, truncated to the key's
/// range. `parameters` are the evaluator's, in its order. Errors: BadInput at `where` per parameter.
sim::Result<std::vector<sim::study::Prior>> schema_priors(const PushpullEvaluator& evaluator,
                                                         const std::vector<CalibrationParameter>& parameters,
                                                         const std::string& where);

/// Loads the base scenario and data, resolves the priors, builds the distance (observed targets or
/// pseudo-data). Errors: BadInput naming the file and key.
sim::Result<CalibrationPlan> make_calibration_plan(CalibrationSpec spec);

struct CalibrationRun {
    std::vector<std::vector<double>> pilot_parameters, pilot_statistics;
    std::vector<double> scales;
    std::vector<sim::study::Generation> generations;
    std::string stop;                             ///< why ABC stopped
    std::vector<std::vector<double>> predictive;  ///< statistics of the final particles, one run each
    /// point = "resimulated": the candidate particles (final-generation indices, by ABC distance),
    /// the mean distance of each over point_seeds fresh runs, and the chosen particle.
    std::vector<std::size_t> point_candidates;
    std::vector<double> point_mean_distance;
    std::optional<std::size_t> point;
    std::size_t point_rows = 0;  ///< runs spent choosing it
    double seconds = 0;
    std::uint64_t simulations = 0;  ///< pilot + ABC + predictive
};

struct CalibrationOptions {
    std::filesystem::path output;
    bool resume = false;
    bool force = false;
    sim::out::Attributes provenance;
    std::function<void(const std::string&)> log;  ///< one line per stage and generation
};

/// Runs (or resumes) the calibration and writes the output file.
/// Errors: Io (existing output without force, unwritable), BadInput (resume of another calibration).
sim::Result<CalibrationRun> run_calibration(const CalibrationPlan& plan, const CalibrationOptions& opts,
                                            const sim::Executor& executor);

/// The model as ABC-SMC sees it: the term values of `distance` (TargetDistance::term_values), an
/// empty row for a failed run, compared at the given scales; AbcModel::scales = the terms' scales.
/// Keeps a reference to plan.
sim::study::AbcModel abc_model(const CalibrationPlan& plan, std::shared_ptr<const TargetDistance> distance);

/// The prior-predictive pilot: spec.pilot prior draws and their statistics, into run.
void run_pilot(const CalibrationPlan& plan, CalibrationRun& run, const sim::Executor& executor);

struct SbcOptions {
    std::filesystem::path output;
    bool force = false;
    sim::out::Attributes provenance;
    std::function<void(const std::string&)> log;
};

/// Simulation-based calibration of the sampler on the model (spec.sbc): a pilot sets the scales,
/// then every replicate draws truths from the priors, simulates pseudo-data, runs ABC-SMC with the
/// spec's settings and ranks the truths (sim/study/sbc.hpp). Writes /calibration and /sbc.
/// Errors: Io (existing output without force), BadInput (a replicate's ABC failed).
sim::Result<sim::study::SbcResult> run_calibration_sbc(const CalibrationPlan& plan, const SbcOptions& opts,
                                                       const sim::Executor& executor);

/// Posterior summaries per parameter: weighted median and 5/95% quantiles of the last generation.
struct PosteriorSummary {
    std::vector<double> median, q05, q95, prior_q05, prior_q95;
};
PosteriorSummary summarise_posterior(const CalibrationPlan& plan, const sim::study::Generation& g);

/// The calibrated scenario: `include` of the base plus the posterior medians, each commented with its
/// 90% interval and prior. `scenario_path` is where it will be written (the include is relative).
std::string calibrated_scenario(const CalibrationPlan& plan, const CalibrationRun& run,
                                const std::filesystem::path& scenario_path, const std::string& command);

}  // namespace study
