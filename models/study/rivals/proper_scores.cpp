#include "models/study/rivals/proper_scores.hpp"

#include <algorithm>
#include <cmath>
#include <stdexcept>
#include <vector>

#include "sim/rng.hpp"

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

ScoreGap paired_log_gap(std::span<const double> a, std::span<const double> b, std::span<const double> y,
                        std::size_t resamples, std::uint64_t seed) {
    if (a.size() != b.size()) throw std::invalid_argument("paired_log_gap: expected equally long forecasts");
    std::vector<double> gap(a.size());
    for (std::size_t i = 0; i < a.size(); ++i) {
        const double one_a = binary_scores(a.subspan(i, 1), y.subspan(i, 1)).log;
        gap[i] = one_a - binary_scores(b.subspan(i, 1), y.subspan(i, 1)).log;
    }
    const double n = static_cast<double>(gap.size());
    ScoreGap out;
    for (const double g : gap) out.mean += g / n;
    if (resamples == 0) {
        out.q05 = out.q95 = out.mean;
        return out;
    }
    sim::Rng rng(seed, 0, 0, 0xB007u);
    std::vector<double> means(resamples);
    for (auto& m : means) {
        double s = 0;
        for (std::size_t k = 0; k < gap.size(); ++k)
            s += gap[std::min(gap.size() - 1, static_cast<std::size_t>(rng.uniform() * n))];
        m = s / n;
    }
    std::sort(means.begin(), means.end());
    const auto at = [&](double q) { return means[static_cast<std::size_t>(std::floor(q * static_cast<double>(resamples - 1)))]; };
    out.q05 = at(0.05);
    out.q95 = at(0.95);
    return out;
}

}  // namespace study::rivals
