#include "app/experiment_command.hpp"

#include <algorithm>
#include <filesystem>
#include <iostream>
#include <map>
#include <optional>
#include <thread>

#include "app/output_claim.hpp"
#include "app/provenance.hpp"
#include "app/report_json.hpp"
#include "models/pushpull/experiment/output.hpp"
#include "models/study/calibration_report.hpp"
#include "models/study/compare.hpp"
#include "models/study/validate.hpp"
#include "sim/output/tree_lookup.hpp"
#include "sim/io/row_journal.hpp"
#include "sim/io/sha256.hpp"
#include "sim/log.hpp"
#include "sim/output/hdf5_writer.hpp"

namespace app {

namespace fs = std::filesystem;
namespace ex = pushpull::experiment;

namespace {

fs::path journal_path(const fs::path& out) {
    fs::path p = out;
    p += ".journal";
    return p;
}

/// What identifies an experiment's runs: its file, the resolved base, the posterior, the version.
std::string fingerprint_of(const ex::Plan& plan) {
    sim::io::Sha256 h;
    h.update(plan.spec.text);
    h.update(plan.base_resolved_toml);
    if (plan.posterior) h.update(plan.posterior->sha256);
    h.update(PUSHPULL_VERSION);
    return h.hex_digest();
}

std::string encode(const std::vector<pushpull::Statistic>& stats) {
    sim::io::PayloadWriter w;
    w.put(static_cast<std::uint32_t>(stats.size()));
    for (const auto& s : stats) {
        w.put_string(s.name);
        w.put(s.value);
    }
    return w.take();
}

std::optional<std::vector<pushpull::Statistic>> decode(const std::string& payload) {
    sim::io::PayloadReader r(payload);
    std::uint32_t n = 0;
    if (!r.get(n) || n > 100000) return std::nullopt;
    std::vector<pushpull::Statistic> out(n);
    for (auto& s : out)
        if (!r.get_string(s.name) || !r.get(s.value)) return std::nullopt;
    if (!r.done()) return std::nullopt;
    return out;
}

/// The command line as recorded: without --resume, so a resumed file equals a clean run's.
std::string recorded_command(std::string cmd) {
    for (std::size_t at; (at = cmd.find(" --resume")) != std::string::npos;) cmd.erase(at, 9);
    return cmd;
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
    auto claim = claim_output_file(out, opts.force || opts.resume, opts.output.empty());
    if (!claim) return std::unexpected(claim.error());
    // The journal of finished runs (kept beside the output until it is written), for --resume.
    std::error_code ec;
    const fs::path jpath = journal_path(out);
    const bool journal_exists = fs::exists(jpath, ec);
    if (opts.resume && fs::exists(out, ec))
        return sim::io_error(out.string(), "--resume: the output file already exists (the experiment finished)");
    if (opts.resume && !journal_exists)
        return sim::bad_input(out.string(), "--resume: no interrupted experiment (" + jpath.string() + " not found)");
    if (!opts.resume && !opts.force && journal_exists)
        return sim::io_error(out.string(), "an interrupted experiment left " + jpath.string() +
                                               "; use --resume to continue it or --force to start over");
    const std::string fingerprint = fingerprint_of(*plan);
    std::map<std::size_t, std::vector<pushpull::Statistic>> before;
    std::optional<sim::io::RowJournal> journal;
    if (opts.resume) {
        std::vector<sim::io::JournalRecord> records;
        auto j = sim::io::RowJournal::resume(jpath, fingerprint, records);
        if (!j) return std::unexpected(j.error());
        journal.emplace(std::move(*j));
        for (const auto& r : records)
            if (auto s = decode(r.payload); s && r.index < plan->total_runs()) before[r.index] = std::move(*s);
        log->info("resuming: {} of {} runs done before", before.size(), plan->total_runs());
    } else {
        auto j = sim::io::RowJournal::create(jpath, fingerprint);
        if (!j) return std::unexpected(j.error());
        journal.emplace(std::move(*j));
    }
    ex::RunJournalHooks hooks;
    hooks.done = [&](std::size_t i) -> std::optional<std::vector<pushpull::Statistic>> {
        const auto it = before.find(i);
        if (it == before.end()) return std::nullopt;
        return it->second;
    };
    hooks.record = [&](std::size_t i, const std::vector<pushpull::Statistic>& s) { return journal->append(i, encode(s)); };

    const int threads = opts.threads > 0 ? opts.threads : static_cast<int>(std::max(1u, std::thread::hardware_concurrency()));
    const sim::Executor executor(threads);
    log->info("experiment {}: {} arms x {} cell(s) ({} structure(s) x {} unidentified x {} calibrated draw(s)) x {} replicate(s) = {} runs on {} {} threads",
              opts.experiment, plan->arms.size(), plan->cells(), plan->structures(), plan->spec.unidentified_draws,
              plan->spec.draws, plan->spec.replicates, plan->total_runs(), threads,
              sim::Executor::backend_name());
    const std::size_t tenth = std::max<std::size_t>(1, plan->total_runs() / 10);
    auto results = ex::run_experiment(
        *plan, executor,
        [&](std::size_t done, std::size_t total) {
            if (done % tenth == 0 || done == total) log->info("  {}/{} runs", done, total);
        },
        hooks);
    if (!results) return std::unexpected(results.error());
    log->info("experiment finished in {:.1f} s", results->seconds);

    auto tree = ex::experiment_tree(*plan, *results);
    ProvenanceInput prov;
    prov.model = "pushpull";
    prov.scenario_file = opts.experiment;
    prov.resolved_scenario = plan->base_resolved_toml;
    for (const auto& s : plan->sources) prov.sources += (prov.sources.empty() ? "" : "; ") + s;
    prov.command_line = recorded_command(opts.command_line);
    prov.seed = plan->spec.seed;
    prov.threads = threads;
    prov.executor = std::string(sim::Executor::backend_name());
    prov.checksums = results->checksums;
    add_provenance(tree, prov);
    sim::out::WriteOptions wopts;
    wopts.overwrite = opts.force || opts.resume;
    if (auto written = sim::out::write_hdf5(tree, out, wopts); !written) return written;
    journal->remove();
    sim::logger("io")->info("wrote {}", out.string());
    if (!opts.quiet) {
        auto text = ex::format_report(tree);
        if (text) std::cout << *text;
    }
    return {};
}

sim::Result<void> report_command(const ReportOptions& opts) {
    if (!fs::exists(opts.file)) return sim::bad_input(opts.file, "file not found");
    auto tree = sim::out::read_untrusted_hdf5(opts.file);
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
    if (study::is_sbc_file(*tree)) {
        auto md = study::sbc_report(*tree);
        if (!md) return sim::bad_input(opts.file, md.error().message());
        std::cout << *md;
        return {};
    }
    // Files of `pushpull compare` and `pushpull validate`: their own tables, recomputed from the file.
    for (const auto& [group, report] : {std::pair{"compare", &study::compare_report}, std::pair{"validate", &study::validate_report}})
        if (sim::out::find_group(*tree, group)) {
            auto md = report(*tree);
            if (!md) return sim::bad_input(opts.file, md.error().message());
            std::cout << *md;
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
        for (auto& d : err.diagnostics) d.where = opts.file + (d.where.empty() || d.where == "report" ? "" : ": " + d.where);
        return std::unexpected(err);
    }
    std::cout << *text;
    return {};
}

}  // namespace app
