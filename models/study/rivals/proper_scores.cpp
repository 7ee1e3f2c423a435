#include "models/study/rivals/proper_scores.hpp"

#include <algorithm>
#include <cmath>
#include <stdexcept>
#include <vector>

namespace study::rivals {

BinaryScores binary_scores(std::span<const double> p, std::span<const double> y) {
    if (p.empty() || p.size() != y.size())
        throw std::invalid_argument("binary_scores: expected equally long, non-empty probabilities and labels");
    double brier = 0, log = 0;
    for (std::size_t i = 0; i < p.size(); ++i) {
        if (y[i] != 0.0 && y[i] != 1.0) throw std::invalid_argument("binary_scores: labels must be 0 or 1");
        const double q = std::clamp(p[i], kProbabilityFloor, 1.0 - kProbabilityFloor);
        brier += (q - y[i]) * (q - y[i]);
        log -= y[i] * std::log(q) + (1.0 - y[i]) * std::log(1.0 - q);
    }
    const double n = static_cast<double>(p.size());
    return {brier / n, log / n};
}

double crps_ensemble(std::span<const double> samples, double y) {
    if (samples.empty()) throw std::invalid_argument("crps_ensemble: expected at least one sample");
    // The pairwise term by sorting: Σ_{j,k} |x_j − x_k| = 2 Σ_i (2i − n + 1) x_(i), O(n log n).
    std::vector<double> x(samples.begin(), samples.end());
    std::sort(x.begin(), x.end());
    const double n = static_cast<double>(x.size());
    double to_observation = 0, pairwise = 0;
    for (std::size_t i = 0; i < x.size(); ++i) {
        to_observation += std::abs(x[i] - y);
        pairwise += (2.0 * static_cast<double>(i) - n + 1.0) * x[i];
    }
    return to_observation / n - pairwise / (n * n);
}

}  // namespace study::rivals
