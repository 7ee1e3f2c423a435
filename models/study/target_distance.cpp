#include "models/study/target_distance.hpp"

#include <algorithm>
#include <cmath>
#include <map>
#include <set>

#include "models/pushpull/record/output.hpp"

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

double median(std::vector<double> v) {
    std::sort(v.begin(), v.end());
    const std::size_t n = v.size();
    return n % 2 ? v[n / 2] : 0.5 * (v[n / 2 - 1] + v[n / 2]);
}

}  // namespace

sim::Result<TargetDistance> TargetDistance::create(const std::vector<pushpull::data::Target>& targets,
                                                   const std::vector<std::string>& statistics,
                                                   const std::vector<std::string>& exclude) {
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
    for (auto& t : d.terms_) t.weight = 1.0 / per_id[t.id];
    return d;
}

void TargetDistance::set_scales(const std::vector<std::vector<double>>& pilot) {
    for (auto& t : terms_) {
        std::vector<double> v;
        for (const auto& row : pilot)
            if (t.column < row.size() && std::isfinite(row[t.column])) v.push_back(row[t.column]);
        double s = 0;
        if (v.size() >= 2) {
            const double m = median(v);
            std::vector<double> dev;
            for (double x : v) dev.push_back(std::abs(x - m));
            s = 1.4826 * median(dev);
            if (!(s > 0)) {  // more than half the runs agree: fall back to the standard deviation
                double mean = 0, ss = 0;
                for (double x : v) mean += x / static_cast<double>(v.size());
                for (double x : v) ss += (x - mean) * (x - mean);
                s = std::sqrt(ss / static_cast<double>(v.size() - 1));
            }
        }
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
        const double z = std::isfinite(v) ? gap(t, v) / t.scale : kNaNPenalty;
        out.push_back(t.weight * z * z);
    }
    return out;
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
