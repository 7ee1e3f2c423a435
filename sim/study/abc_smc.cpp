#include "sim/study/abc_smc.hpp"

#include <algorithm>
#include <chrono>
#include <cmath>
#include <optional>
#include <variant>

#include "sim/study/abc_kernel.hpp"
#include "sim/study/weighted_stats.hpp"

namespace sim::study {

namespace {

constexpr std::uint32_t kProposalStream = 0xABC5u;                            // the purpose key of every proposal's Rng
constexpr std::uint64_t kMaxProposalsPerGeneration = std::uint64_t{1} << 32;  // k is a 32-bit Rng key

std::uint64_t splitmix64(std::uint64_t x) noexcept {
    x += 0x9e3779b97f4a7c15ULL;
    x = (x ^ (x >> 30)) * 0xbf58476d1ce4e5b9ULL;
    x = (x ^ (x >> 27)) * 0x94d049bb133111ebULL;
    return x ^ (x >> 31);
}

/// The model's seed for proposal k of generation g: a function of (seed, g, k) only.
std::uint64_t simulation_seed(std::uint64_t seed, int g, std::uint64_t k) noexcept {
    return splitmix64(splitmix64(splitmix64(seed) + static_cast<std::uint64_t>(g)) + k);
}

double log_prior(const std::vector<Prior>& priors, const double* theta) noexcept {
    double lp = 0.0;
    for (std::size_t k = 0; k < priors.size(); ++k) lp += priors[k].dist.log_pdf(theta[k]);
    return lp;
}

/// Makes proposals: from the prior in generation 0, else by resampling and perturbing the
/// previous generation. Read-only after construction, so batches call it from many threads.
class Proposer {
public:
    Proposer(const std::vector<Prior>& priors, std::uint64_t seed) : priors_(priors), seed_(seed) {}

    Proposer(const std::vector<Prior>& priors, std::uint64_t seed, const Generation& prev, PerturbationKernel kernel)
        : priors_(priors), seed_(seed), prev_(&prev), kernel_(std::move(kernel)) {
        cumulative_.resize(prev.size());
        double c = 0.0;
        for (std::size_t i = 0; i < prev.size(); ++i) cumulative_[i] = c += prev.weights[i];
    }

    /// Writes proposal k of generation g to theta; false when it falls outside the prior's support.
    bool make(int g, std::uint64_t k, double* theta) const noexcept {
        sim::Rng rng(seed_, static_cast<std::uint32_t>(g), static_cast<std::uint32_t>(k), kProposalStream);
        const std::size_t d = priors_.size();
        if (prev_ == nullptr) {
            for (std::size_t j = 0; j < d; ++j) theta[j] = priors_[j].dist.sample(rng);
            return true;
        }
        const double u = rng.uniform() * cumulative_.back();
        const auto it = std::upper_bound(cumulative_.begin(), cumulative_.end(), u);
        const auto a =
            std::min<std::size_t>(static_cast<std::size_t>(it - cumulative_.begin()), cumulative_.size() - 1);
        std::vector<double> z(d);
        for (double& v : z) v = rng.normal();
        kernel_.perturb(a, z.data(), theta);
        return std::isfinite(log_prior(priors_, theta));
    }

