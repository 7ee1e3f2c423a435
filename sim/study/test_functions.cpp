#include "sim/study/test_functions.hpp"

#include <cmath>
#include <limits>

#include "sim/rng.hpp"

namespace sim::study {

namespace {
constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

/// Inverse of a d×d row-major matrix by Gauss-Jordan with partial pivoting (A is well conditioned here).
std::vector<double> inverse(std::vector<double> a, std::size_t d) {
    std::vector<double> inv(d * d, 0.0);
    for (std::size_t i = 0; i < d; ++i) inv[i * d + i] = 1.0;
    for (std::size_t c = 0; c < d; ++c) {
        std::size_t piv = c;
        for (std::size_t r = c + 1; r < d; ++r)
            if (std::fabs(a[r * d + c]) > std::fabs(a[piv * d + c])) piv = r;
        for (std::size_t k = 0; k < d; ++k) {
            std::swap(a[c * d + k], a[piv * d + k]);
            std::swap(inv[c * d + k], inv[piv * d + k]);
        }
        const double p = a[c * d + c];
        for (std::size_t k = 0; k < d; ++k) {
            a[c * d + k] /= p;
            inv[c * d + k] /= p;
        }
        for (std::size_t r = 0; r < d; ++r) {
            if (r == c) continue;
            const double f = a[r * d + c];
            if (f == 0.0) continue;
            for (std::size_t k = 0; k < d; ++k) {
                a[r * d + k] -= f * a[c * d + k];
                inv[r * d + k] -= f * inv[c * d + k];
            }
        }
    }
    return inv;
}
}  // namespace

double ishigami(std::span<const double> x, double a, double b) {
    if (x.size() != 3) return kNaN;
    const double s2 = std::sin(x[1]);
    return std::sin(x[0]) * (1.0 + b * std::pow(x[2], 4)) + a * s2 * s2;
}

AnalyticIndices ishigami_indices(double a, double b) {
    constexpr double pi4 = std::numbers::pi * std::numbers::pi * std::numbers::pi * std::numbers::pi;
    const double v1 = 0.5 * (1.0 + b * pi4 / 5.0) * (1.0 + b * pi4 / 5.0);
    const double v2 = a * a / 8.0;
    const double v13 = b * b * pi4 * pi4 * 8.0 / 225.0;
    const double v = v1 + v2 + v13;
    AnalyticIndices out;
    out.s1 = {v1 / v, v2 / v, 0.0};
    out.st = {(v1 + v13) / v, v2 / v, v13 / v};
    out.s2.assign(9, kNaN);
    out.s2[0 * 3 + 1] = 0.0;
    out.s2[0 * 3 + 2] = v13 / v;
    out.s2[1 * 3 + 2] = 0.0;
    return out;
}

double g_function(std::span<const double> x, std::span<const double> a) {
    if (x.size() != a.size()) return kNaN;
    double y = 1.0;
    for (std::size_t i = 0; i < x.size(); ++i) y *= (std::abs(4.0 * x[i] - 2.0) + a[i]) / (1.0 + a[i]);
    return y;
}

AnalyticIndices g_function_indices(std::span<const double> a) {
    const std::size_t d = a.size();
    std::vector<double> vi(d);
    double prod = 1.0;
    for (std::size_t i = 0; i < d; ++i) {
        vi[i] = 1.0 / (3.0 * (1.0 + a[i]) * (1.0 + a[i]));
        prod *= 1.0 + vi[i];
    }
    const double v = prod - 1.0;
    AnalyticIndices out;
    out.s2.assign(d * d, kNaN);
    for (std::size_t i = 0; i < d; ++i) {
        out.s1.push_back(vi[i] / v);
        out.st.push_back(vi[i] * prod / (1.0 + vi[i]) / v);
        for (std::size_t j = i + 1; j < d; ++j) out.s2[i * d + j] = vi[i] * vi[j] / v;
    }
    return out;
}

double linear(std::span<const double> x, std::span<const double> coefs) {
    if (x.size() != coefs.size()) return kNaN;
    double y = 0.0;
    for (std::size_t i = 0; i < x.size(); ++i) y += coefs[i] * x[i];
    return y;
}

std::vector<double> linear_gaussian_simulate(const LinearGaussianProblem& p, std::span<const double> theta,
                                             std::uint64_t seed) {
    const std::size_t d = p.dims;
    sim::Rng rng(seed, 0, 0, 0);
    std::vector<double> s(d);
    for (std::size_t r = 0; r < d; ++r) {
        double v = rng.normal();
        for (std::size_t c = 0; c < d; ++c) v += p.a[r * d + c] * theta[c];
        s[r] = p.summary_scale[r] * v;
    }
    return s;
}

GaussianLaw linear_gaussian_abc_posterior(const LinearGaussianProblem& p, double eps, std::span<const double> scales) {
    const std::size_t d = p.dims;
    const std::vector<double> ai = inverse(p.a, d);
    GaussianLaw out;
    out.mean.assign(d, 0.0);
    for (std::size_t r = 0; r < d; ++r)
        for (std::size_t c = 0; c < d; ++c) out.mean[r] += ai[r * d + c] * p.observed[c] / p.summary_scale[c];
    // A⁻¹ diag(1 + ε²/(d+2) (c/b)²) A⁻ᵀ
    std::vector<double> mid(d);
    for (std::size_t k = 0; k < d; ++k) {
        const double q = k < scales.size() ? scales[k] / p.summary_scale[k] : 0.0;
        mid[k] = 1.0 + eps * eps / static_cast<double>(d + 2) * q * q;
    }
    out.cov.assign(d * d, 0.0);
    for (std::size_t r = 0; r < d; ++r)
        for (std::size_t c = 0; c < d; ++c) {
            double v = 0.0;
            for (std::size_t k = 0; k < d; ++k) v += ai[r * d + k] * mid[k] * ai[c * d + k];
            out.cov[r * d + c] = v;
        }
    return out;
}

LinearGaussianProblem linear_gaussian_problem(std::size_t d, double rho, double range, double summary_range,
                                              double prior_halfwidth, std::uint64_t seed) {
    LinearGaussianProblem p;
    p.dims = d;
    const double span = static_cast<double>(d > 1 ? d - 1 : 1);
    std::vector<double> scale(d);
    for (std::size_t j = 0; j < d; ++j) {
        const double t = static_cast<double>(j) / span;
        scale[j] = std::pow(10.0, range * (t - 0.5));
        p.summary_scale.push_back(std::pow(10.0, summary_range * (0.5 - t)));
    }
    p.a.assign(d * d, 0.0);
    for (std::size_t r = 0; r < d; ++r) {
        p.a[r * d + r] = 1.0 / scale[r];
        if (r > 0) p.a[r * d + r - 1] = rho / scale[r - 1];
    }
    p.truth = scale;
    p.observed = linear_gaussian_simulate(p, p.truth, seed);
    const GaussianLaw post = linear_gaussian_abc_posterior(p, 0.0, {});
    for (std::size_t j = 0; j < d; ++j) {
        const double sd = std::sqrt(post.cov[j * d + j]);
        p.lo.push_back(post.mean[j] - prior_halfwidth * sd);
        p.hi.push_back(post.mean[j] + prior_halfwidth * sd);
    }
    return p;
}

}  // namespace sim::study
