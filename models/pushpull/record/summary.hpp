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
/// `params` supplies the observation model (R10) of the documented-curve statistics.
std::vector<Statistic> summarise(const World& world, const State& state, const std::vector<Event>& events,
                                 const Series& series, const std::vector<data::DocumentedAdoption>& documented,
                                 const Params& params);

/// Documented first year (main-curve definition: confidence high/medium, scope platform /
/// FR_platform / pilot; the earliest year_first_documented) per country of the world, 0 where none.
std::vector<int> documented_first_years(const World& world, const std::vector<data::DocumentedAdoption>& docs);
/// The same for a list of countries (iso3), in its order.
std::vector<int> documented_first_years(const std::vector<std::string>& iso3,
                                        const std::vector<data::DocumentedAdoption>& docs);

/// The documentation time (fractional year, R10 observation model) of each country's first
/// adoption, drawn from stream Documentation keyed by the country (the draws the documented-curve
/// statistics use); +infinity for a country that never adopts. `first` as country_first_steps.
std::vector<double> documentation_draws(const World& world, const std::vector<long>& first, const Params& params);

/// Per country of the world: when the run's documented record first shows a Chinese platform
/// there (fractional year), +infinity if not within the run (what `pushpull validate` scores).
std::vector<double> documented_times(const World& world, const State& state, const Params& params);

/// Spearman rank correlation with average ranks for ties; NaN for fewer than 3 pairs or no variation.
double spearman(const std::vector<double>& x, const std::vector<double>& y);

/// Area under the ROC curve of `score` for the positives against the negatives (ties count 1/2).
double auc(const std::vector<double>& score, const std::vector<int>& positive);

/// Step of each country's first agreement with a Chinese vendor (-1 none).
std::vector<long> country_first_steps(const World& world, const State& state);

/// Maximum-likelihood logit of y on [1, x...] by Newton–Raphson (tiny ridge for stability).
/// Returns the coefficients, or an empty vector if it does not converge.
std::vector<double> fit_logit(const std::vector<std::vector<double>>& x, const std::vector<int>& y);

}  // namespace pushpull
