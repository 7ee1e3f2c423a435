#include "sim/study/test_functions.hpp"

#include <cmath>
#include <limits>

namespace sim::study {

namespace {
constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();
}

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

}  // namespace sim::study
