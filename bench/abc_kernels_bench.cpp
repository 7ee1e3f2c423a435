/// ABC-SMC perturbation kernels and adaptive distance weights on the linear-Gaussian benchmark
/// (sim/study/test_functions.hpp): 13 parameters with scales 0.01…100, neighbours correlated,
/// summaries in units 10^±1.5, uniform priors ±10 posterior SDs wide. Prints the ESS and
/// tolerance of every generation and, for the final one, the 90% width against the prior's and the
/// exact posterior's, and the error of the posterior mean in exact posterior SDs.
///   build/bench/abc_kernels_bench [particles=200] [generations=6] [budget=6000] [seed=2026] [replicates=1]
///                                 [rho=0.8] [prior_halfwidth=10]
/// The defaults mirror scenarios/calibration.toml (docs/CALIBRATION.md, "Sampler options").
#include <algorithm>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <vector>

#include "sim/parallel.hpp"
#include "sim/study/abc_smc.hpp"
#include "sim/study/test_functions.hpp"
#include "sim/study/weighted_stats.hpp"

using namespace sim::study;

namespace {

struct Variant {
    const char* name;
    KernelKind kernel;
    bool adaptive;
};

double median(std::vector<double> v) {
    std::sort(v.begin(), v.end());
    const std::size_t n = v.size();
    return n % 2 ? v[n / 2] : 0.5 * (v[n / 2 - 1] + v[n / 2]);
}

}  // namespace

int main(int argc, char** argv) {
    const auto arg = [&](int i, double def) { return argc > i ? std::atof(argv[i]) : def; };
    const auto particles = static_cast<std::size_t>(arg(1, 200));
    const int generations = static_cast<int>(arg(2, 6));
    const auto budget = static_cast<std::uint64_t>(arg(3, 6000));
    const auto seed = static_cast<std::uint64_t>(arg(4, 2026));
    const int replicates = static_cast<int>(arg(5, 1));
    const double rho = arg(6, 0.8);
    const double halfwidth = arg(7, 10.0);
    constexpr std::size_t d = 13;
    const LinearGaussianProblem p = linear_gaussian_problem(d, rho, 4.0, 3.0, halfwidth, 1);
    std::vector<Prior> priors;
    for (std::size_t j = 0; j < d; ++j) priors.push_back({"theta" + std::to_string(j), Distribution::uniform(p.lo[j], p.hi[j])});

    // Pilot scales: robust spread of each summary over 200 prior-predictive runs, as the pushpull pilot.
    std::vector<double> pilot;
    for (std::uint64_t i = 0; i < 200; ++i) {
        sim::Rng rng(seed, 77, static_cast<std::uint32_t>(i), 0);
        std::vector<double> th(d);
        for (std::size_t j = 0; j < d; ++j) th[j] = priors[j].dist.sample(rng);
        const auto s = linear_gaussian_simulate(p, th, seed + 1000003 * (i + 1));
        pilot.insert(pilot.end(), s.begin(), s.end());
    }
    std::vector<double> pilot_scales(d);
    for (std::size_t k = 0; k < d; ++k) {
        std::vector<double> col;
        for (std::size_t i = 0; i < 200; ++i) col.push_back(pilot[i * d + k]);
        pilot_scales[k] = robust_scale(col);
    }
    AbcModel model;
    model.simulate = [&](const std::vector<double>& th, std::uint64_t s) { return linear_gaussian_simulate(p, th, s); };
    model.distance = [&](const std::vector<double>& s, const std::vector<double>& c) {
        double q = 0.0;
        for (std::size_t k = 0; k < d; ++k) q += std::pow((s[k] - p.observed[k]) / c[k], 2);
        return std::sqrt(q);
    };
    model.scales = pilot_scales;

    const GaussianLaw exact = linear_gaussian_abc_posterior(p, 0.0, {});
    const sim::Executor ex(2);
    const Variant variants[] = {{"global (old)", KernelKind::Global, false},
                                {"neighbours", KernelKind::Neighbours, false},
                                {"olcm", KernelKind::Olcm, false},
                                {"global + adaptive", KernelKind::Global, true},
                                {"olcm + adaptive", KernelKind::Olcm, true}};
    std::printf("linear-Gaussian benchmark, d = %zu, N = %zu, %d generations, budget %llu, seed %llu, %d replicate(s)\n",
                d, particles, generations, static_cast<unsigned long long>(budget),
                static_cast<unsigned long long>(seed), replicates);
    std::printf("width = 90%% width; ratios are medians over the 13 parameters; z = |mean - exact| / exact SD;\n"
                "tolerance, acceptance and simulations of the first replicate\n\n");
    for (const Variant& v : variants) {
        std::vector<double> prior_ratio, exact_ratio, z_err, final_ess;
        std::vector<std::vector<double>> ess_by_gen;
        for (int rep = 0; rep < replicates; ++rep) {
            AbcSettings s;
            s.particles = particles;
            s.seed = seed + static_cast<std::uint64_t>(rep);
            s.max_generations = generations;
            s.max_simulations = budget;
            s.min_tolerance_decrease = 0.0;
            s.kernel = v.kernel;
            s.adaptive_distance = v.adaptive;
            std::vector<Generation> gens;
            const auto r = run_abc_smc(priors, model, s, ex, [&](const Generation& g) {
                gens.push_back(g);
                return true;
            });
            if (!r) {
                std::printf("%s: %s\n", v.name, r.error().message().c_str());
                return 1;
            }
            for (std::size_t k = 0; k < gens.size(); ++k) {
                if (ess_by_gen.size() <= k) ess_by_gen.emplace_back();
                ess_by_gen[k].push_back(gens[k].ess);
            }
            if (rep == 0) {
                std::printf("%-18s tolerance:        ", v.name);
                for (const auto& g : gens) std::printf(" %.3g", g.tolerance);
                std::printf("\n%-18s acceptance:       ", "");
                for (const auto& g : gens) std::printf(" %.3f", g.acceptance_rate);
                std::printf("\n%-18s simulations %llu, stop: %s\n", "",
                            static_cast<unsigned long long>(r->last.total_simulated), to_string(r->stop).c_str());
            }
            const Generation& g = r->last;
            final_ess.push_back(g.ess);
            std::vector<double> pr, er, ze;
            for (std::size_t j = 0; j < d; ++j) {
                std::vector<double> x(g.size());
                for (std::size_t i = 0; i < g.size(); ++i) x[i] = g.theta(i, j);
                const double w = weighted_quantile(x, g.weights, 0.95) - weighted_quantile(x, g.weights, 0.05);
                double m = 0.0;
                for (std::size_t i = 0; i < g.size(); ++i) m += g.weights[i] * x[i];
                const double sd = std::sqrt(exact.cov[j * d + j]);
                pr.push_back(w / (0.9 * (p.hi[j] - p.lo[j])));
                er.push_back(w / (2 * 1.6449 * sd));
                ze.push_back(std::fabs(m - exact.mean[j]) / sd);
            }
            prior_ratio.push_back(median(pr));
            exact_ratio.push_back(median(er));
            z_err.push_back(median(ze));
        }
        std::printf("%-18s ESS by generation:", "");
        for (const auto& e : ess_by_gen) std::printf(" %.0f", median(e));
        std::printf("%s\n", replicates > 1 ? " (medians over replicates)" : "");
        std::printf("%-18s final ESS %.0f; width / prior width %.3f; width / exact width %.2f; mean error %.2f SD",
                    "", median(final_ess), median(prior_ratio), median(exact_ratio), median(z_err));
        std::printf(replicates > 1 ? " (medians over replicates)\n\n" : "\n\n");
    }
    return 0;
}
