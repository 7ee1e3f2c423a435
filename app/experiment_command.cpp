#include "app/experiment_command.hpp"

#include <unistd.h>

#include <algorithm>
#include <filesystem>
#include <iostream>
#include <thread>

#include "app/provenance.hpp"
#include "app/report_json.hpp"
#include "models/pushpull/experiment/output.hpp"
#include "models/study/calibration_report.hpp"
#include "sim/log.hpp"
#include "sim/output/hdf5_writer.hpp"

namespace app {

namespace fs = std::filesystem;
namespace ex = pushpull::experiment;

namespace {

sim::Result<void> check_output(const fs::path& out, bool force, bool default_location) {
    std::error_code ec;
    if (fs::exists(out, ec) && !force) return sim::io_error(out.string(), "output file exists; use --force to overwrite it");
    const fs::path dir = out.parent_path().empty() ? fs::path(".") : out.parent_path();
    if (default_location) fs::create_directories(dir, ec);
    if (!fs::is_directory(dir, ec)) return sim::io_error(out.string(), "output directory does not exist");
    if (::access(dir.c_str(), W_OK) != 0) return sim::io_error(out.string(), "output directory is not writable");
    return {};
}

}  // namespace

sim::Result<void> experiment_command(const ExperimentOptions& opts) {
    auto log = sim::logger("sim");
    auto spec = ex::parse_spec(opts.experiment);
    if (!spec) return std::unexpected(spec.error());
    auto plan = ex::make_plan(std::move(*spec));
    if (!plan) return std::unexpected(plan.error());
    if (opts.dry_run) {
        std::cout << ex::describe_plan(*plan);
        return {};
    }
    const fs::path out = opts.output.empty() ? fs::path("output") / (fs::path(opts.experiment).stem().string() + ".h5") : fs::path(opts.output);
    if (auto ok = check_output(out, opts.force, opts.output.empty()); !ok) return ok;

    const int threads = opts.threads > 0 ? opts.threads : static_cast<int>(std::max(1u, std::thread::hardware_concurrency()));
    const sim::Executor executor(threads);
    log->info("experiment {}: {} arms x {} draw(s) x {} replicate(s) = {} runs on {} {} threads", opts.experiment,
              plan->arms.size(), plan->spec.draws, plan->spec.replicates, plan->total_runs(), threads,
              sim::Executor::backend_name());
    const std::size_t tenth = std::max<std::size_t>(1, plan->total_runs() / 10);
    auto results = ex::run_experiment(*plan, executor, [&](std::size_t done, std::size_t total) {
        if (done % tenth == 0 || done == total) log->info("  {}/{} runs", done, total);
    });
    if (!results) return std::unexpected(results.error());
    log->info("experiment finished in {:.1f} s", results->seconds);

    auto tree = ex::experiment_tree(*plan, *results);
    ProvenanceInput prov;
    prov.model = "pushpull";
    prov.scenario_file = opts.experiment;
    prov.resolved_scenario = plan->base_resolved_toml;
    for (const auto& s : plan->sources) prov.sources += (prov.sources.empty() ? "" : "; ") + s;
    prov.command_line = opts.command_line;
    prov.seed = plan->spec.seed;
    prov.threads = threads;
    prov.executor = std::string(sim::Executor::backend_name());
    prov.checksums = results->checksums;
    add_provenance(tree, prov);
    sim::out::WriteOptions wopts;
    wopts.overwrite = opts.force;
    if (auto written = sim::out::write_hdf5(tree, out, wopts); !written) return written;
    sim::logger("io")->info("wrote {}", out.string());
    if (!opts.quiet) {
        auto text = ex::format_report(tree);
        if (text) std::cout << *text;
    }
    return {};
}

sim::Result<void> report_command(const ReportOptions& opts) {
    if (!fs::exists(opts.file)) return sim::bad_input(opts.file, "file not found");
    auto tree = sim::out::read_hdf5(opts.file);
    if (!tree) return std::unexpected(tree.error());
    if (opts.json) {
        auto json = report_json(*tree, opts.file);
        if (!json) {
            auto err = json.error();
            for (auto& d : err.diagnostics) d.where = d.where.empty() ? opts.file : opts.file + ": " + d.where;
            return std::unexpected(err);
        }
        std::cout << *json;
        return {};
    }
    if (study::is_calibration_file(*tree)) {
        auto md = study::calibration_report(*tree);
        if (!md) return sim::bad_input(opts.file, md.error().message());
        std::cout << *md;
        return {};
    }
    auto text = ex::format_report(*tree, opts.all);
    if (!text) {
        auto err = text.error();
        for (auto& d : err.diagnostics) d.where = opts.file;
        return std::unexpected(err);
    }
    std::cout << *text;
    return {};
}

}  // namespace app
