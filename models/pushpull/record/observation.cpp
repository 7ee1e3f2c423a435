#include "models/pushpull/record/observation.hpp"

#include <algorithm>
#include <cmath>
#include <limits>

namespace pushpull {

namespace {

constexpr double kBoostYear = 2018.0;

/// The cumulative hazard from a fixed adoption time `a`: the two exp terms at the lower ends of
/// the integrals depend on `a` only, so they are computed once (the bisection of
/// draw_documentation_time evaluates ~60 end points), in the same expressions as before.
class HazardFrom {
public:
    HazardFrom(double a, const Params& p)
        : p_(p), a_(a), boost_from_(std::max(a, kBoostYear)), e_a_(lower_exp(a_)), e_boost_(lower_exp(boost_from_)) {}

    /// Integral of the hazard over [a, t] (0 for t <= a).
    [[nodiscard]] double operator()(double t) const {
        if (t <= a_) return 0.0;
        const double after = integral(boost_from_, e_boost_, std::max(t, kBoostYear));
        return integral(a_, e_a_, t) + p_.obs_boost_2018 * after;
    }

private:
    [[nodiscard]] double lower_exp(double x) const { return std::exp(p_.obs_growth * (x - 2008.0)); }
    /// Integral of obs_rate0 x exp(g (s - 2008)) over [x, y], e_x = exp(g (x - 2008)).
    [[nodiscard]] double integral(double x, double e_x, double y) const {
        if (y <= x) return 0.0;
        const double g = p_.obs_growth;
        if (std::abs(g) < 1e-12) return p_.obs_rate0 * (y - x);
        return p_.obs_rate0 / g * (std::exp(g * (y - 2008.0)) - e_x);
    }

    const Params& p_;
    double a_, boost_from_, e_a_, e_boost_;
};

}  // namespace

double documentation_hazard(double a, double t, const Params& p) { return HazardFrom(a, p)(t); }

double documented_probability(double a, double t, const Params& p) { return 1.0 - std::exp(-documentation_hazard(a, t, p)); }

double draw_documentation_time(double a, const Params& p, sim::Rng& rng) {
    const double target = -std::log1p(-rng.uniform());  // Exp(1)
    const HazardFrom hazard(a, p);
    double lo = a, hi = a + 200.0;
    if (hazard(hi) < target) return std::numeric_limits<double>::infinity();
    for (int k = 0; k < 60; ++k) {  // the hazard is increasing in t: bisection to ~1e-16 years
        const double mid = 0.5 * (lo + hi);
        (hazard(mid) < target ? lo : hi) = mid;
    }
    return hi;
}

}  // namespace pushpull
