// Observed calibration targets (data/targets.csv, MODEL.md §7).
#include <map>
#include <utility>

#include "models/pushpull/data/loaders.hpp"

namespace pushpull::data::detail {

namespace {

using sim::io::take;

/// Checks `value` against what `kind` allows; returns an error text or empty.
std::string kind_problem(std::string_view kind, double value) {
    // Every bound or point target is a count, a share, a lag in years or a ratio: never negative.
    if (kind == "lower_bound" || kind == "upper_bound" || kind == "point")
        return value >= 0.0 ? std::string() : "a non-negative value (targets are counts, shares, years or ratios)";
    if (kind == "share") return value >= 0.0 && value <= 1.0 ? std::string() : "a share in [0, 1]";
    if (kind == "sign") return value == -1.0 || value == 0.0 || value == 1.0 ? std::string() : "a sign -1, 0 or 1";
    return "?";
}

}  // namespace

std::vector<Target> load_targets(const CsvTable& t, DiagnosticList& diags) {
    std::vector<Target> out;
    const auto cols = t.columns({"id", "statistic", "value", "kind", "source"}, diags);
    if (!cols) return out;
    const auto& c = *cols;
    std::map<std::pair<std::string_view, std::string_view>, std::size_t> first_line;
    for (std::size_t r = 0; r < t.rows(); ++r) {
        const auto id = t.field(r, c[0]);
        const auto stat = t.field(r, c[1]);
        if (const auto [it, fresh] = first_line.try_emplace({id, stat}, t.line(r)); !fresh) {
            diags.add(t.where(r, c[1]),
                      duplicate_message("(" + std::string(id) + ", " + std::string(stat) + ")", it->second));
            continue;
        }
        const auto value = take(sim::io::number_field(t, r, c[2], -kInf, kInf), diags);
        const auto kind = t.field(r, c[3]);
        const auto problem = value ? kind_problem(kind, *value) : std::string();
        if (problem == "?")
            diags.add(t.where(r, c[3]), "expected lower_bound, upper_bound, point, share or sign, got '" +
                                            std::string(kind) + "'");
        else if (!problem.empty())
            diags.add(t.where(r, c[2]), "expected " + problem + ", got '" + std::string(t.field(r, c[2])) + "'");
        if (id.empty() || stat.empty()) diags.add(t.where(r, c[id.empty() ? 0 : 1]), "expected a non-empty name, got ''");
        if (t.field(r, c[4]).empty()) diags.add(t.where(r, c[4]), "expected a source, got ''");
        if (!value || !problem.empty() || id.empty() || stat.empty()) continue;
        out.push_back(Target{std::string(id), std::string(stat), *value, std::string(kind), std::string(t.field(r, c[4]))});
    }
    return out;
}

}  // namespace pushpull::data::detail
