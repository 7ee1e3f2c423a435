#pragma once
/// The named summary vector of a run: the statistics calibration matches against the observed
/// targets of MODEL.md §7 (data/targets.csv), plus process statistics (P4–P7).
#include <string>
#include <vector>

#include "models/pushpull/data/input_data.hpp"
#include "models/pushpull/record/trajectory.hpp"

namespace pushpull {

struct Statistic {
    std::string name;
    double value = 0.0;  ///< NaN when the run does not cover the statistic's period
};

/// Computes the summary vector at the end of a run. "2019" statistics use the last step of 2019.
std::vector<Statistic> summarise(const World& world, const State& state, const std::vector<Event>& events,
                                 const Series& series, const std::vector<data::DocumentedAdoption>& documented);

/// Step of each country's first agreement with a Chinese vendor (-1 none).
std::vector<long> country_first_steps(const World& world, const State& state);

/// Maximum-likelihood logit of y on [1, x...] by Newton–Raphson (tiny ridge for stability).
/// Returns the coefficients, or an empty vector if it does not converge.
std::vector<double> fit_logit(const std::vector<std::vector<double>>& x, const std::vector<int>& y);

}  // namespace pushpull
