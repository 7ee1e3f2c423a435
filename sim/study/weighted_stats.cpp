#include "sim/study/weighted_stats.hpp"

#include <algorithm>
#include <cmath>
#include <numeric>

namespace sim::study {

double weighted_quantile(std::span<const double> x, std::span<const double> w, double alpha) {
    std::vector<std::size_t> order(x.size());
    std::iota(order.begin(), order.end(), std::size_t{0});
    // Ties broken by index so the result never depends on the sort implementation.
    std::sort(order.begin(), order.end(),
              [&](std::size_t a, std::size_t b) { return x[a] < x[b] || (x[a] == x[b] && a < b); });
    const double total = std::accumulate(w.begin(), w.end(), 0.0);
    const double target = alpha * total;
    double cum = 0.0;
    for (const std::size_t i : order) {
        cum += w[i];
        if (cum >= target * (1.0 - 1e-12)) return x[i];
    }
    return x[order.back()];
}

std::vector<double> weighted_mean(std::span<const double> rows, std::size_t d, std::span<const double> w) {
    std::vector<double> m(d, 0.0);
    double total = 0.0;
    for (std::size_t i = 0; i < w.size(); ++i) {
        total += w[i];
        for (std::size_t k = 0; k < d; ++k) m[k] += w[i] * rows[i * d + k];
    }
    for (double& v : m) v /= total;
    return m;
}

std::vector<double> weighted_covariance(std::span<const double> rows, std::size_t d, std::span<const double> w) {
    const std::vector<double> m = weighted_mean(rows, d, w);
    std::vector<double> c(d * d, 0.0);
    double total = 0.0;
    for (std::size_t i = 0; i < w.size(); ++i) {
        total += w[i];
        for (std::size_t r = 0; r < d; ++r) {
            const double dr = rows[i * d + r] - m[r];
            for (std::size_t s = 0; s <= r; ++s) c[r * d + s] += w[i] * dr * (rows[i * d + s] - m[s]);
        }
    }
    for (std::size_t r = 0; r < d; ++r) {
        for (std::size_t s = 0; s <= r; ++s) {
            c[r * d + s] /= total;
            c[s * d + r] = c[r * d + s];
        }
    }
    return c;
}

double effective_sample_size(std::span<const double> w) {
    double s = 0.0;
    double s2 = 0.0;
    for (const double v : w) {
        s += v;
        s2 += v * v;
    }
    return s2 > 0.0 ? s * s / s2 : 0.0;
}

namespace {

double median_of(std::vector<double> v) {
    std::sort(v.begin(), v.end());
    const std::size_t n = v.size();
    return n % 2 ? v[n / 2] : 0.5 * (v[n / 2 - 1] + v[n / 2]);
}

}  // namespace

double robust_scale(std::span<const double> values) {
    std::vector<double> v;
    for (const double x : values)
        if (std::isfinite(x)) v.push_back(x);
    if (v.size() < 2) return 0.0;
    const double m = median_of(v);
    std::vector<double> dev;
    dev.reserve(v.size());
    for (const double x : v) dev.push_back(std::abs(x - m));
    const double s = 1.4826 * median_of(std::move(dev));
    if (s > 0.0) return s;
    double mean = 0.0;
    double ss = 0.0;
    for (const double x : v) mean += x / static_cast<double>(v.size());
    for (const double x : v) ss += (x - mean) * (x - mean);
    return std::sqrt(ss / static_cast<double>(v.size() - 1));
}

namespace {

/// Plain Cholesky; false when a pivot is not positive.
bool cholesky(const std::vector<double>& a, std::size_t d, std::vector<double>& l) {
    l.assign(d * d, 0.0);
    for (std::size_t j = 0; j < d; ++j) {
        double diag = a[j * d + j];
        for (std::size_t k = 0; k < j; ++k) diag -= l[j * d + k] * l[j * d + k];
        if (!(diag > 0.0)) return false;
        l[j * d + j] = std::sqrt(diag);
        for (std::size_t i = j + 1; i < d; ++i) {
            double s = a[i * d + j];
            for (std::size_t k = 0; k < j; ++k) s -= l[i * d + k] * l[j * d + k];
            l[i * d + j] = s / l[j * d + j];
        }
    }
    return true;
}

}  // namespace

std::vector<double> cholesky_with_ridge(std::vector<double> a, std::size_t d) {
    std::vector<double> l;
    if (cholesky(a, d, l)) return l;
    double mean_diag = 0.0;
    for (std::size_t j = 0; j < d; ++j) mean_diag += std::fabs(a[j * d + j]);
    mean_diag = mean_diag > 0.0 ? mean_diag / static_cast<double>(d) : 1.0;
    double ridge = 1e-12 * mean_diag;
    double added = 0.0;
    for (int attempt = 0; attempt < 40; ++attempt) {
        for (std::size_t j = 0; j < d; ++j) a[j * d + j] += ridge - added;
        added = ridge;
        if (cholesky(a, d, l)) return l;
        ridge *= 10.0;
    }
    // Unreachable for a finite symmetric matrix; a diagonal kernel keeps the run going.
    l.assign(d * d, 0.0);
    for (std::size_t j = 0; j < d; ++j) l[j * d + j] = std::sqrt(mean_diag);
    return l;
}

}  // namespace sim::study
