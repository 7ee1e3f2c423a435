#pragma once
/// An experiment (MODEL.md §4.11, §4.12, §9): a base scenario, arms (each a list of overrides), a
/// horizon, posterior draws × replicates and a master seed. Parsing and validation are independent
/// of the CLI; every problem is reported at once with the file and the key or arm it concerns.
///
/// ```toml
/// base = "../baseline.toml"          # relative to the experiment file
/// [experiment]
/// horizon = "2030Q4"                 # sets run.end in every arm
/// posterior = "../../output/posterior.h5"   # optional: draws from a `pushpull calibrate` file
/// draws = 1                          # posterior draws (without `posterior`: the base parameters)
/// replicates = 8
/// seed = 20240501
/// reference = "no_action"            # the arm every contrast is taken against
/// headline = ["tailored_sub", "generic_nat"]   # optional: the headline contrast a - b
/// unidentified_draws = 8             # draws of the [priors] parameters (required with [priors])
/// outcome = "countries_adopted_horizon"   # the decision table's outcome (lower is better)
/// rank_by = ["countries_adopted_horizon"] # statistics whose best arm is counted (lower is better)
/// [priors]                           # unidentified parameters, drawn inside the experiment (R14)
/// "us.kappa_generic" = "prior"       # the schema's stated prior (`pushpull describe`)
/// "us.msg_decay" = "U(0.8, 0.95)"    # or a distribution of its own
/// [[structure]]                      # optional multiverse of structural switches (R1-R10)
/// name = "revision2"
/// set = []
/// [[structure]]
/// name = "capital_national"
/// set = ["structure.decision_level=capital_national"]
/// [[arm]]
/// name = "no_action"
/// set = ["us.content=none"]
/// cost_musd = 0                      # optional: stated U.S. cost, USD million per year
/// ```
///
/// Every run sits in a cell (structure s, unidentified draw u, calibrated draw d) and has a
/// replicate r; run k of an arm is ((s * U + u) * D + d) * R + r, and its seed depends on
/// (cell, r) only, so every arm sees the same seeds (common random numbers).
#include <cstdint>
#include <filesystem>
#include <limits>
#include <optional>
#include <string>
#include <vector>

#include "models/pushpull/experiment/posterior.hpp"
#include "models/pushpull/params.hpp"
#include "sim/error.hpp"

namespace pushpull::experiment {

struct Arm {
    std::string name;
    std::vector<std::string> sets;  ///< "key=value", applied to the base like --set
    double cost_musd = std::numeric_limits<double>::quiet_NaN();  ///< stated cost, USD million / year (NaN: not stated)
};

/// One universe of the structural multiverse: overrides of structure.* keys.
struct Universe {
    std::string name;
    std::vector<std::string> sets;
};

/// A parameter drawn from a prior inside the experiment (an unidentified parameter, R14).
struct PriorSpec {
    std::string key;    ///< scenario key as written
    std::string prior;  ///< distribution text ("prior" resolved to the schema's stated prior)
};

struct Spec {
    std::filesystem::path file;  ///< the experiment file ("<text>" when parsed from a string)
    std::string text;            ///< its text, stored with the results
    std::filesystem::path base;  ///< base scenario, resolved against the experiment's directory
    std::filesystem::path posterior;  ///< posterior file (empty: every draw uses the base parameters)
    std::string horizon = "2030Q4";
    int draws = 1;
    int replicates = 1;
    std::uint64_t seed = 1;
    std::string reference;
    std::vector<std::string> headline;  ///< empty, or two arm names: the contrast headline[0] - headline[1]
    int unidentified_draws = 1;          ///< U: draws of the [priors] parameters
    std::string outcome = "countries_adopted_horizon";  ///< the decision table's outcome
    std::vector<std::string> rank_by;    ///< statistics ranked (lower is better); default {outcome}
    std::vector<PriorSpec> priors;       ///< [priors], in file order
    std::vector<Universe> structures;   ///< [[structure]]; empty: one universe, the base
    std::vector<Arm> arms;
};

/// Reads and checks the experiment file itself (keys, types, ranges, arm names, reference,
/// headline). Does not load the base scenario. Errors: BadInput (one diagnostic per problem), Io
/// never: an unreadable file is BadInput naming it.
sim::Result<Spec> parse_spec(const std::filesystem::path& file);

/// As parse_spec, from text; `base` is resolved against `base_dir`.
sim::Result<Spec> parse_spec_text(const std::string& text, const std::filesystem::path& base_dir,
                                  const std::string& where = "<text>");

/// One arm ready to run: the resolved parameters and configuration.
struct ResolvedArm {
    std::string name;
    std::vector<std::string> sets;
    Params params;              ///< the arm on the base parameters
    std::string resolved_toml;  ///< the arm's full configuration on the base parameters (for provenance)
    std::vector<Params> cell_params;  ///< the arm in cell c (base + structure + draws + arm overrides); empty: every cell is `params`
    double cost_musd = std::numeric_limits<double>::quiet_NaN();
};

/// The unidentified parameters as drawn: U rows, one value per parameter.
struct UnidentifiedDraws {
    std::vector<std::string> keys;     ///< canonical scenario keys
    std::vector<std::string> priors;   ///< the distribution each is drawn from (Distribution::to_string)
    std::vector<double> values;        ///< U x keys, row-major
    std::vector<std::vector<std::string>> sets;  ///< per draw: "key=value"
};

/// Where an experiment's draws come from (with a posterior file).
struct PosteriorInfo {
    std::filesystem::path file;
    std::string sha256;
    std::vector<std::string> parameters;  ///< scenario keys, as in the file
    std::size_t particles = 0;            ///< N
};

/// A validated experiment: the spec plus every arm resolved against the base scenario.
struct Plan {
    Spec spec;
    std::string base_resolved_toml;
    std::vector<std::string> sources;  ///< scenario files read, outermost first
    std::vector<ResolvedArm> arms;
    std::size_t reference = 0;            ///< index into arms
    long headline_a = -1, headline_b = -1;  ///< indices into arms, -1 when there is no headline
    std::optional<PosteriorInfo> posterior;  ///< set when spec.posterior is
    std::vector<Draw> draws;                  ///< D x U posterior draws (cell (s, u, d) takes d * U + u); empty without a posterior
    UnidentifiedDraws unidentified;           ///< empty keys without [priors]
    std::vector<std::string> fixed_with_prior;  ///< keys with a stated prior that nothing draws (held at the base)

