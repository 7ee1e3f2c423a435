// pushpull: the command-line front end. Only this file chooses exit codes:
// 0 success, 2 bad input (scenario, data, arguments), 3 I/O failure, 1 internal error.
#include <CLI/CLI.hpp>
#include <cstdio>
#include <cstdlib>
#include <exception>
#include <iostream>

#include "app/calibrate_command.hpp"
#include "app/compare_command.hpp"
#include "app/cli_limits.hpp"
#include "app/experiment_command.hpp"
#include "app/export_command.hpp"
#include "app/run_command.hpp"
#include "app/sensitivity_command.hpp"
#include "app/sweep_command.hpp"
#include "app/validate_command.hpp"
#include "models/study/sweep_mpi.hpp"
#include "sim/io/hdf5_handle.hpp"
#include "sim/log.hpp"

namespace {

constexpr int kExitInternal = 1;
constexpr int kExitBadInput = 2;
constexpr int kExitIo = 3;

int exit_code(const sim::Error& e) {
    switch (e.kind) {
        case sim::ErrorKind::BadInput: return kExitBadInput;
        case sim::ErrorKind::Io: return kExitIo;
        default: return kExitInternal;
    }
}

int report(const sim::Result<void>& r) {
    if (r) return 0;
    const char* what = r.error().kind == sim::ErrorKind::BadInput ? "bad input" :
                       r.error().kind == sim::ErrorKind::Io ? "I/O error" : "internal error";
    std::cerr << "pushpull: " << what << " (" << r.error().diagnostics.size() << " problem"
              << (r.error().diagnostics.size() == 1 ? "" : "s") << "):\n";
    for (const auto& d : r.error().diagnostics)
        std::cerr << "  " << (d.where.empty() ? d.what : d.where + ": " + d.what) << "\n";
    return exit_code(r.error());
}

/// The first argument that is not an option (or an option's value): the subcommand. CLI11 treats
/// an unknown word before `--help` as an argument and prints the help with exit 0; we refuse it.
std::string first_word(int argc, char** argv) {
    for (int i = 1; i < argc; ++i) {
        const std::string a = argv[i];
        if (a == "--log-level") {
            ++i;
            continue;
        }
        if (!a.empty() && a[0] == '-') continue;
        return a;
    }
    return {};
}

std::string command_line(int argc, char** argv) {
    std::string s;
    for (int i = 0; i < argc; ++i) s += (i ? " " : "") + std::string(argv[i]);
    return s;
}

/// Leaves with `code`. When HDF5 could not close a file (a full disk during its last flush), the
/// library's atexit teardown would flush it again and crash; then flush our streams and _Exit.
int finish(int code) {
    if (sim::io::hdf5_teardown_unsafe()) {
        std::cout.flush();
        std::cerr.flush();
        std::fflush(nullptr);
        std::_Exit(code);
    }
    return code;
}

int run_main(int argc, char** argv);

}  // namespace

int main(int argc, char** argv) { return finish(run_main(argc, argv)); }