    [[nodiscard]] const PerturbationKernel& kernel() const { return kernel_; }

private:
    const std::vector<Prior>& priors_;
    std::uint64_t seed_;
    const Generation* prev_ = nullptr;
    PerturbationKernel kernel_;
    std::vector<double> cumulative_;
};

/// Importance weights of generation g >= 1 (Beaumont et al. 2009), normalized:
/// w_i ∝ π(θ_i) / q(θ_i), q the kernel's mixture over generation g-1 (abc_kernel.hpp).
std::vector<double> smc_weights(const std::vector<Prior>& priors, const std::vector<double>& particles,
                                const PerturbationKernel& kernel, const sim::Executor& ex) {
    const std::size_t d = priors.size();
    const std::size_t n = particles.size() / d;
    const std::vector<double> log_q = kernel.log_proposal(particles, ex);
    std::vector<double> logw(n);
    for (std::size_t i = 0; i < n; ++i) logw[i] = log_prior(priors, &particles[i * d]) - log_q[i];
    const double top = *std::max_element(logw.begin(), logw.end());
    std::vector<double> w(n);
    double total = 0.0;
    for (std::size_t i = 0; i < n; ++i) total += w[i] = std::exp(logw[i] - top);
    for (double& v : w) v /= total;
    return w;
}

/// The default RescaleFn: robust_scale per column, the previous scale where a column did not vary.
std::vector<double> default_rescale(std::span<const double> rows, std::size_t k, std::span<const double> previous) {
    const std::size_t n = k > 0 ? rows.size() / k : 0;
    std::vector<double> out(k);
    std::vector<double> col(n);
    for (std::size_t c = 0; c < k; ++c) {
        for (std::size_t i = 0; i < n; ++i) col[i] = rows[i * k + c];
        const double s = robust_scale(col);
        out[c] = s > 0.0 ? s : (c < previous.size() ? previous[c] : 1.0);
    }
    return out;
}

struct Context {
    const std::vector<Prior>& priors;
    const AbcModel& model;
    const AbcSettings& s;
    const sim::Executor& ex;
};

/// One generation: batches of proposals simulated in parallel, accepted in index order.
/// `rate_guess` (accepted per proposal) sizes the first batch; `spent` is the simulations before it.
/// `scales` are the distance's scales for this generation's acceptance.
std::variant<Generation, AbcStop> run_generation(const Context& cx, int g, double eps, const Proposer& proposer,
                                                 const Generation* prev, const std::vector<double>& scales,
                                                 double rate_guess, std::uint64_t spent) {
    const auto start = std::chrono::steady_clock::now();
    const std::size_t d = cx.priors.size();
    const std::size_t n = cx.s.particles;
    Generation gen;
    gen.index = g;
    gen.tolerance = eps;
    gen.dims = d;
    gen.particles.reserve(n * d);
    gen.distances.reserve(n);
    std::uint64_t sims_to_last = 0;  // simulations up to the proposal that completed the generation
    int empty_batches = 0;
    const bool adaptive = cx.s.adaptive_distance;
    std::vector<double> simulated_stats;  // adaptive: statistics of those simulations, in proposal order
    const std::size_t k = cx.model.scales.size();  // adaptive: statistics per run

    std::vector<double> theta;
    std::vector<double> dist;
    std::vector<char> inside;
    std::vector<std::vector<double>> stats;
    while (gen.distances.size() < n) {
        const std::size_t accepted = gen.distances.size();
        double rate = accepted > 0 ? static_cast<double>(accepted) / static_cast<double>(gen.proposed)
                                   : rate_guess * std::pow(0.25, empty_batches);
        rate = std::clamp(rate, 1e-9, 1.0);
        double want = std::ceil(1.1 * static_cast<double>(n - accepted) / rate) + 1.0;
        want = std::clamp(want, static_cast<double>(cx.s.min_batch), static_cast<double>(cx.s.max_batch));
        std::uint64_t batch = static_cast<std::uint64_t>(want);
        const std::uint64_t used = spent + gen.simulated;
        if (used >= cx.s.max_simulations) return AbcStop::Budget;
        batch = std::min(batch, cx.s.max_simulations - used);
        if (gen.proposed + batch > kMaxProposalsPerGeneration) return AbcStop::AcceptanceRate;

        const auto b = static_cast<std::size_t>(batch);
        theta.assign(b * d, 0.0);
        dist.assign(b, std::numeric_limits<double>::quiet_NaN());
        inside.assign(b, 0);
        stats.assign(adaptive ? b : 0, {});
        const std::uint64_t first_k = gen.proposed;
        sim::parallel_for_index(
            cx.ex, b,
            [&](std::size_t i) {
                double* th = &theta[i * d];
                if (!proposer.make(g, first_k + i, th)) return;
                inside[i] = 1;
                const std::vector<double> point(th, th + d);
                std::vector<double> out = cx.model.simulate(point, simulation_seed(cx.s.seed, g, first_k + i));
                dist[i] = cx.model.distance(out, scales);
                if (adaptive) stats[i] = std::move(out);
            },
            1);

        for (std::size_t i = 0; i < b; ++i) {
            ++gen.proposed;
            if (!inside[i]) {
                ++gen.outside_support;
                continue;
            }
            ++gen.simulated;
            if (gen.distances.size() >= n) continue;
            ++sims_to_last;
            if (adaptive) {
                if (stats[i].size() != k)  // a failed run: its row counts as undefined
                    stats[i].assign(k, std::numeric_limits<double>::quiet_NaN());
                simulated_stats.insert(simulated_stats.end(), stats[i].begin(), stats[i].end());
            }
            if (std::isfinite(dist[i]) && dist[i] <= eps) {
                gen.particles.insert(gen.particles.end(), theta.begin() + static_cast<std::ptrdiff_t>(i * d),
                                     theta.begin() + static_cast<std::ptrdiff_t>((i + 1) * d));
                gen.distances.push_back(dist[i]);
                if (adaptive) gen.statistics.insert(gen.statistics.end(), stats[i].begin(), stats[i].end());
            }
        }
        if (gen.distances.empty()) ++empty_batches;
        // Already certain to end below the minimum rate: N / simulated bounds the final rate.
        if (gen.distances.size() < n && cx.s.min_acceptance_rate > 0.0 &&
            static_cast<double>(n) < cx.s.min_acceptance_rate * static_cast<double>(gen.simulated)) {
            return AbcStop::AcceptanceRate;
        }
    }

    gen.weights = prev == nullptr ? std::vector<double>(n, 1.0 / static_cast<double>(n))
                                  : smc_weights(cx.priors, gen.particles, proposer.kernel(), cx.ex);
    if (adaptive) {
        gen.stat_dims = k;
        gen.scales = cx.model.rescale ? cx.model.rescale(simulated_stats, k, scales)
                                      : default_rescale(simulated_stats, k, scales);
        if (gen.scales.size() != k) gen.scales.assign(k, 1.0);
    }
    gen.ess = effective_sample_size(gen.weights);
    gen.total_simulated = spent + gen.simulated;
    gen.acceptance_rate = static_cast<double>(n) / static_cast<double>(sims_to_last);
    gen.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    return gen;
}

/// Generations after `prev` until a stopping rule applies.
AbcResult continue_from(const Context& cx, Generation prev, const GenerationFn& on_generation) {
    const AbcSettings& s = cx.s;
    AbcResult result;
    for (;;) {
        const auto stop = [&](AbcStop why) {
            result.last = std::move(prev);
            result.stop = why;
            return result;
        };
        if (prev.tolerance <= s.final_tolerance) return stop(AbcStop::FinalTolerance);
        if (prev.index + 1 >= s.max_generations) return stop(AbcStop::GenerationCap);
        if (prev.acceptance_rate < s.min_acceptance_rate) return stop(AbcStop::AcceptanceRate);
        if (prev.total_simulated >= s.max_simulations) return stop(AbcStop::Budget);

        // Under adaptive scales the previous particles are re-measured with the new scales, and the
        // tolerance they all met is their largest new distance.
        std::vector<double> dist_now = prev.distances;
        const std::vector<double>& scales = s.adaptive_distance ? prev.scales : cx.model.scales;
        double met = prev.tolerance;
        if (s.adaptive_distance) {
            const std::size_t k = prev.stat_dims;
            for (std::size_t i = 0; i < prev.size(); ++i) {
                const std::vector<double> row(prev.statistics.begin() + static_cast<std::ptrdiff_t>(i * k),
                                              prev.statistics.begin() + static_cast<std::ptrdiff_t>((i + 1) * k));
                dist_now[i] = cx.model.distance(row, scales);
            }
            if (std::isfinite(met)) met = weighted_quantile(dist_now, prev.weights, 1.0);
        }
        const double eps = std::max(weighted_quantile(dist_now, prev.weights, s.alpha), s.final_tolerance);
        if (std::isfinite(met) && (met - eps) < s.min_tolerance_decrease * met) {
            return stop(AbcStop::ToleranceStalled);
        }
        const int g = prev.index + 1;
        const KernelInput kin{prev.dims, prev.particles, prev.weights, dist_now, eps, s.kernel_scale, s.neighbours};
        const Proposer proposer(cx.priors, s.seed, prev, PerturbationKernel(s.kernel, kin));
        const double support_share =
            prev.proposed > 0 ? static_cast<double>(prev.simulated) / static_cast<double>(prev.proposed) : 1.0;
        const double rate_guess = prev.acceptance_rate * s.alpha * support_share;
        auto next = run_generation(cx, g, eps, proposer, &prev, scales, rate_guess, prev.total_simulated);
        if (const auto* why = std::get_if<AbcStop>(&next)) return stop(*why);
        prev = std::get<Generation>(std::move(next));
        ++result.generations;
        if (on_generation && !on_generation(prev)) return stop(AbcStop::Callback);
    }
}

std::optional<std::string> check_settings(const std::vector<Prior>& priors, const AbcSettings& s) {
    if (priors.empty()) return "no parameters to calibrate";
    if (s.particles < 2) return "particles must be at least 2";
    if (!(s.alpha > 0.0 && s.alpha <= 1.0)) return "alpha must be in (0, 1]";
    if (!(s.kernel_scale > 0.0)) return "kernel_scale must be > 0";
    if (s.max_generations < 1) return "max_generations must be at least 1";
    if (std::isnan(s.first_tolerance)) return "first_tolerance must not be NaN";
    if (!(s.final_tolerance >= 0.0)) return "final_tolerance must be >= 0";
    if (s.min_batch < 1 || s.max_batch < s.min_batch) return "need 1 <= min_batch <= max_batch";
    if (s.max_batch > (std::size_t{1} << 31)) return "max_batch must be at most 2^31";
    return std::nullopt;
}

/// Wraps a scalar distance as a one-statistic model (no scales).
AbcModel scalar_model(const DistanceFn& distance) {
    AbcModel m;
    m.simulate = [distance](const std::vector<double>& theta, std::uint64_t seed) {
        return std::vector<double>{distance(theta, seed)};
    };
    m.distance = [](const std::vector<double>& stats, const std::vector<double>&) {
        return stats.empty() ? std::numeric_limits<double>::quiet_NaN() : stats[0];
    };
    return m;
}

constexpr const char* kNeedsModel =
    "adaptive_distance needs the model's statistics (an AbcModel), not only its distance";

}  // namespace

std::string to_string(AbcStop s) {
    switch (s) {
        case AbcStop::GenerationCap:
            return "generation cap reached";
        case AbcStop::FinalTolerance:
            return "final tolerance reached";
        case AbcStop::AcceptanceRate:
            return "acceptance rate below the minimum";
        case AbcStop::ToleranceStalled:
            return "tolerance no longer shrinking";
        case AbcStop::Budget:
            return "simulation budget spent";
        case AbcStop::Callback:
            return "stopped by the caller";
    }
    return "unknown";
}

sim::Result<AbcResult> run_abc_smc(const std::vector<Prior>& priors, const DistanceFn& distance,
                                   const AbcSettings& settings, const sim::Executor& executor,
                                   const GenerationFn& on_generation) {
    if (settings.adaptive_distance) return sim::bad_input("abc-smc", kNeedsModel);
    return run_abc_smc(priors, scalar_model(distance), settings, executor, on_generation);
}

sim::Result<AbcResult> run_abc_smc(const std::vector<Prior>& priors, const AbcModel& model,
                                   const AbcSettings& settings, const sim::Executor& executor,
                                   const GenerationFn& on_generation) {
    if (const auto bad = check_settings(priors, settings)) return sim::bad_input("abc-smc", *bad);
    if (settings.adaptive_distance && model.scales.empty())
        return sim::bad_input("abc-smc", "adaptive_distance needs AbcModel::scales, one per statistic");
    const Context cx{priors, model, settings, executor};
    const Proposer proposer(priors, settings.seed);
    auto first = run_generation(cx, 0, settings.first_tolerance, proposer, nullptr, model.scales, 1.0, 0);
    if (const auto* why = std::get_if<AbcStop>(&first)) {
        return sim::bad_input("abc-smc", "generation 0 could not be completed: " + to_string(*why) + " before " +
                                             std::to_string(settings.particles) + " prior draws were accepted");
    }
    Generation gen0 = std::get<Generation>(std::move(first));
    if (on_generation && !on_generation(gen0)) return AbcResult{std::move(gen0), AbcStop::Callback, 1};
    AbcResult r = continue_from(cx, std::move(gen0), on_generation);
    ++r.generations;
    return r;
}

sim::Result<AbcResult> resume_abc_smc(const std::vector<Prior>& priors, const DistanceFn& distance,
                                      const AbcSettings& settings, const sim::Executor& executor,
                                      const Generation& from, const GenerationFn& on_generation) {
    if (settings.adaptive_distance) return sim::bad_input("abc-smc", kNeedsModel);
    return resume_abc_smc(priors, scalar_model(distance), settings, executor, from, on_generation);
}

sim::Result<AbcResult> resume_abc_smc(const std::vector<Prior>& priors, const AbcModel& model,
                                      const AbcSettings& settings, const sim::Executor& executor,
                                      const Generation& from, const GenerationFn& on_generation) {
    if (const auto bad = check_settings(priors, settings)) return sim::bad_input("abc-smc", *bad);
    const std::size_t d = priors.size();
    const std::size_t n = from.weights.size();
    double total = 0.0;
    for (const double w : from.weights) total += w >= 0.0 ? w : -1e300;
    if (from.dims != d || n == 0 || from.particles.size() != n * d || from.distances.size() != n || !(total > 0.0) ||
        from.index < 0) {
        return sim::bad_input("abc-smc resume", "generation " + std::to_string(from.index) + " does not fit " +
                                                    std::to_string(d) +
                                                    " parameters (particles, weights and distances must be "
                                                    "N×d, N and N with nonnegative weights)");
    }
    const std::size_t k = from.stat_dims;
    if (settings.adaptive_distance &&
        (k == 0 || k != model.scales.size() || from.statistics.size() != n * k || from.scales.size() != k)) {
        return sim::bad_input("abc-smc resume", "generation " + std::to_string(from.index) +
                                                    " has no statistics and scales (N×k and k), which "
                                                    "adaptive_distance needs to continue");
    }
    const Context cx{priors, model, settings, executor};
    return continue_from(cx, from, on_generation);
}

}  // namespace sim::study
