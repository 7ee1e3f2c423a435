#include "models/study/contrast_evaluator.hpp"

#include <algorithm>
#include <cmath>
#include <exception>

#include "models/pushpull/data/input_cache.hpp"
#include "models/pushpull/experiment/run.hpp"
#include "models/pushpull/experiment/spec.hpp"
#include "models/pushpull/model_entry.hpp"
#include "models/pushpull/params.hpp"

namespace study {

namespace fs = std::filesystem;

namespace {

/// The override text for a key: integers without a fraction, reals in round-trip form.
std::string value_text(const sim::config::KeySpec& spec, double v) {
    if (spec.type == sim::config::Type::Int) return std::to_string(std::llround(v));
    return exact_text(v);
}

std::string key_of(const std::string& set) {
    return set.substr(0, set.find('='));
}

/// One arm run to the horizon with `seed`: its experiment statistics and, optionally, its series.
struct ArmRun {
    std::vector<pushpull::Statistic> stats;
    pushpull::Series series;
};

sim::Result<ArmRun> run_arm(const sim::config::Config& cfg, std::uint64_t seed, const pushpull::data::InputData& input,
                            const pushpull::NetworkReuse* networks) {
    auto params = pushpull::params_from_config(cfg);
    if (!params) return std::unexpected(params.error());
    params->seed = seed;
    auto world = pushpull::build_world(input, *params, networks);
    if (!world) return std::unexpected(world.error());
    auto run = pushpull::run_on_world(std::make_unique<pushpull::World>(std::move(*world)), *params, input,
                                      sim::Executor::serial());
    ArmRun out;
    out.stats = pushpull::experiment::experiment_statistics(*run.world, run.state, run.series);
    out.series = std::move(run.series);
    return out;
}

std::vector<double> delta(const std::vector<std::int32_t>& a, const std::vector<std::int32_t>& b) {
    std::vector<double> d(std::min(a.size(), b.size()));
    for (std::size_t i = 0; i < d.size(); ++i) d[i] = static_cast<double>(a[i]) - static_cast<double>(b[i]);
    return d;
}

constexpr const char* kLevel = "countries_adopted_horizon";

}  // namespace

sim::Result<std::unique_ptr<ContrastEvaluator>> ContrastEvaluator::create(const fs::path& experiment,
                                                                          const std::string& a, const std::string& b,
                                                                          const std::vector<std::string>& sets,
                                                                          const std::vector<std::string>& parameters) {
    namespace ex = pushpull::experiment;
    auto spec = ex::parse_spec(experiment);
    if (!spec) return std::unexpected(spec.error());
    const std::string where = experiment.string();
    std::string known;
    for (const auto& arm : spec->arms) known += (known.empty() ? "" : ", ") + arm.name;
    sim::DiagnosticList problems;
    std::array<const ex::Arm*, 2> arms{nullptr, nullptr};
    const std::array<std::string, 2> names{a, b};
    for (std::size_t k = 0; k < 2; ++k) {
        for (const auto& arm : spec->arms)
            if (arm.name == names[k]) arms[k] = &arm;
        if (!arms[k])
            problems.add(where, "contrast: '" + names[k] + "' is not an arm of the experiment (arms: " + known + ")");
    }
    if (!problems.empty()) return std::unexpected(problems.to_error());
    for (const auto& s : sets)
        if (key_of(s).rfind("run.", 0) == 0)
            problems.add(where, "set: override '" + s +
                                    "': run.* keys are fixed by the experiment (horizon, data) and the sweep (seed)");
    if (!problems.empty()) return std::unexpected(problems.to_error());
    // make_plan validates every arm (keys, values, no run.* overrides) the way `pushpull experiment` does.
    auto plan = ex::make_plan(*spec);
    if (!plan) return std::unexpected(plan.error());

    std::unique_ptr<ContrastEvaluator> ev(new ContrastEvaluator());
    ev->experiment_file_ = experiment;
    ev->base_file_ = spec->base;
    ev->horizon_ = spec->horizon;
    ev->keys_ = parameters;
    ev->schema_ = std::make_unique<sim::config::Schema>(pushpull::schema());
    auto base = sim::config::load_scenario(spec->base, *ev->schema_, {"run.end=" + spec->horizon});
    if (!base) return std::unexpected(base.error());
    ev->sources_ = base->sources();
    ev->sources_.insert(ev->sources_.begin(), experiment.string());
    for (std::size_t k = 0; k < 2; ++k) {
        ev->arm_names_[k] = names[k];
        ev->arm_sets_[k] = arms[k]->sets;
        ev->arm_sets_[k].insert(ev->arm_sets_[k].end(), sets.begin(), sets.end());
        ev->arms_[k] = *base;
        for (const auto& s : ev->arm_sets_[k]) {
            const auto eq = s.find('=');
            if (auto ok = ev->arms_[k].set(s.substr(0, eq), s.substr(eq + 1)); !ok) {
                for (const auto& d : ok.error().diagnostics)
                    problems.add(where, "arm '" + names[k] + "': override '" + s + "': " + d.what);
            }
        }
    }
    // The experiment's cells (posterior draws x prior draws x structures): both arms in each.
    std::vector<std::string> owned;
    if (plan->cells() > 1 || !plan->cell_sets(0).empty())
        for (std::size_t c = 0; c < plan->cells(); ++c) {
            auto sets_c = plan->cell_sets(c);
            for (const auto& s : sets_c) owned.push_back(key_of(s));
            std::array<sim::config::Config, 2> pair{*base, *base};
            for (std::size_t k = 0; k < 2; ++k) {
                for (const auto& s : sets_c) {
                    const auto eq = s.find('=');
                    (void)pair[k].set(s.substr(0, eq), s.substr(eq + 1));  // validated by make_plan
                }
                for (const auto& s : ev->arm_sets_[k]) {
                    const auto eq = s.find('=');
                    if (auto ok = pair[k].set(s.substr(0, eq), s.substr(eq + 1)); !ok && c == 0)
                        for (const auto& d : ok.error().diagnostics)
                            problems.add(where, "arm '" + names[k] + "': override '" + s + "': " + d.what);
                }
            }
            ev->cell_arms_.push_back(std::move(pair));
            ev->cell_sets_.push_back(std::move(sets_c));
        }
    for (const auto& s : sets)
        if (std::find(owned.begin(), owned.end(), key_of(s)) != owned.end())
            problems.add(where, "set: override '" + s + "': the experiment draws '" + key_of(s) +
                                    "' in every cell (posterior, [priors] or [[structure]])");
    for (const auto& key : parameters) {
        if (std::find(owned.begin(), owned.end(), key) != owned.end())
            problems.add(where, "parameter '" + key + "' is drawn by the experiment in every cell (posterior, [priors] or "
                                "[[structure]]); sweeping it would overwrite the draw");
        const auto* ks = ev->schema_->find(key);
        if (!ks)
            problems.add(where, "parameter '" + key + "' is not a key of the pushpull model (see `pushpull describe`)");
        else if (ks->type != sim::config::Type::Float && ks->type != sim::config::Type::Int)
            problems.add(where, "parameter '" + key + "' is not numeric and cannot be swept");
        else if (key.rfind("run.", 0) == 0)
            problems.add(where, "parameter '" + key + "': run.* keys (seed, horizon, data) are fixed by the sweep");
        for (std::size_t k = 0; k < 2; ++k)
            for (const auto& s : ev->arm_sets_[k])
                if (key_of(s) == key)
                    problems.add(where, "parameter '" + key + "' is set by arm '" + names[k] + "' ('" + s +
                                            "') or the sweep's set; sweeping it would overwrite the arm");
        ev->specs_.push_back(ks);
    }
    if (!problems.empty()) return std::unexpected(problems.to_error());

    const auto& p0 = plan->arms.at(plan->reference).params;
    const auto set = p0.city_set == "all50k" ? pushpull::data::CitySet::All50k : pushpull::data::CitySet::Wup300k;
    auto input = pushpull::data::cached_input_data(p0.data_dir, set, p0.data_until);  // read once per process
    if (!input) return std::unexpected(input.error());
    ev->input_ = *input;

    // Probe run of arm a at the base values: statistic names and series length.
    auto base_world = pushpull::build_world(*ev->input_, p0);  // its networks are copied by every run sharing them
    if (!base_world) return std::unexpected(base_world.error());
    ev->networks_ = std::make_unique<const pushpull::NetworkReuse>(pushpull::NetworkReuse::of(*base_world, p0));
    auto probe = run_arm(ev->arms_[0], spec->seed, *ev->input_, ev->networks_.get());
    if (!probe) return std::unexpected(probe.error());
    for (const auto& s : probe->stats) ev->statistics_.push_back("delta_" + s.name);
    ev->statistics_.push_back(std::string(kLevel) + "_a");
    ev->statistics_.push_back(std::string(kLevel) + "_b");
    if (ev->cells() > 1) ev->statistics_.push_back("cell");
    ev->steps_ = probe->series.steps;
    ev->series_names_ = {"delta_countries_adopted", "delta_cities_adopted", "delta_chinese_agreements"};
    return ev;
}

std::string ContrastEvaluator::describe_draws() const {
    if (cell_sets_.empty()) return "  draws       none: every run uses the experiment's base parameters (no posterior, [priors] or [[structure]])\n";
    std::string out = "  draws       " + std::to_string(cells()) + " cell(s) of " + experiment_file_.string() +
                      " (structure x unidentified x posterior draw); the run with seed s uses cell s mod " +
                      std::to_string(cells()) + " in both arms\n";
    for (std::size_t c = 0; c < cell_sets_.size(); ++c) {
        out += "    cell " + std::to_string(c) + ":";
        for (const auto& s : cell_sets_[c]) out += " " + s;
        if (cell_sets_[c].empty()) out += " (base)";
        out += "\n";
    }
    return out;
}

std::string ContrastEvaluator::resolved_toml() const {
    std::string out;
    for (std::size_t k = 0; k < 2; ++k)
        out += std::string(k ? "\n" : "") + "# contrast arm " + (k ? "b" : "a") + ": " + arm_names_[k] + " (" +
               experiment_file_.string() + ")\n" + arms_[k].to_toml();
    return out;
}

sim::Result<Outcome> ContrastEvaluator::evaluate(const std::vector<double>& values, std::uint64_t seed,
                                                 bool with_series) const {
    if (values.size() != keys_.size())
        return sim::bad_input("evaluate", "expected " + std::to_string(keys_.size()) + " parameter values");
    try {
        std::array<ArmRun, 2> runs;
        const std::size_t cell = cells() > 1 ? seed % cells() : 0;
        const auto& arms = cell_arms_.empty() ? arms_ : cell_arms_[cell];
        for (std::size_t k = 0; k < 2; ++k) {
            sim::config::Config cfg = arms[k];
            sim::DiagnosticList problems;
            for (std::size_t i = 0; i < keys_.size(); ++i)
                if (auto ok = cfg.set(keys_[i], value_text(*specs_[i], values[i])); !ok) problems.append(ok.error());
            if (!problems.empty()) return std::unexpected(problems.to_error());
            auto r = run_arm(cfg, seed, *input_, networks_.get());  // the same seed in both arms: common random numbers
            if (!r) return std::unexpected(r.error());
            runs[k] = std::move(*r);
        }
        const auto& sa = runs[0].stats;
        const auto& sb = runs[1].stats;
        if (sa.size() + 2 + (cells() > 1 ? 1 : 0) != statistics_.size() || sb.size() != sa.size())
            return std::unexpected(
                sim::Error(sim::ErrorKind::Internal, "evaluate", "the runs returned other statistics than the probe"));
        Outcome out;
        double level_a = std::nan(""), level_b = std::nan("");
        for (std::size_t s = 0; s < sa.size(); ++s) {
            if (sa[s].name != sb[s].name || "delta_" + sa[s].name != statistics_[s])
                return std::unexpected(
                    sim::Error(sim::ErrorKind::Internal, "evaluate", "statistic '" + sa[s].name + "' out of order"));
            out.statistics.push_back(sa[s].value - sb[s].value);
            if (sa[s].name == kLevel) {
                level_a = sa[s].value;
                level_b = sb[s].value;
            }
        }
        out.statistics.push_back(level_a);
        out.statistics.push_back(level_b);
        if (cells() > 1) out.statistics.push_back(static_cast<double>(cell));
        if (with_series) {
            const auto &a = runs[0].series, &b = runs[1].series;
            out.series = {delta(a.countries_adopted, b.countries_adopted), delta(a.cities_adopted, b.cities_adopted),
                          delta(a.chinese_agreements, b.chinese_agreements)};
        }
        return out;
    } catch (const std::exception& e) {
        return std::unexpected(sim::Error(sim::ErrorKind::Internal, "evaluate", e.what()));
    }
}

std::string ContrastEvaluator::rerun_command(const std::vector<double>& values, std::uint64_t seed) const {
    std::string out;
    for (std::size_t k = 0; k < 2; ++k) {
        out += std::string(k ? "\n" : "") + "# arm " + (k ? "b" : "a") + " (" + arm_names_[k] + ") of " +
               experiment_file_.string() + "; the row's delta_* are a - b\n";
        out += "pushpull run " + base_file_.string() + " --seed " + std::to_string(seed) + " --set run.end=" + horizon_;
        if (!cell_sets_.empty())
            for (const auto& s : cell_sets_[cells() > 1 ? seed % cells() : 0]) out += " --set " + s;
        for (const auto& s : arm_sets_[k]) out += " --set " + s;
        for (std::size_t i = 0; i < keys_.size() && i < values.size(); ++i)
            out += " --set " + keys_[i] + "=" + value_text(*specs_[i], values[i]);
    }
    return out;
}

}  // namespace study
