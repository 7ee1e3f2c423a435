#include "app/calibrate_command.hpp"

#include <filesystem>
#include <fstream>
#include <iostream>

#include "app/provenance.hpp"
#include "app/study_output.hpp"
#include "models/study/calibration.hpp"
#include "models/study/calibration_report.hpp"
#include "sim/log.hpp"
#include "sim/output/hdf5_writer.hpp"

namespace app {

namespace fs = std::filesystem;

sim::Result<void> calibrate_command(const CalibrateOptions& opts) {
    auto log = sim::logger("sim");
    auto spec = study::parse_calibration_spec(opts.calibration);
    if (!spec) return std::unexpected(spec.error());
    auto plan = study::make_calibration_plan(std::move(*spec));
    if (!plan) return std::unexpected(plan.error());
    if (opts.dry_run) {
        std::cout << "calibration " << opts.calibration << "\n  base        " << plan->spec.base.string()
                  << "\n  particles   " << plan->spec.particles << ", pilot " << plan->spec.pilot << ", max "
                  << plan->spec.abc.max_generations << " generations, budget " << plan->spec.abc.max_simulations
                  << " simulations\n  targets     " << plan->distance.terms().size() << "\n";
        std::cout << "  kernel      " << sim::study::to_string(plan->spec.abc.kernel)
                  << (plan->spec.abc.adaptive_distance ? ", adaptive distance scales" : ", fixed distance scales") << "\n";
        if (plan->spec.sbc)
            std::cout << "  sbc         " << plan->spec.sbc_settings.replicates << " replicates, "
                      << plan->spec.sbc_settings.draws << " draws, " << plan->spec.sbc_settings.bins << " bins\n";
        for (const auto& p : plan->priors) std::cout << "  " << p.name << "  " << p.dist.to_string() << "\n";
        return {};
    }
    if (plan->spec.sbc && (opts.resume || !opts.scenario_out.empty()))
        return sim::bad_input(opts.calibration, "[sbc] runs simulation-based calibration: --resume and --scenario-out "
                                                "do not apply");
    const fs::path out = study_output_path(opts.output, opts.calibration);
    std::string sources;
    for (const auto& s : plan->evaluator->sources()) sources += (sources.empty() ? "" : "; ") + s;
    const int threads = study_threads(opts.threads);
    const sim::Executor executor(threads);
    log->info("calibrate {}: {} parameters, {} targets, {} particles, on {} {} thread(s) -> {}", opts.calibration,
              plan->priors.size(), plan->distance.terms().size(), plan->spec.particles, threads,
              sim::Executor::backend_name(), out.string());
    if (plan->spec.sbc) {
        study::SbcOptions sopts;
        sopts.output = out;
        sopts.force = opts.force;
        sopts.provenance = study_provenance(opts.calibration, sources, plan->evaluator->checksums());
        sopts.log = [&](const std::string& line) { log->info("{}", line); };
        auto sbc = study::run_calibration_sbc(*plan, sopts, executor);
        if (!sbc) return std::unexpected(sbc.error());
        log->info("sbc finished: {} simulations; wrote {}", sbc->simulations, out.string());
        auto tree = sim::out::read_hdf5(out);
        if (!tree) return std::unexpected(tree.error());
        auto report = study::sbc_report(*tree);
        if (!report) return std::unexpected(report.error());
        std::cout << *report;
        return {};
    }
    study::CalibrationOptions copts;
    copts.output = out;
    copts.resume = opts.resume;
    copts.force = opts.force;
    copts.provenance = study_provenance(opts.calibration, sources, plan->evaluator->checksums());
    copts.log = [&](const std::string& line) { log->info("{}", line); };
    auto run = study::run_calibration(*plan, copts, executor);
    if (!run) return std::unexpected(run.error());
    log->info("calibration finished: {} simulations in {:.1f} s ({:.1f} runs/s); wrote {}", run->simulations,
              run->seconds, run->seconds > 0 ? static_cast<double>(run->simulations) / run->seconds : 0.0,
              out.string());
    if (!opts.scenario_out.empty()) {
        const std::string command = "build/app/pushpull calibrate " + opts.calibration + " -o " + out.string() +
                                    " --scenario-out " + opts.scenario_out + " --force";
        std::ofstream f(opts.scenario_out);
        f << study::calibrated_scenario(*plan, *run, opts.scenario_out, command);
        if (!f) return sim::io_error(opts.scenario_out, "cannot write the calibrated scenario");
        sim::logger("io")->info("wrote {}", opts.scenario_out);
    }
    auto tree = sim::out::read_hdf5(out);
    if (!tree) return std::unexpected(tree.error());
    auto report = study::calibration_report(*tree);
    if (report) std::cout << *report;
    return {};
}

}  // namespace app
