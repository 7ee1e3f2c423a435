#include "app/run_command.hpp"

#include <filesystem>
#include <iostream>
#include <thread>

#include "app/output_claim.hpp"
#include "app/provenance.hpp"
#include "sim/log.hpp"
#include "sim/model_api.hpp"
#include "sim/output/hdf5_writer.hpp"

namespace app {

namespace fs = std::filesystem;

namespace {

sim::Result<const sim::ModelEntry*> find_model(const std::string& name, const std::string& where) {
    for (const auto& m : sim::model_registry())
        if (m.name == name) return &m;
    std::string known;
    for (const auto& m : sim::model_registry()) known += (known.empty() ? "" : ", ") + m.name;
    return sim::bad_input(where, "unknown model '" + name + "'; known models: " + known);
}

fs::path output_path(const RunOptions& opts) {
    if (!opts.output.empty()) return opts.output;
    return fs::path("output") / (fs::path(opts.scenario).stem().string() + ".h5");
}


std::string join(const std::vector<std::string>& v) {
    std::string s;
    for (const auto& x : v) s += (s.empty() ? "" : "; ") + x;
    return s;
}

}  // namespace

sim::Result<void> run_command(const RunOptions& opts) {
    auto log = sim::logger("sim");
    if (!fs::exists(opts.scenario)) return sim::bad_input(opts.scenario, "scenario file not found");
    auto model_name = sim::config::peek_string(opts.scenario, "model.name", "pushpull");
    if (!model_name) return std::unexpected(model_name.error());
    auto model = find_model(*model_name, opts.scenario + ": model.name");
    if (!model) return std::unexpected(model.error());
    const auto schema = (*model)->schema();
    auto cfg = sim::config::load_scenario(opts.scenario, schema, opts.sets);
    if (!cfg) return std::unexpected(cfg.error());
    if (opts.print_config) {
        std::cout << cfg->to_toml();
        return {};
    }
    const fs::path out = output_path(opts);
    // The output is claimed (locked, checked) before the run and held until it is renamed in place.
    auto claim = claim_output_file(out, opts.force, opts.output.empty());
    if (!claim) return std::unexpected(claim.error());

    const std::uint64_t seed = opts.seed ? *opts.seed : static_cast<std::uint64_t>(cfg->get_int("run.seed"));
    const int threads = opts.threads > 0 ? opts.threads : static_cast<int>(std::max(1u, std::thread::hardware_concurrency()));
    const sim::Executor executor = opts.serial ? sim::Executor::serial() : sim::Executor(threads);
    log->info("running model '{}' from {} (seed {}, {} {})", *model_name, opts.scenario, seed,
              opts.serial ? 1 : threads, opts.serial ? "serial" : std::string(sim::Executor::backend_name()) + " threads");
    const sim::RunContext ctx{seed, &executor, opts.scenario};
    auto result = (*model)->run(*cfg, ctx);
    if (!result) return std::unexpected(result.error());

    ProvenanceInput prov;
    prov.model = *model_name;
    prov.scenario_file = opts.scenario;
    prov.resolved_scenario = cfg->to_toml();
    prov.sources = join(cfg->sources());
    prov.command_line = opts.command_line;
    prov.seed = seed;
    prov.threads = opts.serial ? 1 : threads;
    prov.executor = opts.serial ? "serial" : std::string(sim::Executor::backend_name());
    prov.checksums = result->checksums;
    add_provenance(result->tree, prov);
    sim::out::WriteOptions wopts;
    wopts.overwrite = opts.force;
    if (auto written = sim::out::write_hdf5(result->tree, out, wopts); !written) return written;
    if (!opts.quiet) std::cout << result->summary_text;
    sim::logger("io")->info("wrote {}", out.string());
    return {};
}

sim::Result<void> describe_command(const std::string& model_name) {
    auto model = find_model(model_name, "describe");
    if (!model) return std::unexpected(model.error());
    const auto schema = (*model)->schema();
    std::cout << "# " << (*model)->name << ": " << (*model)->description << "\n";
    for (const auto& k : schema.keys()) {
        std::cout << k.path << "\t";
        std::visit([](const auto& v) { std::cout << v; }, k.default_value);
        std::cout << "\t";
        if (k.min || k.max) std::cout << "[" << (k.min ? std::to_string(*k.min) : "") << ", " << (k.max ? std::to_string(*k.max) : "") << "]";
        for (const auto& c : k.choices) std::cout << c << (&c == &k.choices.back() ? "" : "|");
        std::cout << "\t" << k.unit << "\t" << k.prior << "\t" << k.doc << "\n";
    }
    return {};
}

}  // namespace app
