#include "models/pushpull/experiment/output.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <limits>
#include <map>
#include <numeric>
#include <sstream>
#include <variant>

#include "models/pushpull/record/units.hpp"
#include "sim/recorded_time.hpp"

namespace pushpull::experiment {

namespace {

void add_contrasts(sim::out::Group& g, const std::vector<Contrast>& cs) {
    std::vector<std::string> arm, against, stat;
    std::vector<double> mean, q05, q50, q95, sdp, sdu, vr;
    std::vector<double> lo, hi, se, pneg, ppos, pnegc, vt, vs, vun, vc, vseed;
    std::vector<std::int32_t> n, units;
    for (const auto& c : cs) {
        lo.push_back(c.ci_lo);
        hi.push_back(c.ci_hi);
        se.push_back(c.se);
        pneg.push_back(c.p_negative);
        ppos.push_back(c.p_positive);
        pnegc.push_back(c.p_negative_cell);
        vt.push_back(c.variance.total);
        vs.push_back(c.variance.structural);
        vun.push_back(c.variance.unidentified);
        vc.push_back(c.variance.calibrated);
        vseed.push_back(c.variance.seed);
        units.push_back(c.units);
        arm.push_back(c.arm);
        against.push_back(c.against);
        stat.push_back(c.statistic);
        mean.push_back(c.mean);
        q05.push_back(c.q05);
        q50.push_back(c.q50);
        q95.push_back(c.q95);
        sdp.push_back(c.sd_paired);
        sdu.push_back(c.sd_unpaired);
        vr.push_back(c.variance_ratio);
        n.push_back(c.n);
    }
    g.add("arm", arm);
    g.add("against", against);
    g.add("statistic", stat);
    g.add("mean", mean);
    g.add("q05", q05);
    g.add("q50", q50);
    g.add("q95", q95);
    g.add("sd_paired", sdp);
    g.add("sd_unpaired", sdu);
    g.add("variance_ratio", vr);
    g.add("n", n);
    g.add("ci_lo", lo);
    g.add("ci_hi", hi);
    g.add("se", se);
    g.add("units", units);
    g.add("p_negative", pneg);
    g.add("p_positive", ppos);
    g.add("p_negative_cell", pnegc);
    g.add("var_total", vt);
    g.add("var_structural", vs);
    g.add("var_unidentified", vun);
    g.add("var_calibrated", vc);
    g.add("var_seed", vseed);
}

void add_rankings(sim::out::Group& g, const std::vector<Ranking>& rs) {
    std::vector<std::string> stat, arm;
    std::vector<double> mean, pb, pbc;
    for (const auto& r : rs) {
        stat.push_back(r.statistic);
        arm.push_back(r.arm);
        mean.push_back(r.mean);
        pb.push_back(r.p_best);
        pbc.push_back(r.p_best_cell);
    }
    g.attr("doc", std::string("per ranked statistic and arm: mean level and the probability of the lowest value (by run, by cell)"));
    g.add("statistic", stat);
    g.add("arm", arm);
    g.add("mean", mean);
    g.add("p_best", pb);
    g.add("p_best_cell", pbc);
}

/// Per arm, statistic and step: the 5/25/50/75/95% quantiles over the arm's runs (draws x
/// replicates), long (one row per arm x statistic x step).
void add_trajectories(sim::out::Group& g, const Plan& plan, const Results& results) {
    std::vector<std::string> arm, stat;
    std::vector<std::int32_t> step;
    std::vector<double> years;
    std::vector<std::vector<double>> q(5);
    constexpr double kProbs[] = {0.05, 0.25, 0.50, 0.75, 0.95};
    const std::size_t per_arm = plan.runs_per_arm();
    const std::size_t steps = results.time_years.size();
    for (std::size_t a = 0; a < plan.arms.size(); ++a)
        for (std::size_t s = 0; s < results.series_names.size(); ++s)
            for (std::size_t t = 0; t < steps; ++t) {
                std::vector<double> v;
                for (std::size_t k = 0; k < per_arm; ++k) {
                    const auto& r = results.runs[a * per_arm + k];
                    if (s < r.series.size() && t < r.series[s].size()) v.push_back(r.series[s][t]);
                }
                arm.push_back(plan.arms[a].name);
                stat.push_back(results.series_names[s]);
                step.push_back(static_cast<std::int32_t>(t));
                years.push_back(results.time_years[t]);
                for (std::size_t j = 0; j < 5; ++j)
                    q[j].push_back(v.empty() ? std::numeric_limits<double>::quiet_NaN() : quantile(v, kProbs[j]));
            }
    g.attr("doc", std::string("per arm, statistic and step: quantiles of the value over the arm's draws x replicates"));
    g.add("arm", arm);
    g.add("statistic", stat);
    g.add("step", step);
    g.add("time_years", years);
    g.add("q05", q[0]);
    g.add("q25", q[1]);
    g.add("q50", q[2]);
    g.add("q75", q[3]);
    g.add("q95", q[4]);
}

// ---- reading back -------------------------------------------------------------------------------

const sim::out::Group* find_group(const sim::out::Group& g, const std::string& name) {
    for (const auto& c : g.groups)
        if (c.name == name) return &c;
    return nullptr;
}

template <class T>
const std::vector<T>* column(const sim::out::Group& g, const std::string& name) {
    for (const auto& d : g.datasets)
        if (d.name == name) return std::get_if<std::vector<T>>(&d.data);
    return nullptr;
}

template <class T>
const T* attr(const sim::out::Group& g, const std::string& name) {
    for (const auto& [k, v] : g.attrs)
        if (k == name) return std::get_if<T>(&v);
    return nullptr;
}

struct Table {
    const std::vector<std::string>* arm = nullptr;
    const std::vector<std::string>* against = nullptr;
    const std::vector<std::string>* stat = nullptr;
    const std::vector<double>*mean = nullptr, *q05 = nullptr, *q50 = nullptr, *q95 = nullptr, *sdp = nullptr, *sdu = nullptr,
    *vr = nullptr;
    /// Every column present, with one value per row (a shortened column would be read past its end).
    [[nodiscard]] bool ok() const {
        if (!(arm && against && stat && mean && q05 && q50 && q95 && sdp && sdu && vr)) return false;
        const std::size_t n = arm->size();
        return against->size() == n && stat->size() == n && mean->size() == n && q05->size() == n &&
               q50->size() == n && q95->size() == n && sdp->size() == n && sdu->size() == n && vr->size() == n;
    }
    [[nodiscard]] std::size_t size() const { return arm->size(); }
};

Table read_table(const sim::out::Group& g) {
    Table t;
    t.arm = column<std::string>(g, "arm");
    t.against = column<std::string>(g, "against");
    t.stat = column<std::string>(g, "statistic");
    t.mean = column<double>(g, "mean");
    t.q05 = column<double>(g, "q05");
    t.q50 = column<double>(g, "q50");
    t.q95 = column<double>(g, "q95");
    t.sdp = column<double>(g, "sd_paired");
    t.sdu = column<double>(g, "sd_unpaired");
    t.vr = column<double>(g, "variance_ratio");
    return t;
}

std::string num(double x, int prec) {
    if (!std::isfinite(x)) return "n/a";
    char buf[48];
    std::snprintf(buf, sizeof buf, "%.*f", prec, std::abs(x) < 0.5 * std::pow(10.0, -prec) ? 0.0 : x);
    return buf;
}

std::string cell(const Table& t, std::size_t i, int prec) {
    if (!std::isfinite((*t.mean)[i])) return "n/a";
    return num((*t.mean)[i], prec) + " [" + num((*t.q05)[i], prec) + ", " + num((*t.q95)[i], prec) + "]";
}

std::string pad(const std::string& s, std::size_t w) { return s.size() >= w ? s + " " : s + std::string(w - s.size(), ' '); }

int precision(const std::string& stat) {
    return stat.find("share") != std::string::npos ? 3 : stat.find("years") != std::string::npos ? 2 : 1;
}

/// "Which lever, how much, how sure" (R14): each arm against the reference on the experiment's
/// outcome, sorted by the mean effect. Files written before R14 lack the columns: no table.
void decision_table(std::ostringstream& o, const sim::out::Group& root, const sim::out::Group& cg, const sim::out::Group& e) {
    const Table t = read_table(cg);
    const auto* lo = column<double>(cg, "ci_lo");
    const auto* hi = column<double>(cg, "ci_hi");
    const auto* pneg = column<double>(cg, "p_negative");
    const auto* pnegc = column<double>(cg, "p_negative_cell");
    const auto* vt = column<double>(cg, "var_total");
    const auto* vs = column<double>(cg, "var_structural");
    const auto* vu = column<double>(cg, "var_unidentified");
    const auto* vc = column<double>(cg, "var_calibrated");
    const auto* vseed = column<double>(cg, "var_seed");
    const std::size_t n = t.size();
    for (const auto* c : {lo, hi, pneg, pnegc, vt, vs, vu, vc, vseed})
        if (!c || c->size() != n) return;
    const auto* outcome_attr = attr<std::string>(e, "outcome");
    const std::string outcome = outcome_attr ? *outcome_attr : "countries_adopted_horizon";
    const auto* arm_names = attr<std::vector<std::string>>(e, "arms");
    const auto* costs = attr<std::vector<double>>(e, "arm_cost_musd");
    auto cost_of = [&](const std::string& a) {
        if (!arm_names || !costs || costs->size() != arm_names->size()) return std::numeric_limits<double>::quiet_NaN();
        for (std::size_t i = 0; i < arm_names->size(); ++i)
            if ((*arm_names)[i] == a) return (*costs)[i];
        return std::numeric_limits<double>::quiet_NaN();
    };
    // p_best of the outcome from /ranking, if stored.
    std::map<std::string, std::pair<double, double>> best;
    if (const auto* rg = find_group(root, "ranking")) {
        const auto* rs = column<std::string>(*rg, "statistic");
        const auto* ra = column<std::string>(*rg, "arm");
        const auto* pb = column<double>(*rg, "p_best");
        const auto* pbc = column<double>(*rg, "p_best_cell");
        if (rs && ra && pb && pbc && ra->size() == rs->size() && pb->size() == rs->size() && pbc->size() == rs->size())
            for (std::size_t i = 0; i < rs->size(); ++i)
                if ((*rs)[i] == outcome) best[(*ra)[i]] = {(*pb)[i], (*pbc)[i]};
    }
    std::vector<std::size_t> rows;
    std::map<std::string, double> spent;
    for (std::size_t i = 0; i < n; ++i) {
        if ((*t.stat)[i] == outcome) rows.push_back(i);
        if ((*t.stat)[i] == "us_spent_musd_horizon") spent[(*t.arm)[i]] = (*t.mean)[i];
    }
    if (rows.empty()) return;
    std::stable_sort(rows.begin(), rows.end(), [&](std::size_t x, std::size_t y) {
        const double a = (*t.mean)[x], b = (*t.mean)[y];
        return (std::isfinite(a) ? a : 1e300) < (std::isfinite(b) ? b : 1e300);
    });
    const int p = precision(outcome);
    auto pct = [&](const std::vector<double>* part, std::size_t i) {
        const double tot = (*vt)[i];
        return tot > 0 && std::isfinite(tot) ? num(100.0 * (*part)[i] / tot, 0) : std::string("-");
    };
    std::size_t aw = 5;
    for (std::size_t i : rows) aw = std::max(aw, (*t.arm)[i].size() + 2);
    o << "Which lever, how much, how sure: d " << outcome << " (arm - " << (*t.against)[rows[0]] << ")\n";
    o << "  cost: stated USD million a year; spent: mean U.S. spending to the horizon (USD million, arm - reference);\n"
      << "  mean [95% CI of the mean]; 5-95% of the paired differences; P(d<0) over runs and over cells;\n"
      << "  P(best) = probability of the lowest " << outcome << " of all arms (by run / by cell);\n"
      << "  variance %: structural / unidentified / calibrated / seed (sums to 100).\n";
    o << pad("arm", aw) << pad("cost $M/yr", 11) << pad("spent $M", 10) << pad("mean [95% CI]", 24) << pad("5-95%", 18)
      << pad("P(d<0) run/cell", 17) << pad("P(best) run/cell", 18) << "variance % s/u/c/seed\n";
    o << std::string(aw + 11 + 10 + 24 + 18 + 17 + 18 + 21, '-') << "\n";
    for (std::size_t i : rows) {
        const auto& a = (*t.arm)[i];
        const auto b = best.find(a);
        const std::string sp = spent.contains(a) ? num(spent[a], 1) : "-";
        o << pad(a, aw) << pad(num(cost_of(a), 1), 11) << pad(sp, 10)
          << pad(num((*t.mean)[i], p) + " [" + num((*lo)[i], p) + ", " + num((*hi)[i], p) + "]", 24)
          << pad("[" + num((*t.q05)[i], p) + ", " + num((*t.q95)[i], p) + "]", 18)
          << pad(num((*pneg)[i], 2) + " / " + num((*pnegc)[i], 2), 17)
          << pad(b == best.end() ? "-" : num(b->second.first, 2) + " / " + num(b->second.second, 2), 18)
          << pct(vs, i) + "/" + pct(vu, i) + "/" + pct(vc, i) + "/" + pct(vseed, i) << "\n";
    }
    if (const auto ref = best.find((*t.against)[rows[0]]); ref != best.end())
        o << "  P(best) of the reference " << ref->first << ": " << num(ref->second.first, 2) << " / " << num(ref->second.second, 2) << "\n";
    o << "\n";
}

}  // namespace

sim::out::Group experiment_tree(const Plan& plan, const Results& results) {
    sim::out::Group root;
    root.attr("kind", std::string("pushpull experiment"));
    auto& e = root.group("experiment");
    const auto& s = plan.spec;
    e.attr("experiment_file", s.file.string());
    e.attr("experiment_text", s.text);
    e.attr("base", s.base.string());
    e.attr("base_resolved", plan.base_resolved_toml);
    e.attr("horizon", s.horizon);
    e.attr("draws", static_cast<std::int64_t>(s.draws));
    sim::out::Group dg{"draws", {}, {}, {}};  // added after /experiment (root.group would move `e`)
    if (plan.posterior) {
        e.attr("draws_source", std::string("posterior (systematic resampling seeded by the experiment seed)"));
        e.attr("posterior_file", plan.posterior->file.string());
        e.attr("posterior_sha256", plan.posterior->sha256);
        e.attr("posterior_particles", static_cast<std::int64_t>(plan.posterior->particles));
        std::vector<std::int32_t> draw;
        std::vector<std::int64_t> particle;
        std::vector<double> values;
        for (std::size_t d = 0; d < plan.draws.size(); ++d) {
            draw.push_back(static_cast<std::int32_t>(d));
            particle.push_back(static_cast<std::int64_t>(plan.draws[d].particle));
            values.insert(values.end(), plan.draws[d].values.begin(), plan.draws[d].values.end());
        }
        dg.attr("posterior_file", plan.posterior->file.string());
        dg.add("draw", draw);
        dg.add("particle", particle);
        dg.add("parameter", plan.posterior->parameters);
        dg.add("values", values).shape = {plan.draws.size(), plan.posterior->parameters.size()};
    } else {
        e.attr("draws_source", std::string("base parameters (no posterior)"));
    }
    e.attr("replicates", static_cast<std::int64_t>(s.replicates));
    e.attr("seed", static_cast<std::int64_t>(s.seed));
    e.attr("reference", s.reference);
    e.attr("headline", s.headline);
    std::vector<std::string> arms, sets;
    for (const auto& a : plan.arms) {
        arms.push_back(a.name);
        std::string joined;
        for (const auto& x : a.sets) joined += (joined.empty() ? "" : "; ") + x;
        sets.push_back(joined);
    }
    e.attr("arms", arms);
    e.attr("arm_overrides", sets);
    std::vector<double> costs;
    for (const auto& a : plan.arms) costs.push_back(a.cost_musd);
    e.attr("arm_cost_musd", costs);
    e.attr("unidentified_draws", static_cast<std::int64_t>(s.unidentified_draws));
    e.attr("structures", static_cast<std::int64_t>(plan.structures()));
    e.attr("cells", static_cast<std::int64_t>(plan.cells()));
    e.attr("outcome", s.outcome);
    e.attr("rank_by", s.rank_by.empty() ? std::vector<std::string>{s.outcome} : s.rank_by);
    e.attr("fixed_with_prior", plan.fixed_with_prior);
    e.attr("seconds", sim::recorded_seconds(results.seconds));  // 0 under SOURCE_DATE_EPOCH
    if (plan.posterior) root.groups.push_back(std::move(dg));
    if (!plan.unidentified.keys.empty()) {  // the prior draws every arm shares
        const auto& un = plan.unidentified;
        auto& ug = root.group("unidentified");
        std::vector<std::int32_t> u;
        for (std::size_t i = 0; i < un.sets.size(); ++i) u.push_back(static_cast<std::int32_t>(i));
        ug.attr("design", std::string("Latin hypercube seeded by the experiment seed, mapped by each prior's inverse CDF"));
        ug.add("draw", u);
        ug.add("parameter", un.keys);
        ug.add("prior", un.priors);
        ug.add("values", un.values).shape = {un.sets.size(), un.keys.size()};
    }
    if (!s.structures.empty()) {
        auto& sg = root.group("structures");
        std::vector<std::string> names, over;
        for (const auto& u : s.structures) {
            names.push_back(u.name);
            std::string joined;
            for (const auto& x : u.sets) joined += (joined.empty() ? "" : "; ") + x;
            over.push_back(joined);
        }
        sg.add("name", names);
        sg.add("overrides", over);
    }

    auto& runs = root.group("runs");
    std::vector<std::string> arm;
    std::vector<std::int32_t> draw, rep, structure, unidentified;
    std::vector<std::int64_t> seed;
    for (const auto& r : results.runs) {
        arm.push_back(plan.arms[static_cast<std::size_t>(r.arm)].name);
        structure.push_back(r.structure);
        unidentified.push_back(r.unidentified);
        draw.push_back(r.draw);
        rep.push_back(r.replicate);
        seed.push_back(static_cast<std::int64_t>(r.seed));
    }
    runs.add("arm", arm);
    runs.add("structure", structure);
    runs.add("unidentified", unidentified);
    runs.add("draw", draw);
    runs.add("replicate", rep);
    runs.add("seed", seed);
    for (std::size_t k = 0; k < results.statistics.size(); ++k) {
        std::vector<double> v;
        for (const auto& r : results.runs) v.push_back(r.values[k]);
        runs.add(results.statistics[k], v);
    }
    add_contrasts(root.group("contrasts"), reference_contrasts(plan, results));
    if (plan.headline_a >= 0) add_contrasts(root.group("headline"), headline_contrasts(plan, results));
    add_rankings(root.group("ranking"), rankings(plan, results));
    {
        const auto L = layout_of(plan);
        const std::string unit = L.unidentified >= 2 ? "unidentified draws" : L.draws >= 2 ? "calibrated draws" : "replicates";
        for (auto& g : root.groups)
            if (g.name == "contrasts" || g.name == "headline") g.attr("ci_unit", unit);
    }
    add_trajectories(root.group("trajectories"), plan, results);
    add_experiment_units(root);
    return root;
}

const std::vector<std::string>& r14_columns() {
    static const std::vector<std::string> names = {"ci_lo",     "ci_hi",          "se",           "p_negative",
                                                   "p_positive", "p_negative_cell", "var_total",   "var_structural",
                                                   "var_unidentified", "var_calibrated", "var_seed"};
    return names;
}

sim::Result<void> check_r14(const sim::out::Group& root) {
    auto dataset = [](const sim::out::Group& g, const std::string& name) -> const sim::out::Dataset* {
        for (const auto& d : g.datasets)
            if (d.name == name) return &d;
        return nullptr;
    };
    auto length = [](const sim::out::Dataset& d) {
        return std::visit([](const auto& v) { return v.size(); }, d.data);
    };
    for (const char* table : {"contrasts", "headline"}) {
        const auto* g = find_group(root, table);
        if (!g) continue;
        const auto* arm = column<std::string>(*g, "arm");
        if (!arm) continue;  // the pre-R14 check names it
        for (const auto& name : r14_columns()) {
            const auto* d = dataset(*g, name);
            if (!d) continue;
            if (!std::holds_alternative<std::vector<double>>(d->data))
                return sim::bad_input("/" + std::string(table) + "/" + name, "expected a double column");
            if (length(*d) != arm->size())
                return sim::bad_input("/" + std::string(table) + "/" + name,
                                      std::to_string(length(*d)) + " values for " + std::to_string(arm->size()) + " rows");
        }
    }
    if (const auto* rg = find_group(root, "ranking")) {
        const auto* st = column<std::string>(*rg, "statistic");
        if (!st) return sim::bad_input("/ranking/statistic", "missing or not a string column");
        if (const auto* a = column<std::string>(*rg, "arm"); !a || a->size() != st->size())
            return sim::bad_input("/ranking/arm", "missing, not strings, or not " + std::to_string(st->size()) + " rows");
        for (const char* name : {"mean", "p_best", "p_best_cell"})
            if (const auto* c = column<double>(*rg, name); !c || c->size() != st->size())
                return sim::bad_input("/ranking/" + std::string(name),
                                      "missing, not doubles, or not " + std::to_string(st->size()) + " rows");
    }
    return {};
}

sim::Result<std::string> format_report(const sim::out::Group& root, bool all) {
    const auto* e = find_group(root, "experiment");
    const auto* cg = find_group(root, "contrasts");
    if (!e || !cg) return sim::bad_input("report", "not an experiment file (no /experiment and /contrasts groups)");
    const Table t = read_table(*cg);
    if (!t.ok()) return sim::bad_input("report", "/contrasts lacks a column or has columns of different lengths (arm, against, statistic, mean, q05, q50, q95, sd_paired, sd_unpaired, variance_ratio)");
    if (auto ok = check_r14(root); !ok) return std::unexpected(ok.error());

    std::ostringstream o;
    const auto* file = attr<std::string>(*e, "experiment_file");
    const auto* horizon = attr<std::string>(*e, "horizon");
    const auto* ref = attr<std::string>(*e, "reference");
    const auto* draws = attr<std::int64_t>(*e, "draws");
    const auto* reps = attr<std::int64_t>(*e, "replicates");
    const auto* structures = attr<std::int64_t>(*e, "structures");
    const auto* unidentified = attr<std::int64_t>(*e, "unidentified_draws");
    o << "Experiment " << (file ? *file : "?") << ": horizon " << (horizon ? *horizon : "?") << ", ";
    if (structures && unidentified)
        o << *structures << " structure(s) x " << *unidentified << " unidentified draw(s) x ";
    o << (draws ? *draws : 0) << " calibrated draw(s) x " << (reps ? *reps : 0) << " replicate(s), common random numbers\n";
    o << "Paired contrasts arm - " << (ref ? *ref : "reference") << ": mean [5%, 95%] over the paired runs.\n";
    o << "Sorted by the effect on countries adopting at the horizon (largest reduction first).\n\n";

    // index: arm -> statistic -> row
    std::vector<std::string> arms;
    std::map<std::string, std::map<std::string, std::size_t>> at;
    std::vector<std::string> stats;
    for (std::size_t i = 0; i < t.size(); ++i) {
        const auto& a = (*t.arm)[i];
        if (!at.contains(a)) arms.push_back(a);
        at[a][(*t.stat)[i]] = i;
        if (std::find(stats.begin(), stats.end(), (*t.stat)[i]) == stats.end()) stats.push_back((*t.stat)[i]);
    }
    const std::string key = "countries_adopted_horizon";
    auto effect = [&](const std::string& a) {
        const auto it = at[a].find(key);
        const double v = it == at[a].end() ? std::numeric_limits<double>::quiet_NaN() : (*t.mean)[it->second];
        return std::isfinite(v) ? v : 1e300;
    };
    std::stable_sort(arms.begin(), arms.end(), [&](const auto& x, const auto& y) { return effect(x) < effect(y); });
    decision_table(o, root, *cg, *e);

    std::size_t aw = 4;
    for (const auto& a : arms) aw = std::max(aw, a.size() + 2);
    auto table = [&](const std::vector<std::pair<std::string, std::string>>& cols, std::size_t cw) {
        o << pad("arm", aw);
        for (const auto& [stat, label] : cols) o << pad(label, cw);
        o << "\n" << std::string(aw + cw * cols.size(), '-') << "\n";
        for (const auto& a : arms) {
            o << pad(a, aw);
            for (const auto& [stat, label] : cols) {
                const auto it = at[a].find(stat);
                o << pad(it == at[a].end() ? "-" : cell(t, it->second, precision(stat)), cw);
            }
            o << "\n";
        }
        o << "\n";
    };
    table({{"countries_adopted_horizon", "d countries (horizon)"},
           {"countries_adopted_2019", "d countries (2019)"},
           {"cities_adopted_horizon", "d cities (horizon)"},
           {"cities_adopted_2019", "d cities (2019)"}},
          24);
    table({{"countries_operating_horizon", "d countries operating"},
           {"cities_operating_horizon", "d cities operating"},
           {"contests_horizon", "d contests"},
           {"cities_downscaled_horizon", "d cities downscaled"}},
          24);
    table({{"chinese_vendor_share", "d Chinese share"},
           {"adoption_share_free", "d share Free adopting"},
           {"adoption_share_high_crime", "d share high-crime"},
           {"years_to_first_adoption", "d years to 1st adoption"}},
          26);

    // Regions: means only.
    std::vector<std::pair<std::string, std::string>> regions;
    for (const auto& s : stats)
        if (s.rfind("countries_adopted_region_", 0) == 0) regions.emplace_back(s, s.substr(25));
    if (!regions.empty()) {
        o << "By region (UN): mean d countries adopting at the horizon\n";
        o << pad("arm", aw);
        for (const auto& r : regions) o << pad(r.second, 11);
        o << "\n" << std::string(aw + 11 * regions.size(), '-') << "\n";
        for (const auto& a : arms) {
            o << pad(a, aw);
            for (const auto& r : regions) {
                const auto it = at[a].find(r.first);
                o << pad(it == at[a].end() ? "-" : num((*t.mean)[it->second], 2), 11);
            }
            o << "\n";
        }
        o << "\n";
    }

    // CRN: variance ratio on the key statistic.
    std::vector<double> ratios;
    o << "Common random numbers: var(paired) / var(unpaired) of d countries (horizon)\n";
    for (const auto& a : arms) {
        const auto it = at[a].find(key);
        if (it == at[a].end()) continue;
        const std::size_t i = it->second;
        o << "  " << pad(a, aw) << "sd paired " << pad(num((*t.sdp)[i], 2), 8) << "sd unpaired " << pad(num((*t.sdu)[i], 2), 8)
          << "ratio " << num((*t.vr)[i], 3) << "\n";
        if (std::isfinite((*t.vr)[i])) ratios.push_back((*t.vr)[i]);
    }
    if (!ratios.empty()) {
        std::sort(ratios.begin(), ratios.end());
        o << "  median ratio over arms: " << num(ratios[ratios.size() / 2], 3) << "\n";
    }
    o << "\n";

    if (const auto* hg = find_group(root, "headline")) {
        const Table h = read_table(*hg);
        if (h.ok() && h.size() > 0) {
            const auto* lo = column<double>(*hg, "ci_lo");
            const auto* hi = column<double>(*hg, "ci_hi");
            const auto* pneg = column<double>(*hg, "p_negative");
            const bool r14 = lo && hi && pneg && lo->size() == h.size() && hi->size() == h.size() && pneg->size() == h.size();
            o << "Headline contrast: " << (*h.arm)[0] << " - " << (*h.against)[0] << " (paired)\n";
            o << pad("statistic", 40) << pad("mean [5%, 95%]", 30) << pad("median", 10) << pad("sd paired", 11) << pad("sd unpaired", 12);
            if (r14) o << pad("95% CI of the mean", 22) << "P(d<0)";
            o << "\n" << std::string(r14 ? 142 : 102, '-') << "\n";
            for (std::size_t i = 0; i < h.size(); ++i) {
                const int p = precision((*h.stat)[i]);
                o << pad((*h.stat)[i], 40) << pad(cell(h, i, p), 30) << pad(num((*h.q50)[i], p), 10) << pad(num((*h.sdp)[i], p + 1), 11)
                  << pad(num((*h.sdu)[i], p + 1), 12);
                if (r14) o << pad("[" + num((*lo)[i], p + 1) + ", " + num((*hi)[i], p + 1) + "]", 22) << num((*pneg)[i], 2);
                o << "\n";
            }
            o << "\n";
        }
    }

    if (all) {
        o << "All contrasts\n";
        o << pad("arm", aw) << pad("statistic", 40) << pad("mean [5%, 95%]", 30) << pad("sd paired", 11) << pad("sd unpaired", 12) << "ratio\n";
        for (const auto& a : arms)
            for (const auto& s : stats) {
                const auto it = at[a].find(s);
                if (it == at[a].end()) continue;
                const std::size_t i = it->second;
                const int p = precision(s);
                o << pad(a, aw) << pad(s, 40) << pad(cell(t, i, p), 30) << pad(num((*t.sdp)[i], p + 1), 11) << pad(num((*t.sdu)[i], p + 1), 12)
                  << num((*t.vr)[i], 3) << "\n";
            }
    }
    return o.str();
}

}  // namespace pushpull::experiment
