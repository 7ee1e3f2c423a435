#include "models/pushpull/record/observation.hpp"

#include <cmath>
#include <limits>

namespace pushpull {

namespace {

constexpr double kBoostYear = 2018.0;

/// Integral of obs_rate0 x exp(g (s - 2008)) over [a, b] (a <= b).
double base_integral(double a, double b, const Params& p) {
    if (b <= a) return 0.0;
    const double g = p.obs_growth;
    if (std::abs(g) < 1e-12) return p.obs_rate0 * (b - a);
    return p.obs_rate0 / g * (std::exp(g * (b - 2008.0)) - std::exp(g * (a - 2008.0)));
}

}  // namespace

double documentation_hazard(double a, double t, const Params& p) {
    if (t <= a) return 0.0;
    const double after = base_integral(std::max(a, kBoostYear), std::max(t, kBoostYear), p);
    return base_integral(a, t, p) + p.obs_boost_2018 * after;
}

double documented_probability(double a, double t, const Params& p) { return 1.0 - std::exp(-documentation_hazard(a, t, p)); }

double draw_documentation_time(double a, const Params& p, sim::Rng& rng) {
    const double target = -std::log1p(-rng.uniform());  // Exp(1)
    double lo = a, hi = a + 200.0;
    if (documentation_hazard(a, hi, p) < target) return std::numeric_limits<double>::infinity();
    for (int k = 0; k < 60; ++k) {  // the hazard is increasing in t: bisection to ~1e-16 years
        const double mid = 0.5 * (lo + hi);
        (documentation_hazard(a, mid, p) < target ? lo : hi) = mid;
    }
    return hi;
}

}  // namespace pushpull
