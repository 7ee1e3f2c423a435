#pragma once
/// Approximate Bayesian computation by sequential Monte Carlo (ABC-SMC; Toni et al. 2009,
/// Beaumont et al. 2009), generic over the model: the model is a callback that simulates with
/// given parameters and a seed and returns its distance to the observed data.
///
/// Generation 0 draws from the prior and keeps draws with distance <= first_tolerance. Generation
/// g >= 1 uses the tolerance eps_g = weighted alpha-quantile of generation g-1's distances; it
/// resamples an ancestor by weight, perturbs it with a Gaussian kernel (abc_kernel.hpp: by default
/// one covariance, kernel_scale × the weighted covariance of generation g-1; optionally one per
/// particle, from its nearest neighbours or the optimal local covariance), rejects proposals
/// outside the prior's support without simulating, and weights accepted particles by
///     w_i ∝ π(θ_i) / Σ_j w_j^{g-1} K_j(θ_i | θ_j).
///
/// Adaptive distance weights (Prangle 2017, algorithm 4; `adaptive_distance`): the model returns
/// statistics and the distance takes per-statistic scales. Generation g accepts with the scales
/// estimated from all of generation g-1's simulations (accepted or not; robust_scale, i.e.
/// 1.4826 MAD); its tolerance is the alpha-quantile of generation g-1's particles re-measured with
/// those scales. Generation 0 uses AbcModel::scales.
///
/// Determinism: proposal k of generation g draws only from the stream keyed by (seed, g, k), and its
/// simulation seed is a hash of (seed, g, k). Proposals are simulated in batches in parallel, then
/// accepted in index order until N are kept, so the result never depends on the thread count or on
/// the order simulations finish. Batch sizes depend only on earlier counts, and everything the
/// next generation needs is in the Generation record, so resuming from a stored generation repeats
/// an uninterrupted run exactly.
#include <cstddef>
#include <cstdint>
#include <functional>
#include <limits>
#include <span>
#include <string>
#include <vector>

#include "sim/error.hpp"
#include "sim/parallel.hpp"
#include "sim/study/abc_kernel.hpp"
#include "sim/study/distribution.hpp"

namespace sim::study {

/// One calibrated parameter and its prior.
struct Prior {
    std::string name;
    Distribution dist;
};

/// distance(theta, seed): simulate the model at theta (one value per prior, in prior order) with
/// the given seed and return the distance to the observed data. NaN or ±inf rejects the proposal.
/// Called concurrently from several threads: it must be thread-safe and must depend on nothing but
/// its arguments. Exceptions propagate out of run_abc_smc.
using DistanceFn = std::function<double(const std::vector<double>& theta, std::uint64_t seed)>;

/// simulate(theta, seed): the model's k statistics (NaN entries allowed); thread-safe and pure.
using SimulateFn = std::function<std::vector<double>(const std::vector<double>& theta, std::uint64_t seed)>;
/// distance(statistics, scales): distance to the observed data with one scale per statistic.
/// NaN or ±inf rejects. Thread-safe.
using ScaledDistanceFn =
    std::function<double(const std::vector<double>& statistics, const std::vector<double>& scales)>;
/// rescale(rows, k, previous): new scales from a generation's simulated statistics (row-major,
/// k columns). Default (empty): robust_scale of each column, keeping the previous scale where that
/// is 0 (a statistic that did not vary).
using RescaleFn =
    std::function<std::vector<double>(std::span<const double> rows, std::size_t k, std::span<const double> previous)>;

/// A model with per-statistic output, needed for adaptive distance weights.
struct AbcModel {
    SimulateFn simulate;
    ScaledDistanceFn distance;
    std::vector<double> scales;  ///< k scales of generation 0 (and of every generation when not adaptive)
    RescaleFn rescale;
};

struct AbcSettings {
    std::size_t particles = 1000;  ///< N accepted particles per generation
    std::uint64_t seed = 1;        ///< master seed
    /// Generation 0 keeps prior draws with distance <= this; +inf keeps every finite distance.
    double first_tolerance = std::numeric_limits<double>::infinity();
    double alpha = 0.5;         ///< eps_g = weighted alpha-quantile of generation g-1's distances
    double kernel_scale = 2.0;  ///< kernel covariance = kernel_scale × weighted covariance (global, neighbours)
    KernelKind kernel = KernelKind::Global;  ///< perturbation kernel (abc_kernel.hpp)
    std::size_t neighbours = 0;              ///< M of the neighbours kernel; 0 = max(d + 1, N / 4)
    /// Re-estimate the distance's per-statistic scales every generation (needs an AbcModel).
    bool adaptive_distance = false;

