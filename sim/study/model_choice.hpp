#pragma once
/// ABC model choice by rejection (Grelaud et al. 2009; Toni et al. 2009, §3): every rival model
/// gets the same number of draws from its own prior; each draw is simulated once; all draws are
/// measured by one distance with one set of scales (robust spreads of the pooled simulations, so
/// no model sets the units); the tolerance is the `accept`-quantile of the pooled distances; the
/// posterior probability of model m (equal prior model probabilities) is its share of the accepted
/// draws. A model with more free parameters spreads the same number of draws over a larger space
/// and is accepted less often unless it fits better: the Occam factor of the Bayes factor.
///
/// Monte Carlo uncertainty: `bootstrap` resamples of each model's draws (with replacement, within
/// the model) recompute the scales, tolerance and shares; the 5–95% interval of the shares is
/// reported beside the point estimate.
///
/// Determinism: draw k of model m draws its parameters from the stream keyed by (seed, m, k) and
/// simulates with a seed hashed from (seed, m, k); draws run in parallel and are stored by index,
/// so the result never depends on the thread count.
#include <cstdint>
#include <string>
#include <vector>

#include "sim/error.hpp"
#include "sim/parallel.hpp"
#include "sim/study/abc_smc.hpp"

namespace sim::study {

/// One rival: its priors and its simulator. simulate(theta, seed) returns the k statistics every
/// rival reports, in the same order (NaN allowed: the distance decides what a NaN costs).
struct RivalModel {
    std::string name;
    std::vector<Prior> priors;
    SimulateFn simulate;
};

struct ModelChoiceSettings {
    std::size_t draws = 1000;  ///< prior draws per model
    double accept = 0.05;      ///< share of the pooled draws accepted (tolerance = this quantile)
    std::uint64_t seed = 1;
    std::size_t bootstrap = 200;  ///< resamples for the Monte Carlo interval of the probabilities (0: none)
};

struct RivalDraws {
    std::size_t dims = 0;
    std::vector<double> theta;       ///< draws × dims, row-major
    std::vector<double> statistics;  ///< draws × k
    std::vector<double> distance;    ///< one per draw, at the pooled scales
    std::vector<std::uint8_t> accepted;
};

struct ModelChoiceResult {
    std::vector<std::string> names;
    std::size_t stat_dims = 0;
    std::vector<double> scales;  ///< k, from the pooled simulations
    double tolerance = 0;
    std::vector<std::size_t> accepted;                     ///< per model
    std::vector<double> probability;                       ///< per model, accepted share (sums to 1)
    std::vector<double> probability_q05, probability_q95;  ///< bootstrap interval (= probability when bootstrap is 0)
    std::vector<double> min_distance;                      ///< per model, the best draw
    std::vector<RivalDraws> draws;                         ///< per model
};

/// distance(statistics, scales) as in ABC-SMC; rescale (may be empty) sets scales from pooled rows
/// (default: robust_scale of each column, 1 where that is 0 or undefined).
/// Errors: BadInput for no models, a model without draws, accept outside (0, 1], or when every
/// distance is NaN or infinite.
[[nodiscard]] sim::Result<ModelChoiceResult> run_model_choice(const std::vector<RivalModel>& models,
                                                              std::size_t stat_dims, const ScaledDistanceFn& distance,
                                                              const RescaleFn& rescale,
                                                              const ModelChoiceSettings& settings,
                                                              const sim::Executor& executor);

/// The two halves of run_model_choice, for a caller that scores one simulation several ways
/// (`pushpull validate` fits each hold-out to its own part of the same simulated draws):
/// simulate_rivals draws and simulates (theta and statistics set, nothing accepted); choose_model
/// runs the choice on such draws, whose statistics the caller may have replaced by any
/// draws × stat_dims projection. Errors as run_model_choice.
[[nodiscard]] sim::Result<std::vector<RivalDraws>> simulate_rivals(const std::vector<RivalModel>& models,
                                                                   std::size_t stat_dims,
                                                                   const ModelChoiceSettings& settings,
                                                                   const sim::Executor& executor);
[[nodiscard]] sim::Result<ModelChoiceResult> choose_model(const std::vector<std::string>& names,
                                                          std::vector<RivalDraws> draws, std::size_t stat_dims,
                                                          const ScaledDistanceFn& distance, const RescaleFn& rescale,
                                                          const ModelChoiceSettings& settings,
                                                          const sim::Executor& executor);

}  // namespace sim::study
