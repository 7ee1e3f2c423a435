#pragma once
/// Proper scores for held-out data (issue 11), with the definitions of scripts/rival-scores.py so
/// numbers from the C++ commands and the script are comparable:
///   Brier  = mean_i (p_i − y_i)²
///   log    = −mean_i [ y_i ln p_i + (1 − y_i) ln(1 − p_i) ]
/// both after clipping p to [kProbabilityFloor, 1 − kProbabilityFloor] (a forecast of exactly 0 or
/// 1 would otherwise give an infinite log score and decide a comparison on one country), and the
/// ensemble CRPS of one observation y under samples x_1..x_n (the energy form):
///   CRPS = mean_j |x_j − y| − ½ mean_{j,k} |x_j − x_k|
/// Lower is better for all three.
#include <cstddef>
#include <cstdint>
#include <span>

namespace study::rivals {

inline constexpr double kProbabilityFloor = 1e-3;

struct BinaryScores {
    double brier = 0, log = 0;
};

/// Brier and log score of probabilities p against 0/1 labels y (same length, not empty).
/// Throws std::invalid_argument on mismatched or empty input, or a label other than 0 or 1.
BinaryScores binary_scores(std::span<const double> p, std::span<const double> y);

/// Ensemble CRPS of observation y under the samples (not empty; throws std::invalid_argument).
double crps_ensemble(std::span<const double> samples, double y);

/// The mean log-score difference of forecast a over forecast b on the same labels (negative: a is
/// better) and its 5–95% interval from a paired bootstrap over the scored units (`resamples`
/// resamples, stream (seed, 0, 0, 0xB007)); the interval tells whether the gap exceeds what the
/// choice of countries alone can produce. Throws as binary_scores.
struct ScoreGap {
    double mean = 0, q05 = 0, q95 = 0;
};
ScoreGap paired_log_gap(std::span<const double> a, std::span<const double> b, std::span<const double> y,
                        std::size_t resamples = 1000, std::uint64_t seed = 1);

}  // namespace study::rivals
