#include "app/compare_command.hpp"

#include <algorithm>
#include <filesystem>
#include <iostream>

#include "app/provenance.hpp"
#include "app/study_output.hpp"
#include "models/study/compare.hpp"
#include "models/study/pushpull_evaluator.hpp"
#include "sim/io/output_target.hpp"
#include "sim/log.hpp"
#include "sim/output/hdf5_writer.hpp"

namespace app {

namespace fs = std::filesystem;

sim::Result<void> compare_command(const CompareOptions& opts) {
    auto log = sim::logger("sim");
    auto spec = study::parse_compare_spec(opts.compare);
    if (!spec) return std::unexpected(spec.error());
    if (!opts.models.empty()) {
        std::vector<study::CompareModelSpec> kept;
        for (const auto& name : opts.models) {
            const auto it =
                std::find_if(spec->models.begin(), spec->models.end(), [&](const auto& m) { return m.name == name; });
            if (it == spec->models.end())
                return sim::bad_input(opts.compare, "--model " + name + ": no such [[model]]");
            kept.push_back(*it);
        }
        if (kept.size() < 2) return sim::bad_input(opts.compare, "--model: name at least two models");
        spec->models = std::move(kept);
    }
    if (!opts.pseudo_model.empty()) {
        if (std::none_of(spec->models.begin(), spec->models.end(),
                         [&](const auto& m) { return m.name == opts.pseudo_model; }))
            return sim::bad_input(opts.compare, "--pseudo-data " + opts.pseudo_model + ": no such [[model]]");
        spec->pseudo_model = opts.pseudo_model;
    }
    if (opts.pseudo_seed >= 0) spec->pseudo_seed = static_cast<std::uint64_t>(opts.pseudo_seed);
    if (!spec->pseudo_model.empty() && std::none_of(spec->models.begin(), spec->models.end(),
                                                    [&](const auto& m) { return m.name == spec->pseudo_model; }))
        return sim::bad_input(opts.compare,
                              "pseudo_model " + spec->pseudo_model + " is not among the --model selection");
    if (opts.accept > 0) spec->settings.accept = opts.accept;
    if (opts.seed >= 0) spec->settings.seed = static_cast<std::uint64_t>(opts.seed);
    if (opts.holdout_after > 0) spec->holdout_after = opts.holdout_after;
    auto plan = study::make_compare_plan(std::move(*spec));
    if (!plan) return std::unexpected(plan.error());
    const auto& s = plan->spec;
    if (opts.dry_run) {
        std::cout << "compare " << opts.compare << "\n  draws       " << s.settings.draws << " per model, accept "
                  << s.settings.accept << ", bootstrap " << s.settings.bootstrap << "\n  distance    "
                  << plan->distance.terms().size() << " terms\n";
        for (std::size_t m = 0; m < s.models.size(); ++m) {
            std::cout << "  model " << s.models[m].name << " (" << s.models[m].kind << ")\n";
            for (const auto& p : plan->priors[m]) std::cout << "    " << p.name << "  " << p.dist.to_string() << "\n";
        }
        for (const auto& n : plan->notes) std::cout << "  note: " << n << "\n";
        return {};
    }
    const fs::path out = study_output_path(opts.output, opts.compare);
    auto claim = sim::io::claim_output(out, opts.force);
    if (!claim) return std::unexpected(claim.error());
    const int threads = study_threads(opts.threads);
    const sim::Executor executor(threads);
    log->info("compare {}: {} models x {} draws, {} distance terms, on {} thread(s) -> {}", opts.compare,
              s.models.size(), s.settings.draws, plan->distance.terms().size(), threads, out.string());
    for (const auto& n : plan->notes) log->info("compare: {}", n);
    auto r = study::run_compare(*plan, executor);
    if (!r) return std::unexpected(r.error());
    std::string sources;
    for (const auto& src : plan->base->sources()) sources += (sources.empty() ? "" : "; ") + src;
    const auto tree = study::compare_tree(*plan, *r, study_provenance(opts.compare, sources, plan->base->checksums()));
    log->info("compare finished in {:.1f} s; writing {}", r->seconds, out.string());
    return write_and_report(tree, out, study::compare_report);
}

}  // namespace app
