#include "app/validate_command.hpp"

#include <filesystem>
#include <iostream>

#include "app/provenance.hpp"
#include "app/study_output.hpp"
#include "models/study/pushpull_evaluator.hpp"
#include "models/study/validate.hpp"
#include "sim/io/output_target.hpp"
#include "sim/log.hpp"
#include "sim/output/hdf5_writer.hpp"

namespace app {

namespace fs = std::filesystem;

namespace {

void print_plan(const std::string& file, const study::ValidatePlan& plan) {
    const auto& st = plan.spec.compare.settings;
    std::cout << "validate " << file << "\n  compare     " << plan.spec.compare.file.string() << "\n  draws       "
              << st.draws << " per model, accept " << st.accept << ", seed " << st.seed << ", bootstrap " << st.bootstrap
              << "\n  simulated   2009.." << plan.spec.forecast_through << ", " << plan.iso3.size() << " countries, "
              << 1 + plan.truncated.size() << " data vintage(s)\n";
    for (const auto& m : plan.spec.compare.models) std::cout << "  model " << m.name << " (" << m.kind << ")\n";
    for (const auto& c : plan.checks) {
        std::size_t fit = 0, scored = 0;
        for (std::size_t i = 0; i < c.fit_country.size(); ++i) fit += c.fit_country[i], scored += c.score_country[i];
        std::cout << "  check " << c.name << ": fit " << fit << " countries 2009.." << c.fit_last << ", score "
                  << scored << " countries " << c.score_first << ".." << c.score_last << ", data "
                  << study::data_vintage_text(c.data_until) << "\n";
    }
    for (const auto& n : plan.notes) std::cout << "  note: " << n << "\n";
}

}  // namespace

sim::Result<void> validate_command(const ValidateOptions& opts) {
    auto log = sim::logger("sim");
    auto spec = study::parse_validate_spec(opts.validate);
    if (!spec) return std::unexpected(spec.error());
    if (opts.seed >= 0) spec->compare.settings.seed = static_cast<std::uint64_t>(opts.seed);
    if (opts.draws > 0) spec->compare.settings.draws = static_cast<std::size_t>(opts.draws);
    auto plan = study::make_validate_plan(std::move(*spec));
    if (!plan) return std::unexpected(plan.error());
    if (opts.dry_run) {
        print_plan(opts.validate, *plan);
        return {};
    }
    const fs::path out = study_output_path(opts.output, opts.validate);
    auto claim = sim::io::claim_output(out, opts.force);
    if (!claim) return std::unexpected(claim.error());
    const int threads = study_threads(opts.threads);
    const sim::Executor executor(threads);
    log->info("validate {}: {} models x {} draws through {}, {} checks, on {} thread(s) -> {}", opts.validate,
              plan->spec.compare.models.size(), plan->spec.compare.settings.draws, plan->spec.forecast_through,
              plan->checks.size(), threads, out.string());
    auto r = study::run_validate(*plan, executor);
    if (!r) return std::unexpected(r.error());
    std::string sources;
    for (const auto& src : plan->models.base->sources()) sources += (sources.empty() ? "" : "; ") + src;
    const auto tree = study::validate_tree(
        *plan, *r, study_provenance(opts.validate, sources, plan->models.base->checksums()));
    log->info("validate finished in {:.1f} s; writing {}", r->seconds, out.string());
    return write_and_report(tree, out, study::validate_report);
}

}  // namespace app
