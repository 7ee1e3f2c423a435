#include "models/study/sweep_spec.hpp"

#include <cstdio>

#include <cmath>

#include "models/study/contrast_evaluator.hpp"
#include "models/study/function_evaluator.hpp"
#include "models/study/pushpull_evaluator.hpp"
#include "sim/config/toml_reader.hpp"
#include "sim/io/sha256.hpp"

namespace study {

namespace fs = std::filesystem;
using sim::config::TableReader;
using sim::study::Distribution;

namespace {

const std::set<std::string> kTop = {"sweep", "parameter"};
const std::set<std::string> kSweep = {
    "base",   "function",     "function_args",     "experiment", "contrast",    "set",
    "design", "samples",      "replicates",        "seed",       "keep_series", "common_random_numbers",
    "levels", "second_order", "maximin_iterations"};
const std::set<std::string> kParameter = {"key", "range", "scale", "prior", "levels", "values"};
const std::set<std::string> kDesigns = {"grid", "list", "lhs", "sobol", "morris"};

void parse_parameter(const toml::table& t, const std::string& label, const std::string& where, const SweepSpec& spec,
                     SweepParameter& p, sim::DiagnosticList& problems) {
    TableReader r(t, label, where, problems);
    r.allow(kParameter);
    r.require("key", "the scenario key to vary, e.g. params.beta_crime, or the input name of a function");
    if (auto k = r.string("key")) p.key = *k;
    if (auto range = r.numbers("range")) {
        if (range->size() != 2 || !((*range)[0] < (*range)[1]))
            r.problem("range", "expected [lo, hi] with lo < hi");
        else
            p.range = std::pair{(*range)[0], (*range)[1]};
    }
    if (auto s = r.string("scale", {"linear", "log"})) p.log_scale = *s == "log";
    if (p.log_scale && p.range && p.range->first <= 0) r.problem("scale", "log scale needs a range with lo > 0");
    if (auto pr = r.string("prior")) {
        p.prior = *pr;
        if (p.range) r.problem("prior", "give a range or a prior, not both");
        if (auto d = sim::study::parse_distribution(*pr); !d) r.problem("prior", d.error().message());
    }
    if (auto l = r.integer("levels", 1, 1000)) p.levels = static_cast<int>(*l);
    if (auto v = r.numbers("values")) p.values = *v;
    if (spec.design == "list" && p.values.empty())
        r.problem("values", "missing (the list design takes each parameter's values)");
    if (spec.design != "list" && !p.values.empty()) r.problem("values", "only the list design takes values");
    if (!spec.function.empty() && spec.design != "list" && !p.range && p.prior.empty())
        r.problem("range", "missing (a function input needs a range or a prior)");
}

}  // namespace

sim::Result<SweepSpec> parse_sweep_spec_text(const std::string& text, const fs::path& base_dir,
                                             const std::string& where) {
    auto root = sim::config::parse_toml(text, where);
    if (!root) return std::unexpected(root.error());
    sim::DiagnosticList problems;
    SweepSpec spec;
    spec.file = where;
    spec.text = text;
    TableReader top(*root, "", where, problems);
    top.allow(kTop);
    const auto* sweep = root->get("sweep") ? root->get("sweep")->as_table() : nullptr;
    if (!sweep) {
        problems.add(where, "[sweep]: missing (a table naming the base scenario or function and the design)");
        return std::unexpected(problems.to_error());
    }
    TableReader r(*sweep, "sweep.", where, problems);
    r.allow(kSweep);
    if (auto b = r.string("base")) {
        spec.base = fs::path(*b).is_absolute() ? fs::path(*b) : base_dir / *b;
        std::error_code ec;
        if (!fs::is_regular_file(spec.base, ec))
            r.problem("base", "scenario file '" + spec.base.string() + "' not found");
    }
    if (auto f = r.string("function", {"ishigami", "gfunction", "linear"})) spec.function = *f;
    if (auto e = r.string("experiment")) {
        spec.experiment = fs::path(*e).is_absolute() ? fs::path(*e) : base_dir / *e;
        std::error_code ec;
        if (!fs::is_regular_file(spec.experiment, ec))
            r.problem("experiment", "experiment file '" + spec.experiment.string() + "' not found");
    }
    if (auto c = r.strings("contrast")) {
        spec.contrast = *c;
        if (c->size() != 2) r.problem("contrast", "expected two arm names [a, b] of the experiment (statistics a - b)");
    }
    if (r.has("experiment") && !r.has("contrast"))
        r.problem("contrast", "missing (the two arms [a, b] of the experiment whose difference a - b is swept)");
    if (r.has("contrast") && !r.has("experiment"))
        r.problem("experiment", "missing (the experiment file whose arms `contrast` names)");
    const int kinds = int(r.has("base")) + int(r.has("function")) + int(r.has("experiment"));
    if (kinds == 0)
        r.problem("base",
                  "give base (a pushpull scenario), function (ishigami, gfunction, linear) or experiment + contrast "
                  "(two arms of an experiment file)");
    else if (kinds > 1)
        r.problem(r.has("base") ? "base" : "function", "give only one of base, function, experiment");
    if (auto a = r.numbers("function_args")) spec.function_args = *a;
    if (auto s = r.strings("set")) spec.sets = *s;
    for (const auto& s : spec.sets)
        if (s.find('=') == std::string::npos) r.problem("set", "override '" + s + "' is not key=value");
    r.require("design", "one of grid, list, lhs, sobol, morris");
    if (auto d = r.string("design", kDesigns)) spec.design = *d;
    if (auto n = r.integer("samples", 1, 10'000'000))
        spec.samples = static_cast<std::size_t>(*n);
    else if (!r.has("samples") && (spec.design == "lhs" || spec.design == "sobol" || spec.design == "morris"))
        r.problem("samples", "missing (lhs: points; sobol: base samples N; morris: trajectories)");
    if (auto n = r.integer("replicates", 1, 100000)) spec.replicates = static_cast<int>(*n);
    if (auto n = r.integer("seed", 0, std::int64_t{9000000000000000})) spec.seed = static_cast<std::uint64_t>(*n);
    if (auto b = r.boolean("keep_series")) spec.keep_series = *b;
    if (auto b = r.boolean("common_random_numbers")) spec.common_random_numbers = *b;
    if (auto n = r.integer("levels", 1, 1000)) spec.levels = static_cast<int>(*n);
    if (spec.design == "morris" && (spec.levels < 2 || spec.levels % 2 != 0))
        r.problem("levels", "morris needs an even number of levels >= 2");
    if (auto b = r.boolean("second_order")) spec.second_order = *b;
    if (auto n = r.integer("maximin_iterations", 0, 10'000'000)) spec.maximin_iterations = static_cast<std::size_t>(*n);

    const auto* params = root->get("parameter") ? root->get("parameter")->as_array() : nullptr;
    if (!params || params->empty())
        problems.add(where, "[[parameter]]: none (the sweep needs at least one parameter to vary)");
    std::set<std::string> keys;
    if (params)
        for (std::size_t i = 0; i < params->size(); ++i) {
            const auto* t = (*params)[i].as_table();
            const std::string label = "parameter #" + std::to_string(i + 1) + ".";
            if (!t) {
                problems.add(where, label + ": expected a [[parameter]] table");
                continue;
            }
            SweepParameter p;
            parse_parameter(*t, label, where, spec, p, problems);
            if (!p.key.empty() && !keys.insert(p.key).second)
                problems.add(where, label + "key: '" + p.key + "' appears twice");
            spec.parameters.push_back(std::move(p));
        }
    if (spec.design == "list" && !spec.parameters.empty()) {
        const std::size_t n = spec.parameters[0].values.size();
        for (const auto& p : spec.parameters)
            if (p.values.size() != n)
                problems.add(where,
                             "parameter '" + p.key +
                                 "': values: every parameter of a list design needs the same number of values (" +
                                 std::to_string(n) + ")");
    }
    if (!problems.empty()) return std::unexpected(problems.to_error());
    return spec;
}

sim::Result<SweepSpec> parse_sweep_spec(const fs::path& file) {
    auto text = sim::config::read_text_file(file.string(), "sweep file");
    if (!text) return std::unexpected(text.error());
    auto spec = parse_sweep_spec_text(*text, file.parent_path(), file.string());
    if (spec) spec->file = file;
    return spec;
}

double value_at(const Distribution& d, double u) {
    if (u <= 0.0) return d.lo();
    if (u >= 1.0) return d.hi();
    return d.quantile(u);
}

namespace {

/// The marginal of parameter i: its range, its prior, or the model key's own prior.
sim::Result<Distribution> marginal_of(const SweepParameter& p, const Evaluator& ev, std::size_t i,
                                      const std::string& where) {
    std::optional<std::pair<double, double>> bounds;
    std::string prior = p.prior;
    const sim::config::KeySpec* model_key = nullptr;
    if (const auto* pe = dynamic_cast<const PushpullEvaluator*>(&ev)) model_key = &pe->key_spec(i);
    if (const auto* ce = dynamic_cast<const ContrastEvaluator*>(&ev)) model_key = &ce->key_spec(i);
    if (p.range && !(std::isfinite(p.range->first) && std::isfinite(p.range->second) && p.range->first <= p.range->second))
        return sim::bad_input(where, "parameter '" + p.key + "': range [" + exact_text(p.range->first) + ", " +
                                         exact_text(p.range->second) + "] must be finite with lo <= hi");
    if (model_key) {
        const auto& ks = *model_key;
        if (ks.min && ks.max) bounds = std::pair{*ks.min, *ks.max};
        if (!p.range && prior.empty()) {
            prior = ks.prior;
            auto d = sim::study::parse_distribution(prior);
            if (!d)
                return sim::bad_input(where, "parameter '" + p.key +
                                                 "': no range or prior given, and the key's prior '" + ks.prior +
                                                 "' is not a distribution; give range = [lo, hi]");
        }
        if (p.range && bounds && (p.range->first < bounds->first || p.range->second > bounds->second))
            return sim::bad_input(where, "parameter '" + p.key + "': range [" + exact_text(p.range->first) + ", " +
                                             exact_text(p.range->second) + "] leaves the key's allowed range [" +
                                             exact_text(bounds->first) + ", " + exact_text(bounds->second) + "]");
    }
    if (p.range)
        return p.log_scale ? Distribution::log_uniform(p.range->first, p.range->second)
                           : Distribution::uniform(p.range->first, p.range->second);
    auto d = sim::study::parse_distribution(prior);
    if (!d) return sim::bad_input(where, "parameter '" + p.key + "': " + d.error().message());
    if (bounds && (bounds->first > d->lo() || bounds->second < d->hi())) {
        auto t = d->truncated(bounds->first, bounds->second);
        if (!t) return sim::bad_input(where, "parameter '" + p.key + "': " + t.error().message());
        return *t;
    }
    return *d;
}

/// The resource budget of a sweep (README "Limits"), checked before the base scenario is loaded or
/// any design is built, so a too-large request costs nothing: design rows, rows x parameters (every
/// row is held several times: unit points, values, the file header) and runs (rows x replicates).
constexpr long double kMaxDesignRows = 2e6L;
constexpr long double kMaxDesignCells = 2e7L;
constexpr long double kMaxRuns = 1e9L;

sim::Result<void> check_budget(const SweepSpec& s) {
    const std::size_t d = s.parameters.size();
    long double rows = 0;
    if (s.design == "grid") {
        rows = 1;
        for (const auto& p : s.parameters) rows *= static_cast<long double>(p.levels > 0 ? p.levels : s.levels);
    } else if (s.design == "list") {
        rows = s.parameters.empty() ? 0 : static_cast<long double>(s.parameters[0].values.size());
    } else if (s.design == "lhs") {
        rows = static_cast<long double>(s.samples);
    } else if (s.design == "sobol") {
        rows = static_cast<long double>(s.samples) * static_cast<long double>(s.second_order ? 2 * d + 2 : d + 2);
    } else if (s.design == "morris") {
        rows = static_cast<long double>(s.samples) * static_cast<long double>(d + 1);
    }
    const std::string where = s.file.string() + ": sweep";
    auto text = [](long double x) {
        char buf[32];
        std::snprintf(buf, sizeof buf, "%.3Lg", x);
        return std::string(buf);
    };
    if (rows > kMaxDesignRows)
        return sim::bad_input(where, "the " + s.design + " design would have " + text(rows) +
                                         " rows, over the limit of " + text(kMaxDesignRows) +
                                         " (split it into several sweeps or lower samples/levels)");
    if (rows * static_cast<long double>(d) > kMaxDesignCells)
        return sim::bad_input(where, "the design would hold " + text(rows * static_cast<long double>(d)) +
                                         " values (rows x parameters), over the limit of " + text(kMaxDesignCells));
    if (rows * static_cast<long double>(s.replicates) > kMaxRuns)
        return sim::bad_input(where, "the sweep would make " + text(rows * static_cast<long double>(s.replicates)) +
                                         " runs (rows x replicates), over the limit of " + text(kMaxRuns));
    return {};
}

sim::Result<sim::study::Design> make_design(const SweepSpec& s) {
    const std::size_t d = s.parameters.size();
    if (s.design == "grid") {
        std::vector<int> levels;
        for (const auto& p : s.parameters) levels.push_back(p.levels > 0 ? p.levels : s.levels);
        return sim::study::grid(levels);
    }
    if (s.design == "list") {
        std::vector<double> unit;  // list points are stored as values; unit coordinates are their position in [lo, hi]
        const std::size_t n = s.parameters[0].values.size();
        for (std::size_t k = 0; k < n; ++k)
            for (std::size_t j = 0; j < d; ++j) {
                const auto& v = s.parameters[j].values;
                const auto [lo, hi] = std::minmax_element(v.begin(), v.end());
                unit.push_back(*hi > *lo ? (v[k] - *lo) / (*hi - *lo) : 0.5);
            }
        return sim::study::list(d, std::move(unit));
    }
    if (s.design == "lhs") return sim::study::latin_hypercube(s.samples, d, s.seed, s.maximin_iterations);
    if (s.design == "sobol") return sim::study::saltelli(s.samples, d, s.second_order);
    return sim::study::morris(s.samples, d, s.levels, s.seed);
}

sim::out::Group design_group(const SweepPlan& plan) {
    sim::out::Group g{"design", {}, {}, {}};
    const auto& d = plan.design;
    const auto& s = plan.spec;
    g.attr("kind", d.kind);
    g.attr("dims", static_cast<std::int64_t>(d.dims));
    g.attr("points", static_cast<std::int64_t>(d.rows()));
    g.attr("base_samples", static_cast<std::int64_t>(d.base_samples));
    g.attr("second_order", static_cast<std::int64_t>(d.second_order));
    g.attr("trajectories", static_cast<std::int64_t>(d.trajectories));
    g.attr("levels", static_cast<std::int64_t>(d.levels));
    g.attr("replicates", static_cast<std::int64_t>(s.replicates));
    g.attr("seed", static_cast<std::int64_t>(s.seed));
    g.attr("common_random_numbers", static_cast<std::int64_t>(s.common_random_numbers));
    std::vector<std::string> names, marg;
    std::vector<double> lo, hi;
    for (std::size_t j = 0; j < s.parameters.size(); ++j) {
        names.push_back(s.parameters[j].key);
        if (j < plan.marginals.size()) {
            marg.push_back(plan.marginals[j].to_string());
            lo.push_back(plan.marginals[j].lo());
            hi.push_back(plan.marginals[j].hi());
        } else {
            const auto& v = s.parameters[j].values;
            marg.push_back("list");
            lo.push_back(*std::min_element(v.begin(), v.end()));
            hi.push_back(*std::max_element(v.begin(), v.end()));
        }
    }
    g.add("parameter", names);
    g.add("marginal", marg);
    g.add("lo", lo);
    g.add("hi", hi);
    g.add("unit", d.points).shape = {d.rows(), d.dims};
    std::vector<double> values;
    for (const auto& p : plan.job.points) values.insert(values.end(), p.begin(), p.end());
    g.add("values", values).shape = {plan.job.points.size(), d.dims};
    return g;
}

}  // namespace

sim::Result<SweepPlan> make_sweep_plan(SweepSpec spec_in, sim::out::Attributes root_attrs) {
    SweepPlan plan;
    plan.spec = std::move(spec_in);
    const SweepSpec& spec = plan.spec;
    const std::string where = spec.file.string();
    if (auto ok = check_budget(spec); !ok) return std::unexpected(ok.error());
    std::vector<std::string> keys;
    for (const auto& p : spec.parameters) keys.push_back(p.key);
    if (spec.function.empty()) {  // model keys: short names as in --set, errors naming this file
        auto full = resolve_parameter_keys(keys, where);
        if (!full) return std::unexpected(full.error());
        keys = *full;
        for (std::size_t j = 0; j < keys.size(); ++j) plan.spec.parameters[j].key = keys[j];
    }
    if (!spec.function.empty()) {
        auto ev = FunctionEvaluator::create(spec.function, spec.function_args, keys);
        if (!ev) {
            auto e = ev.error();
            for (auto& d : e.diagnostics) d.where = where + ": sweep." + d.where;
            return std::unexpected(e);
        }
        plan.evaluator = std::move(*ev);
    } else if (!spec.experiment.empty()) {
        auto ev = ContrastEvaluator::create(spec.experiment, spec.contrast.at(0), spec.contrast.at(1), spec.sets, keys);
        if (!ev) return std::unexpected(ev.error());
        plan.resolved_base = (*ev)->resolved_toml();
        plan.sources = (*ev)->sources();
        plan.checksums = (*ev)->checksums();
        plan.evaluator = std::move(*ev);
    } else {
        auto ev = PushpullEvaluator::create(spec.base, spec.sets, keys);
        if (!ev) return std::unexpected(ev.error());
        plan.resolved_base = (*ev)->resolved_toml();
        plan.sources = (*ev)->sources();
        plan.checksums = (*ev)->checksums();
        plan.evaluator = std::move(*ev);
    }
    sim::DiagnosticList problems;
    if (spec.design != "list")
        for (std::size_t j = 0; j < spec.parameters.size(); ++j) {
            auto m = marginal_of(spec.parameters[j], *plan.evaluator, j, where);
            if (!m) {
                problems.append(m.error());
                continue;
            }
            if ((spec.design == "grid" || spec.design == "morris") &&
                !(std::isfinite(m->lo()) && std::isfinite(m->hi())))
                problems.add(where, "parameter '" + spec.parameters[j].key + "': the " + spec.design +
                                        " design needs bounded values; give range = [lo, hi]");
            plan.marginals.push_back(*m);
        }
    if (!problems.empty()) return std::unexpected(problems.to_error());
    auto design = make_design(spec);
    if (!design) {
        auto e = design.error();
        for (auto& d : e.diagnostics) d.where = where + ": sweep";
        return std::unexpected(e);
    }
    plan.design = std::move(*design);

    auto& job = plan.job;
    job.evaluator = plan.evaluator.get();
    // Integer keys run with the rounded value; record that value, not the real one it came from.
    std::vector<bool> integer(plan.design.dims, false);
    for (std::size_t j = 0; j < plan.design.dims; ++j) {
        const sim::config::KeySpec* ks = nullptr;
        if (const auto* pe = dynamic_cast<const PushpullEvaluator*>(plan.evaluator.get())) ks = &pe->key_spec(j);
        if (const auto* ce = dynamic_cast<const ContrastEvaluator*>(plan.evaluator.get())) ks = &ce->key_spec(j);
        integer[j] = ks && ks->type == sim::config::Type::Int;
    }
    for (std::size_t k = 0; k < plan.design.rows(); ++k) {
        std::vector<double> v(plan.design.dims);
        for (std::size_t j = 0; j < plan.design.dims; ++j) {
            v[j] = spec.design == "list" ? spec.parameters[j].values[k]
                                         : value_at(plan.marginals[j], plan.design.at(k, j));
            if (integer[j]) v[j] = static_cast<double>(std::llround(v[j]));
        }
        job.points.push_back(std::move(v));
    }
    job.replicates = spec.replicates;
    job.seed = spec.seed;
    job.common_random_numbers = spec.common_random_numbers;
    job.keep_series = spec.keep_series && plan.evaluator->series_length() > 0;

    sim::io::Sha256 h;
    h.update(spec.text);
    h.update(plan.resolved_base);
    for (const auto& [f, sha] : plan.checksums) h.update(f + sha);
    h.update(PUSHPULL_VERSION);
    job.fingerprint = h.hex_digest();

    job.header.groups.push_back(design_group(plan));
    sim::out::Group sweep{"sweep", {}, {}, {}};
    sweep.attr("file", spec.file.string());
    sweep.attr("text", spec.text);
    if (const auto* ce = dynamic_cast<const ContrastEvaluator*>(plan.evaluator.get())) {
        sweep.attr("model", "contrast:" + ce->label());
        sweep.attr("experiment", spec.experiment.string());
        sweep.attr("contrast_a", spec.contrast.at(0));
        sweep.attr("contrast_b", spec.contrast.at(1));
    } else {
        sweep.attr("model", spec.function.empty() ? std::string("pushpull") : "function:" + spec.function);
    }
    sweep.attr("base_resolved", plan.resolved_base);
    sweep.attr("fingerprint", job.fingerprint);
    sweep.add("statistic", plan.evaluator->statistics());
    job.header.groups.push_back(std::move(sweep));
    job.root_attrs = std::move(root_attrs);
    return plan;
}

}  // namespace study
