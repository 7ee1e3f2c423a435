#pragma once
/// Benchmark functions with known sensitivity indices, so a design → run → estimate pipeline can be
/// checked end to end against numbers that do not come from the estimators themselves.
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

}  // namespace sim::study
