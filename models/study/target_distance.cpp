#include "models/study/target_distance.hpp"

#include <algorithm>
#include <cmath>
#include <map>
#include <set>

#include "models/pushpull/record/output.hpp"
#include "sim/study/weighted_stats.hpp"

namespace study {

namespace {

double gap(const DistanceTerm& t, double v) {
    if (t.kind == "lower_bound") return std::max(0.0, t.observed - v);
    if (t.kind == "upper_bound") return std::max(0.0, v - t.observed);
    if (t.kind == "sign") {
        if (t.observed > 0) return std::max(0.0, -v);
        if (t.observed < 0) return std::max(0.0, v);
        return std::max(0.0, std::abs(v) - 0.5);
    }
    return v - t.observed;
}

/// One term's weighted squared contribution for simulated value v at the given scale.
double contribution(const DistanceTerm& t, double v, double scale) {
    double z = 0.0;
    if (std::isnan(t.observed))
        z = std::isfinite(v) ? TargetDistance::kNaNPenalty : 0.0;
    else
        z = std::isfinite(v) ? gap(t, v) / scale : TargetDistance::kNaNPenalty;
    return t.weight * z * z;
}

}  // namespace

sim::Result<TargetDistance> TargetDistance::create(const std::vector<pushpull::data::Target>& targets,
                                                   const std::vector<std::string>& statistics,
                                                   const std::vector<std::string>& exclude, Weights weights) {
    TargetDistance d;
    std::set<std::string> used_exclusions;
    std::map<std::string, int> per_id;
    for (const auto& t : targets) {
        if (std::find(exclude.begin(), exclude.end(), t.id) != exclude.end()) {
            used_exclusions.insert(t.id);
            continue;
        }
        if (std::find(exclude.begin(), exclude.end(), t.statistic) != exclude.end()) {
            used_exclusions.insert(t.statistic);
            continue;
        }
        const auto it = std::find(statistics.begin(), statistics.end(), t.statistic);
        if (it == statistics.end()) continue;
        DistanceTerm term{
            t.id, t.statistic, t.kind, t.value, 1.0, 1.0, static_cast<std::size_t>(it - statistics.begin())};
        d.terms_.push_back(term);
        ++per_id[t.id];
    }
    sim::DiagnosticList problems;
    for (const auto& e : exclude)
        if (!used_exclusions.contains(e))
            problems.add("exclude_targets", "'" + e + "' is neither a target id nor a target statistic");
    if (d.terms_.empty()) problems.add("targets", "no target statistic is reported by the model");
    if (!problems.empty()) return std::unexpected(problems.to_error());
    for (auto& t : d.terms_) t.weight = weights == Weights::PerStatistic ? 1.0 : 1.0 / per_id[t.id];
    return d;
}

void TargetDistance::set_scales(const std::vector<std::vector<double>>& pilot) {
    for (auto& t : terms_) {
        std::vector<double> v;
        for (const auto& row : pilot)
            if (t.column < row.size() && std::isfinite(row[t.column])) v.push_back(row[t.column]);
        // 1.4826 MAD; the standard deviation when more than half the runs agree.
        const double s = sim::study::robust_scale(v);
        t.scale = s > 0 ? s : std::max(std::abs(t.observed) * 0.1, 1e-3);
    }
}

void TargetDistance::set_scales(const std::vector<double>& scales) {
    for (std::size_t i = 0; i < terms_.size() && i < scales.size(); ++i) terms_[i].scale = scales[i];
}

std::vector<double> TargetDistance::contributions(const std::vector<double>& stats) const {
    std::vector<double> out;
    out.reserve(terms_.size());
    for (const auto& t : terms_) {
        const double v = t.column < stats.size() ? stats[t.column] : std::nan("");
        out.push_back(contribution(t, v, t.scale));
    }
    return out;
}

std::vector<double> TargetDistance::term_values(const std::vector<double>& stats) const {
    std::vector<double> out;
    out.reserve(terms_.size());
    for (const auto& t : terms_) out.push_back(t.column < stats.size() ? stats[t.column] : std::nan(""));
    return out;
}

double TargetDistance::distance(const std::vector<double>& values, const std::vector<double>& scales) const {
    double sum = 0;
    for (std::size_t i = 0; i < terms_.size(); ++i) {
        const double v = i < values.size() ? values[i] : std::nan("");
        sum += contribution(terms_[i], v, i < scales.size() ? scales[i] : terms_[i].scale);
    }
    return std::sqrt(sum);
}

void TargetDistance::set_observed(const std::vector<double>& stats) {
    for (auto& t : terms_) t.observed = t.column < stats.size() ? stats[t.column] : std::nan("");
}

double TargetDistance::operator()(const std::vector<double>& stats) const {
    double sum = 0;
    for (double c : contributions(stats)) sum += c;
    return std::sqrt(sum);
}

bool TargetDistance::met(const DistanceTerm& t, double v) {
    const pushpull::data::Target target{t.id, t.statistic, t.observed, t.kind, ""};
    return pushpull::target_met(target, v) == "yes";
}

}  // namespace study
