#include "models/study/pushpull_evaluator.hpp"

#include <charconv>
#include <cmath>
#include <exception>
#include <set>

#include "models/pushpull/data/input_cache.hpp"
#include "models/pushpull/experiment/run.hpp"
#include "models/pushpull/model_entry.hpp"
#include "models/pushpull/params.hpp"
#include "models/pushpull/record/summary.hpp"
#include "sim/config/key_lookup.hpp"

namespace study {

namespace fs = std::filesystem;

std::string exact_text(double x) {
    char buf[64];
    const auto r = std::to_chars(buf, buf + sizeof buf, x);  // shortest round-trip form
    return std::string(buf, r.ptr);
}

namespace {

/// The override text for a key: integers without a fraction, reals in round-trip form.
std::string value_text(const sim::config::KeySpec& spec, double v) {
    if (spec.type == sim::config::Type::Int) return std::to_string(std::llround(v));
    return exact_text(v);
}

/// The run's statistics: the calibration summary, then the experiment statistics it lacks.
std::vector<pushpull::Statistic> all_statistics(const pushpull::FinishedRun& run) {
    auto stats = run.summary;
    std::set<std::string> seen;
    for (const auto& s : stats) seen.insert(s.name);
    for (auto& s : pushpull::experiment::experiment_statistics(*run.world, run.state, run.series))
        if (seen.insert(s.name).second) stats.push_back(std::move(s));
    return stats;
}

std::vector<double> as_doubles(const std::vector<std::int32_t>& v) {
    return {v.begin(), v.end()};
}

}  // namespace

sim::Result<std::vector<std::string>> resolve_parameter_keys(const std::vector<std::string>& keys,
                                                             const std::string& where) {
    const sim::config::Schema schema = pushpull::schema();
    std::vector<std::string> out;
    sim::DiagnosticList problems;
    for (const auto& k : keys) {
        auto spec = sim::config::find_key_by_name(k, schema);
        if (!spec)
            problems.add(where, "parameter '" + k + "': " + spec.error());
        else
            out.push_back((*spec)->path);
    }
    if (!problems.empty()) return std::unexpected(problems.to_error());
    return out;
}

sim::Result<std::unique_ptr<PushpullEvaluator>> PushpullEvaluator::create(const fs::path& base,
                                                                          const std::vector<std::string>& sets,
                                                                          const std::vector<std::string>& parameters) {
    auto model = sim::config::peek_string(base, "model.name", "pushpull");
    if (!model) return std::unexpected(model.error());
    if (*model != "pushpull")
        return sim::bad_input(base.string(),
                              "sweeps and calibrations run the pushpull model (or a built-in test "
                              "function); this scenario is model '" +
                                  *model + "'");
    std::unique_ptr<PushpullEvaluator> ev(new PushpullEvaluator());
    ev->base_file_ = base;
    ev->sets_ = sets;
    ev->keys_ = parameters;
    ev->schema_ = std::make_unique<sim::config::Schema>(pushpull::schema());
    auto cfg = sim::config::load_scenario(base, *ev->schema_, sets);
    if (!cfg) return std::unexpected(cfg.error());
    ev->base_ = std::move(*cfg);

    sim::DiagnosticList problems;
    for (const auto& key : parameters) {
        const auto* spec = ev->schema_->find(key);
        if (!spec)
            problems.add(base.string(),
                         "parameter '" + key + "' is not a key of the pushpull model (see `pushpull describe`)");
        else if (spec->type != sim::config::Type::Float && spec->type != sim::config::Type::Int)
            problems.add(base.string(), "parameter '" + key + "' is not numeric and cannot be swept");
        else if (key.rfind("run.", 0) == 0)
            problems.add(base.string(),
                         "parameter '" + key + "': run.* keys (seed, horizon, data) are fixed by the sweep");
        ev->specs_.push_back(spec);
    }
    if (!problems.empty()) return std::unexpected(problems.to_error());

    auto params = pushpull::params_from_config(ev->base_);
    if (!params) return std::unexpected(params.error());
    const auto set = params->city_set == "all50k" ? pushpull::data::CitySet::All50k : pushpull::data::CitySet::Wup300k;
    auto input = pushpull::data::cached_input_data(params->data_dir, set, params->data_until);  // read once per process
    if (!input) return std::unexpected(input.error());
    ev->input_ = *input;

    // Probe run: statistic names and series length come from the model itself.
    std::vector<double> values;
    for (std::size_t i = 0; i < parameters.size(); ++i) values.push_back(ev->base_value(i));
    auto world = pushpull::build_world(*ev->input_, *params);
    if (!world) return std::unexpected(world.error());
    ev->networks_ = std::make_unique<const pushpull::NetworkReuse>(pushpull::NetworkReuse::of(*world, *params));
    auto run = pushpull::run_on_world(std::make_unique<pushpull::World>(std::move(*world)), *params, *ev->input_,
                                      sim::Executor::serial());
    for (const auto& s : all_statistics(run)) ev->statistics_.push_back(s.name);
    ev->countries_ = run.world->countries.iso3;
    ev->steps_ = run.series.steps;
    ev->series_names_ = {"countries_adopted", "cities_adopted", "chinese_agreements"};
    return ev;
}

double PushpullEvaluator::base_value(std::size_t i) const {
    if (specs_[i]->type == sim::config::Type::Int) return static_cast<double>(base_.get_int(keys_[i]));
    return base_.get_double(keys_[i]);
}

sim::Result<sim::config::Config> PushpullEvaluator::config_at(const std::vector<double>& values) const {
    sim::config::Config cfg = base_;
    sim::DiagnosticList problems;
    for (std::size_t i = 0; i < keys_.size() && i < values.size(); ++i)
        if (auto ok = cfg.set(keys_[i], value_text(*specs_[i], values[i])); !ok) problems.append(ok.error());
    if (!problems.empty()) return std::unexpected(problems.to_error());
    return cfg;
}

sim::Result<Outcome> PushpullEvaluator::evaluate(const std::vector<double>& values, std::uint64_t seed,
                                                 bool with_series) const {
    if (values.size() != keys_.size())
        return sim::bad_input("evaluate", "expected " + std::to_string(keys_.size()) + " parameter values");
    try {
        auto cfg = config_at(values);
        if (!cfg) return std::unexpected(cfg.error());
        auto params = pushpull::params_from_config(*cfg);
        if (!params) return std::unexpected(params.error());
        params->seed = seed;
        auto world = pushpull::build_world(*input_, *params, networks_.get());
        if (!world) return std::unexpected(world.error());
        const auto run = pushpull::run_on_world(std::make_unique<pushpull::World>(std::move(*world)), *params, *input_,
                                                sim::Executor::serial());
        Outcome out;
        const auto stats = all_statistics(run);
        if (stats.size() != statistics_.size())
            return std::unexpected(
                sim::Error(sim::ErrorKind::Internal, "evaluate", "the run returned other statistics than the probe"));
        for (std::size_t s = 0; s < stats.size(); ++s) {
            if (stats[s].name != statistics_[s])
                return std::unexpected(
                    sim::Error(sim::ErrorKind::Internal, "evaluate", "statistic '" + stats[s].name + "' out of order"));
            out.statistics.push_back(stats[s].value);
        }
        out.documented_at = pushpull::documented_times(*run.world, run.state, run.params);
        if (with_series)
            out.series = {as_doubles(run.series.countries_adopted), as_doubles(run.series.cities_adopted),
                          as_doubles(run.series.chinese_agreements)};
        return out;
    } catch (const std::exception& e) {
        return std::unexpected(sim::Error(sim::ErrorKind::Internal, "evaluate", e.what()));
    }
}

std::string PushpullEvaluator::rerun_command(const std::vector<double>& values, std::uint64_t seed) const {
    std::string cmd = "pushpull run " + base_file_.string() + " --seed " + std::to_string(seed);
    for (const auto& s : sets_) cmd += " --set " + s;
    for (std::size_t i = 0; i < keys_.size() && i < values.size(); ++i)
        cmd += " --set " + keys_[i] + "=" + value_text(*specs_[i], values[i]);
    return cmd;
}

}  // namespace study
