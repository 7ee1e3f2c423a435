#include "models/study/sensitivity_analysis.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <numeric>

#include "sim/output/tree_check.hpp"
#include "sim/output/tree_lookup.hpp"

namespace study {

using sim::out::attr_as;
using sim::out::find_dataset;
using sim::out::find_group;
using sim::out::Group;

namespace {

std::string fmt(double x, int width = 8) {
    char buf[32];
    if (std::isnan(x))
        std::snprintf(buf, sizeof buf, "%*s", width, "nan");
    else
        std::snprintf(buf, sizeof buf, "%*.4f", width, x);
    return buf;
}

}  // namespace

sim::Result<SensitivityResult> analyse_sweep(const Group& file, const SensitivityOptions& opts,
                                             const std::string& where) {
    const Group* design = find_group(file, "design");
    const Group* runs = find_group(file, "runs");
    if (!design || !runs)
        return sim::bad_input(where, "not a sweep file (no /design or /runs; made by pushpull sweep?)");
    const auto* kind = attr_as<std::string>(design->attrs, "kind");
    if (!kind || (*kind != "morris" && *kind != "sobol"))
        return sim::bad_input(where, "sensitivity needs a sweep with design = \"morris\" or \"sobol\"; this one is '" +
                                         (kind ? *kind : std::string("?")) + "'");
    if (attr_as<std::int64_t>(file.attrs, "shard_count"))
        return sim::bad_input(where, "this is one shard of a sweep; join the shards with `pushpull merge` first");
    sim::study::Design d;
    d.kind = *kind;
    // Everything used below is checked first (names, types, shapes, consistent lengths).
    sim::out::TreeCheck check(where);
    const auto* unit_ds = check.dataset(*design, "/design", "unit");
    const auto* unit = check.column<double>(*design, "/design", "unit", std::nullopt, 0);
    const std::size_t dims = unit_ds && unit_ds->shape.size() == 2 ? unit_ds->shape[1] : 0;
    const std::size_t design_rows = unit_ds && unit_ds->shape.size() == 2 ? unit_ds->shape[0] : 0;
    const auto* names = check.column<std::string>(*design, "/design", "parameter", dims);
    const auto* lo = check.column<double>(*design, "/design", "lo", dims);
    const auto* hi = check.column<double>(*design, "/design", "hi", dims);
    const auto* stats_ds = check.dataset(*runs, "/runs", "statistics");
    const auto* y_col = check.column<double>(*runs, "/runs", "statistics", std::nullopt, 0);
    const std::size_t rows = stats_ds && stats_ds->shape.size() == 2 ? stats_ds->shape[0] : 0;
    const std::size_t k = stats_ds && stats_ds->shape.size() == 2 ? stats_ds->shape[1] : 0;
    const auto* point = check.column<std::int64_t>(*runs, "/runs", "point", rows);
    const auto* ok = check.column<std::int64_t>(*runs, "/runs", "ok", rows);
    const auto* columns = stats_ds ? check.attr<std::vector<std::string>>(stats_ds->attrs, "/runs/statistics", "columns")
                                   : nullptr;
    if (columns && columns->size() != k)
        check.add("/runs/statistics @columns", "names " + std::to_string(columns->size()) + " columns, the data has " +
                                                   std::to_string(k));
    constexpr std::int64_t kMaxRows = 100'000'000;
    const auto base = check.int_in(design->attrs, "/design", "base_samples", 0, kMaxRows);
    const auto second = check.int_in(design->attrs, "/design", "second_order", 0, 1);
    const auto traj = check.int_in(design->attrs, "/design", "trajectories", 0, kMaxRows);
    const auto levels = check.int_in(design->attrs, "/design", "levels", 0, 1'000'000);
    if (unit && dims == 0) check.add("/design/unit", "has no columns");
    if (!check.ok()) return check.error("sweep file");
    d.dims = dims;
    d.points = *unit;
    d.base_samples = static_cast<std::size_t>(*base);
    d.second_order = *second != 0;
    d.trajectories = static_cast<std::size_t>(*traj);
    d.levels = static_cast<int>(*levels);
    const std::size_t expected_rows =
        d.kind == "sobol" ? d.base_samples * sim::study::saltelli_block_rows(d.dims, d.second_order)
                          : d.trajectories * (d.dims + 1);
    if (expected_rows != design_rows) {
        check.add("/design/unit", "has " + std::to_string(design_rows) + " rows; its attributes describe " +
                                      std::to_string(expected_rows));
        return check.error("sweep file");
    }

    const auto& pts = *point;
    const auto& oks = *ok;
    const auto& y = *y_col;
    const auto total = attr_as<std::int64_t>(file.attrs, "runs_total");
    if (total && static_cast<std::size_t>(*total) != rows)
        return sim::bad_input(where, "the sweep is incomplete (" + std::to_string(rows) + " of " +
                                         std::to_string(*total) + " runs); finish it with pushpull sweep --resume");

    SensitivityResult res;
    res.design = d.kind;
    res.parameters = *names;
    const auto& lov = *lo;
    const auto& hiv = *hi;
    std::vector<double> ranges(d.dims);
    for (std::size_t j = 0; j < d.dims; ++j) ranges[j] = hiv[j] - lov[j];

    for (std::size_t s = 0; s < k; ++s) {
        if (!opts.only.empty() && std::find(opts.only.begin(), opts.only.end(), (*columns)[s]) == opts.only.end())
            continue;
        // Mean over the replicates of each point; NaN when none ran.
        std::vector<double> sum(d.rows(), 0.0), n(d.rows(), 0.0);
        for (std::size_t r = 0; r < rows; ++r) {
            const double v = y[r * k + s];
            const auto p = static_cast<std::size_t>(pts[r]);
            if (oks[r] && std::isfinite(v) && p < sum.size()) {
                sum[p] += v;
                n[p] += 1;
            }
        }
        std::vector<double> mean(d.rows());
        for (std::size_t p = 0; p < mean.size(); ++p) mean[p] = n[p] > 0 ? sum[p] / n[p] : std::nan("");
        StatisticIndices si;
        si.statistic = (*columns)[s];
        if (d.kind == "morris") {
            auto m = sim::study::morris_indices(d, mean, ranges);
            if (m)
                si.morris = *m, si.ok = true;
            else
                si.problem = m.error().message();
        } else {
            auto m = sim::study::sobol_indices(d, mean, opts.bootstrap, opts.seed);
            if (m && std::isfinite(m->variance) && m->variance > 0)
                si.sobol = *m, si.ok = true;
            else
                si.problem = m ? "output does not vary" : m.error().message();
        }
        res.statistics.push_back(std::move(si));
    }
    return res;
}

std::string format_sensitivity(const SensitivityResult& r) {
    std::string out;
    const std::size_t d = r.parameters.size();
    std::size_t w = 9;
    for (const auto& p : r.parameters) w = std::max(w, p.size());
    auto pad = [&](const std::string& s) { return s + std::string(w > s.size() ? w - s.size() : 0, ' '); };
    for (const auto& s : r.statistics) {
        out += "\n" + s.statistic + "\n";
        if (!s.ok) {
            out += "  (no indices: " + s.problem + ")\n";
            continue;
        }
        std::vector<std::size_t> order(d);
        std::iota(order.begin(), order.end(), 0);
        if (r.design == "morris") {
            const auto& m = s.morris;
            std::sort(order.begin(), order.end(), [&](auto a, auto b) { return m.mu_star[a] > m.mu_star[b]; });
            out += "  " + pad("parameter") + "      mu*       mu    sigma  effects\n";
            for (auto j : order)
                out += "  " + pad(r.parameters[j]) + " " + fmt(m.mu_star[j]) + " " + fmt(m.mu[j]) + " " +
                       fmt(m.sigma[j]) + "  " + std::to_string(m.effects_used[j]) + "\n";
        } else {
            const auto& m = s.sobol;
            std::sort(order.begin(), order.end(), [&](auto a, auto b) { return m.st[a] > m.st[b]; });
            out += "  " + pad("parameter") + "       S1      ±S1       ST      ±ST\n";
            for (auto j : order)
                out += "  " + pad(r.parameters[j]) + " " + fmt(m.s1[j]) + " " + fmt(m.s1_conf[j]) + " " + fmt(m.st[j]) +
                       " " + fmt(m.st_conf[j]) + "\n";
            if (!m.s2.empty()) {
                out += "  second order (S_ij ± half-width):\n";
                for (std::size_t i = 0; i < d; ++i)
                    for (std::size_t j = i + 1; j < d; ++j)
                        out += "    " + r.parameters[i] + " x " + r.parameters[j] + " " + fmt(m.s2[i * d + j]) + " " +
                               fmt(m.s2_conf[i * d + j]) + "\n";
            }
            out += "  (" + std::to_string(m.base_used) + " base samples, " + std::to_string(m.base_dropped) +
                   " dropped, " + std::to_string(m.bootstrap) + " bootstrap replicates, " +
                   std::to_string(static_cast<int>(m.confidence * 100)) + "% half-widths)\n";
        }
    }
    return out;
}

Group sensitivity_tree(const SensitivityResult& r) {
    Group root;
    Group& g = root.group("sensitivity");
    g.attr("design", r.design);
    g.add("parameter", r.parameters);
    for (const auto& s : r.statistics) {
        if (!s.ok) continue;
        Group& sg = g.group(s.statistic);
        if (r.design == "morris") {
            sg.add("mu", s.morris.mu);
            sg.add("mu_star", s.morris.mu_star);
            sg.add("sigma", s.morris.sigma);
            std::vector<std::int64_t> used(s.morris.effects_used.begin(), s.morris.effects_used.end());
            sg.add("effects_used", used);
        } else {
            sg.add("S1", s.sobol.s1);
            sg.add("S1_conf", s.sobol.s1_conf);
            sg.add("ST", s.sobol.st);
            sg.add("ST_conf", s.sobol.st_conf);
            if (!s.sobol.s2.empty()) {
                const std::size_t d = r.parameters.size();
                sg.add("S2", s.sobol.s2).shape = {d, d};
                sg.add("S2_conf", s.sobol.s2_conf).shape = {d, d};
            }
            sg.attr("variance", s.sobol.variance);
            sg.attr("bootstrap", static_cast<std::int64_t>(s.sobol.bootstrap));
            sg.attr("confidence", s.sobol.confidence);
        }
    }
    return root;
}

}  // namespace study