    // Stopping rules; the first that applies ends the run.
    int max_generations = 20;              ///< generations in total, counting generation 0
    double final_tolerance = 0.0;          ///< stop once a generation's tolerance is <= this (the
                                           ///< schedule never goes below it: eps_g = max(quantile, this))
    double min_acceptance_rate = 0.0;      ///< stop when accepted / simulated falls below this
    double min_tolerance_decrease = 0.01;  ///< stop when (eps_{g-1} - eps_g) / eps_{g-1} < this
    std::uint64_t max_simulations = std::numeric_limits<std::uint64_t>::max();  ///< total budget

    // Batching: sizes adapt to the acceptance rate but never to timing or threads.
    std::size_t min_batch = 64;
    std::size_t max_batch = 1u << 16;
};

/// Everything about one completed generation, enough to resume from it.
struct Generation {
    int index = 0;                      ///< g, 0 for the prior generation
    double tolerance = 0.0;             ///< eps_g
    std::size_t dims = 0;               ///< d, the number of parameters
    std::vector<double> particles;      ///< N×d, row-major, in acceptance (= proposal index) order
    std::vector<double> weights;        ///< N, normalized to sum 1
    std::vector<double> distances;      ///< N
    double ess = 0.0;                   ///< 1 / Σ w²
    std::uint64_t proposed = 0;         ///< proposals made in this generation
    std::uint64_t outside_support = 0;  ///< proposals rejected without simulating
    std::uint64_t simulated = 0;        ///< simulations run in this generation (counted in the budget)
    std::uint64_t total_simulated = 0;  ///< simulations run since generation 0, this one included
    /// N / simulations among the proposals up to the one that completed the generation (the
    /// simulations past it, run in the same batch, are in `simulated` but not here).
    double acceptance_rate = 0.0;
    double seconds = 0.0;  ///< wall time of this generation
    // Adaptive distance only (empty otherwise):
    std::size_t stat_dims = 0;        ///< k, the number of statistics
    std::vector<double> statistics;   ///< N×k statistics of the particles
    std::vector<double> scales;       ///< k scales estimated from this generation's simulations (used by the next)

    [[nodiscard]] std::size_t size() const { return weights.size(); }
    [[nodiscard]] double theta(std::size_t i, std::size_t k) const { return particles[i * dims + k]; }
};

enum class AbcStop {
    GenerationCap,     ///< max_generations reached
    FinalTolerance,    ///< final_tolerance reached
    AcceptanceRate,    ///< acceptance rate below min_acceptance_rate
    ToleranceStalled,  ///< the next tolerance would not shrink enough
    Budget,            ///< max_simulations spent (an unfinished generation is discarded)
    Callback,          ///< on_generation returned false
};

[[nodiscard]] std::string to_string(AbcStop s);

struct AbcResult {
    Generation last;  ///< the last completed generation (the posterior sample)
    AbcStop stop = AbcStop::GenerationCap;
    int generations = 0;  ///< generations completed by this call
};

/// Called after every completed generation (write it to HDF5 here); return false to stop.
using GenerationFn = std::function<bool(const Generation&)>;

/// Runs ABC-SMC from the prior. Errors: BadInput for invalid settings or priors, or when generation 0
/// cannot be completed (budget or acceptance-rate rule hit before N prior draws were accepted).
[[nodiscard]] sim::Result<AbcResult> run_abc_smc(const std::vector<Prior>& priors, const DistanceFn& distance,
                                                 const AbcSettings& settings, const sim::Executor& executor,
                                                 const GenerationFn& on_generation = {});
/// The same with per-statistic output; required for settings.adaptive_distance. Without it the
/// distance uses model.scales throughout, and a generation equals the DistanceFn run's.
[[nodiscard]] sim::Result<AbcResult> run_abc_smc(const std::vector<Prior>& priors, const AbcModel& model,
                                                 const AbcSettings& settings, const sim::Executor& executor,
                                                 const GenerationFn& on_generation = {});

/// Continues a run from a stored generation (its particles, weights, distances, tolerance,
/// acceptance rate and total_simulated): with the same priors, callback and settings the next
/// generations are identical to those of the uninterrupted run. Errors: BadInput when `from` does
/// not fit the priors; the result's `last` is `from` if no further generation completes.
[[nodiscard]] sim::Result<AbcResult> resume_abc_smc(const std::vector<Prior>& priors, const DistanceFn& distance,
                                                    const AbcSettings& settings, const sim::Executor& executor,
                                                    const Generation& from, const GenerationFn& on_generation = {});
/// Resume with per-statistic output; under adaptive_distance `from` must carry its statistics and scales.
[[nodiscard]] sim::Result<AbcResult> resume_abc_smc(const std::vector<Prior>& priors, const AbcModel& model,
                                                    const AbcSettings& settings, const sim::Executor& executor,
                                                    const Generation& from, const GenerationFn& on_generation = {});

}  // namespace sim::study
