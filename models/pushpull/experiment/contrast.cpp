#include "models/pushpull/experiment/contrast.hpp"

#include <algorithm>
#include <cmath>
#include <limits>

namespace pushpull::experiment {

namespace {

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

double mean_of(const std::vector<double>& v) {
    if (v.empty()) return kNaN;
    double s = 0;
    for (double x : v) s += x;
    return s / static_cast<double>(v.size());
}

double sd_of(const std::vector<double>& v) {
    if (v.size() < 2) return kNaN;
    const double m = mean_of(v);
    double ss = 0;
    for (double x : v) ss += (x - m) * (x - m);
    return std::sqrt(ss / static_cast<double>(v.size() - 1));
}

std::vector<Contrast> arm_vs(const Plan& plan, const Results& results, std::size_t a, std::size_t b) {
    std::vector<Contrast> out;
    const std::size_t per_arm = plan.runs_per_arm();
    for (std::size_t s = 0; s < results.statistics.size(); ++s) {
        auto c = contrast(results.column(a, s, per_arm), results.column(b, s, per_arm), layout_of(plan));
        c.arm = plan.arms[a].name;
        c.against = plan.arms[b].name;
        c.statistic = results.statistics[s];
        out.push_back(std::move(c));
    }
    return out;
}

}  // namespace

double quantile(std::vector<double> v, double q) {
    if (v.empty()) return kNaN;
    std::sort(v.begin(), v.end());
    const double h = q * static_cast<double>(v.size() - 1);
    const auto lo = static_cast<std::size_t>(std::floor(h));
    const std::size_t hi = std::min(lo + 1, v.size() - 1);
    return v[lo] + (h - static_cast<double>(lo)) * (v[hi] - v[lo]);
}

Layout layout_of(const Plan& plan) {
    return {plan.structures(), static_cast<std::size_t>(plan.spec.unidentified_draws), static_cast<std::size_t>(plan.spec.draws),
            static_cast<std::size_t>(plan.spec.replicates)};
}

Contrast contrast(const std::vector<double>& a, const std::vector<double>& b, int draws, int replicates) {
    return contrast(a, b, Layout{1, 1, static_cast<std::size_t>(draws), static_cast<std::size_t>(replicates)});
}

Contrast contrast(const std::vector<double>& a, const std::vector<double>& b, const Layout& layout) {
    Contrast c;
    const auto R = layout.replicates;
    const std::size_t n = layout.runs();
    std::vector<double> paired, unpaired;
    std::vector<double> diff(n, kNaN);  // in run order, NaN where a pair is dropped
    for (std::size_t k = 0; k < n; ++k) {
        if (std::isfinite(a[k]) && std::isfinite(b[k])) {
            paired.push_back(a[k] - b[k]);
            diff[k] = a[k] - b[k];
        }
        // Unpaired: the reference's next replicate within the draw (next run overall when R = 1).
        const std::size_t d = k / R, r = k % R;
        const std::size_t other = R > 1 ? d * R + (r + 1) % R : (k + 1) % n;
        if (other != k && std::isfinite(a[k]) && std::isfinite(b[other])) unpaired.push_back(a[k] - b[other]);
    }
    c.n = static_cast<int>(paired.size());
    c.mean = mean_of(paired);
    c.q05 = quantile(paired, 0.05);
    c.q50 = quantile(paired, 0.50);
    c.q95 = quantile(paired, 0.95);
    c.sd_paired = sd_of(paired);
    c.sd_unpaired = sd_of(unpaired);
    const double vu = c.sd_unpaired * c.sd_unpaired;
    c.variance_ratio = std::isfinite(vu) && vu > 0 ? c.sd_paired * c.sd_paired / vu : kNaN;
    const auto mi = mean_interval(diff, layout);
    c.ci_lo = mi.lo;
    c.ci_hi = mi.hi;
    c.se = mi.se;
    c.units = static_cast<int>(mi.units);
    const auto sp = sign_probabilities(diff, layout);
    c.p_negative = sp.negative;
    c.p_positive = sp.positive;
    c.p_negative_cell = sp.negative_cell;
    c.variance = decompose_variance(diff, layout);
    return c;
}

std::vector<Ranking> rankings(const Plan& plan, const Results& results) {
    std::vector<Ranking> out;
    std::vector<std::string> stats = plan.spec.rank_by;
    if (stats.empty()) stats.push_back(plan.spec.outcome);
    const std::size_t per_arm = plan.runs_per_arm();
    for (const auto& name : stats) {
        const auto it = std::find(results.statistics.begin(), results.statistics.end(), name);
        if (it == results.statistics.end()) continue;  // checked by make_plan; regions depend on the data
        const auto s = static_cast<std::size_t>(it - results.statistics.begin());
        std::vector<std::vector<double>> cols;
        for (std::size_t a = 0; a < plan.arms.size(); ++a) cols.push_back(results.column(a, s, per_arm));
        const auto best = best_probabilities(cols, layout_of(plan));
        for (std::size_t a = 0; a < plan.arms.size(); ++a) {
            std::vector<double> finite;
            for (double v : cols[a])
                if (std::isfinite(v)) finite.push_back(v);
            out.push_back({name, plan.arms[a].name, mean_of(finite), best.by_run[a], best.by_cell[a]});
        }
    }
    return out;
}

std::vector<Contrast> reference_contrasts(const Plan& plan, const Results& results) {
    std::vector<Contrast> out;
    for (std::size_t a = 0; a < plan.arms.size(); ++a) {
        if (a == plan.reference) continue;
        auto c = arm_vs(plan, results, a, plan.reference);
        out.insert(out.end(), c.begin(), c.end());
    }
    return out;
}

std::vector<Contrast> headline_contrasts(const Plan& plan, const Results& results) {
    if (plan.headline_a < 0 || plan.headline_b < 0) return {};
    return arm_vs(plan, results, static_cast<std::size_t>(plan.headline_a), static_cast<std::size_t>(plan.headline_b));
}

}  // namespace pushpull::experiment
