#include "sim/study/model_choice.hpp"

#include <algorithm>
#include <cmath>

#include "sim/rng.hpp"
#include "sim/study/weighted_stats.hpp"

namespace sim::study {

namespace {

constexpr std::uint32_t kDrawStream = 0x3C40u;       // purpose key of every prior draw
constexpr std::uint32_t kBootstrapStream = 0x3C41u;  // purpose key of the bootstrap resamples

std::uint64_t splitmix64(std::uint64_t x) noexcept {
    x += 0x9e3779b97f4a7c15ULL;
    x = (x ^ (x >> 30)) * 0xbf58476d1ce4e5b9ULL;
    x = (x ^ (x >> 27)) * 0x94d049bb133111ebULL;
    return x ^ (x >> 31);
}

/// Scales from pooled rows: the caller's rescale, else robust_scale per column (1 where it is 0).
std::vector<double> pooled_scales(const std::vector<double>& rows, std::size_t k, const RescaleFn& rescale) {
    const std::vector<double> ones(k, 1.0);
    if (rescale) return rescale(rows, k, ones);
    std::vector<double> scales(k, 1.0), column;
    const std::size_t n = k == 0 ? 0 : rows.size() / k;
    for (std::size_t j = 0; j < k; ++j) {
        column.clear();
        for (std::size_t i = 0; i < n; ++i) column.push_back(rows[i * k + j]);
        const double s = robust_scale(column);
        if (s > 0.0 && std::isfinite(s)) scales[j] = s;
    }
    return scales;
}

/// The lower `accept`-quantile of the finite distances (NaN when there is none).
double tolerance_of(std::vector<double> d, double accept) {
    std::erase_if(d, [](double x) { return !std::isfinite(x); });
    if (d.empty()) return std::nan("");
    std::sort(d.begin(), d.end());
    const auto want = static_cast<std::size_t>(std::ceil(accept * static_cast<double>(d.size())));
    return d[std::clamp<std::size_t>(want, 1, d.size()) - 1];
}

struct Shares {
    double tolerance = 0;
    std::vector<std::size_t> accepted;
    std::vector<double> probability;
};

/// Scales, tolerance and shares of the rows picked by `index` (per model: indices into its draws).
Shares shares_of(const std::vector<RivalDraws>& draws, const std::vector<std::vector<std::size_t>>& index,
                 std::size_t k, const ScaledDistanceFn& distance, const RescaleFn& rescale, double accept,
                 std::vector<double>* scales_out, std::vector<std::vector<double>>* distances_out) {
    std::vector<double> pooled;
    for (std::size_t m = 0; m < draws.size(); ++m)
        for (const std::size_t i : index[m])
            pooled.insert(pooled.end(), draws[m].statistics.begin() + static_cast<std::ptrdiff_t>(i * k),
                          draws[m].statistics.begin() + static_cast<std::ptrdiff_t>((i + 1) * k));
    const std::vector<double> scales = pooled_scales(pooled, k, rescale);
    std::vector<std::vector<double>> dist(draws.size());
    std::vector<double> all;
    std::vector<double> row(k);
    for (std::size_t m = 0; m < draws.size(); ++m) {
        for (const std::size_t i : index[m]) {
            std::copy_n(draws[m].statistics.begin() + static_cast<std::ptrdiff_t>(i * k), k, row.begin());
            const double d = distance(row, scales);
            dist[m].push_back(d);
            all.push_back(d);
        }
    }
    Shares s;
    s.tolerance = tolerance_of(all, accept);
    s.accepted.assign(draws.size(), 0);
    std::size_t total = 0;
    for (std::size_t m = 0; m < draws.size(); ++m)
        for (const double d : dist[m])
            if (std::isfinite(d) && d <= s.tolerance) ++s.accepted[m], ++total;
    for (const std::size_t a : s.accepted)
        s.probability.push_back(total == 0 ? 0.0 : static_cast<double>(a) / static_cast<double>(total));
    if (scales_out != nullptr) *scales_out = scales;
    if (distances_out != nullptr) *distances_out = std::move(dist);
    return s;
}

double quantile_of(std::vector<double> v, double q) {
    std::sort(v.begin(), v.end());
    const double pos = q * static_cast<double>(v.size() - 1);
    const auto lo = static_cast<std::size_t>(std::floor(pos));
    const std::size_t hi = std::min(lo + 1, v.size() - 1);
    return v[lo] + (pos - static_cast<double>(lo)) * (v[hi] - v[lo]);
}

}  // namespace

namespace {

sim::Result<void> check_settings(std::size_t models, const ModelChoiceSettings& settings) {
    if (models == 0) return sim::bad_input("model choice", "needs at least one model");
    if (settings.draws == 0) return sim::bad_input("model choice", "draws must be at least 1");
    if (!(settings.accept > 0.0 && settings.accept <= 1.0))
        return sim::bad_input("model choice", "accept must be in (0, 1]");
    if (settings.draws >= (std::uint64_t{1} << 32)) return sim::bad_input("model choice", "draws must be below 2^32");
    return {};
}

}  // namespace

sim::Result<std::vector<RivalDraws>> simulate_rivals(const std::vector<RivalModel>& models, std::size_t stat_dims,
                                                     const ModelChoiceSettings& settings,
                                                     const sim::Executor& executor) {
    if (auto ok = check_settings(models.size(), settings); !ok) return std::unexpected(ok.error());
    const std::size_t k = stat_dims;
    std::vector<RivalDraws> draws(models.size());
    for (std::size_t m = 0; m < models.size(); ++m) {
        const RivalModel& model = models[m];
        RivalDraws& out = draws[m];
        const std::size_t d = model.priors.size();
        out.dims = d;
        out.theta.assign(settings.draws * d, 0.0);
        out.statistics.assign(settings.draws * k, std::nan(""));
        const std::uint64_t model_seed = splitmix64(splitmix64(settings.seed) + m);
        sim::parallel_for_index(
            executor, settings.draws,
            [&](std::size_t i) {
                sim::Rng rng(settings.seed, static_cast<std::uint32_t>(m), static_cast<std::uint32_t>(i), kDrawStream);
                std::vector<double> theta(d);
                for (std::size_t j = 0; j < d; ++j) theta[j] = model.priors[j].dist.sample(rng);
                std::copy(theta.begin(), theta.end(), out.theta.begin() + static_cast<std::ptrdiff_t>(i * d));
                const std::vector<double> s = model.simulate(theta, splitmix64(model_seed + i));
                if (s.size() == k)
                    std::copy(s.begin(), s.end(), out.statistics.begin() + static_cast<std::ptrdiff_t>(i * k));
            },
            1);
    }
    return draws;
}

sim::Result<ModelChoiceResult> run_model_choice(const std::vector<RivalModel>& models, std::size_t stat_dims,
                                                const ScaledDistanceFn& distance, const RescaleFn& rescale,
                                                const ModelChoiceSettings& settings, const sim::Executor& executor) {
    auto draws = simulate_rivals(models, stat_dims, settings, executor);
    if (!draws) return std::unexpected(draws.error());
    std::vector<std::string> names;
    for (const auto& m : models) names.push_back(m.name);
    return choose_model(names, std::move(*draws), stat_dims, distance, rescale, settings, executor);
}

sim::Result<ModelChoiceResult> choose_model(const std::vector<std::string>& names, std::vector<RivalDraws> draws,
                                            std::size_t stat_dims, const ScaledDistanceFn& distance,
                                            const RescaleFn& rescale, const ModelChoiceSettings& settings,
                                            const sim::Executor& executor) {
    if (auto ok = check_settings(draws.size(), settings); !ok) return std::unexpected(ok.error());
    if (names.size() != draws.size()) return sim::bad_input("model choice", "one name per model");
    const std::size_t k = stat_dims;
    for (const auto& d : draws)
        if (d.statistics.size() != settings.draws * k)
            return sim::bad_input("model choice", "every model needs draws x statistics values");
    ModelChoiceResult r;
    r.stat_dims = k;
    r.names = names;
    r.draws = std::move(draws);
    const auto& models = r.names;
    std::vector<std::vector<std::size_t>> all(models.size());
    for (auto& v : all)
        for (std::size_t i = 0; i < settings.draws; ++i) v.push_back(i);
    std::vector<std::vector<double>> dist;
    const Shares point = shares_of(r.draws, all, k, distance, rescale, settings.accept, &r.scales, &dist);
    if (!std::isfinite(point.tolerance))
        return sim::bad_input("model choice", "every draw's distance is NaN or infinite");
    r.tolerance = point.tolerance;
    r.accepted = point.accepted;
    r.probability = point.probability;
    for (std::size_t m = 0; m < models.size(); ++m) {
        RivalDraws& out = r.draws[m];
        out.distance = dist[m];
        out.accepted.clear();
        double best = std::numeric_limits<double>::infinity();
        for (const double x : out.distance) {
            out.accepted.push_back(std::isfinite(x) && x <= r.tolerance ? 1 : 0);
            if (std::isfinite(x)) best = std::min(best, x);
        }
        r.min_distance.push_back(best);
    }
    r.probability_q05 = r.probability;
    r.probability_q95 = r.probability;
    if (settings.bootstrap > 0) {
        std::vector<std::vector<double>> boot(models.size(), std::vector<double>(settings.bootstrap, 0.0));
        sim::parallel_for_index(
            executor, settings.bootstrap,
            [&](std::size_t b) {
                std::vector<std::vector<std::size_t>> index(models.size());
                for (std::size_t m = 0; m < models.size(); ++m) {
                    sim::Rng rng(settings.seed, static_cast<std::uint32_t>(b), static_cast<std::uint32_t>(m),
                                 kBootstrapStream);
                    for (std::size_t i = 0; i < settings.draws; ++i)
                        index[m].push_back(
                            std::min(settings.draws - 1,
                                     static_cast<std::size_t>(rng.uniform() * static_cast<double>(settings.draws))));
                }
                const Shares s = shares_of(r.draws, index, k, distance, rescale, settings.accept, nullptr, nullptr);
                for (std::size_t m = 0; m < models.size(); ++m) boot[m][b] = s.probability[m];
            },
            1);
        for (std::size_t m = 0; m < models.size(); ++m) {
            r.probability_q05[m] = quantile_of(boot[m], 0.05);
            r.probability_q95[m] = quantile_of(boot[m], 0.95);
        }
    }
    return r;
}

}  // namespace sim::study
