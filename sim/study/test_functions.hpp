#pragma once
/// Benchmark functions with known sensitivity indices, so a design → run → estimate pipeline can be
/// checked end to end against numbers that do not come from the estimators themselves.
#include <cstddef>
#include <cstdint>
#include <numbers>
#include <span>
#include <vector>

namespace sim::study {

/// Known first-order, total-order and (for i < j) second-order indices; s2 is dims × dims row-major.
struct AnalyticIndices {
    std::vector<double> s1;
    std::vector<double> st;
    std::vector<double> s2;
};

/// Bounds of every Ishigami input: x_i ~ U(−π, π).
inline constexpr double ishigami_lo = -std::numbers::pi;
inline constexpr double ishigami_hi = std::numbers::pi;

/// Ishigami & Homma (1990): sin x1 + a sin² x2 + b x3⁴ sin x1, on parameter values x ∈ [−π, π]^3.
/// Returns NaN unless x has 3 entries.
[[nodiscard]] double ishigami(std::span<const double> x, double a = 7.0, double b = 0.1);

/// Analytic indices of ishigami for independent U(−π, π) inputs
/// (a = 7, b = 0.1: S = 0.3139, 0.4424, 0; ST = 0.5576, 0.4424, 0.2437; S13 = 0.2437).
[[nodiscard]] AnalyticIndices ishigami_indices(double a = 7.0, double b = 0.1);

/// Sobol' G function: Π_i (|4x_i − 2| + a_i) / (1 + a_i) on x ∈ [0,1]^d; small a_i = important input.
/// Returns NaN unless x and a have the same size.
[[nodiscard]] double g_function(std::span<const double> x, std::span<const double> a);

/// Analytic indices of g_function for independent U(0,1) inputs:
/// V_i = 1/(3(1+a_i)²), V = Π(1+V_i) − 1, S_i = V_i/V, ST_i = V_i Π_{j≠i}(1+V_j) / V, S_ij = V_i V_j / V.
[[nodiscard]] AnalyticIndices g_function_indices(std::span<const double> a);

/// Σ coefs_i x_i. Morris effects in parameter units are exactly μ_i = coefs_i, μ*_i = |coefs_i|, σ_i = 0.
/// Returns NaN unless x and coefs have the same size.
[[nodiscard]] double linear(std::span<const double> x, std::span<const double> coefs);

/// An ABC benchmark whose ε-ABC posterior is known in closed form (for ABC-SMC, not sensitivity):
/// d parameters and d summaries s = b ⊙ (A θ + e), e ~ N(0, I), A invertible, uniform priors wide
/// enough to act as flat. With the distance sqrt(Σ_k ((s_k − o_k) / c_k)²) and tolerance ε, the
/// accepted (θ, e) make v = D(Aθ − o/b) + D e uniform on the ε-ball independently of e
/// (D = diag(b/c), the prior flat), so the ε-ABC posterior has
///     mean A⁻¹ (o / b),   covariance A⁻¹ (I + ε²/(d+2) · diag(c²/b²)) A⁻ᵀ,
/// and ε = 0 gives the exact posterior A⁻¹ A⁻ᵀ.
struct LinearGaussianProblem {
    std::size_t dims = 0;
    std::vector<double> a;              ///< A, d×d row-major
    std::vector<double> summary_scale;  ///< b, the units of each summary
    std::vector<double> truth;          ///< θ that made the observed summaries
    std::vector<double> observed;       ///< o
    std::vector<double> lo, hi;         ///< uniform prior bounds
};

/// The benchmark with heterogeneous, correlated parameters: θ_j has natural scale
/// 10^(range·(j/(d−1) − 1/2)); A = M diag(1/scale) with M lower bidiagonal (1 on the diagonal, rho
/// below), so neighbouring parameters are correlated a posteriori; summary j has units
/// 10^(summary_range·(1/2 − j/(d−1))); truth θ_j = scale_j; o drawn with `seed`; the prior of θ_j is
/// U(μ_j ± prior_halfwidth · σ_j) around the exact posterior mean μ and marginal SD σ.
/// Precondition d >= 2.
[[nodiscard]] LinearGaussianProblem linear_gaussian_problem(std::size_t d, double rho, double range,
                                                            double summary_range, double prior_halfwidth,
                                                            std::uint64_t seed);

/// One simulation of the summaries at theta with the given seed.
[[nodiscard]] std::vector<double> linear_gaussian_simulate(const LinearGaussianProblem& p,
                                                           std::span<const double> theta, std::uint64_t seed);

struct GaussianLaw {
    std::vector<double> mean;
    std::vector<double> cov;  ///< d×d row-major
};

/// The ε-ABC posterior of the problem for distance scales c (see above); eps = 0: the exact one.
[[nodiscard]] GaussianLaw linear_gaussian_abc_posterior(const LinearGaussianProblem& p, double eps,
                                                        std::span<const double> scales);

}  // namespace sim::study
