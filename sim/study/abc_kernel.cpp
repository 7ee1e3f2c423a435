#include "sim/study/abc_kernel.hpp"

#include <algorithm>
#include <cmath>
#include <limits>
#include <numeric>

#include "sim/study/weighted_stats.hpp"

namespace sim::study {

namespace {

/// Forward substitution: y = L⁻¹ x for lower-triangular L (d×d row-major).
void whiten(const double* l, std::size_t d, const double* x, double* y) noexcept {
    for (std::size_t r = 0; r < d; ++r) {
        double s = x[r];
        for (std::size_t c = 0; c < r; ++c) s -= l[r * d + c] * y[c];
        y[r] = s / l[r * d + r];
    }
}

/// Adds t to a running log-sum-exp (mx, s): the sum is exp(mx) · s.
void log_add(double t, double& mx, double& s) noexcept {
    if (t > mx) {
        s = s * std::exp(mx - t) + 1.0;
        mx = t;
    } else {
        s += std::exp(t - mx);
    }
}

/// Σ_j of particle j's M nearest neighbours (itself included), unweighted: the weights of a
/// degenerate generation would otherwise shrink a neighbourhood to one point.
std::vector<double> neighbour_covariance(const KernelInput& in, const std::vector<double>& white, std::size_t j,
                                         std::size_t m_neighbours) {
    const std::size_t d = in.dims;
    const std::size_t m = in.weights.size();
    std::vector<double> d2(m);
    for (std::size_t k = 0; k < m; ++k) {
        double q = 0.0;
        for (std::size_t r = 0; r < d; ++r) {
            const double diff = white[k * d + r] - white[j * d + r];
            q += diff * diff;
        }
        d2[k] = q;
    }
    std::vector<std::size_t> idx(m);
    std::iota(idx.begin(), idx.end(), std::size_t{0});
    // Ties by index, so the neighbourhood never depends on the sort implementation.
    std::nth_element(idx.begin(), idx.begin() + static_cast<std::ptrdiff_t>(m_neighbours - 1), idx.end(),
                     [&](std::size_t a, std::size_t b) { return d2[a] < d2[b] || (d2[a] == d2[b] && a < b); });
    idx.resize(m_neighbours);
    std::sort(idx.begin(), idx.end());
    std::vector<double> rows;
    rows.reserve(m_neighbours * d);
    for (const std::size_t k : idx) rows.insert(rows.end(), &in.particles[k * d], &in.particles[k * d] + d);
    const std::vector<double> ones(m_neighbours, 1.0);
    std::vector<double> cov = weighted_covariance(rows, d, ones);
    for (double& v : cov) v *= in.scale;
    return cov;
}

}  // namespace

std::string to_string(KernelKind k) {
    switch (k) {
        case KernelKind::Global:
            return "global";
        case KernelKind::Neighbours:
            return "neighbours";
        case KernelKind::Olcm:
            return "olcm";
    }
    return "unknown";
}

std::optional<KernelKind> parse_kernel(std::string_view text) {
    if (text == "global") return KernelKind::Global;
    if (text == "neighbours") return KernelKind::Neighbours;
    if (text == "olcm") return KernelKind::Olcm;
    return std::nullopt;
}

PerturbationKernel::PerturbationKernel(KernelKind kind, const KernelInput& in)
    : kind_(kind), d_(in.dims), particles_(in.particles.begin(), in.particles.end()) {
    const std::size_t d = d_;
    const std::size_t m = in.weights.size();
    log_weights_.resize(m);
    for (std::size_t j = 0; j < m; ++j) log_weights_[j] = std::log(in.weights[j]);
    std::vector<double> global = weighted_covariance(in.particles, d, in.weights);
    if (kind == KernelKind::Global) {
        for (double& v : global) v *= in.scale;
        chol_ = cholesky_with_ridge(std::move(global), d);
        return;
    }
    chol_.resize(m * d * d);
    log_det_.resize(m);
    const auto store = [&](std::size_t j, std::vector<double> cov) {
        const std::vector<double> l = cholesky_with_ridge(std::move(cov), d);
        std::copy(l.begin(), l.end(), chol_.begin() + static_cast<std::ptrdiff_t>(j * d * d));
        double ld = 0.0;
        for (std::size_t r = 0; r < d; ++r) ld += std::log(l[r * d + r]);
        log_det_[j] = ld;
    };
    if (kind == KernelKind::Neighbours) {
        const std::vector<double> lg = cholesky_with_ridge(global, d);
        std::vector<double> white(m * d);
        for (std::size_t k = 0; k < m; ++k) whiten(lg.data(), d, &in.particles[k * d], &white[k * d]);
        const std::size_t want = in.neighbours > 0 ? in.neighbours : std::max(d + 1, m / 4);
        const std::size_t mm = std::clamp<std::size_t>(want, std::min<std::size_t>(2, m), m);
        for (std::size_t j = 0; j < m; ++j) store(j, neighbour_covariance(in, white, j, mm));
        return;
    }
    // OLCM: the previous particles already inside the new tolerance, renormalized.
    std::vector<double> rows;
    std::vector<double> w;
    for (std::size_t k = 0; k < m; ++k)
        if (in.distances[k] <= in.tolerance) {
            rows.insert(rows.end(), &in.particles[k * d], &in.particles[k * d] + d);
            w.push_back(in.weights[k]);
        }
    if (w.empty() || !(std::accumulate(w.begin(), w.end(), 0.0) > 0.0)) {  // cannot happen with eps >= a quantile
        rows.assign(in.particles.begin(), in.particles.end());
        w.assign(in.weights.begin(), in.weights.end());
    }
    const std::vector<double> mean = weighted_mean(rows, d, w);
    const std::vector<double> cov = weighted_covariance(rows, d, w);
    for (std::size_t j = 0; j < m; ++j) {
        std::vector<double> s = cov;
        for (std::size_t r = 0; r < d; ++r) {
            const double dr = mean[r] - in.particles[j * d + r];
            for (std::size_t c = 0; c < d; ++c) s[r * d + c] += dr * (mean[c] - in.particles[j * d + c]);
        }
        store(j, std::move(s));
    }
}

std::span<const double> PerturbationKernel::factor(std::size_t a) const noexcept {
    const std::size_t dd = d_ * d_;
    return kind_ == KernelKind::Global ? std::span<const double>(chol_)
                                       : std::span<const double>(chol_).subspan(a * dd, dd);
}

void PerturbationKernel::perturb(std::size_t a, const double* z, double* theta) const noexcept {
    const std::size_t d = d_;
    const double* l = factor(a).data();
    for (std::size_t r = 0; r < d; ++r) {
        double s = particles_[a * d + r];
        for (std::size_t c = 0; c <= r; ++c) s += l[r * d + c] * z[c];
        theta[r] = s;
    }
}

std::vector<double> PerturbationKernel::log_proposal(std::span<const double> rows, const sim::Executor& ex) const {
    const std::size_t d = d_;
    const std::size_t n = rows.size() / d;
    const std::size_t m = log_weights_.size();
    std::vector<double> out(n);
    if (kind_ == KernelKind::Global) {
        // One factor: whiten everything once; its normalizing constant is common to all and cancels.
        std::vector<double> prev_white(m * d);
        std::vector<double> white(n * d);
        for (std::size_t j = 0; j < m; ++j) whiten(chol_.data(), d, &particles_[j * d], &prev_white[j * d]);
        for (std::size_t i = 0; i < n; ++i) whiten(chol_.data(), d, &rows[i * d], &white[i * d]);
        sim::parallel_for_index(
            ex, n,
            [&](std::size_t i) {
                double mx = -std::numeric_limits<double>::infinity();
                double s = 0.0;
                for (std::size_t j = 0; j < m; ++j) {
                    double q = 0.0;
                    for (std::size_t r = 0; r < d; ++r) {
                        const double diff = white[i * d + r] - prev_white[j * d + r];
                        q += diff * diff;
                    }
                    log_add(log_weights_[j] - 0.5 * q, mx, s);
                }
                out[i] = mx + std::log(s);
            },
            16);
        return out;
    }
    sim::parallel_for_index(
        ex, n,
        [&](std::size_t i) {
            std::vector<double> diff(d);
            std::vector<double> y(d);
            double mx = -std::numeric_limits<double>::infinity();
            double s = 0.0;
            for (std::size_t j = 0; j < m; ++j) {
                for (std::size_t r = 0; r < d; ++r) diff[r] = rows[i * d + r] - particles_[j * d + r];
                whiten(&chol_[j * d * d], d, diff.data(), y.data());
                double q = 0.0;
                for (std::size_t r = 0; r < d; ++r) q += y[r] * y[r];
                log_add(log_weights_[j] - log_det_[j] - 0.5 * q, mx, s);
            }
            out[i] = mx + std::log(s);
        },
        8);
    return out;
}

}  // namespace sim::study
