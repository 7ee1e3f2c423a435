#pragma once
/// Paired contrasts between arms (common random numbers) and the unpaired spread they are compared
/// against: the variance ratio var(paired) / var(unpaired) measures what CRN buys.
#include <string>
#include <vector>

#include "models/pushpull/experiment/run.hpp"
#include "models/pushpull/experiment/uncertainty.hpp"

namespace pushpull::experiment {

struct Contrast {
    std::string arm, against, statistic;
    double mean = 0, q05 = 0, q50 = 0, q95 = 0;
    double sd_paired = 0;    ///< SD of a[d,r] - b[d,r] (same seeds)
    double sd_unpaired = 0;  ///< SD of a[d,r] - b[d,(r+1) mod R] (independent seeds; next draw when R = 1)
    double variance_ratio = 0;  ///< sd_paired^2 / sd_unpaired^2 (NaN when the unpaired variance is 0)
    int n = 0;               ///< pairs with both values finite
    // R14: how sure (uncertainty.hpp).
    double ci_lo = 0, ci_hi = 0;  ///< 95% confidence interval of the mean
    double se = 0;                ///< its standard error
    double p_negative = 0, p_positive = 0;  ///< share of pairs with a - b < 0, > 0
    double p_negative_cell = 0;   ///< share of cells whose mean difference is < 0
    VarianceParts variance;       ///< of the paired differences: structural + unidentified + calibrated + seed = total
    int units = 0;                ///< independent units behind the interval (cells, or runs)
};

/// The nesting of an experiment's runs.
[[nodiscard]] Layout layout_of(const Plan& plan);

/// Quantile by linear interpolation between order statistics (R type 7). NaN for an empty sample.
double quantile(std::vector<double> v, double q);

/// Contrast a - b of two arms' values indexed cell * replicates + replicate. Pairs where either
/// value is NaN are dropped (e.g. 2019 statistics of a run that ends earlier).
Contrast contrast(const std::vector<double>& a, const std::vector<double>& b, const Layout& layout);
/// The same with one structure and no unidentified draws.
Contrast contrast(const std::vector<double>& a, const std::vector<double>& b, int draws, int replicates);

/// For each statistic of plan.spec.rank_by (default: the outcome): every arm's mean level and
/// the probabilities that it has the lowest value, by run and by cell (uncertainty.hpp).
struct Ranking {
    std::string statistic, arm;
    double mean = 0, p_best = 0, p_best_cell = 0;
};
std::vector<Ranking> rankings(const Plan& plan, const Results& results);

/// Every arm other than the reference against the reference, for every statistic (arm order, then
/// statistic order).
std::vector<Contrast> reference_contrasts(const Plan& plan, const Results& results);

/// The headline contrast (headline[0] - headline[1]) for every statistic; empty without a headline.
std::vector<Contrast> headline_contrasts(const Plan& plan, const Results& results);

}  // namespace pushpull::experiment
