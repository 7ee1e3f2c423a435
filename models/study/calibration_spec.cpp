// Parsing and resolving a calibration file (see calibration.hpp for the format).
#include <algorithm>
#include <cmath>

#include "models/study/calibration.hpp"
#include "sim/config/toml_reader.hpp"
#include "sim/io/sha256.hpp"
#include "sim/log.hpp"

namespace study {

namespace fs = std::filesystem;
using sim::config::TableReader;

namespace {

const std::set<std::string> kTop = {"calibration", "pseudo_data", "parameter", "sbc"};
const std::set<std::string> kCalibration = {"base",
                                            "set",
                                            "seed",
                                            "particles",
                                            "pilot",
                                            "alpha",
                                            "kernel_scale",
                                            "kernel",
                                            "neighbours",
                                            "adaptive_distance",
                                            "max_generations",
                                            "final_tolerance",
                                            "min_acceptance_rate",
                                            "min_tolerance_decrease",
                                            "max_simulations",
                                            "exclude_targets",
                                            "target_weights",
                                            "point",
                                            "point_candidates",
                                            "point_seeds"};
const std::set<std::string> kPseudo = {"seed", "statistics"};
const std::set<std::string> kSbc = {"replicates", "draws", "bins", "seed"};
const std::set<std::string> kParameter = {"key", "prior", "truth"};

}  // namespace

sim::Result<CalibrationSpec> parse_calibration_spec_text(const std::string& text, const fs::path& base_dir,
                                                         const std::string& where) {
    auto root = sim::config::parse_toml(text, where);
    if (!root) return std::unexpected(root.error());
    sim::DiagnosticList problems;
    CalibrationSpec spec;
    spec.file = where;
    spec.text = text;
    TableReader(*root, "", where, problems).allow(kTop);
    const auto* cal = root->get("calibration") ? root->get("calibration")->as_table() : nullptr;
    if (!cal) {
        problems.add(where, "[calibration]: missing (a table naming the base scenario and the ABC settings)");
        return std::unexpected(problems.to_error());
    }
    TableReader r(*cal, "calibration.", where, problems);
    r.allow(kCalibration);
    r.require("base", "the pushpull scenario to calibrate, relative to this file");
    if (auto b = r.string("base")) {
        spec.base = fs::path(*b).is_absolute() ? fs::path(*b) : base_dir / *b;
        std::error_code ec;
        if (!fs::is_regular_file(spec.base, ec))
            r.problem("base", "scenario file '" + spec.base.string() + "' not found");
    }
    if (auto s = r.strings("set")) spec.sets = *s;
    if (auto v = r.integer("seed", 0, std::int64_t{9000000000000000})) spec.seed = static_cast<std::uint64_t>(*v);
    if (auto v = r.integer("particles", 10, 1'000'000)) spec.particles = static_cast<std::size_t>(*v);
    if (auto v = r.integer("pilot", 10, 1'000'000)) spec.pilot = static_cast<std::size_t>(*v);
    auto& a = spec.abc;
    if (auto v = r.number("alpha", 0.01, 0.99)) a.alpha = *v;
    if (auto v = r.number("kernel_scale", 0.01, 100)) a.kernel_scale = *v;
    if (auto v = r.string("kernel", {"global", "neighbours", "olcm"})) a.kernel = *sim::study::parse_kernel(*v);
    if (auto v = r.integer("neighbours", 2, 1'000'000)) a.neighbours = static_cast<std::size_t>(*v);
    if (auto v = r.boolean("adaptive_distance")) a.adaptive_distance = *v;
    if (auto v = r.integer("max_generations", 1, 1000)) a.max_generations = static_cast<int>(*v);
    if (auto v = r.number("final_tolerance", 0, 1e300)) a.final_tolerance = *v;
    if (auto v = r.number("min_acceptance_rate", 0, 1)) a.min_acceptance_rate = *v;
    if (auto v = r.number("min_tolerance_decrease", 0, 1)) a.min_tolerance_decrease = *v;
    if (auto v = r.integer("max_simulations", 1, std::int64_t{1} << 50))
        a.max_simulations = static_cast<std::uint64_t>(*v);
    if (auto v = r.strings("exclude_targets")) spec.exclude_targets = *v;
    if (auto v = r.string("target_weights", {"per_id", "per_statistic"}))
        spec.target_weights = *v == "per_statistic" ? TargetDistance::Weights::PerStatistic : TargetDistance::Weights::PerId;
    if (auto v = r.string("point", {"density", "resimulated"}))
        spec.point = *v == "resimulated" ? CalibrationSpec::Point::Resimulated : CalibrationSpec::Point::Density;
    if (auto v = r.integer("point_candidates", 1, 1'000'000)) spec.point_candidates = static_cast<std::size_t>(*v);
    if (auto v = r.integer("point_seeds", 1, 100'000)) spec.point_seeds = static_cast<std::size_t>(*v);
    a.particles = spec.particles;
    a.seed = spec.seed;

    if (const auto* node = root->get("pseudo_data")) {
        const auto* t = node->as_table();
        if (!t) {
            problems.add(where, "pseudo_data: expected a table");
        } else {
            spec.pseudo_data = true;
            TableReader p(*t, "pseudo_data.", where, problems);
            p.allow(kPseudo);
            p.require("statistics", "the statistics used as point targets");
            if (auto v = p.integer("seed", 0, std::int64_t{9000000000000000}))
                spec.pseudo_seed = static_cast<std::uint64_t>(*v);
            if (auto v = p.strings("statistics")) spec.pseudo_statistics = *v;
        }
    }
    if (const auto* node = root->get("sbc")) {
        const auto* t = node->as_table();
        if (!t) {
            problems.add(where, "sbc: expected a table");
        } else {
            spec.sbc = true;
            TableReader p(*t, "sbc.", where, problems);
            p.allow(kSbc);
            auto& sb = spec.sbc_settings;
            if (auto v = p.integer("replicates", 1, 100'000)) sb.replicates = static_cast<std::size_t>(*v);
            if (auto v = p.integer("draws", 1, 100'000)) sb.draws = static_cast<std::size_t>(*v);
            if (auto v = p.integer("bins", 2, 1000)) sb.bins = static_cast<std::size_t>(*v);
            if (auto v = p.integer("seed", 0, std::int64_t{9000000000000000})) sb.seed = static_cast<std::uint64_t>(*v);
            if ((sb.draws + 1) % sb.bins != 0)
                p.problem("bins", "must divide draws + 1 = " + std::to_string(sb.draws + 1) +
                                      " so that every bin holds as many ranks");
            if (!spec.pseudo_data)
                problems.add(where, "sbc: needs [pseudo_data] statistics (the statistics the pseudo-data consist of)");
        }
    }
    const auto* params = root->get("parameter") ? root->get("parameter")->as_array() : nullptr;
    if (!params || params->empty()) problems.add(where, "[[parameter]]: none (name the parameters to calibrate)");
    std::set<std::string> keys;
    if (params)
        for (std::size_t i = 0; i < params->size(); ++i) {
            const std::string label = "parameter #" + std::to_string(i + 1) + ".";
            const auto* t = (*params)[i].as_table();
            if (!t) {
                problems.add(where, label + ": expected a [[parameter]] table");
                continue;
            }
            TableReader p(*t, label, where, problems);
            p.allow(kParameter);
            p.require("key", "the scenario key to calibrate, e.g. params.alpha0");
            CalibrationParameter cp;
            if (auto k = p.string("key")) cp.key = *k;
            if (auto pr = p.string("prior")) {
                cp.prior = *pr;
                if (auto d = sim::study::parse_distribution(*pr); !d) p.problem("prior", d.error().message());
            }
            if (auto v = p.number("truth", -1e300, 1e300)) cp.truth = *v;
            if (spec.pseudo_data && !spec.sbc && !cp.truth)
                p.problem("truth", "missing (pseudo_data needs the true value of every parameter)");
            if (spec.sbc && cp.truth) p.problem("truth", "not used with [sbc] (its truths are prior draws)");
            if (!spec.pseudo_data && cp.truth) p.problem("truth", "only used with [pseudo_data]");
            if (!cp.key.empty() && !keys.insert(cp.key).second) p.problem("key", "'" + cp.key + "' appears twice");
            spec.parameters.push_back(std::move(cp));
        }
    if (!problems.empty()) return std::unexpected(problems.to_error());
    return spec;
}

sim::Result<CalibrationSpec> parse_calibration_spec(const fs::path& file) {
    auto text = sim::config::read_text_file(file.string(), "calibration file");
    if (!text) return std::unexpected(text.error());
    auto spec = parse_calibration_spec_text(*text, file.parent_path(), file.string());
    if (spec) spec->file = file;
    return spec;
}

namespace {

/// Issue 11: a run that ends before 2019 cannot report the statistics "of 2019" (they are NaN in
/// every run, whatever the parameters), and each would add a constant miss to every distance. One
/// run at the prior medians finds them: if it does not reach the end of 2019, every target whose
/// statistic is undefined in it is dropped (and named in the log and the plan).
sim::Result<std::vector<std::string>> drop_undefined_in_truncated_runs(const CalibrationPlan& plan,
                                                                       std::vector<pushpull::data::Target>& targets) {
    std::vector<double> median;
    for (const auto& p : plan.priors) median.push_back(p.dist.quantile(0.5));
    auto out = plan.evaluator->evaluate(median, plan.spec.seed, false);
    if (!out) return std::unexpected(out.error());
    const auto& stats = plan.evaluator->statistics();
    const auto value = [&](const std::string& name) {
        const auto it = std::find(stats.begin(), stats.end(), name);
        return it == stats.end() ? std::nan("") : out->statistics[static_cast<std::size_t>(it - stats.begin())];
    };
    std::vector<std::string> dropped;
    if (std::isfinite(value("countries_adopted_2019"))) return dropped;  // the run reaches 2019: keep all
    std::vector<pushpull::data::Target> kept;
    for (auto& t : targets) {
        if (std::isfinite(value(t.statistic))) {
            kept.push_back(std::move(t));
            continue;
        }
        if (std::find(dropped.begin(), dropped.end(), t.statistic) == dropped.end()) dropped.push_back(t.statistic);
    }
    targets = std::move(kept);
    for (const auto& name : dropped)
        sim::logger("sim")->info(
            "calibration: target statistic '{}' is undefined in runs that end before 2019; dropped from the distance",
            name);
    return dropped;
}

}  // namespace

sim::Result<std::vector<sim::study::Prior>> schema_priors(const PushpullEvaluator& evaluator,
                                                          const std::vector<CalibrationParameter>& parameters,
                                                          const std::string& where) {
    sim::DiagnosticList problems;
    std::vector<sim::study::Prior> priors;
    for (std::size_t j = 0; j < parameters.size(); ++j) {
        const auto& ks = evaluator.key_spec(j);
        const std::string text = parameters[j].prior.empty() ? ks.prior : parameters[j].prior;
        auto d = sim::study::parse_distribution(text);
        if (!d) {
            problems.add(where, "parameter '" + parameters[j].key + "': " +
                                    (parameters[j].prior.empty() ? "the key has no usable prior ('" + ks.prior +
                                                                       "'); give prior = \"U(lo, hi)\""
                                                                 : d.error().message()));
            continue;
        }
        const double lo = ks.min.value_or(-HUGE_VAL), hi = ks.max.value_or(HUGE_VAL);
        auto t = lo > d->lo() || hi < d->hi() ? d->truncated(lo, hi) : sim::Result<sim::study::Distribution>(*d);
        if (!t) {
            problems.add(where, "parameter '" + parameters[j].key + "': " + t.error().message());
            continue;
        }
        priors.push_back({parameters[j].key, *t});
    }
    if (!problems.empty()) return std::unexpected(problems.to_error());
    return priors;
}

sim::Result<CalibrationPlan> make_calibration_plan(CalibrationSpec spec) {
    CalibrationPlan plan;
    plan.spec = std::move(spec);
    const auto& s = plan.spec;
    const std::string where = s.file.string();
    std::vector<std::string> keys;
    for (const auto& p : s.parameters) keys.push_back(p.key);
    auto full = resolve_parameter_keys(keys, where);  // short names as in --set, errors naming this file
    if (!full) return std::unexpected(full.error());
    keys = *full;
    for (std::size_t j = 0; j < keys.size(); ++j) plan.spec.parameters[j].key = keys[j];
    auto ev = PushpullEvaluator::create(s.base, s.sets, keys);
    if (!ev) return std::unexpected(ev.error());
    plan.evaluator = std::move(*ev);

    auto priors = schema_priors(*plan.evaluator, s.parameters, where);
    if (!priors) return std::unexpected(priors.error());
    plan.priors = std::move(*priors);
    sim::DiagnosticList problems;
    for (std::size_t j = 0; j < s.parameters.size(); ++j)
        if (s.parameters[j].truth && !std::isfinite(plan.priors[j].dist.log_pdf(*s.parameters[j].truth)))
            problems.add(where, "parameter '" + s.parameters[j].key + "': truth is outside the prior's support");
    if (!problems.empty()) return std::unexpected(problems.to_error());

    const auto& stats = plan.evaluator->statistics();
    std::vector<pushpull::data::Target> targets;
    if (s.sbc) {
        // Each SBC replicate sets the observed values to its own pseudo-data (set_observed).
        for (const auto& name : s.pseudo_statistics) {
            if (std::find(stats.begin(), stats.end(), name) == stats.end()) {
                problems.add(where, "pseudo_data.statistics: '" + name + "' is not a statistic of the model");
                continue;
            }
            targets.push_back({name, name, 0.0, "point", "SBC pseudo-data"});
        }
    } else if (s.pseudo_data) {
        std::vector<double> truth;
        for (const auto& p : s.parameters) truth.push_back(*p.truth);
        auto out = plan.evaluator->evaluate(truth, s.pseudo_seed, false);
        if (!out) return std::unexpected(out.error());
        plan.truth_statistics = out->statistics;
        for (const auto& name : s.pseudo_statistics) {
            const auto it = std::find(stats.begin(), stats.end(), name);
            if (it == stats.end()) {
                problems.add(where, "pseudo_data.statistics: '" + name + "' is not a statistic of the model");
                continue;
            }
            const double v = out->statistics[static_cast<std::size_t>(it - stats.begin())];
            if (!std::isfinite(v))
                problems.add(where, "pseudo_data.statistics: '" + name + "' is undefined in the run at the truths");
            targets.push_back({name, name, v, "point", "pseudo-data at the truths"});
        }
    } else {
        targets = plan.evaluator->targets();
        auto dropped = drop_undefined_in_truncated_runs(plan, targets);
        if (!dropped) return std::unexpected(dropped.error());
        plan.dropped_targets = std::move(*dropped);
    }
    if (!problems.empty()) return std::unexpected(problems.to_error());
    auto dist = TargetDistance::create(targets, stats, s.exclude_targets, s.target_weights);
    if (!dist) {
        auto e = dist.error();
        for (auto& d : e.diagnostics) d.where = where + ": " + d.where;
        return std::unexpected(e);
    }
    plan.distance = std::move(*dist);

    sim::io::Sha256 h;
    h.update(s.text);
    h.update(plan.evaluator->resolved_toml());
    for (const auto& [f, sha] : plan.evaluator->checksums()) h.update(f + sha);
    h.update(PUSHPULL_VERSION);
    plan.fingerprint = h.hex_digest();
    return plan;
}

}  // namespace study
