#pragma once
/// Weighted summaries of a particle population (ABC-SMC): the tolerance schedule is a weighted
/// quantile of distances, the perturbation kernel a multiple of the weighted covariance.
/// Weights need not be normalized; they must be >= 0 with a positive sum.
#include <cstddef>
#include <span>
#include <vector>

namespace sim::study {

/// The smallest x_i with Σ_{x_j <= x_i} w_j >= alpha · Σ w (the lower weighted alpha-quantile;
/// with equal weights and alpha = k/n it is the k-th smallest value). alpha in (0, 1].
/// Precondition: x.size() == w.size() > 0.
[[nodiscard]] double weighted_quantile(std::span<const double> x, std::span<const double> w, double alpha);

/// Weighted mean of the rows of a row-major n×d matrix.
[[nodiscard]] std::vector<double> weighted_mean(std::span<const double> rows, std::size_t d, std::span<const double> w);

/// Weighted covariance (d×d, row-major) Σ w_i (x_i - m)(x_i - m)ᵀ / Σ w, the plug-in estimate
/// Beaumont et al. (2009) scale by 2 for the perturbation kernel.
[[nodiscard]] std::vector<double> weighted_covariance(std::span<const double> rows, std::size_t d,
                                                      std::span<const double> w);

/// Effective sample size (Σ w)² / Σ w² (= 1 / Σ w² for normalized weights).
[[nodiscard]] double effective_sample_size(std::span<const double> w);

/// 1.4826 × the median absolute deviation of the finite values (the SD of a normal sample); the
/// standard deviation when more than half agree; 0 with fewer than two finite values or no spread.
/// The per-statistic scale of the ABC distance (a pilot's, or each generation's under adaptive
/// distance weights, Prangle 2017).
[[nodiscard]] double robust_scale(std::span<const double> values);

/// Lower-triangular L with L Lᵀ = A (d×d row-major, symmetric). A matrix that is only positive
/// semi-definite (a parameter that stopped varying) gets a ridge added to its diagonal, growing
/// from 1e-12 of its mean diagonal until the factorization succeeds, so a kernel always exists.
[[nodiscard]] std::vector<double> cholesky_with_ridge(std::vector<double> a, std::size_t d);

}  // namespace sim::study