namespace {

int run_main(int argc, char** argv) {
    try {
        CLI::App cli{"pushpull: simulate the diffusion of surveillance platforms (push-pull model and classic diffusion models)"};
        cli.require_subcommand(1);
        std::string log_level = "info";
        cli.add_option("--log-level", log_level, "trace, debug, info, warn, error, critical, off (before or after the subcommand)")
            ->check(app::log_level_validator())
            ->capture_default_str();
        cli.fallthrough();  // --log-level is accepted after the subcommand too
        cli.set_version_flag("--version", std::string("pushpull ") + PUSHPULL_VERSION + " (" + PUSHPULL_GIT_DESCRIBE + ")");

        app::RunOptions run;
        run.command_line = command_line(argc, argv);
        auto* run_cmd = cli.add_subcommand("run", "run a scenario and write an HDF5 file");
        run_cmd->add_option("scenario", run.scenario, "scenario TOML file")->required();
        run_cmd->add_option("-o,--output", run.output, "output HDF5 file (default output/<scenario>.h5)");
        std::string seed_text;
        auto* seed_opt = run_cmd->add_option("--seed", seed_text, "seed, an integer in [0, 2^63) (overrides run.seed)")
                             ->check(app::seed_validator());
        run_cmd->add_option("--threads", run.threads, "worker threads (default: all cores)")->check(CLI::Range(0, app::max_threads()));
        run_cmd->add_flag("--serial", run.serial, "use the serial executor")->disable_flag_override();
        run_cmd->add_option("--set", run.sets, "override a key: id=value (repeatable)");
        run_cmd->add_flag("--print-config", run.print_config, "print the fully resolved configuration and exit")->disable_flag_override();
        run_cmd->add_flag("--force", run.force, "overwrite an existing output file")->disable_flag_override();
        run_cmd->add_flag("-q,--quiet", run.quiet, "do not print the summary")->disable_flag_override();

        std::string model = "pushpull";
        auto* describe_cmd = cli.add_subcommand("describe", "list a model's scenario keys (type, default, range, unit, prior, doc)");
        describe_cmd->add_option("model", model, "model name")->capture_default_str();

        app::ExperimentOptions exp;
        exp.command_line = run.command_line;
        auto* exp_cmd = cli.add_subcommand("experiment", "run an experiment (arms x draws x replicates, common random numbers) and write an HDF5 file");
        exp_cmd->add_option("experiment", exp.experiment, "experiment TOML file")->required();
        exp_cmd->add_option("-o,--output", exp.output, "output HDF5 file (default output/<experiment>.h5)");
        exp_cmd->add_option("--threads", exp.threads, "worker threads (default: all cores; at most 4 x the cores)")->check(CLI::Range(0, app::max_threads()));
        exp_cmd->add_flag("--force", exp.force, "overwrite an existing output file")->disable_flag_override();
        exp_cmd->add_flag("--resume", exp.resume, "continue an interrupted experiment (from <output>.journal)")
            ->disable_flag_override();
        exp_cmd->add_flag("--dry-run", exp.dry_run, "parse and validate the experiment, print the plan, run nothing")->disable_flag_override();
        exp_cmd->add_flag("-q,--quiet", exp.quiet, "do not print the report")->disable_flag_override();

        app::ReportOptions rep;
        auto* report_cmd = cli.add_subcommand("report", "print the contrasts of an experiment file (or a calibration's posterior) as tables or JSON");
        report_cmd->add_option("file", rep.file, "experiment, calibration, compare or validate HDF5 file")->required();
        report_cmd->add_flag("--all", rep.all, "also print every contrast in long form")->disable_flag_override();
        report_cmd->add_flag("--json", rep.json, "print the report as one JSON object (arms, contrasts per statistic)")
            ->disable_flag_override();

        app::ExportOptions exp_out;
        auto* export_cmd = cli.add_subcommand("export", "write any output file as CSV or JSON tables (long series, units sidecar)");
        export_cmd->add_option("file", exp_out.file, "pushpull HDF5 file (run, sweep, experiment, calibration, ...)")->required();
        export_cmd->add_option("--format", exp_out.format, "csv or json")->capture_default_str();
        export_cmd->add_option("-o,--output", exp_out.output, "directory (default: <file stem>_<format>/ beside the file)");
        export_cmd->add_flag("--force", exp_out.force, "write into an existing non-empty directory")->disable_flag_override();

        app::SweepOptions sweep;
        auto* sweep_cmd = cli.add_subcommand("sweep", "run a parameter sweep (grid, list, LHS, Sobol, Morris) and stream its runs to HDF5");
        sweep_cmd->add_option("sweep", sweep.sweep, "sweep TOML file")->required();
        sweep_cmd->add_option("-o,--output", sweep.output, "output HDF5 file (default output/<sweep>.h5)");
        sweep_cmd->add_option("--threads", sweep.threads, "worker threads per process, per rank under mpirun (default: the cores, shared among a node's ranks; at most 4 x the cores)")->check(CLI::Range(0, app::max_threads()));
        sweep_cmd->add_flag("--resume", sweep.resume, "continue an interrupted sweep (from <output>.journal)")->disable_flag_override();
        sweep_cmd->add_option("--shard", sweep.shard, "run only shard i of N (i/N), for job arrays; join with `pushpull merge`");
        sweep_cmd->add_flag("--force", sweep.force, "overwrite an existing output (and discard an interrupted sweep)")->disable_flag_override();
        sweep_cmd->add_flag("--dry-run", sweep.dry_run, "parse and validate, print the plan, run nothing")->disable_flag_override();
        sweep_cmd->add_option("--print-run", sweep.print_run, "print the `pushpull run` command that reproduces run RUN, and exit")
            ->check(CLI::NonNegativeNumber);

        app::MergeOptions merge;
        auto* merge_cmd = cli.add_subcommand("merge", "join the shard files of one sweep into one file");
        merge_cmd->add_option("shards", merge.shards, "shard HDF5 files (pushpull sweep --shard i/N)")->required();
        merge_cmd->add_option("-o,--output", merge.output, "merged HDF5 file")->required();
        merge_cmd->add_flag("--force", merge.force, "overwrite an existing output file")->disable_flag_override();

        app::SensitivityOptions sens;
        auto* sens_cmd = cli.add_subcommand("sensitivity", "Morris or Sobol' indices of every statistic of a sweep file");
        sens_cmd->add_option("file", sens.file, "sweep HDF5 file (design morris or sobol)")->required();
        sens_cmd->add_option("-o,--output", sens.output, "also write the indices to this HDF5 file");
        sens_cmd->add_option("--bootstrap", sens.bootstrap, "bootstrap replicates for the Sobol' intervals")
            ->check(CLI::Range(0, app::kMaxBootstrap))->capture_default_str();
        sens_cmd->add_option("--statistic", sens.statistics, "analyse only this statistic (repeatable)");
        sens_cmd->add_flag("--force", sens.force, "overwrite an existing output file")->disable_flag_override();

        app::CalibrateOptions cal;
        cal.command_line = run.command_line;
        auto* cal_cmd = cli.add_subcommand("calibrate", "ABC-SMC calibration against the observed targets (or pseudo-data)");
        cal_cmd->add_option("calibration", cal.calibration, "calibration TOML file")->required();
        cal_cmd->add_option("-o,--output", cal.output, "posterior HDF5 file (default output/<calibration>.h5)");
        cal_cmd->add_option("--threads", cal.threads, "worker threads (default: all cores; at most 4 x the cores)")->check(CLI::Range(0, app::max_threads()));
        cal_cmd->add_option("--scenario-out", cal.scenario_out, "also write the posterior medians as a scenario file");
        cal_cmd->add_flag("--resume", cal.resume, "continue an interrupted calibration (from <output>.part)")->disable_flag_override();
        cal_cmd->add_flag("--force", cal.force, "overwrite an existing output (and discard an interrupted calibration)")->disable_flag_override();
        cal_cmd->add_flag("--dry-run", cal.dry_run, "parse and validate, print the priors and targets, run nothing")->disable_flag_override();

        app::CompareOptions cmp;
        auto* cmp_cmd = cli.add_subcommand("compare", "rival models fit by the same ABC: posterior model probabilities and CRPS");
        cmp_cmd->add_option("compare", cmp.compare, "compare TOML file")->required();
        cmp_cmd->add_option("-o,--output", cmp.output, "HDF5 file (default output/<compare>.h5)");
        cmp_cmd->add_option("--threads", cmp.threads, "worker threads (default: all cores; at most 4 x the cores)")->check(CLI::Range(0, app::max_threads()));
        cmp_cmd->add_option("--model", cmp.models, "compare only these models of the file (repeatable; the distance then uses every target they all report)");
        cmp_cmd->add_option("--seed", cmp.seed, "master seed of the draws (overrides the file)")->check(CLI::Range(std::int64_t{0}, std::int64_t{9000000000000000}));
        cmp_cmd->add_option("--accept", cmp.accept, "share of all draws accepted (overrides the file)")->check(CLI::Range(1e-6, 1.0));
        cmp_cmd->add_option("--pseudo-data", cmp.pseudo_model, "use a run of this model at a prior draw as the observed data (model-choice recovery)");
        cmp_cmd->add_option("--pseudo-seed", cmp.pseudo_seed, "seed of the pseudo-data draw and run")->check(CLI::Range(std::int64_t{0}, std::int64_t{9000000000000000}));
        cmp_cmd->add_option("--holdout-after", cmp.holdout_after, "fit the documented curve up to this year only and score the later years (overrides the file)")->check(CLI::Range(2009, 2018));
        cmp_cmd->add_flag("--force", cmp.force, "overwrite an existing output file")->disable_flag_override();
        cmp_cmd->add_flag("--dry-run", cmp.dry_run, "parse and validate, print the models, priors and notes, run nothing")->disable_flag_override();

        app::ValidateOptions val;
        auto* val_cmd = cli.add_subcommand("validate", "out-of-sample checks of a compare file's models: temporal, leave-region-out, after 2019");
        val_cmd->add_option("validate", val.validate, "validate TOML file")->required();
        val_cmd->add_option("-o,--output", val.output, "HDF5 file (default output/<validate>.h5)");
        val_cmd->add_option("--threads", val.threads, "worker threads (default: all cores; at most 4 x the cores)")->check(CLI::Range(0, app::max_threads()));
        val_cmd->add_option("--seed", val.seed, "master seed of the draws (overrides the files)")->check(CLI::Range(std::int64_t{0}, std::int64_t{9000000000000000}));
        val_cmd->add_option("--draws", val.draws, "prior draws per model (overrides the files)")->check(CLI::Range(std::int64_t{10}, std::int64_t{10000000}));
        val_cmd->add_flag("--force", val.force, "overwrite an existing output file")->disable_flag_override();
        val_cmd->add_flag("--dry-run", val.dry_run, "parse and validate, print the models and checks, run nothing")->disable_flag_override();

        if (const std::string word = first_word(argc, argv); !word.empty()) {
            bool known = false;
            std::string names;
            for (const auto* sub : cli.get_subcommands([](const CLI::App*) { return true; })) {
                known = known || sub->get_name() == word;
                names += (names.empty() ? "" : ", ") + sub->get_name();
            }
            if (!known) {
                std::cerr << "pushpull: unknown subcommand '" << word << "'; subcommands: " << names << "\n";
                return kExitBadInput;
            }
        }
        try {
            cli.parse(argc, argv);
        } catch (const CLI::ParseError& e) {
            const int rc = cli.exit(e);
            return rc == 0 ? 0 : kExitBadInput;
        }
        if (seed_opt->count() > 0) run.seed = std::stoull(seed_text);  // validated above
        sim::set_log_level(log_level);
        if (*run_cmd) return report(app::run_command(run));
        if (*exp_cmd) return report(app::experiment_command(exp));
        if (*report_cmd) return report(app::report_command(rep));
        if (*export_cmd) return report(app::export_command(exp_out));
        if (*sweep_cmd) {
            // MPI only here, and only under an MPI launcher: `pushpull run` and a plain sweep never need it.
            const study::mpi::Session mpi;
            sweep.mpi = mpi.size() > 1;
            sweep.rank = mpi.rank();
            sweep.ranks = mpi.size();
            if (mpi.rank() > 0) sim::set_log_level("warn");  // rank 0 speaks for the job
            const auto r = app::sweep_command(sweep);
            return mpi.rank() == 0 ? report(r) : (r ? 0 : exit_code(r.error()));
        }
        if (*merge_cmd) return report(app::merge_command(merge));
        if (*sens_cmd) return report(app::sensitivity_command(sens));
        if (*cal_cmd) return report(app::calibrate_command(cal));
        if (*cmp_cmd) return report(app::compare_command(cmp));
        if (*val_cmd) return report(app::validate_command(val));
        if (*describe_cmd) return report(app::describe_command(model));
        return kExitBadInput;
    } catch (const std::exception& e) {
        std::cerr << "pushpull: internal error: " << e.what() << "\n";
        return kExitInternal;
    } catch (...) {
        std::cerr << "pushpull: internal error\n";
        return kExitInternal;
    }
}

}  // namespace
