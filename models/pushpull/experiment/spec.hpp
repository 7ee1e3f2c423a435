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
/// [[arm]]
/// name = "no_action"
/// set = ["us.content=none"]
/// ```
#include <cstdint>
#include <filesystem>
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
    std::vector<Params> draw_params;  ///< with a posterior: the arm under draw d (base + draw d + arm overrides)
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
    std::vector<Draw> draws;                  ///< spec.draws posterior draws; empty without a posterior

    /// The parameters of (arm, draw): the arm's base parameters, or those under the posterior draw.
    [[nodiscard]] const Params& params_of(std::size_t arm, std::size_t draw) const {
        const auto& a = arms[arm];
        return a.draw_params.empty() ? a.params : a.draw_params[draw];
    }

    [[nodiscard]] std::size_t runs_per_arm() const {
        return static_cast<std::size_t>(spec.draws) * static_cast<std::size_t>(spec.replicates);
    }
    [[nodiscard]] std::size_t total_runs() const { return arms.size() * runs_per_arm(); }
};

/// Loads the base scenario (which must be a pushpull scenario), sets run.end to the horizon and
/// applies each arm's overrides, validating them like --set. Arms may not set run.* keys (the
/// experiment owns the horizon and the seeds, and every arm must share the input data).
/// With a posterior file: reads it (posterior.hpp), takes spec.draws draws by systematic resampling
/// seeded by spec.seed, and resolves every (arm, draw) as base + draw overrides + arm overrides,
/// validated like --set. A posterior parameter may not be a run.* key, and an arm may not change a
/// posterior parameter (the draw would silently be lost).
/// Errors: BadInput naming the arm and key, or the posterior file and the draw.
sim::Result<Plan> make_plan(Spec spec);

/// The seed of (draw, replicate): a hash of (master seed, draw, replicate), the same in every arm.
[[nodiscard]] std::uint64_t run_seed(std::uint64_t master, int draw, int replicate);

/// A readable description of the plan (for --dry-run).
[[nodiscard]] std::string describe_plan(const Plan& plan);

}  // namespace pushpull::experiment
