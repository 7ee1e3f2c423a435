#pragma once
/// The ABC distance between a run's statistics and the observed targets (MODEL.md §7,
/// data/targets.csv): a scaled Euclidean distance
///     d = sqrt( Σ_t w_t · (gap_t / scale_t)² )
/// where gap_t is (simulated − observed) for point and share targets, and only the violation for
/// bounds (a "≥ 80 countries" target contributes nothing at 85 and (80 − 75) at 75) and signs (a
/// "+" sign contributes only when the coefficient is negative; a "0" sign beyond ±0.5). Scales are
/// robust spreads (1.4826 × MAD) of each statistic over a prior-predictive pilot, so statistics in
/// different units weigh alike; the weights give every target id (T1…T8, P4, P5) the same total,
/// so the eleven yearly T8 bounds count as one target, not eleven. A NaN statistic (undefined in a
/// run) contributes kNaNPenalty², as if it missed by 3 scales.
/// Scales come from the pilot, or (adaptive_distance) from each ABC generation's simulations,
/// both by sim::study::robust_scale.
#include <string>
#include <vector>

#include "models/pushpull/data/input_data.hpp"

namespace study {

struct DistanceTerm {
    std::string id, statistic, kind;
    double observed = 0, scale = 1, weight = 1;
    std::size_t column = 0;  ///< index into the evaluator's statistics
};

class TargetDistance {
public:
    static constexpr double kNaNPenalty = 3.0;

    /// How the terms are weighted: every target id the same total weight (its statistics share
    /// it: the 11 years of the documented curve weigh as much as T1), or every statistic weight 1.
    enum class Weights { PerId, PerStatistic };

    /// Keeps the targets whose statistic the model reports; `exclude` lists ids or statistic names
    /// to leave out. Errors: BadInput for an excluded name that matches nothing, or no target left.
    static sim::Result<TargetDistance> create(const std::vector<pushpull::data::Target>& targets,
                                              const std::vector<std::string>& statistics,
                                              const std::vector<std::string>& exclude,
                                              Weights weights = Weights::PerId);

    /// Sets each term's scale from pilot runs (rows of statistics in evaluator order); a statistic
    /// that does not vary keeps scale max(|observed| × 0.1, 1e-3).
    void set_scales(const std::vector<std::vector<double>>& pilot);
    void set_scales(const std::vector<double>& scales);

    [[nodiscard]] double operator()(const std::vector<double>& stats) const;
    /// The value of each term's statistic in a run (one per term, in term order): the statistics
    /// ABC-SMC re-scales under adaptive distance weights.
    [[nodiscard]] std::vector<double> term_values(const std::vector<double>& stats) const;
    /// The distance of term values with the given scales (one per term) instead of the stored ones.
    [[nodiscard]] double distance(const std::vector<double>& values, const std::vector<double>& scales) const;
    /// Sets every term's observed value to its statistic in `stats` (pseudo-data). An observed
    /// NaN (the statistic undefined in the pseudo-data run) is matched only by a NaN: a defined
    /// value then misses by kNaNPenalty scales.
    void set_observed(const std::vector<double>& stats);
    /// The weighted squared contribution of each term (for reports).
    [[nodiscard]] std::vector<double> contributions(const std::vector<double>& stats) const;
    /// Whether a simulated value meets the term (the criterion of the run summary).
    [[nodiscard]] static bool met(const DistanceTerm& t, double v);

    [[nodiscard]] const std::vector<DistanceTerm>& terms() const { return terms_; }

private:
    std::vector<DistanceTerm> terms_;
};

}  // namespace study
