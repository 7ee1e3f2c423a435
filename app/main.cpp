// pushpull: the command-line front end. Only this file chooses exit codes:
// 0 success, 2 bad input (scenario, data, arguments), 3 I/O failure, 1 internal error.
#include <CLI/CLI.hpp>
#include <exception>
#include <iostream>

#include "app/calibrate_command.hpp"
#include "app/experiment_command.hpp"
#include "app/export_command.hpp"
#include "app/run_command.hpp"
#include "app/sensitivity_command.hpp"
#include "app/sweep_command.hpp"
#include "models/study/sweep_mpi.hpp"
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

}  // namespace

int main(int argc, char** argv) {
    try {
        CLI::App cli{"pushpull: simulate the diffusion of surveillance platforms (push-pull model and classic diffusion models)"};
        cli.require_subcommand(1);
        std::string log_level = "info";
        cli.add_option("--log-level", log_level, "trace, debug, info, warn, error, off (before or after the subcommand)")
            ->capture_default_str();
        cli.fallthrough();  // --log-level is accepted after the subcommand too
        cli.set_version_flag("--version", std::string("pushpull ") + PUSHPULL_VERSION + " (" + PUSHPULL_GIT_DESCRIBE + ")");

        app::RunOptions run;
        run.command_line = command_line(argc, argv);
        auto* run_cmd = cli.add_subcommand("run", "run a scenario and write an HDF5 file");
        run_cmd->add_option("scenario", run.scenario, "scenario TOML file")->required();
        run_cmd->add_option("-o,--output", run.output, "output HDF5 file (default output/<scenario>.h5)");
        run_cmd->add_option("--seed", run.seed, "seed (overrides run.seed)");
        run_cmd->add_option("--threads", run.threads, "worker threads (default: all cores)")->check(CLI::NonNegativeNumber);
        run_cmd->add_flag("--serial", run.serial, "use the serial executor");
        run_cmd->add_option("--set", run.sets, "override a key: id=value (repeatable)");
        run_cmd->add_flag("--print-config", run.print_config, "print the fully resolved configuration and exit");
        run_cmd->add_flag("--force", run.force, "overwrite an existing output file");
        run_cmd->add_flag("-q,--quiet", run.quiet, "do not print the summary");

        std::string model = "pushpull";
        auto* describe_cmd = cli.add_subcommand("describe", "list a model's scenario keys (type, default, range, unit, prior, doc)");
        describe_cmd->add_option("model", model, "model name")->capture_default_str();

        app::ExperimentOptions exp;
        exp.command_line = run.command_line;
        auto* exp_cmd = cli.add_subcommand("experiment", "run an experiment (arms x draws x replicates, common random numbers) and write an HDF5 file");
        exp_cmd->add_option("experiment", exp.experiment, "experiment TOML file")->required();
        exp_cmd->add_option("-o,--output", exp.output, "output HDF5 file (default output/<experiment>.h5)");
        exp_cmd->add_option("--threads", exp.threads, "worker threads (default: all cores)")->check(CLI::NonNegativeNumber);
        exp_cmd->add_flag("--force", exp.force, "overwrite an existing output file");
        exp_cmd->add_flag("--dry-run", exp.dry_run, "parse and validate the experiment, print the plan, run nothing");
        exp_cmd->add_flag("-q,--quiet", exp.quiet, "do not print the report");

        app::ReportOptions rep;
        auto* report_cmd = cli.add_subcommand("report", "print the contrasts of an experiment file (or a calibration's posterior) as tables or JSON");
        report_cmd->add_option("file", rep.file, "experiment HDF5 file")->required();
        report_cmd->add_flag("--all", rep.all, "also print every contrast in long form");
        report_cmd->add_flag("--json", rep.json, "print the report as one JSON object (arms, contrasts per statistic)");

        app::ExportOptions exp_out;
        auto* export_cmd = cli.add_subcommand("export", "write any output file as CSV or JSON tables (long series, units sidecar)");
        export_cmd->add_option("file", exp_out.file, "pushpull HDF5 file (run, sweep, experiment, calibration, ...)")->required();
        export_cmd->add_option("--format", exp_out.format, "csv or json")->capture_default_str();
        export_cmd->add_option("-o,--output", exp_out.output, "directory (default: <file stem>_<format>/ beside the file)");
        export_cmd->add_flag("--force", exp_out.force, "write into an existing non-empty directory");

        app::SweepOptions sweep;
        auto* sweep_cmd = cli.add_subcommand("sweep", "run a parameter sweep (grid, list, LHS, Sobol, Morris) and stream its runs to HDF5");
        sweep_cmd->add_option("sweep", sweep.sweep, "sweep TOML file")->required();
        sweep_cmd->add_option("-o,--output", sweep.output, "output HDF5 file (default output/<sweep>.h5)");
        sweep_cmd->add_option("--threads", sweep.threads, "worker threads per process, per rank under mpirun (default: the cores, shared among a node's ranks)")->check(CLI::NonNegativeNumber);
        sweep_cmd->add_flag("--resume", sweep.resume, "continue an interrupted sweep (from <output>.journal)");
        sweep_cmd->add_option("--shard", sweep.shard, "run only shard i of N (i/N), for job arrays; join with `pushpull merge`");
        sweep_cmd->add_flag("--force", sweep.force, "overwrite an existing output (and discard an interrupted sweep)");
        sweep_cmd->add_flag("--dry-run", sweep.dry_run, "parse and validate, print the plan, run nothing");
        sweep_cmd->add_option("--print-run", sweep.print_run, "print the `pushpull run` command that reproduces run RUN, and exit")
            ->check(CLI::NonNegativeNumber);

        app::MergeOptions merge;
        auto* merge_cmd = cli.add_subcommand("merge", "join the shard files of one sweep into one file");
        merge_cmd->add_option("shards", merge.shards, "shard HDF5 files (pushpull sweep --shard i/N)")->required();
        merge_cmd->add_option("-o,--output", merge.output, "merged HDF5 file")->required();
        merge_cmd->add_flag("--force", merge.force, "overwrite an existing output file");

        app::SensitivityOptions sens;
        auto* sens_cmd = cli.add_subcommand("sensitivity", "Morris or Sobol' indices of every statistic of a sweep file");
        sens_cmd->add_option("file", sens.file, "sweep HDF5 file (design morris or sobol)")->required();
        sens_cmd->add_option("-o,--output", sens.output, "also write the indices to this HDF5 file");
        sens_cmd->add_option("--bootstrap", sens.bootstrap, "bootstrap replicates for the Sobol' intervals")
            ->check(CLI::NonNegativeNumber)->capture_default_str();
        sens_cmd->add_option("--statistic", sens.statistics, "analyse only this statistic (repeatable)");
        sens_cmd->add_flag("--force", sens.force, "overwrite an existing output file");

        app::CalibrateOptions cal;
        cal.command_line = run.command_line;
        auto* cal_cmd = cli.add_subcommand("calibrate", "ABC-SMC calibration against the observed targets (or pseudo-data)");
        cal_cmd->add_option("calibration", cal.calibration, "calibration TOML file")->required();
        cal_cmd->add_option("-o,--output", cal.output, "posterior HDF5 file (default output/<calibration>.h5)");
        cal_cmd->add_option("--threads", cal.threads, "worker threads (default: all cores)")->check(CLI::NonNegativeNumber);
        cal_cmd->add_option("--scenario-out", cal.scenario_out, "also write the posterior medians as a scenario file");
        cal_cmd->add_flag("--resume", cal.resume, "continue an interrupted calibration (from <output>.part)");
        cal_cmd->add_flag("--force", cal.force, "overwrite an existing output (and discard an interrupted calibration)");
        cal_cmd->add_flag("--dry-run", cal.dry_run, "parse and validate, print the priors and targets, run nothing");

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
