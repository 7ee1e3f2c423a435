#include "sim/study/sbc.hpp"

#include <algorithm>
#include <boost/math/special_functions/gamma.hpp>
#include <optional>
#include <string>

#include "sim/rng.hpp"

namespace sim::study {

namespace {

constexpr std::uint32_t kTruthStream = 0x5BC1u;
constexpr std::uint32_t kDrawStream = 0x5BC2u;

std::uint64_t splitmix64(std::uint64_t x) noexcept {
    x += 0x9e3779b97f4a7c15ULL;
    x = (x ^ (x >> 30)) * 0xbf58476d1ce4e5b9ULL;
    x = (x ^ (x >> 27)) * 0x94d049bb133111ebULL;
    return x ^ (x >> 31);
}

struct Replicate {
    std::vector<double> truth;
    std::vector<std::uint32_t> ranks;
    double tolerance = 0.0;
    double ess = 0.0;
    std::uint64_t simulations = 0;
    std::optional<sim::Error> error;
};

}  // namespace

double chi_square_uniform(std::span<const std::uint64_t> counts) {
    double total = 0.0;
    for (const auto c : counts) total += static_cast<double>(c);
    const double e = total / static_cast<double>(counts.size());
    double x2 = 0.0;
    for (const auto c : counts) x2 += (static_cast<double>(c) - e) * (static_cast<double>(c) - e) / e;
    return x2;
}

double chi_square_p_value(double chi_square, std::size_t degrees_of_freedom) {
    return boost::math::gamma_q(0.5 * static_cast<double>(degrees_of_freedom), 0.5 * chi_square);
}

sim::Result<SbcResult> run_sbc(const std::vector<Prior>& priors, const SimulateFn& simulate,
                               const ModelForData& model_for, const AbcSettings& abc, const SbcSettings& sbc,
                               const sim::Executor& executor) {
    if (sbc.replicates < 1) return sim::bad_input("sbc", "replicates must be at least 1");
    if (sbc.draws < 1) return sim::bad_input("sbc", "draws must be at least 1");
    if (sbc.bins < 2 || (sbc.draws + 1) % sbc.bins != 0)
        return sim::bad_input("sbc", "bins must be at least 2 and divide draws + 1 (" + std::to_string(sbc.draws + 1) +
                                         "), so every bin holds as many ranks");
    const std::size_t d = priors.size();
    std::vector<Replicate> reps(sbc.replicates);
    sim::parallel_for_index(
        executor, sbc.replicates,
        [&](std::size_t r) {
            Replicate& out = reps[r];
            const auto key = static_cast<std::uint32_t>(r);
            sim::Rng truth_rng(sbc.seed, kTruthStream, key, 0);
            for (const auto& p : priors) out.truth.push_back(p.dist.sample(truth_rng));
            const std::uint64_t data_seed = splitmix64(splitmix64(sbc.seed) + 2 * r);
            const std::vector<double> observed = simulate(out.truth, data_seed);
            AbcSettings s = abc;
            s.seed = splitmix64(splitmix64(sbc.seed) + 2 * r + 1);
            auto run = run_abc_smc(priors, model_for(observed), s, sim::Executor::serial());
            if (!run) {
                out.error = run.error();
                return;
            }
            const Generation& g = run->last;
            out.tolerance = g.tolerance;
            out.ess = g.ess;
            out.simulations = g.total_simulated + 1;
            std::vector<double> cumulative(g.size());
            double c = 0.0;
            for (std::size_t i = 0; i < g.size(); ++i) cumulative[i] = c += g.weights[i];
            out.ranks.assign(d, 0);
            sim::Rng draw_rng(sbc.seed, kDrawStream, key, 0);
            for (std::size_t l = 0; l < sbc.draws; ++l) {
                const double u = draw_rng.uniform() * cumulative.back();
                const auto it = std::upper_bound(cumulative.begin(), cumulative.end(), u);
                const auto a = std::min<std::size_t>(static_cast<std::size_t>(it - cumulative.begin()), g.size() - 1);
                for (std::size_t k = 0; k < d; ++k) out.ranks[k] += g.theta(a, k) < out.truth[k] ? 1u : 0u;
            }
        },
        1);
    SbcResult res;
    res.dims = d;
    res.settings = sbc;
    res.histogram.assign(d * sbc.bins, 0);
    const std::size_t per_bin = (sbc.draws + 1) / sbc.bins;
    for (std::size_t r = 0; r < reps.size(); ++r) {
        if (reps[r].error) {
            auto e = *reps[r].error;
            return sim::bad_input("sbc replicate " + std::to_string(r), e.message());
        }
        res.truths.insert(res.truths.end(), reps[r].truth.begin(), reps[r].truth.end());
        res.ranks.insert(res.ranks.end(), reps[r].ranks.begin(), reps[r].ranks.end());
        for (std::size_t k = 0; k < d; ++k) ++res.histogram[k * sbc.bins + reps[r].ranks[k] / per_bin];
        res.final_tolerance.push_back(reps[r].tolerance);
        res.final_ess.push_back(reps[r].ess);
        res.simulations += reps[r].simulations;
    }
    for (std::size_t k = 0; k < d; ++k) {
        const std::span<const std::uint64_t> counts(&res.histogram[k * sbc.bins], sbc.bins);
        res.chi_square.push_back(chi_square_uniform(counts));
        res.p_value.push_back(chi_square_p_value(res.chi_square.back(), sbc.bins - 1));
    }
    return res;
}

}  // namespace sim::study
