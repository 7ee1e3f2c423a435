// What `pushpull validate` writes (/validate) and the tables it prints from the file (see validate.hpp).
#include <cmath>
#include <cstdio>

#include "models/study/pushpull_evaluator.hpp"
#include "models/study/report_text.hpp"
#include "models/study/rivals/proper_scores.hpp"
#include "models/study/validate.hpp"
#include "sim/output/tree_check.hpp"
#include "sim/recorded_time.hpp"

namespace study {

namespace {

using sim::out::Group;

std::vector<double> flatten(const std::vector<std::vector<double>>& rows) {
    std::vector<double> out;
    for (const auto& r : rows) out.insert(out.end(), r.begin(), r.end());
    return out;
}

void add_check(Group& checks, const ValidatePlan& plan, const ValidateCheck& c, const CheckResult& r,
               const ValidateResult& all) {
    Group& g = checks.group(c.name);
    const std::size_t models = plan.models.models.size();
    g.attr("kind", c.kind);
    g.attr("data_until", static_cast<std::int64_t>(c.data_until));  // 0: the complete data
    if (c.vintage != 0) {  // this check's own simulation, on the data up to data_until (same theta)
        Group& mg = g.group("models");
        const auto& draws = all.truncated[c.vintage - 1];
        for (std::size_t m = 0; m < models; ++m)
            mg.group(plan.spec.compare.models[m].name)
                .add("simulated", draws[m].statistics,
                     {{"doc", std::string("as /validate/models/<model>/simulated, on the data up to data_until")}})
                .shape = {plan.spec.compare.settings.draws, plan.years() + plan.iso3.size()};
    }
    g.attr("fit_last", static_cast<std::int64_t>(c.fit_last));
    g.attr("score_first", static_cast<std::int64_t>(c.score_first));
    g.attr("score_last", static_cast<std::int64_t>(c.score_last));
    g.attr("event_from", static_cast<std::int64_t>(c.event_from));
    g.attr("tolerance", r.choice.tolerance);
    std::int64_t fitted = 0;
    for (const auto f : c.fit_country) fitted += f;
    g.attr("fit_countries", fitted);
    g.add("probability", r.choice.probability,
          {{"doc", std::string("ABC model choice on this check's fit: share of the pooled accepted draws")}});
    g.add("probability_q05", r.choice.probability_q05);
    g.add("probability_q95", r.choice.probability_q95);
    std::vector<std::int64_t> accepted(r.choice.accepted.begin(), r.choice.accepted.end());
    g.add("accepted", accepted);
    g.add("crps", r.crps, {{"doc", std::string("mean CRPS of the scored curve years (each model's own posterior)")}});
    g.add("brier", r.brier, {{"doc", std::string("mean Brier score of the per-country event")}});
    g.add("log_score", r.log_score, {{"doc", std::string("mean log score of the per-country event")}});
    std::vector<std::int64_t> years;
    for (int y = c.score_first; y <= c.score_last; ++y) years.push_back(y);
    g.add("score_year", years);
    g.add("observed_curve", r.observed_curve);
    g.add("crps_year", flatten(r.crps_year), {{"doc", std::string("models x scored years")}}).shape = {models,
                                                                                                       years.size()};
    g.add("scored_country", r.scored_iso3);
    g.add("label", r.label, {{"doc", std::string("1: first documented in (event_from, score_last]")}});
    g.add("p_country", flatten(r.p_country), {{"doc", std::string("models x scored countries: P(event)")}}).shape = {
        models, r.scored_iso3.size()};
}

/// Per model, its log-score gap to the check's best model with a paired bootstrap interval over
/// the scored countries ("best" for the best, "n/a" without scores).
std::vector<std::string> log_gaps(const std::vector<double>& logs, const std::vector<double>& p_country,
                                  const std::vector<double>& label) {
    const std::size_t n = logs.size(), k = label.size();
    std::vector<std::string> out(n, "n/a");
    std::size_t best = n;
    for (std::size_t m = 0; m < n; ++m)
        if (std::isfinite(logs[m]) && (best == n || logs[m] < logs[best])) best = m;
    if (best == n || k == 0) return out;
    const std::span<const double> all(p_country), b = all.subspan(best * k, k);
    for (std::size_t m = 0; m < n; ++m) {
        if (m == best) {
            out[m] = "best";
            continue;
        }
        if (!std::isfinite(logs[m])) continue;
        const auto g = rivals::paired_log_gap(all.subspan(m * k, k), b, label, 1000, 1);
        out[m] = "+" + fixed(g.mean, 3) + " (" + fixed(g.q05, 3) + " to " + fixed(g.q95, 3) + ")";
    }
    return out;
}

}  // namespace

Group validate_tree(const ValidatePlan& plan, const ValidateResult& r, const sim::out::Attributes& provenance) {
    Group root;
    root.attrs = provenance;
    root.attr("status", std::string("complete"));
    const auto& s = plan.spec;
    const auto& st = s.compare.settings;
    Group& g = root.group("validate");
    g.attr("file", s.file.string());
    g.attr("text", s.text);
    g.attr("compare_file", s.compare.file.string());
    g.attr("compare_text", s.compare.text);
    g.attr("base_resolved", plan.models.base->resolved_toml());
    g.attr("draws", static_cast<std::int64_t>(st.draws));
    g.attr("accept", st.accept);
    g.attr("seed", static_cast<std::int64_t>(st.seed));
    g.attr("bootstrap", static_cast<std::int64_t>(st.bootstrap));
    g.attr("region_by", s.region_by);
    g.attr("forecast_through", static_cast<std::int64_t>(s.forecast_through));
    g.attr("truncate_data", s.truncate_data);
    g.attr("seconds", sim::recorded_seconds(r.seconds));  // 0 under SOURCE_DATE_EPOCH
    g.attr("notes", plan.notes);
    std::vector<std::string> names, kinds, checks;
    for (const auto& m : s.compare.models) {
        names.push_back(m.name);
        kinds.push_back(m.kind);
    }
    for (const auto& c : plan.checks) checks.push_back(c.name);
    g.add("model", names);
    g.add("kind", kinds);
    g.add("check", checks);
    g.add("country", plan.iso3);
    g.add("region", plan.region);
    std::vector<std::int64_t> observed(plan.observed_year.begin(), plan.observed_year.end());
    g.add("observed_year", observed, {{"doc", std::string("first documented year (0: none)")}});
    Group& models = g.group("models");
    const std::size_t row = plan.years() + plan.iso3.size();
    for (std::size_t m = 0; m < names.size(); ++m) {
        const auto& d = r.draws[m];
        Group& mg = models.group(names[m]);
        mg.attr("kind", kinds[m]);
        std::vector<std::string> pn, pr;
        for (const auto& p : plan.models.priors[m]) {
            pn.push_back(p.name);
            pr.push_back(p.dist.to_string());
        }
        mg.add("parameter", pn);
        mg.add("prior", pr);
        mg.add("theta", d.theta).shape = {st.draws, d.dims};
        mg.add("simulated", d.statistics,
               {{"doc", std::string("draws x (documented curve 2009..forecast_through, then each country's "
                                    "documented time in fractional years: inf none, NaN a curve-only model)")}})
            .shape = {st.draws, row};
    }
    Group& cg = g.group("checks");
    for (std::size_t c = 0; c < plan.checks.size(); ++c) add_check(cg, plan, plan.checks[c], r.checks[c], r);
    return root;
}

sim::Result<std::string> validate_report(const Group& root) {
    sim::out::TreeCheck check("");
    const Group* g = check.group(root, "/", "validate");
    if (!g) return check.error("validate file");
    const auto* names = check.column<std::string>(*g, "/validate", "model");
    const auto* kinds = check.column<std::string>(*g, "/validate", "kind", names ? names->size() : 0);
    const auto* checks = check.column<std::string>(*g, "/validate", "check");
    const auto draws = check.int_in(g->attrs, "/validate", "draws", 1, std::int64_t{1} << 40);
    const auto* accept = check.attr<double>(g->attrs, "/validate", "accept");
    const auto* notes = check.attr<std::vector<std::string>>(g->attrs, "/validate", "notes");
    const Group* cg = check.group(*g, "/validate", "checks");
    if (!check.ok()) return check.error("validate file");
    const std::size_t n = names->size();
    std::string out = "### Out-of-sample checks\n\n" + std::to_string(*draws) +
                      " prior draws per model; each model scored on its own closest " + fixed(*accept * 100, 1) +
                      "% of draws. Lower scores are better. Δlog: the log-score gap to the check's best model, "
                      "with a paired bootstrap interval over the scored countries (an interval reaching 0: the "
                      "countries cannot tell the two apart).\n";
    std::vector<std::vector<std::string>> summary(n);
    for (const auto& name : *checks) {
        const std::string path = "/validate/checks/" + name;
        const Group* c = check.group(*cg, "/validate/checks", name);
        if (!c) return check.error("validate file");
        const auto* p = check.column<double>(*c, path, "probability", n);
        const auto* lo = check.column<double>(*c, path, "probability_q05", n);
        const auto* hi = check.column<double>(*c, path, "probability_q95", n);
        const auto* crps = check.column<double>(*c, path, "crps", n);
        const auto* brier = check.column<double>(*c, path, "brier", n);
        const auto* logs = check.column<double>(*c, path, "log_score", n);
        const auto* label = check.column<double>(*c, path, "label");
        const auto* p_country = check.column<double>(*c, path, "p_country", label ? n * label->size() : 0,
                                                     label ? label->size() : 0);
        const auto first = check.int_in(c->attrs, path, "score_first", 1900, 3000);
        const auto last = check.int_in(c->attrs, path, "score_last", 1900, 3000);
        const auto from = check.int_in(c->attrs, path, "event_from", 1900, 3000);
        const auto data_until = check.int_in(c->attrs, path, "data_until", 0, 3000);
        if (!check.ok()) return check.error("validate file");
        double positives = 0;
        for (const double y : *label) positives += y;
        out += "\n#### " + name + "\n\ndata: " +
               data_vintage_text(*data_until) +
               "; scored: curve " + std::to_string(*first) + "–" + std::to_string(*last) + "; " +
               std::to_string(label->size()) + " countries not documented by " + std::to_string(*from) + ", " +
               fixed(positives, 0) + " first documented " + std::to_string(*from + 1) + "–" + std::to_string(*last) +
               "\n\n| model | kind | P(model) | 5–95% | CRPS | Brier | log score | Δlog vs best, 5–95% |\n"
               "|---|---|---:|---|---:|---:|---:|---|\n";
        const auto gaps = log_gaps(*logs, *p_country, *label);
        for (std::size_t m = 0; m < n; ++m) {
            out += "| " + (*names)[m] + " | " + (*kinds)[m] + " | " + fixed((*p)[m], 3) + " | " + fixed((*lo)[m], 3) +
                   "–" + fixed((*hi)[m], 3) + " | " + fixed((*crps)[m], 2) + " | " + fixed((*brier)[m], 3) + " | " +
                   fixed((*logs)[m], 3) + " | " + gaps[m] + " |\n";
            summary[m].push_back(fixed((*crps)[m], 2) + " / " + fixed((*logs)[m], 3));
        }
    }
    out += "\n#### Summary: CRPS / log score per check\n\n| model |";
    for (const auto& name : *checks) out += " " + name + " |";
    out += "\n|---|";
    for (std::size_t c = 0; c < checks->size(); ++c) out += "---:|";
    out += "\n";
    for (std::size_t m = 0; m < n; ++m) {
        out += "| " + (*names)[m] + " |";
        for (const auto& cell : summary[m]) out += " " + cell + " |";
        out += "\n";
    }
    if (!notes->empty()) {
        out += "\nNotes:\n";
        for (const auto& line : *notes) out += "- " + line + "\n";
    }
    return out;
}

}  // namespace study
