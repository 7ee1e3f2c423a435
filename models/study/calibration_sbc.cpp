// `pushpull calibrate` with an [sbc] table: simulation-based calibration of the sampler on the
// push-pull model (calibration.hpp, sim/study/sbc.hpp).
#include <cmath>

#include "models/study/calibration.hpp"
#include "sim/io/output_target.hpp"
#include "sim/output/hdf5_writer.hpp"

namespace study {

namespace {

using sim::out::Group;

Group sbc_tree(const CalibrationPlan& plan, const sim::study::SbcResult& r, const std::vector<double>& scales,
               const sim::out::Attributes& provenance) {
    Group root;
    root.attrs = provenance;
    root.attr("status", std::string("complete"));
    const auto& s = plan.spec;
    Group& c = root.group("calibration");
    c.attr("file", s.file.string());
    c.attr("text", s.text);
    c.attr("base_resolved", plan.evaluator->resolved_toml());
    c.attr("fingerprint", plan.fingerprint);
    c.attr("seed", static_cast<std::int64_t>(s.seed));
    c.attr("particles", static_cast<std::int64_t>(s.particles));
    c.attr("kernel", sim::study::to_string(s.abc.kernel));
    c.attr("adaptive_distance", static_cast<std::int64_t>(s.abc.adaptive_distance));
    std::vector<std::string> names, priors, stats;
    for (const auto& p : plan.priors) {
        names.push_back(p.name);
        priors.push_back(p.dist.to_string());
    }
    for (const auto& t : plan.distance.terms()) stats.push_back(t.statistic);
    c.add("parameter", names);
    c.add("prior", priors);
    c.add("pseudo_statistic", stats);
    c.add("pilot_scale", scales);

    Group& g = root.group("sbc");
    const auto& st = r.settings;
    g.attr("replicates", static_cast<std::int64_t>(st.replicates));
    g.attr("draws", static_cast<std::int64_t>(st.draws));
    g.attr("bins", static_cast<std::int64_t>(st.bins));
    g.attr("seed", static_cast<std::int64_t>(st.seed));
    g.attr("simulations", static_cast<std::int64_t>(r.simulations));
    const std::size_t d = r.dims;
    g.add("parameter", names);
    g.add("truths", r.truths).shape = {st.replicates, d};
    std::vector<std::int64_t> ranks(r.ranks.begin(), r.ranks.end());
    g.add("ranks", ranks, {{"doc", std::string("rank of each truth among the draws posterior draws, 0..draws")}})
        .shape = {st.replicates, d};
    std::vector<std::int64_t> hist(r.histogram.begin(), r.histogram.end());
    g.add("histogram", hist).shape = {d, st.bins};
    g.add("chi_square", r.chi_square);
    g.add("p_value", r.p_value, {{"doc", std::string("chi-square test of uniform ranks, bins - 1 degrees of freedom")}});
    g.add("final_tolerance", r.final_tolerance);
    g.add("final_ess", r.final_ess);
    return root;
}

}  // namespace

sim::Result<sim::study::SbcResult> run_calibration_sbc(const CalibrationPlan& plan, const SbcOptions& opts,
                                                       const sim::Executor& executor) {
    const auto say = [&](const std::string& line) {
        if (opts.log) opts.log(line);
    };
    if (!plan.spec.sbc) return sim::bad_input(plan.spec.file.string(), "has no [sbc] table");
    auto claim = sim::io::claim_output(opts.output, opts.force);
    if (!claim) return std::unexpected(claim.error());
    CalibrationRun pilot;
    say("pilot: " + std::to_string(plan.spec.pilot) + " prior-predictive runs");
    run_pilot(plan, pilot, executor);
    TargetDistance base = plan.distance;
    base.set_scales(pilot.pilot_statistics);
    std::vector<double> scales;
    for (const auto& t : base.terms()) scales.push_back(t.scale);

    const std::size_t k = plan.evaluator->statistics().size();
    const sim::study::SimulateFn simulate = [&](const std::vector<double>& theta, std::uint64_t seed) {
        auto r = plan.evaluator->evaluate(theta, seed, false);
        return r ? r->statistics : std::vector<double>(k, std::nan(""));
    };
    const sim::study::ModelForData model_for = [&](const std::vector<double>& observed) {
        auto d = std::make_shared<TargetDistance>(base);
        d->set_observed(observed);
        return abc_model(plan, std::move(d));
    };
    const auto& sb = plan.spec.sbc_settings;
    say("sbc: " + std::to_string(sb.replicates) + " replicates of ABC-SMC (" + std::to_string(plan.spec.particles) +
        " particles, at most " + std::to_string(plan.spec.abc.max_generations) + " generations each)");
    auto r = sim::study::run_sbc(plan.priors, simulate, model_for, plan.spec.abc, sb, executor);
    if (!r) return std::unexpected(r.error());
    r->simulations += pilot.pilot_statistics.size();
    sim::out::WriteOptions w;
    w.overwrite = true;
    if (auto ok = sim::out::write_hdf5(sbc_tree(plan, *r, scales, opts.provenance), opts.output, w); !ok)
        return std::unexpected(ok.error());
    return r;
}

}  // namespace study
