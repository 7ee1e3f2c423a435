// `pushpull compare`: building the rivals, running the model choice, scoring the accepted draws
// (see compare.hpp).
#include "models/study/compare.hpp"

#include <algorithm>
#include <chrono>
#include <cmath>

#include "models/study/pushpull_evaluator.hpp"
#include "models/study/rivals/curve_rivals.hpp"
#include "models/study/rivals/proper_scores.hpp"
#include "sim/rng.hpp"
#include "sim/study/weighted_stats.hpp"

namespace study {

namespace {

constexpr const char* kCurvePrefix = "observed_countries_";
constexpr std::uint32_t kPseudoStream = 0x95D0u;  // purpose key of the pseudo-data prior draw

std::optional<int> curve_year(const std::string& statistic) {
    if (statistic.rfind(kCurvePrefix, 0) != 0) return std::nullopt;
    const std::string rest = statistic.substr(std::string(kCurvePrefix).size());
    if (rest.size() != 4 || !std::all_of(rest.begin(), rest.end(), ::isdigit)) return std::nullopt;
    return std::stoi(rest);
}

std::optional<std::size_t> column_of(const Evaluator& e, const std::string& statistic) {
    const auto& s = e.statistics();
    const auto it = std::find(s.begin(), s.end(), statistic);
    if (it == s.end()) return std::nullopt;
    return static_cast<std::size_t>(it - s.begin());
}

sim::Result<void> add_model(ComparePlan& plan, const CompareModelSpec& m, const std::string& where) {
    const std::string at = where + ": model '" + m.name + "'";
    if (m.kind == "pushpull") {
        std::vector<std::string> keys;
        for (const auto& p : m.parameters) keys.push_back(p.key);
        auto full = resolve_parameter_keys(keys, at);
        if (!full) return std::unexpected(full.error());
        auto params = m.parameters;
        for (std::size_t j = 0; j < params.size(); ++j) params[j].key = (*full)[j];
        auto sets = m.sets;
        sets.insert(sets.end(), plan.spec.data_sets.begin(), plan.spec.data_sets.end());
        auto ev = PushpullEvaluator::create(m.base, sets, *full);
        if (!ev) return std::unexpected(ev.error());
        auto priors = schema_priors(**ev, params, at);
        if (!priors) return std::unexpected(priors.error());
        plan.priors.push_back(std::move(*priors));
        plan.models.push_back(std::move(*ev));
        return {};
    }
    auto rival = rivals::CurveRival::create(m.kind, plan.base->input(), 2009, plan.spec.curve_last_year);
    if (!rival) return std::unexpected(rival.error());
    std::vector<sim::study::Prior> priors;
    for (const auto& name : (*rival)->parameters()) {
        std::string text = default_rival_prior(m.kind, name);
        for (const auto& p : m.parameters)
            if (p.key == name && !p.prior.empty()) text = p.prior;
        auto d = sim::study::parse_distribution(text);
        if (!d) return sim::bad_input(at, "parameter '" + name + "': " + d.error().message());
        priors.push_back({name, *d});
    }
    plan.priors.push_back(std::move(priors));
    plan.models.push_back(std::move(*rival));
    return {};
}

/// Pseudo-data: one run of the generating model at a draw from its prior replaces every kept
/// target (as a point target) and the documented curve.
sim::Result<void> use_pseudo_data(ComparePlan& plan, std::vector<pushpull::data::Target>& kept) {
    const auto& s = plan.spec;
    const auto it =
        std::find_if(s.models.begin(), s.models.end(), [&](const auto& m) { return m.name == s.pseudo_model; });
    const auto m = static_cast<std::size_t>(it - s.models.begin());
    sim::Rng rng(s.pseudo_seed, 0, 0, kPseudoStream);
    std::vector<double> theta;
    for (const auto& p : plan.priors[m]) theta.push_back(p.dist.sample(rng));
    auto out = plan.models[m]->evaluate(theta, s.pseudo_seed, false);
    if (!out) return std::unexpected(out.error());
    const auto value = [&](const std::string& statistic) {
        return out->statistics[*column_of(*plan.models[m], statistic)];
    };
    for (auto& t : kept) {
        t.value = value(t.statistic);
        t.kind = "point";
        t.source = "pseudo-data of model " + s.pseudo_model;
    }
    for (std::size_t y = 0; y < plan.curve_years.size(); ++y)
        plan.curve_observed[y] = value(kCurvePrefix + std::to_string(plan.curve_years[y]));
    plan.pseudo_theta = theta;
    std::string text;
    for (std::size_t j = 0; j < theta.size(); ++j)
        text += (j ? ", " : "") + plan.priors[m][j].name + " = " + exact_text(theta[j]);
    plan.notes.push_back("observed data: pseudo-data of model " + s.pseudo_model + " at a prior draw (seed " +
                         std::to_string(s.pseudo_seed) + "): " + text);
    return {};
}

}  // namespace

sim::Result<ComparePlan> make_compare_plan(CompareSpec spec) {
    ComparePlan plan;
    plan.spec = std::move(spec);
    const auto& s = plan.spec;
    const std::string where = s.file.string();
    auto base = PushpullEvaluator::create(s.base, s.data_sets, {});  // the curve rivals' data
    if (!base) return std::unexpected(base.error());
    plan.base = std::move(*base);
    for (const auto& m : s.models)
        if (auto ok = add_model(plan, m, where); !ok) return std::unexpected(ok.error());

    const auto reported_by_all = [&](const std::string& statistic, std::string* missing) {
        for (std::size_t i = 0; i < plan.models.size(); ++i)
            if (!column_of(*plan.models[i], statistic)) {
                if (missing != nullptr) *missing += (missing->empty() ? "" : ", ") + s.models[i].name;
            }
        return missing == nullptr || missing->empty();
    };
    std::vector<pushpull::data::Target> kept;
    std::vector<std::string> statistics;
    for (const auto& t : plan.base->targets()) {
        const auto year = curve_year(t.statistic);
        if (year && reported_by_all(t.statistic, nullptr) &&
            std::find(plan.curve_years.begin(), plan.curve_years.end(), *year) == plan.curve_years.end()) {
            plan.curve_years.push_back(*year);
            plan.curve_observed.push_back(t.value);
        }
        if (s.holdout_after && (!year || *year > *s.holdout_after)) {
            plan.notes.push_back(t.id + " " + t.statistic + ": held out (after " + std::to_string(*s.holdout_after) +
                                 ")");
            continue;
        }
        std::string missing;
        if (!reported_by_all(t.statistic, &missing)) {
            plan.notes.push_back(t.id + " " + t.statistic + ": left out, not reported by " + missing);
            continue;
        }
        kept.push_back(t);
        if (std::find(statistics.begin(), statistics.end(), t.statistic) == statistics.end())
            statistics.push_back(t.statistic);
    }
    if (!s.data_sets.empty()) {
        std::string sets;
        for (const auto& k : s.data_sets) sets += (sets.empty() ? "" : ", ") + k;
        plan.notes.push_back("data: every model sees only the data dated up to the cut (" + sets + ")");
    }
    if (!s.pseudo_model.empty())
        if (auto ok = use_pseudo_data(plan, kept); !ok) return std::unexpected(ok.error());
    auto dist = TargetDistance::create(kept, statistics, s.exclude_targets);
    if (!dist) {
        auto e = dist.error();
        for (auto& d : e.diagnostics) d.where = where + ": " + d.where;
        return std::unexpected(e);
    }
    plan.distance = std::move(*dist);
    for (const auto& model : plan.models) {
        std::vector<std::size_t> cols, curve;
        for (const auto& name : statistics) cols.push_back(*column_of(*model, name));
        for (const int y : plan.curve_years) curve.push_back(*column_of(*model, kCurvePrefix + std::to_string(y)));
        plan.columns.push_back(std::move(cols));
        plan.curve_columns.push_back(std::move(curve));
    }
    return plan;
}

sim::Result<CompareResult> run_compare(const ComparePlan& plan, const sim::Executor& executor) {
    const auto start = std::chrono::steady_clock::now();
    const std::size_t terms = plan.distance.terms().size();
    const std::size_t years = plan.curve_years.size();
    std::vector<sim::study::RivalModel> rivals;
    for (std::size_t m = 0; m < plan.models.size(); ++m) {
        sim::study::RivalModel r;
        r.name = plan.spec.models[m].name;
        r.priors = plan.priors[m];
        r.simulate = [&plan, m, terms, years](const std::vector<double>& theta, std::uint64_t seed) {
            std::vector<double> row(terms + years, std::nan(""));
            auto out = plan.models[m]->evaluate(theta, seed, false);
            if (!out) return row;
            std::vector<double> common;
            for (const std::size_t c : plan.columns[m]) common.push_back(out->statistics[c]);
            const auto values = plan.distance.term_values(common);
            std::copy(values.begin(), values.end(), row.begin());
            for (std::size_t y = 0; y < years; ++y) row[terms + y] = out->statistics[plan.curve_columns[m][y]];
            return row;
        };
        rivals.push_back(std::move(r));
    }
    // TargetDistance::distance reads only the first `terms` values: the curve columns after them are ignored.
    const sim::study::ScaledDistanceFn distance = [&plan](const std::vector<double>& row,
                                                          const std::vector<double>& scales) {
        return plan.distance.distance(row, scales);
    };
    // Robust spread of each column; a term that does not vary keeps max(|observed| x 0.1, 1e-3) as
    // in calibrate (TargetDistance::set_scales).
    const sim::study::RescaleFn rescale = [&plan, terms](std::span<const double> rows, std::size_t k,
                                                         std::span<const double>) {
        std::vector<double> scales(k, 1.0), column;
        const std::size_t n = rows.size() / k;
        for (std::size_t j = 0; j < k; ++j) {
            column.clear();
            for (std::size_t i = 0; i < n; ++i) column.push_back(rows[i * k + j]);
            const double sd = sim::study::robust_scale(column);
            if (sd > 0)
                scales[j] = sd;
            else if (j < terms)
                scales[j] = std::max(std::abs(plan.distance.terms()[j].observed) * 0.1, 1e-3);
        }
        return scales;
    };
    auto choice = sim::study::run_model_choice(rivals, terms + years, distance, rescale, plan.spec.settings, executor);
    if (!choice) {
        auto e = choice.error();
        for (auto& d : e.diagnostics) d.where = plan.spec.file.string() + ": " + d.where;
        return std::unexpected(e);
    }
    CompareResult r;
    r.choice = std::move(*choice);
    const std::size_t k = terms + years;
    for (std::size_t m = 0; m < plan.models.size(); ++m) {
        const auto& d = r.choice.draws[m];
        std::vector<double> crps(years, std::nan(""));
        double fitted = 0, held = 0;
        int n_fitted = 0, n_held = 0;
        for (std::size_t y = 0; y < years; ++y) {
            std::vector<double> ensemble;
            for (std::size_t i = 0; i < d.accepted.size(); ++i)
                if (d.accepted[i] != 0 && std::isfinite(d.statistics[i * k + terms + y]))
                    ensemble.push_back(d.statistics[i * k + terms + y]);
            if (ensemble.empty()) continue;
            crps[y] = rivals::crps_ensemble(ensemble, plan.curve_observed[y]);
            const bool is_held = plan.spec.holdout_after && plan.curve_years[y] > *plan.spec.holdout_after;
            (is_held ? held : fitted) += crps[y];
            ++(is_held ? n_held : n_fitted);
        }
        r.crps.push_back(std::move(crps));
        r.crps_fitted.push_back(n_fitted > 0 ? fitted / n_fitted : std::nan(""));
        r.crps_heldout.push_back(n_held > 0 ? held / n_held : std::nan(""));
    }
    r.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    return r;
}

}  // namespace study
