#include "models/study/calibration.hpp"

#include <algorithm>
#include <chrono>
#include <cmath>
#include <limits>
#include <map>
#include <numeric>
#include <optional>

#include "models/pushpull/experiment/spec.hpp"
#include "sim/io/output_target.hpp"
#include "sim/output/hdf5_writer.hpp"
#include "sim/output/tree_check.hpp"
#include "sim/output/tree_lookup.hpp"
#include "sim/recorded_time.hpp"
#include "sim/study/weighted_stats.hpp"

namespace study {

namespace fs = std::filesystem;
using sim::out::attr_as;
using sim::out::column_as;
using sim::out::find_group;
using sim::out::Group;
using sim::study::Generation;

namespace {

// Stream ids keep pilot, ABC and predictive seeds apart.
constexpr int kPilotStream = 1'000'001;
constexpr int kPredictiveStream = 1'000'002;
constexpr int kPointStream = 1'000'003;

fs::path part_path(const fs::path& out) {
    fs::path p = out;
    p += ".part";
    return p;
}

std::vector<double> flatten(const std::vector<std::vector<double>>& rows) {
    std::vector<double> v;
    for (const auto& r : rows) v.insert(v.end(), r.begin(), r.end());
    return v;
}

std::vector<std::vector<double>> unflatten(const std::vector<double>& v, std::size_t cols) {
    std::vector<std::vector<double>> rows;
    for (std::size_t i = 0; cols > 0 && i + cols <= v.size(); i += cols)
        rows.emplace_back(v.begin() + static_cast<std::ptrdiff_t>(i),
                          v.begin() + static_cast<std::ptrdiff_t>(i + cols));
    return rows;
}

std::string generation_name(int g) {
    char buf[16];
    std::snprintf(buf, sizeof buf, "g%03d", g);
    return buf;
}

Group generation_group(const Generation& g) {
    Group out{generation_name(g.index), {}, {}, {}};
    out.attr("index", static_cast<std::int64_t>(g.index));
    out.attr("tolerance", g.tolerance);
    out.attr("ess", g.ess);
    out.attr("proposed", static_cast<std::int64_t>(g.proposed));
    out.attr("outside_support", static_cast<std::int64_t>(g.outside_support));
    out.attr("simulated", static_cast<std::int64_t>(g.simulated));
    out.attr("total_simulated", static_cast<std::int64_t>(g.total_simulated));
    out.attr("acceptance_rate", g.acceptance_rate);
    out.attr("seconds", sim::recorded_seconds(g.seconds));  // 0 under SOURCE_DATE_EPOCH
    out.add("particles", g.particles).shape = {g.size(), g.dims};
    out.add("weights", g.weights);
    out.add("distances", g.distances);
    if (g.stat_dims > 0) {  // adaptive distance: what the next generation needs to resume
        out.add("statistics", g.statistics).shape = {g.size(), g.stat_dims};
        out.add("scales", g.scales, {{"doc", std::string("distance scales estimated from this generation's "
                                                         "simulations; the next generation accepts with them")}});
    }
    return out;
}

/// A generation read back from a calibration file with `dims` parameters; nullopt (problems
/// recorded in `check`) unless every attribute and dataset is there with its type and length.
std::optional<Generation> generation_from(sim::out::TreeCheck& check, const Group& g, std::size_t dims) {
    const std::string path = "/generations/" + g.name;
    constexpr std::int64_t big = std::numeric_limits<std::int64_t>::max();
    const auto index = check.int_in(g.attrs, path, "index", 0, 1'000'000);
    const auto* tolerance = check.attr<double>(g.attrs, path, "tolerance");
    const auto* ess = check.attr<double>(g.attrs, path, "ess");
    const auto proposed = check.int_in(g.attrs, path, "proposed", 0, big);
    const auto outside = check.int_in(g.attrs, path, "outside_support", 0, big);
    const auto simulated = check.int_in(g.attrs, path, "simulated", 0, big);
    const auto total = check.int_in(g.attrs, path, "total_simulated", 0, big);
    const auto* acceptance = check.attr<double>(g.attrs, path, "acceptance_rate");
    const auto* seconds = check.attr<double>(g.attrs, path, "seconds");
    const auto* weights = check.column<double>(g, path, "weights");
    const std::size_t n = weights ? weights->size() : 0;
    const auto* particles = check.column<double>(g, path, "particles", n * dims, dims);
    const auto* distances = check.column<double>(g, path, "distances", n);
    if (weights && n == 0) check.add(path + "/weights", "has no particles");
    const std::vector<double>* scales = nullptr;
    const std::vector<double>* statistics = nullptr;
    if (sim::out::find_dataset(g, "scales") || sim::out::find_dataset(g, "statistics")) {
        scales = check.column<double>(g, path, "scales");
        const std::size_t k = scales ? scales->size() : 0;
        statistics = check.column<double>(g, path, "statistics", n * k, k);
        if (scales && k == 0) check.add(path + "/scales", "is empty");
        if (!scales || !statistics || k == 0) return std::nullopt;
    }
    if (!index || !tolerance || !ess || !proposed || !outside || !simulated || !total || !acceptance || !seconds ||
        !weights || !particles || !distances || n == 0)
        return std::nullopt;
    Generation out;
    out.index = static_cast<int>(*index);
    out.tolerance = *tolerance;
    out.ess = *ess;
    out.proposed = static_cast<std::uint64_t>(*proposed);
    out.outside_support = static_cast<std::uint64_t>(*outside);
    out.simulated = static_cast<std::uint64_t>(*simulated);
    out.total_simulated = static_cast<std::uint64_t>(*total);
    out.acceptance_rate = *acceptance;
    out.seconds = *seconds;
    out.particles = *particles;
    out.weights = *weights;
    out.distances = *distances;
    out.dims = dims;
    if (scales) {
        out.stat_dims = scales->size();
        out.scales = *scales;
        out.statistics = *statistics;
    }
    return out;
}

/// The whole file: header, pilot, every generation so far and (when complete) the posterior.
Group calibration_tree(const CalibrationPlan& plan, const CalibrationRun& run, bool complete,
                       const sim::out::Attributes& provenance) {
    Group root;
    root.attrs = provenance;
    root.attr("status", std::string(complete ? "complete" : "running"));
    root.attr("stop", run.stop);
    root.attr("simulations", static_cast<std::int64_t>(run.simulations));
    const auto& s = plan.spec;
    const auto& stats = plan.evaluator->statistics();

    Group& c = root.group("calibration");
    c.attr("file", s.file.string());
    c.attr("text", s.text);
    c.attr("base_resolved", plan.evaluator->resolved_toml());
    c.attr("fingerprint", plan.fingerprint);
    c.attr("seed", static_cast<std::int64_t>(s.seed));
    c.attr("particles", static_cast<std::int64_t>(s.particles));
    c.attr("pseudo_data", static_cast<std::int64_t>(s.pseudo_data));
    std::vector<std::string> names, priors;
    for (const auto& p : plan.priors) {
        names.push_back(p.name);
        priors.push_back(p.dist.to_string());
    }
    c.add("parameter", names);
    c.add("prior", priors);
    if (s.pseudo_data) {
        std::vector<double> truth;
        for (const auto& p : s.parameters) truth.push_back(*p.truth);
        c.add("truth", truth);
        c.add("truth_statistics", plan.truth_statistics);
    }
    c.add("statistic", stats);

    Group& t = root.group("targets");
    std::vector<std::string> ids, tstats, kinds;
    std::vector<double> observed, scale, weight;
    for (const auto& term : plan.distance.terms()) {
        ids.push_back(term.id);
        tstats.push_back(term.statistic);
        kinds.push_back(term.kind);
        observed.push_back(term.observed);
        scale.push_back(term.scale);
        weight.push_back(term.weight);
    }
    t.add("id", ids);
    t.add("statistic", tstats);
    t.add("kind", kinds);
    t.add("observed", observed);
    t.add("scale", run.scales.empty() ? scale : run.scales);
    t.add("weight", weight);

    Group& pilot = root.group("pilot");
    pilot.add("parameters", flatten(run.pilot_parameters)).shape = {run.pilot_parameters.size(), plan.priors.size()};
    pilot.add("statistics", flatten(run.pilot_statistics)).shape = {run.pilot_statistics.size(), stats.size()};

    Group& gens = root.group("generations");
    for (const auto& g : run.generations) gens.groups.push_back(generation_group(g));

    if (complete && !run.generations.empty()) {
        const auto& last = run.generations.back();
        const auto sum = summarise_posterior(plan, last);
        Group& post = root.group("posterior");
        post.attr("generation", static_cast<std::int64_t>(last.index));
        post.attr("tolerance", last.tolerance);
        post.add("parameter", names);
        post.add("particles", last.particles).shape = {last.size(), last.dims};
        post.add("weights", last.weights);
        post.add("median", sum.median);
        post.add("q05", sum.q05);
        post.add("q95", sum.q95);
        post.add("prior_q05", sum.prior_q05);
        post.add("prior_q95", sum.prior_q95);
        std::vector<double> ratio;
        for (std::size_t j = 0; j < names.size(); ++j)
            ratio.push_back((sum.q95[j] - sum.q05[j]) / (sum.prior_q95[j] - sum.prior_q05[j]));
        post.add("width_ratio", ratio,
                 {{"doc", std::string("90% posterior width / 90% prior width: near 1 = not identified")}});

        if (run.point) {
            Group& pt = root.group("point");
            pt.attr("rule", std::string("of the candidates (final particles with the smallest ABC distance), the one "
                                        "with the smallest mean distance over fresh runs"));
            pt.attr("seeds", static_cast<std::int64_t>(s.point_seeds));
            pt.attr("chosen", static_cast<std::int64_t>(*run.point));
            std::vector<std::int64_t> cand(run.point_candidates.begin(), run.point_candidates.end());
            pt.add("candidates", cand);
            pt.add("mean_distance", run.point_mean_distance);
        }
        Group& pred = root.group("predictive");
        pred.add("statistics", flatten(run.predictive)).shape = {run.predictive.size(), stats.size()};
        std::vector<double> med, lo, hi, frac;
        for (const auto& term : plan.distance.terms()) {
            std::vector<double> v, w;
            double met = 0, wsum = 0;
            for (std::size_t i = 0; i < run.predictive.size(); ++i) {
                const double x = run.predictive[i][term.column];
                if (!std::isfinite(x)) continue;
                v.push_back(x);
                w.push_back(last.weights[i]);
                wsum += last.weights[i];
                met += TargetDistance::met(term, x) ? last.weights[i] : 0.0;
            }
            const bool any = !v.empty();
            med.push_back(any ? sim::study::weighted_quantile(v, w, 0.5) : std::nan(""));
            lo.push_back(any ? sim::study::weighted_quantile(v, w, 0.05) : std::nan(""));
            hi.push_back(any ? sim::study::weighted_quantile(v, w, 0.95) : std::nan(""));
            frac.push_back(wsum > 0 ? met / wsum : std::nan(""));
        }
        Group& pt = pred.group("targets");
        pt.add("id", ids);
        pt.add("statistic", tstats);
        pt.add("kind", kinds);
        pt.add("observed", observed);
        pt.add("median", med);
        pt.add("q05", lo);
        pt.add("q95", hi);
        pt.add("share_met", frac,
               {{"doc", std::string("posterior-weighted share of predictive runs meeting the target")}});
    }
    return root;
}

sim::Result<void> save(const Group& tree, const fs::path& path) {
    sim::out::WriteOptions w;
    w.overwrite = true;
    return sim::out::write_hdf5(tree, path, w);
}

/// Runs `theta_rows` once each with seeds (seed, stream, i); NaN rows for failed runs.
std::vector<std::vector<double>> simulate_rows(const CalibrationPlan& plan,
                                               const std::vector<std::vector<double>>& theta_rows, int stream,
                                               const sim::Executor& executor) {
    std::vector<std::vector<double>> out(theta_rows.size());
    const std::size_t k = plan.evaluator->statistics().size();
    sim::parallel_for_index(
        executor, theta_rows.size(),
        [&](std::size_t i) {
            const auto seed = pushpull::experiment::run_seed(plan.spec.seed, stream, static_cast<int>(i));
            auto r = plan.evaluator->evaluate(theta_rows[i], seed, false);
            out[i] = r ? r->statistics : std::vector<double>(k, std::nan(""));
        },
        1);
    return out;
}

}  // namespace

/// The model as ABC-SMC sees it: the statistics of the distance's terms, compared with the
/// observed values at the given scales (fixed, or re-estimated per generation when adaptive).
sim::study::AbcModel abc_model(const CalibrationPlan& plan, std::shared_ptr<const TargetDistance> distance) {
    sim::study::AbcModel m;
    const std::size_t k = distance->terms().size();
    for (const auto& t : distance->terms()) m.scales.push_back(t.scale);
    m.simulate = [&plan, distance](const std::vector<double>& theta, std::uint64_t seed) {
        auto r = plan.evaluator->evaluate(theta, seed, false);
        return r ? distance->term_values(r->statistics) : std::vector<double>{};
    };
    // A failed run (no statistics: an empty row) is rejected, as before; a NaN statistic is penalized.
    m.distance = [distance, k](const std::vector<double>& values, const std::vector<double>& scales) {
        return values.size() == k ? distance->distance(values, scales) : std::nan("");
    };
    return m;
}

namespace {

/// point = "resimulated": the point_candidates final particles with the smallest ABC distance
/// (ties to the lower index) run point_seeds more times each with fresh seeds; the calibrated
/// scenario takes the one with the smallest mean distance (a failed run counts as infinitely far;
/// ties to the better ABC distance). One lucky run below the tolerance does not choose it alone.
/// Mean distances are on the pilot's scales (`distance`), also under adaptive_distance.
void choose_resimulated_point(const CalibrationPlan& plan, const TargetDistance& distance,
                              const std::vector<std::vector<double>>& thetas, CalibrationRun& run,
                              const std::function<void(const std::string&)>& say, const sim::Executor& executor) {
    constexpr double kFar = std::numeric_limits<double>::infinity();
    const auto& last = run.generations.back();
    std::vector<std::size_t> order(last.size());
    std::iota(order.begin(), order.end(), std::size_t{0});
    const auto abc_distance = [&](std::size_t i) { return std::isnan(last.distances[i]) ? kFar : last.distances[i]; };
    std::stable_sort(order.begin(), order.end(),
                     [&](std::size_t a, std::size_t b) { return abc_distance(a) < abc_distance(b); });
    order.resize(std::min(order.size(), plan.spec.point_candidates));
    const std::size_t seeds = plan.spec.point_seeds;
    std::vector<std::vector<double>> rows;
    for (const auto i : order)
        for (std::size_t r = 0; r < seeds; ++r) rows.push_back(thetas[i]);
    say("point: " + std::to_string(order.size()) + " candidate particles x " + std::to_string(seeds) + " runs");
    const auto stats = simulate_rows(plan, rows, kPointStream, executor);
    run.point_candidates = order;
    run.point_mean_distance.assign(order.size(), 0.0);
    for (std::size_t c = 0; c < order.size(); ++c)
        for (std::size_t r = 0; r < seeds; ++r) {
            const double dist = distance(stats[c * seeds + r]);
            run.point_mean_distance[c] += std::isnan(dist) ? kFar : dist / static_cast<double>(seeds);
        }
    std::size_t best = 0;
    for (std::size_t c = 1; c < order.size(); ++c)
        if (run.point_mean_distance[c] < run.point_mean_distance[best]) best = c;
    run.point = order[best];
    run.point_rows = rows.size();
}

}  // namespace

/// Prior-predictive pilot: `n` prior draws, their statistics.
void run_pilot(const CalibrationPlan& plan, CalibrationRun& run, const sim::Executor& executor) {
    const std::size_t d = plan.priors.size();
    std::vector<std::vector<double>> thetas(plan.spec.pilot, std::vector<double>(d));
    for (std::size_t i = 0; i < plan.spec.pilot; ++i) {
        sim::Rng rng(plan.spec.seed, static_cast<std::uint32_t>(kPilotStream), static_cast<std::uint32_t>(i), 0);
        for (std::size_t j = 0; j < d; ++j) thetas[i][j] = plan.priors[j].dist.sample(rng);
    }
    run.pilot_statistics = simulate_rows(plan, thetas, kPilotStream, executor);
    run.pilot_parameters = std::move(thetas);
}

PosteriorSummary summarise_posterior(const CalibrationPlan& plan, const Generation& g) {
    PosteriorSummary s;
    for (std::size_t j = 0; j < g.dims; ++j) {
        std::vector<double> x(g.size());
        for (std::size_t i = 0; i < g.size(); ++i) x[i] = g.theta(i, j);
        s.median.push_back(sim::study::weighted_quantile(x, g.weights, 0.5));
        s.q05.push_back(sim::study::weighted_quantile(x, g.weights, 0.05));
        s.q95.push_back(sim::study::weighted_quantile(x, g.weights, 0.95));
        s.prior_q05.push_back(plan.priors[j].dist.quantile(0.05));
        s.prior_q95.push_back(plan.priors[j].dist.quantile(0.95));
    }
    return s;
}

sim::Result<CalibrationRun> run_calibration(const CalibrationPlan& plan, const CalibrationOptions& opts,
                                            const sim::Executor& executor) {
    const auto t0 = std::chrono::steady_clock::now();
    auto say = [&](const std::string& line) {
        if (opts.log) opts.log(line);
    };
    if (plan.spec.sbc)
        return sim::bad_input(plan.spec.file.string(), "has an [sbc] table: it runs simulation-based calibration");
    const fs::path part = part_path(opts.output);
    std::error_code ec;
    // Locked (and checked) before anything is read or created; held until the final rename.
    auto claim = sim::io::claim_output(opts.output, opts.force);
    if (!claim) return std::unexpected(claim.error());
    if (opts.resume && !fs::exists(part, ec))
        return sim::bad_input(opts.output.string(),
                              "--resume: no interrupted calibration (" + part.string() + " not found)");
    if (!opts.resume && !opts.force && fs::exists(part, ec))
        return sim::io_error(opts.output.string(), "an interrupted calibration left " + part.string() +
                                                       "; use --resume to continue it or --force to start over");
    const std::size_t d = plan.priors.size();
    CalibrationRun run;
    TargetDistance distance = plan.distance;

    if (opts.resume) {
        auto tree = sim::out::read_untrusted_hdf5(part);
        if (!tree) return std::unexpected(tree.error());
        const Group* c = find_group(*tree, "calibration");
        const auto* fp = c ? attr_as<std::string>(c->attrs, "fingerprint") : nullptr;
        if (!fp || *fp != plan.fingerprint)
            return sim::bad_input(
                part.string(), "belongs to a different calibration (the file, its base scenario or the data changed)");
        // The fingerprint matched; still check every object the resume will use before trusting it.
        sim::out::TreeCheck check(part.string());
        const std::size_t k = plan.evaluator->statistics().size();
        const Group* pilot = check.group(*tree, "/", "pilot");
        const auto* pilot_params = pilot ? check.column<double>(*pilot, "/pilot", "parameters", std::nullopt, d) : nullptr;
        const std::size_t pilot_rows = pilot_params && d > 0 ? pilot_params->size() / d : 0;
        const auto* pilot_stats =
            pilot ? check.column<double>(*pilot, "/pilot", "statistics", pilot_rows * k, k) : nullptr;
        const Group* targets = check.group(*tree, "/", "targets");
        const auto* scales = targets ? check.column<double>(*targets, "/targets", "scale", distance.terms().size()) : nullptr;
        const Group* gens = check.group(*tree, "/", "generations");
        if (gens)
            for (const auto& g : gens->groups) {
                auto gen = generation_from(check, g, d);
                if (gen && gen->index != static_cast<int>(run.generations.size()))
                    check.add("/generations/" + g.name + " @index", "generations are not numbered 0, 1, ... in order");
                if (gen) run.generations.push_back(std::move(*gen));
            }
        if (!check.ok()) return check.error("calibration progress file");
        run.pilot_parameters = unflatten(*pilot_params, d);
        run.pilot_statistics = unflatten(*pilot_stats, k);
        run.scales = *scales;
        distance.set_scales(run.scales);
        say("resuming after generation " + std::to_string(run.generations.empty() ? -1 : run.generations.back().index));
    } else {
        // Prior-predictive pilot: the scales of the distance.
        say("pilot: " + std::to_string(plan.spec.pilot) + " prior-predictive runs");
        run_pilot(plan, run, executor);
        distance.set_scales(run.pilot_statistics);
        for (const auto& t : distance.terms()) run.scales.push_back(t.scale);
    }
    const std::uint64_t pilot_runs = run.pilot_statistics.size();

    const auto save_progress = [&](bool complete) {
        run.simulations = pilot_runs + (run.generations.empty() ? 0 : run.generations.back().total_simulated) +
                          run.predictive.size() + run.point_rows;
        return save(calibration_tree(plan, run, complete, opts.provenance), complete ? opts.output : part);
    };
    if (!opts.resume)
        if (auto ok = save_progress(false); !ok) return std::unexpected(ok.error());

    const sim::study::AbcModel model = abc_model(plan, std::make_shared<const TargetDistance>(distance));
    std::optional<sim::Error> write_error;
    const sim::study::GenerationFn on_generation = [&](const Generation& g) {
        run.generations.push_back(g);
        say("generation " + std::to_string(g.index) + ": tolerance " + std::to_string(g.tolerance) + ", acceptance " +
            std::to_string(g.acceptance_rate) + ", ESS " + std::to_string(static_cast<int>(g.ess)) + ", " +
            std::to_string(g.simulated) + " simulations, " + std::to_string(g.seconds) + " s");
        if (auto ok = save_progress(false); !ok) {
            write_error = ok.error();
            return false;
        }
        return true;
    };
    auto result = run.generations.empty()
                      ? sim::study::run_abc_smc(plan.priors, model, plan.spec.abc, executor, on_generation)
                      : sim::study::resume_abc_smc(plan.priors, model, plan.spec.abc, executor,
                                                   run.generations.back(), on_generation);
    if (write_error) return std::unexpected(*write_error);  // the .part keeps the last saved generation
    if (!result) {
        // ABC itself failed (e.g. out of budget): resuming the same spec would fail the same way, so
        // the progress file must not block the next plain run.
        fs::remove(part, ec);
        return std::unexpected(result.error());
    }
    run.stop = sim::study::to_string(result->stop);
    say("ABC stopped: " + run.stop);

    // Posterior predictive: every final particle once more, with fresh seeds.
    const auto& last = run.generations.back();
    std::vector<std::vector<double>> thetas;
    for (std::size_t i = 0; i < last.size(); ++i)
        thetas.emplace_back(last.particles.begin() + static_cast<std::ptrdiff_t>(i * d),
                            last.particles.begin() + static_cast<std::ptrdiff_t>((i + 1) * d));
    say("posterior predictive: " + std::to_string(thetas.size()) + " runs");
    run.predictive = simulate_rows(plan, thetas, kPredictiveStream, executor);
    if (plan.spec.point == CalibrationSpec::Point::Resimulated) choose_resimulated_point(plan, distance, thetas, run, say, executor);
    if (auto ok = save_progress(true); !ok) return std::unexpected(ok.error());
    fs::remove(part, ec);
    run.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
    return run;
}

namespace {

/// Index of the final particle with the highest weighted Gaussian kernel density (bandwidth half
/// the weighted SD per parameter): a high-posterior-density particle, a coherent parameter set
/// (medians of correlated parameters need not be one). Ties to the lowest index.
std::size_t high_density_particle(const sim::study::Generation& g) {
    const std::size_t n = g.weights.size(), d = g.dims;
    std::vector<double> h(d, 1.0);
    for (std::size_t j = 0; j < d; ++j) {
        double m = 0, v = 0;
        for (std::size_t i = 0; i < n; ++i) m += g.weights[i] * g.particles[i * d + j];
        for (std::size_t i = 0; i < n; ++i) v += g.weights[i] * std::pow(g.particles[i * d + j] - m, 2);
        h[j] = v > 0 ? 0.5 * std::sqrt(v) : 1.0;
    }
    std::size_t best = 0;
    double best_density = -1.0;
    for (std::size_t a = 0; a < n; ++a) {
        double density = 0;
        for (std::size_t b = 0; b < n; ++b) {
            double q = 0;
            for (std::size_t j = 0; j < d; ++j) q += std::pow((g.particles[a * d + j] - g.particles[b * d + j]) / h[j], 2);
            density += g.weights[b] * std::exp(-0.5 * q);
        }
        if (density > best_density) {
            best_density = density;
            best = a;
        }
    }
    return best;
}

}  // namespace

std::string calibrated_scenario(const CalibrationPlan& plan, const CalibrationRun& run, const fs::path& scenario_path,
                                const std::string& command) {
    const auto& last = run.generations.back();
    const auto sum = summarise_posterior(plan, last);
    const std::size_t mode = run.point ? *run.point : high_density_particle(last);
    std::error_code ec;
    const fs::path dir = scenario_path.parent_path().empty() ? fs::path(".") : scenario_path.parent_path();
    fs::path include = fs::relative(fs::absolute(plan.spec.base), fs::absolute(dir), ec);
    if (ec || include.empty()) include = fs::absolute(plan.spec.base);
    std::string out;
    out += "# Calibrated push-pull scenario: the base scenario with the calibrated parameters set to the\n";
    if (run.point)
        out +=
            "# final ABC-SMC particle (particle " + std::to_string(mode) + ") with the smallest mean distance over " +
            std::to_string(plan.spec.point_seeds) + " fresh runs among the " +
            std::to_string(run.point_candidates.size()) +
            " with the smallest ABC distance\n# (point = \"resimulated\"; a coherent parameter set, unlike medians of "
            "correlated parameters; docs/CALIBRATION.md).\n# Generated; do not edit by hand. Regenerate with\n";
    else
        out += "# final ABC-SMC particle of highest posterior density (particle " + std::to_string(mode) +
               "; a coherent parameter set, unlike medians of\n# correlated parameters; docs/CALIBRATION.md). "
               "Generated; do not edit by hand. Regenerate with\n";
    out += "#   " + command + "\n";
    out += "# Posterior: " + std::to_string(last.size()) + " particles, generation " + std::to_string(last.index) +
           ", tolerance " + exact_text(last.tolerance) + ", stop: " + run.stop + ", " +
           std::to_string(run.simulations) + " simulations.\n";
    out += "include = \"" + include.generic_string() + "\"\n";
    std::map<std::string, std::vector<std::string>> tables;
    for (std::size_t j = 0; j < plan.priors.size(); ++j) {
        const std::string& key = plan.priors[j].name;
        const auto dot = key.rfind('.');
        const auto& ks = plan.evaluator->key_spec(j);
        const double x = last.particles[mode * last.dims + j];
        const std::string value = ks.type == sim::config::Type::Int ? std::to_string(std::llround(x)) : exact_text(x);
        char interval[200];
        std::snprintf(interval, sizeof interval, "  # posterior median %.4g, 90%% interval [%.4g, %.4g]; prior %s",
                      sum.median[j], sum.q05[j], sum.q95[j], plan.priors[j].dist.to_string().c_str());
        tables[key.substr(0, dot)].push_back(key.substr(dot + 1) + " = " + value + interval);
    }
    for (const auto& [table, lines] : tables) {
        out += "\n[" + table + "]\n";
        for (const auto& l : lines) out += l + "\n";
    }
    return out;
}

}  // namespace study
