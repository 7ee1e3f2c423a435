#include "python/src/api.hpp"

#include <filesystem>
#include <thread>

#include "app/provenance.hpp"
#include "models/pushpull/experiment/output.hpp"
#include "models/pushpull/experiment/run.hpp"
#include "models/pushpull/params.hpp"
#include "models/study/pushpull_evaluator.hpp"
#include "models/study/sweep_spec.hpp"
#include "sim/config/key_lookup.hpp"
#include "sim/model_api.hpp"
#include "sim/output/hdf5_writer.hpp"

namespace pyapi {

namespace fs = std::filesystem;

namespace {

int resolve_threads(int threads) {
    return threads > 0 ? threads : static_cast<int>(std::max(1u, std::thread::hardware_concurrency()));
}

sim::Result<const sim::ModelEntry*> find_model(const std::string& name, const std::string& where) {
    for (const auto& m : sim::model_registry())
        if (m.name == name) return &m;
    std::string known;
    for (const auto& m : sim::model_registry()) known += (known.empty() ? "" : ", ") + m.name;
    return sim::bad_input(where, "unknown model '" + name + "'; known models: " + known);
}

std::string join(const std::vector<std::string>& v) {
    std::string s;
    for (const auto& x : v) s += (s.empty() ? "" : "; ") + x;
    return s;
}

/// Runs every row of a job on `threads` workers, in run order (what run_sweep writes, in memory).
std::vector<study::RunRow> run_rows(const study::SweepJob& job, int threads) {
    std::vector<study::RunRow> rows(job.total_runs());
    const sim::Executor executor(resolve_threads(threads));
    sim::parallel_ordered<study::RunRow>(
        executor, rows.size(), [&](std::size_t run) { return study::run_one(job, run); },
        [&](std::size_t run, study::RunRow&& row) { rows[run] = std::move(row); });
    return rows;
}

}  // namespace

sim::Result<RunOutput> run(const RunRequest& req) {
    if (!fs::exists(req.scenario)) return sim::bad_input(req.scenario, "scenario file not found");
    auto model_name = sim::config::peek_string(req.scenario, "model.name", "pushpull");
    if (!model_name) return std::unexpected(model_name.error());
    auto model = find_model(*model_name, req.scenario + ": model.name");
    if (!model) return std::unexpected(model.error());
    const auto schema = (*model)->schema();
    auto cfg = sim::config::load_scenario(req.scenario, schema, req.sets);
    if (!cfg) return std::unexpected(cfg.error());
    const std::uint64_t seed = req.seed ? *req.seed : static_cast<std::uint64_t>(cfg->get_int("run.seed"));
    const int threads = resolve_threads(req.threads);
    const sim::Executor executor = req.serial ? sim::Executor::serial() : sim::Executor(threads);
    const sim::RunContext ctx{seed, &executor, req.scenario};
    auto result = (*model)->run(*cfg, ctx);
    if (!result) return std::unexpected(result.error());

    app::ProvenanceInput prov;
    prov.model = *model_name;
    prov.scenario_file = req.scenario;
    prov.resolved_scenario = cfg->to_toml();
    prov.sources = join(cfg->sources());
    prov.command_line = req.command_line;
    prov.seed = seed;
    prov.threads = req.serial ? 1 : threads;
    prov.executor = req.serial ? "serial" : std::string(sim::Executor::backend_name());
    prov.checksums = result->checksums;
    app::add_provenance(result->tree, prov);
    return RunOutput{std::move(result->tree), std::move(result->summary_text)};
}

sim::Result<void> write(const sim::out::Group& tree, const std::string& path, bool overwrite) {
    sim::out::WriteOptions opts;
    opts.overwrite = overwrite;
    return sim::out::write_hdf5(tree, path, opts);
}

sim::Result<ManyOutput> run_many(const ManyRequest& req) {
    if (!fs::exists(req.scenario)) return sim::bad_input(req.scenario, "scenario file not found");
    if (!req.seeds.empty() && req.seeds.size() != req.points.size())
        return sim::bad_input("seeds", "expected one seed per row of params (" + std::to_string(req.points.size()) +
                                           "), got " + std::to_string(req.seeds.size()));
    if (!req.seeds.empty() && req.replicates != 1)
        return sim::bad_input("replicates", "explicit seeds take one run per row (replicates = 1)");
    if (req.replicates < 1) return sim::bad_input("replicates", "must be at least 1");
    // Short names (`beta_crime`) resolve as in --set; an unknown key names the column.
    const auto schema = sim::config::Schema(pushpull::schema());
    std::vector<std::string> keys;
    sim::DiagnosticList problems;
    for (const auto& k : req.keys) {
        auto spec = sim::config::find_key_by_name(k, schema);
        if (!spec)
            problems.add("params column '" + k + "'", spec.error());
        else
            keys.push_back((*spec)->path);
    }
    if (!problems.empty()) return std::unexpected(problems.to_error());
    for (const auto& p : req.points)
        if (p.size() != keys.size()) return sim::bad_input("params", "every row needs one value per column");

    auto ev = study::PushpullEvaluator::create(req.scenario, req.sets, keys);
    if (!ev) return std::unexpected(ev.error());
    ManyOutput out;
    out.parameters = keys;
    out.statistics = (*ev)->statistics();
    out.points = req.points;
    out.replicates = req.replicates;
    if (req.keep_series) out.series_names = (*ev)->series_names();

    study::SweepJob job;
    job.evaluator = ev->get();
    job.points = req.points;
    job.replicates = req.replicates;
    job.seed = req.seed;
    job.common_random_numbers = req.common_random_numbers;
    job.keep_series = req.keep_series;
    if (req.seeds.empty()) {
        out.rows = run_rows(job, req.threads);
        return out;
    }
    // Explicit seeds: each row is `pushpull run --seed s --set key=value ...`.
    out.rows.resize(req.points.size());
    const sim::Executor executor(resolve_threads(req.threads));
    sim::parallel_ordered<study::RunRow>(
        executor, out.rows.size(),
        [&](std::size_t i) {
            study::RunRow row;
            row.seed = req.seeds[i];
            auto o = (*ev)->evaluate(req.points[i], row.seed, req.keep_series);
            if (o) {
                row.ok = true;
                row.statistics = std::move(o->statistics);
                row.series = std::move(o->series);
            } else {
                row.error = o.error().message();
            }
            return row;
        },
        [&](std::size_t i, study::RunRow&& row) { out.rows[i] = std::move(row); });
    return out;
}

sim::Result<ManyOutput> sweep(const std::string& file, int threads) {
    auto spec = study::parse_sweep_spec(file);
    if (!spec) return std::unexpected(spec.error());
    auto plan = study::make_sweep_plan(std::move(*spec));
    if (!plan) return std::unexpected(plan.error());
    ManyOutput out;
    out.parameters = plan->evaluator->parameters();
    out.statistics = plan->evaluator->statistics();
    if (plan->job.keep_series) out.series_names = plan->evaluator->series_names();
    out.points = plan->job.points;
    out.replicates = plan->job.replicates;
    out.header = plan->job.header;
    out.rows = run_rows(plan->job, threads);
    return out;
}

sim::Result<sim::out::Group> experiment(const std::string& file, const std::string& text, const std::string& base_dir,
                                        int threads, const std::string& command_line) {
    namespace ex = pushpull::experiment;
    auto spec = text.empty() ? ex::parse_spec(file) : ex::parse_spec_text(text, base_dir, "<dict>");
    if (!spec) return std::unexpected(spec.error());
    auto plan = ex::make_plan(std::move(*spec));
    if (!plan) return std::unexpected(plan.error());
    const int n = resolve_threads(threads);
    const sim::Executor executor(n);
    auto results = ex::run_experiment(*plan, executor);
    if (!results) return std::unexpected(results.error());
    auto tree = ex::experiment_tree(*plan, *results);
    app::ProvenanceInput prov;
    prov.model = "pushpull";
    prov.scenario_file = text.empty() ? file : "<dict>";
    prov.resolved_scenario = plan->base_resolved_toml;
    prov.sources = join(plan->sources);
    prov.command_line = command_line;
    prov.seed = plan->spec.seed;
    prov.threads = n;
    prov.executor = std::string(sim::Executor::backend_name());
    prov.checksums = results->checksums;
    app::add_provenance(tree, prov);
    return tree;
}

}  // namespace pyapi
