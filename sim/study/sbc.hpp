#pragma once
/// Simulation-based calibration of ABC-SMC (Talts et al. 2018): for each replicate draw θ* from
/// the prior, simulate pseudo-data at θ*, run the ABC against them, draw L values from the final
/// weighted particles and record, per parameter, the rank of θ* among them (0…L). If the sampler
/// targets the posterior, every rank is uniform on 0…L; the histogram over B bins gets a χ² test
/// of uniformity (B − 1 degrees of freedom).
///
/// The ABC posterior at tolerance ε > 0 is the exact posterior of data observed with a kernel of
/// radius ε, not of the pseudo-data themselves, so SBC ranks concentrate slightly in the middle
/// when ε is not small against the noise of the statistics; at ε ≪ noise the effect is below the
/// test's power (docs/CALIBRATION.md, "Simulation-based calibration").
///
/// Determinism: replicate r draws θ* from stream (seed, r), simulates with a seed hashed from
/// (seed, r), runs ABC with a seed hashed from (seed, r) on one thread, and resamples from stream
/// (seed, r) of another purpose; replicates run in parallel, so any thread count gives the same ranks.
#include <cstdint>
#include <functional>
#include <span>
#include <vector>

#include "sim/error.hpp"
#include "sim/parallel.hpp"
#include "sim/study/abc_smc.hpp"

namespace sim::study {

struct SbcSettings {
    std::size_t replicates = 100;  ///< R prior draws
    std::size_t draws = 99;        ///< L posterior draws per replicate (ranks 0…L)
    std::size_t bins = 10;         ///< B histogram bins; must divide L + 1
    std::uint64_t seed = 1;
};

/// The ABC model for pseudo-data `observed` (the statistics simulated at θ*).
using ModelForData = std::function<AbcModel(const std::vector<double>& observed)>;

struct SbcResult {
    std::size_t dims = 0;
    SbcSettings settings;
    std::vector<double> truths;             ///< R×d, the prior draws θ*
    std::vector<std::uint32_t> ranks;       ///< R×d, rank of θ*_k among the L draws
    std::vector<std::uint64_t> histogram;   ///< d×B counts of ranks
    std::vector<double> chi_square;         ///< per parameter
    std::vector<double> p_value;            ///< per parameter, χ² with B − 1 degrees of freedom
    std::vector<double> final_tolerance;    ///< per replicate
    std::vector<double> final_ess;          ///< per replicate
    std::uint64_t simulations = 0;          ///< pseudo-data and ABC simulations in all
};

/// Runs SBC. `simulate` makes the pseudo-data (the same simulator the models use); every
/// replicate's ABC uses `abc` with its own seed. Errors: BadInput for invalid settings, or the
/// first replicate (by index) whose ABC fails, named.
[[nodiscard]] sim::Result<SbcResult> run_sbc(const std::vector<Prior>& priors, const SimulateFn& simulate,
                                             const ModelForData& model_for, const AbcSettings& abc,
                                             const SbcSettings& sbc, const sim::Executor& executor);

/// χ² statistic of counts against equal expected counts, and its p-value (upper tail, B − 1
/// degrees of freedom). Precondition: at least two bins and a positive total.
[[nodiscard]] double chi_square_uniform(std::span<const std::uint64_t> counts);
[[nodiscard]] double chi_square_p_value(double chi_square, std::size_t degrees_of_freedom);

}  // namespace sim::study
