// What `pushpull compare` writes (/compare) and the table it prints from the file (see compare.hpp).
#include <cmath>
#include <cstdio>

#include "models/study/compare.hpp"
#include "models/study/report_text.hpp"
#include "sim/output/tree_check.hpp"
#include "sim/recorded_time.hpp"

namespace study {

namespace {

using sim::out::Group;

std::vector<double> posterior_median(const sim::study::RivalDraws& d) {
    std::vector<double> out;
    for (std::size_t j = 0; j < d.dims; ++j) {
        std::vector<double> v;
        for (std::size_t i = 0; i < d.accepted.size(); ++i)
            if (d.accepted[i] != 0) v.push_back(d.theta[i * d.dims + j]);
        if (v.empty()) {
            out.push_back(std::nan(""));
            continue;
        }
        std::sort(v.begin(), v.end());
        out.push_back(v[(v.size() - 1) / 2]);
    }
    return out;
}

}  // namespace

Group compare_tree(const ComparePlan& plan, const CompareResult& r, const sim::out::Attributes& provenance) {
    Group root;
    root.attrs = provenance;
    root.attr("status", std::string("complete"));
    const auto& s = plan.spec;
    const auto& c = r.choice;
    Group& g = root.group("compare");
    g.attr("file", s.file.string());
    g.attr("text", s.text);
    g.attr("base_resolved", plan.base->resolved_toml());
    g.attr("draws", static_cast<std::int64_t>(s.settings.draws));
    g.attr("accept", s.settings.accept);
    g.attr("seed", static_cast<std::int64_t>(s.settings.seed));
    g.attr("bootstrap", static_cast<std::int64_t>(s.settings.bootstrap));
    g.attr("holdout_after", static_cast<std::int64_t>(s.holdout_after.value_or(0)));
    g.attr("tolerance", c.tolerance);
    g.attr("seconds", sim::recorded_seconds(r.seconds));  // 0 under SOURCE_DATE_EPOCH
    g.attr("notes", plan.notes);
    g.attr("pseudo_model", s.pseudo_model);
    g.attr("pseudo_theta", plan.pseudo_theta);
    std::vector<std::string> kinds;
    std::vector<std::int64_t> accepted;
    for (std::size_t m = 0; m < s.models.size(); ++m) {
        kinds.push_back(s.models[m].kind);
        accepted.push_back(static_cast<std::int64_t>(c.accepted[m]));
    }
    g.add("model", c.names);
    g.add("kind", kinds);
    g.add("probability", c.probability,
          {{"doc", std::string("share of the accepted draws (equal prior model probabilities)")}});
    g.add("probability_q05", c.probability_q05, {{"doc", std::string("bootstrap 5% quantile of the probability")}});
    g.add("probability_q95", c.probability_q95, {{"doc", std::string("bootstrap 95% quantile of the probability")}});
    g.add("accepted", accepted);
    g.add("min_distance", c.min_distance);
    g.add("crps_fitted", r.crps_fitted,
          {{"doc", std::string("mean CRPS of the documented curve over the fitted years")}});
    g.add("crps_heldout", r.crps_heldout,
          {{"doc", std::string("mean CRPS over the held-out years (NaN: no hold-out)")}});
    std::vector<std::string> stats;
    std::vector<double> observed;
    for (const auto& t : plan.distance.terms()) {
        stats.push_back(t.id + " " + t.statistic);
        observed.push_back(t.observed);
    }
    g.add("distance_term", stats);
    g.add("distance_observed", observed);
    g.add("scale", c.scales);
    std::vector<std::int64_t> years(plan.curve_years.begin(), plan.curve_years.end());
    g.add("curve_year", years);
    g.add("curve_observed", plan.curve_observed);
    std::vector<double> crps;
    for (const auto& row : r.crps) crps.insert(crps.end(), row.begin(), row.end());
    g.add("crps", crps, {{"doc", std::string("models x curve years")}}).shape = {s.models.size(), years.size()};
    Group& models = g.group("models");
    for (std::size_t m = 0; m < s.models.size(); ++m) {
        const auto& d = c.draws[m];
        Group& mg = models.group(c.names[m]);
        mg.attr("kind", s.models[m].kind);
        std::vector<std::string> names, priors;
        for (const auto& p : plan.priors[m]) {
            names.push_back(p.name);
            priors.push_back(p.dist.to_string());
        }
        mg.add("parameter", names);
        mg.add("prior", priors);
        mg.add("posterior_median", posterior_median(d));
        mg.add("theta", d.theta).shape = {s.settings.draws, d.dims};
        mg.add("distance", d.distance);
        std::vector<std::int32_t> acc(d.accepted.begin(), d.accepted.end());
        mg.add("accepted", acc);
        mg.add("statistics", d.statistics, {{"doc", std::string("distance-term values, then the curve years")}})
            .shape = {s.settings.draws, c.stat_dims};
    }
    return root;
}

sim::Result<std::string> compare_report(const Group& root) {
    sim::out::TreeCheck check("");
    const Group* g = check.group(root, "/", "compare");
    if (!g) return check.error("compare file");
    const auto* names = check.column<std::string>(*g, "/compare", "model");
    const std::size_t n = names ? names->size() : 0;
    const auto* kinds = check.column<std::string>(*g, "/compare", "kind", n);
    const auto* p = check.column<double>(*g, "/compare", "probability", n);
    const auto* lo = check.column<double>(*g, "/compare", "probability_q05", n);
    const auto* hi = check.column<double>(*g, "/compare", "probability_q95", n);
    const auto* acc = check.column<std::int64_t>(*g, "/compare", "accepted", n);
    const auto* best = check.column<double>(*g, "/compare", "min_distance", n);
    const auto* fit = check.column<double>(*g, "/compare", "crps_fitted", n);
    const auto* held = check.column<double>(*g, "/compare", "crps_heldout", n);
    const auto* terms = check.column<std::string>(*g, "/compare", "distance_term");
    const auto draws = check.int_in(g->attrs, "/compare", "draws", 1, std::int64_t{1} << 40);
    const auto holdout = check.int_in(g->attrs, "/compare", "holdout_after", 0, 3000);
    const auto* tol = check.attr<double>(g->attrs, "/compare", "tolerance");
    const auto* notes = check.attr<std::vector<std::string>>(g->attrs, "/compare", "notes");
    if (!check.ok()) return check.error("compare file");
    std::string out =
        "### Model choice\n\n" + std::to_string(*draws) + " prior draws per model, tolerance " + fixed(*tol, 3) +
        " on " + std::to_string(terms->size()) + " distance terms" +
        (*holdout > 0 ? ", documented curve fitted up to " + std::to_string(*holdout) : "") +
        ".\n\n| model | kind | P(model) | 5–95% | accepted | best distance | CRPS fitted | CRPS held out |\n"
        "|---|---|---:|---|---:|---:|---:|---:|\n";
    for (std::size_t m = 0; m < n; ++m)
        out += "| " + (*names)[m] + " | " + (*kinds)[m] + " | " + fixed((*p)[m], 3) + " | " + fixed((*lo)[m], 3) + "–" +
               fixed((*hi)[m], 3) + " | " + std::to_string((*acc)[m]) + " | " + fixed((*best)[m], 2) + " | " +
               fixed((*fit)[m], 2) + " | " + fixed((*held)[m], 2) + " |\n";
    if (!notes->empty()) {
        out += "\nNotes (targets left out of the distance, pseudo-data):\n";
        for (const auto& line : *notes) out += "- " + line + "\n";
    }
    return out;
}

}  // namespace study