    [[nodiscard]] std::size_t structures() const { return spec.structures.empty() ? 1 : spec.structures.size(); }
    [[nodiscard]] std::size_t cells() const {
        return structures() * static_cast<std::size_t>(spec.unidentified_draws) * static_cast<std::size_t>(spec.draws);
    }
    /// Cell c = (s * U + u) * D + d.
    [[nodiscard]] std::size_t cell_of(std::size_t s, std::size_t u, std::size_t d) const {
        return (s * static_cast<std::size_t>(spec.unidentified_draws) + u) * static_cast<std::size_t>(spec.draws) + d;
    }
    /// The overrides cell c applies before the arm's: structure, posterior draw, unidentified draw.
    [[nodiscard]] std::vector<std::string> cell_sets(std::size_t cell) const;

    /// The parameters of (arm, cell).
    [[nodiscard]] const Params& params_of(std::size_t arm, std::size_t cell) const {
        const auto& a = arms[arm];
        return a.cell_params.empty() ? a.params : a.cell_params[cell];
    }

    [[nodiscard]] std::size_t runs_per_arm() const { return cells() * static_cast<std::size_t>(spec.replicates); }
    [[nodiscard]] std::size_t total_runs() const { return arms.size() * runs_per_arm(); }
};

/// Loads the base scenario (which must be a pushpull scenario), sets run.end to the horizon and
/// applies each arm's overrides, validating them like --set. Arms may not set run.* keys (the
/// experiment owns the horizon and the seeds, and every arm must share the input data).
/// With a posterior file: reads it (posterior.hpp), takes spec.draws x unidentified_draws draws by
/// systematic resampling seeded by spec.seed (each unidentified draw u gets every U-th of them, a
/// systematic sample of its own), draws the [priors] parameters (a Latin hypercube of
/// unidentified_draws points seeded by spec.seed, mapped by each prior's inverse CDF, truncated to
/// the key's range), and resolves every (arm, cell) as base + structure + posterior draw +
/// unidentified draw + arm overrides,
/// validated like --set. A posterior parameter may not be a run.* key, and an arm may not change a
/// posterior parameter (the draw would silently be lost).
/// Errors: BadInput naming the arm and key, or the posterior file and the draw.
sim::Result<Plan> make_plan(Spec spec);

/// The seed of (cell, replicate): a hash of (master seed, cell, replicate), the same in every arm.
/// With one structure and no unidentified draws the cell is the posterior draw, as before R14.
[[nodiscard]] std::uint64_t run_seed(std::uint64_t master, int cell, int replicate);

/// A readable description of the plan (for --dry-run).
[[nodiscard]] std::string describe_plan(const Plan& plan);

}  // namespace pushpull::experiment
