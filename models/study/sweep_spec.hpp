#pragma once
/// A sweep file: which model, which parameters over which ranges or priors, which design, how
/// many replicates, what to keep. Parsing reports every problem at once (file and key path).
///
/// ```toml
/// [sweep]
/// base = "../baseline.toml"      # a pushpull scenario (relative to this file), or
/// # function = "ishigami"        # a built-in test function: ishigami, gfunction, linear
/// # function_args = [7, 0.1]
/// # experiment = "../experiments/messaging_grid.toml"   # or a paired contrast of two arms of an
/// # contrast = ["tailored_subnational_high_offer", "generic_national_high_offer"]  # experiment: a - b
/// set = ["run.end=2019Q4"]       # fixed overrides of the base (contrast: of both arms), like --set
/// design = "lhs"                 # grid | list | lhs | sobol | morris
/// samples = 64                   # lhs: points; sobol: base samples N; morris: trajectories
/// replicates = 2                 # runs per point, seeds from (seed, point, replicate)
/// seed = 11
/// keep_series = false            # also store per-step series (pushpull)
/// common_random_numbers = false  # true: the seed depends on the replicate only
/// levels = 4                     # morris: grid levels (even); grid: default levels per parameter
/// second_order = false           # sobol: also the BA blocks for second-order indices
/// maximin_iterations = 1000      # lhs: swaps tried to spread the points
///
/// [[parameter]]
/// key = "params.beta_crime"
/// range = [0.0, 1.5]             # uniform on the range (scale = "log": log-uniform), or
/// # prior = "N(0.5, 0.5²)"       # a distribution (truncated to the key's range); default: the key's prior
/// # levels = 5                   # grid
/// # values = [0.1, 0.5, 0.9]     # list: this parameter's value at every point
/// ```
#include <filesystem>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "models/study/evaluator.hpp"
#include "models/study/sweep_run.hpp"
#include "sim/study/design.hpp"
#include "sim/study/distribution.hpp"

namespace study {

struct SweepParameter {
    std::string key;
    std::optional<std::pair<double, double>> range;
    bool log_scale = false;
    std::string prior;           ///< distribution text, "" when a range is given
    int levels = 0;              ///< grid
    std::vector<double> values;  ///< list
};

struct SweepSpec {
    std::filesystem::path file;
    std::string text;
    std::filesystem::path base;  ///< empty for a function or a contrast
    std::string function;        ///< empty for a scenario or a contrast
    std::filesystem::path experiment;   ///< a contrast: the experiment file (empty otherwise)
    std::vector<std::string> contrast;  ///< a contrast: the arms [a, b] (statistics a - b)
    std::vector<double> function_args;
    std::vector<std::string> sets;
    std::string design = "lhs";
    std::size_t samples = 0;
    int replicates = 1;
    std::uint64_t seed = 1;
    bool keep_series = false;
    bool common_random_numbers = false;
    int levels = 4;
    bool second_order = false;
    std::size_t maximin_iterations = 1000;
    std::vector<SweepParameter> parameters;
};

sim::Result<SweepSpec> parse_sweep_spec(const std::filesystem::path& file);
sim::Result<SweepSpec> parse_sweep_spec_text(const std::string& text, const std::filesystem::path& base_dir,
                                             const std::string& where = "<text>");

/// A sweep ready to run: evaluator, design, marginals and the job.
struct SweepPlan {
    SweepSpec spec;
    std::unique_ptr<Evaluator> evaluator;
    sim::study::Design design;
    std::vector<sim::study::Distribution> marginals;  ///< per parameter (list designs: none)
    SweepJob job;
    std::string resolved_base;  ///< TOML of the base scenario (a contrast: of both arms; "" for a function)
    std::vector<std::string> sources;
    std::map<std::string, std::string> checksums;
};

/// Builds the evaluator (loads the base scenario and data), the design and the job.
/// `root_attrs` (provenance) are stored in the job. Errors: BadInput naming file and key.
sim::Result<SweepPlan> make_sweep_plan(SweepSpec spec, sim::out::Attributes root_attrs = {});

/// Value of a marginal at unit coordinate u: the support bounds at 0 and 1, the quantile inside.
double value_at(const sim::study::Distribution& d, double u);

}  // namespace study
