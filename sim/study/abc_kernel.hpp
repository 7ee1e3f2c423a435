#pragma once
/// The perturbation kernels of ABC-SMC: a Gaussian around each particle of the previous generation,
///   global      one covariance for all, kernel_scale × the weighted covariance (Beaumont et al.
///               2009; the sampler's original kernel, kept bit for bit);
///   neighbours  particle j's own covariance, kernel_scale × the weighted covariance of its M
///               nearest neighbours (Filippi et al. 2013, §2.3.3), neighbours measured in the
///               Mahalanobis metric of the global covariance so parameter units do not matter;
///   olcm        the optimal local covariance (Filippi et al. 2013, eq. 9):
///               Σ_j = Σ_k ω̃_k (θ_k − θ_j)(θ_k − θ_j)ᵀ over the previous particles k whose
///               distance is within the new tolerance, ω̃ their renormalized weights (no scale).
/// With a covariance per particle the proposal is the mixture q(θ) = Σ_j w_j N(θ; θ_j, Σ_j), and
/// the importance weights divide by that mixture, each component with its own normalizing
/// constant |Σ_j|^(-1/2).
#include <cstddef>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "sim/parallel.hpp"

namespace sim::study {

enum class KernelKind { Global, Neighbours, Olcm };

[[nodiscard]] std::string to_string(KernelKind k);
/// "global", "neighbours", "olcm"; nullopt otherwise.
[[nodiscard]] std::optional<KernelKind> parse_kernel(std::string_view text);

/// The previous generation as the kernel sees it.
struct KernelInput {
    std::size_t dims = 0;
    std::span<const double> particles;  ///< m×d row-major
    std::span<const double> weights;    ///< m, normalized
    std::span<const double> distances;  ///< m, under the distance the next generation accepts with
    double tolerance = 0.0;             ///< the next generation's tolerance (olcm)
    double scale = 2.0;                 ///< kernel_scale (global, neighbours)
    std::size_t neighbours = 0;         ///< M (neighbours); 0 = max(d + 1, m / 4)
};

class PerturbationKernel {
public:
    PerturbationKernel() = default;
    PerturbationKernel(KernelKind kind, const KernelInput& in);

    [[nodiscard]] KernelKind kind() const noexcept { return kind_; }
    /// theta = particle a + L_a z, with z a standard normal d-vector.
    void perturb(std::size_t a, const double* z, double* theta) const noexcept;
    /// log q(θ_i) for each row of `rows` (n×d), up to a constant common to every row.
    /// Sums run over the previous particles in order, so the result is the same on any thread count.
    [[nodiscard]] std::vector<double> log_proposal(std::span<const double> rows, const sim::Executor& ex) const;
    /// The Cholesky factor of particle a's covariance (the shared one for global).
    [[nodiscard]] std::span<const double> factor(std::size_t a) const noexcept;

private:
    KernelKind kind_ = KernelKind::Global;
    std::size_t d_ = 0;
    std::vector<double> particles_;
    std::vector<double> log_weights_;
    std::vector<double> chol_;     ///< d×d (global) or m×d×d
    std::vector<double> log_det_;  ///< Σ_r log L_rr per particle (local kinds)
};

}  // namespace sim::study
