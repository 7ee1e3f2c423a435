#pragma once
/// Sensitivity estimators over the outputs of a design (design.hpp): Morris elementary effects and
/// Sobol' indices. Model-agnostic: they see only unit coordinates and one output value per design row.
/// NaN outputs (failed or undefined runs) are skipped, never propagated, and the count is reported.
#include <cstddef>
#include <cstdint>
#include <vector>

#include "sim/error.hpp"
#include "sim/study/design.hpp"

namespace sim::study {

/// Morris screening measures, one entry per dimension.
struct MorrisIndices {
    std::vector<double> mu;                 ///< mean elementary effect
    std::vector<double> mu_star;            ///< mean absolute elementary effect (Campolongo et al. 2007)
    std::vector<double> sigma;              ///< standard deviation of the effects (n−1); NaN below 2 effects
    std::vector<std::size_t> effects_used;  ///< effects with both endpoints finite (at most r)
    std::size_t effects_skipped = 0;        ///< effects dropped for a NaN endpoint, all dimensions together
};

/// Elementary effects per unit-cube step: EE = Δy / Δu, Δu = ±Δ. Multiply by 1/(hi−lo) yourself, or
/// use the overload with ranges, to express them per parameter unit.
/// y holds one output per design row, in design order.
/// Errors: BadInput if the design is not "morris", y has the wrong length, or two consecutive rows of a
/// trajectory do not differ in exactly one coordinate.
[[nodiscard]] Result<MorrisIndices> morris_indices(const Design& design, const std::vector<double>& y);

/// As above with effects in parameter units: EE = Δy / (Δu · ranges[i]), ranges[i] = hi_i − lo_i of a
/// parameter mapped linearly from [0,1]. For y = Σ c_i x_i this gives μ = c_i and σ = 0 exactly.
/// Errors: also BadInput if ranges has not one positive finite entry per dimension.
[[nodiscard]] Result<MorrisIndices> morris_indices(const Design& design, const std::vector<double>& y,
                                                   const std::vector<double>& ranges);

/// Sobol' indices with bootstrap confidence half-widths.
/// A half-width is z_{(1+confidence)/2} × the standard deviation of the index over the bootstrap
/// replicates (the normal approximation, as SALib reports it), not a percentile interval.
/// With quasi-random designs the bootstrap treats base rows as independent, so the intervals are
/// conservative.
struct SobolIndices {
    std::vector<double> s1;       ///< first order S_i
    std::vector<double> s1_conf;  ///< half-width of S_i
    std::vector<double> st;       ///< total order ST_i
    std::vector<double> st_conf;  ///< half-width of ST_i
    /// Second order S_ij, dims × dims row-major, set for i < j only (NaN elsewhere); empty without
    /// second-order blocks in the design.
    std::vector<double> s2;
    std::vector<double> s2_conf;
    double variance = 0.0;         ///< V, population variance of f(A) and f(B) together
    std::size_t base_used = 0;     ///< base samples j in the estimate
    std::size_t base_dropped = 0;  ///< base samples dropped because one of their rows was NaN
    double confidence = 0.95;      ///< the level the half-widths are for
    int bootstrap = 0;             ///< number of bootstrap replicates
};

/// Sobol' indices from a "sobol" (Saltelli) design:
///   S_i  = mean(f(B)·(f(AB_i) − f(A))) / V                          (Saltelli et al. 2010)
///   ST_i = mean((f(A) − f(AB_i))²) / (2V)                            (Jansen 1999)
///   S_ij = mean(f(BA_i)·f(AB_j) − f(A)·f(B)) / V − S_i − S_j          (Saltelli 2002, as in SALib)
/// The bootstrap resamples base samples j with replacement (bootstrap replicates, each drawing from its
/// own stream of `seed`, so the result is deterministic); bootstrap = 0 gives NaN half-widths.
/// A base sample with any NaN output is dropped whole. If V is 0 every index is NaN (undefined).
/// Errors: BadInput if the design is not "sobol", y has the wrong length, fewer than 2 base samples
/// remain, bootstrap < 0, or confidence is not in (0, 1).
[[nodiscard]] Result<SobolIndices> sobol_indices(const Design& design, const std::vector<double>& y, int bootstrap,
                                                 std::uint64_t seed, double confidence = 0.95);

}  // namespace sim::study
