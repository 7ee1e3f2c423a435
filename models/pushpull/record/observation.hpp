#pragma once
/// The observation model (Revision 2 R10): public documentation is a thinned, lagged record of true
/// adoptions. A first adoption made at `a` (fractional year) is documented at the first event of a
/// Poisson process with hazard lambda(s) = obs_rate0 x exp(obs_growth x (s - 2008)) x
/// (1 + obs_boost_2018 x [s >= 2018]) (media and think-tank attention grew, sharply in 2018–2019).
#include "models/pushpull/params.hpp"
#include "sim/rng.hpp"

namespace pushpull {

/// Cumulative documentation hazard from `a` to `t` (0 for t <= a), closed form.
double documentation_hazard(double a, double t, const Params& p);

/// P(documented by t | adopted at a) = 1 - exp(-documentation_hazard(a, t)).
double documented_probability(double a, double t, const Params& p);

/// A draw of the documentation time of an adoption at `a` (inverse transform of one Exp(1) draw;
/// +infinity beyond `a + 200` years).
double draw_documentation_time(double a, const Params& p, sim::Rng& rng);

}  // namespace pushpull
