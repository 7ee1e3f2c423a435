#include "sim/study/sensitivity.hpp"

#include <algorithm>
#include <cmath>
#include <limits>
#include <numbers>
#include <string>

#include "sim/rng.hpp"

namespace sim::study {

namespace {

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();
/// Stream id of the bootstrap draws (the `stream` slot of sim::Rng; replicate b is the `step` slot).
constexpr std::uint32_t kBootstrapStream = 11;

std::string count_mismatch(std::size_t got, std::size_t want) {
    return "y has " + std::to_string(got) + " values, the design has " + std::to_string(want) + " rows";
}

/// Mean, and standard deviation with n−1, of the values; NaN where undefined.
struct Moments {
    double mean = kNaN;
    double sd = kNaN;
};
Moments moments(const std::vector<double>& v) {
    Moments m;
    if (v.empty()) return m;
    double s = 0.0;
    for (double x : v) s += x;
    m.mean = s / static_cast<double>(v.size());
    if (v.size() < 2) return m;
    double ss = 0.0;
    for (double x : v) ss += (x - m.mean) * (x - m.mean);
    m.sd = std::sqrt(ss / static_cast<double>(v.size() - 1));
    return m;
}

/// Standard normal quantile by bisection on the CDF (called once per analysis; 200 halvings reach
/// the double resolution).
double normal_quantile(double p) {
    double lo = -40.0;
    double hi = 40.0;
    for (int i = 0; i < 200; ++i) {
        const double mid = 0.5 * (lo + hi);
        (0.5 * std::erfc(-mid / std::numbers::sqrt2) < p ? lo : hi) = mid;
    }
    return 0.5 * (lo + hi);
}

Result<MorrisIndices> morris_impl(const Design& design, const std::vector<double>& y,
                                  const std::vector<double>* ranges) {
    const std::size_t d = design.dims;
    if (design.kind != "morris") return bad_input("morris", "design is \"" + design.kind + "\", not \"morris\"");
    if (design.rows() != design.trajectories * (d + 1)) {
        return bad_input("morris", "design has " + std::to_string(design.rows()) + " rows, not r·(dims+1)");
    }
    if (y.size() != design.rows()) return bad_input("morris", count_mismatch(y.size(), design.rows()));
    if (ranges != nullptr) {
        if (ranges->size() != d) return bad_input("morris", "needs one range per dimension");
        for (double r : *ranges) {
            if (!(std::isfinite(r) && r > 0.0)) return bad_input("morris", "ranges must be positive and finite");
        }
    }
    std::vector<std::vector<double>> effects(d);
    MorrisIndices out;
    for (std::size_t t = 0; t < design.trajectories; ++t) {
        for (std::size_t m = 0; m < d; ++m) {
            const std::size_t r0 = t * (d + 1) + m;
            std::size_t moved = 0;
            std::size_t changed = 0;
            for (std::size_t k = 0; k < d; ++k) {
                if (design.at(r0, k) == design.at(r0 + 1, k)) continue;
                moved = k;
                ++changed;
            }
            if (changed != 1) {
                return bad_input("morris", "rows " + std::to_string(r0) + " and " + std::to_string(r0 + 1) +
                                               " do not differ in exactly one coordinate");
            }
            if (std::isnan(y[r0]) || std::isnan(y[r0 + 1])) {
                ++out.effects_skipped;
                continue;
            }
            double du = design.at(r0 + 1, moved) - design.at(r0, moved);
            if (ranges != nullptr) du *= (*ranges)[moved];
            effects[moved].push_back((y[r0 + 1] - y[r0]) / du);
        }
    }
    for (std::size_t k = 0; k < d; ++k) {
        const Moments m = moments(effects[k]);
        std::vector<double> abs_effects(effects[k]);
        for (double& e : abs_effects) e = std::abs(e);
        out.mu.push_back(m.mean);
        out.mu_star.push_back(moments(abs_effects).mean);
        out.sigma.push_back(m.sd);
        out.effects_used.push_back(effects[k].size());
    }
    return out;
}

/// Outputs of the kept base samples, by block: a[j], b[j], ab[i][j], ba[i][j].
struct SaltelliOutputs {
    std::vector<double> a, b;
    std::vector<std::vector<double>> ab, ba;
};

/// All indices from the base samples listed in idx (repeats allowed): s1, st, s2 (d×d, i<j) and V.
struct Estimate {
    std::vector<double> s1, st, s2;
    double variance = kNaN;
};
Estimate estimate(const SaltelliOutputs& f, const std::vector<std::size_t>& idx, std::size_t d, bool second) {
    const auto n = static_cast<double>(idx.size());
    Estimate e;
    double mean = 0.0;
    for (std::size_t j : idx) mean += f.a[j] + f.b[j];
    mean /= 2.0 * n;
    double var = 0.0;
    for (std::size_t j : idx) var += (f.a[j] - mean) * (f.a[j] - mean) + (f.b[j] - mean) * (f.b[j] - mean);
    e.variance = var / (2.0 * n);
    const double v = e.variance > 0.0 ? e.variance : kNaN;
    e.s1.resize(d);
    e.st.resize(d);
    for (std::size_t i = 0; i < d; ++i) {
        double first = 0.0;
        double total = 0.0;
        for (std::size_t j : idx) {
            const double diff = f.ab[i][j] - f.a[j];
            first += f.b[j] * diff;
            total += diff * diff;
        }
        e.s1[i] = first / n / v;
        e.st[i] = 0.5 * total / n / v;
    }
    if (!second) return e;
    e.s2.assign(d * d, kNaN);
    for (std::size_t i = 0; i < d; ++i) {
        for (std::size_t k = i + 1; k < d; ++k) {
            double vik = 0.0;
            for (std::size_t j : idx) vik += f.ba[i][j] * f.ab[k][j] - f.a[j] * f.b[j];
            e.s2[i * d + k] = vik / n / v - e.s1[i] - e.s1[k];
        }
    }
    return e;
}

/// Running sums of one index over the bootstrap replicates (finite replicates only).
struct Spread {
    double sum = 0.0, sum_sq = 0.0;
    std::size_t count = 0;
    void add(double x) {
        if (!std::isfinite(x)) return;
        sum += x;
        sum_sq += x * x;
        ++count;
    }
    [[nodiscard]] double sd() const {
        if (count < 2) return kNaN;
        const double c = static_cast<double>(count);
        const double mean = sum / c;
        return std::sqrt(std::max(0.0, (sum_sq - c * mean * mean) / (c - 1.0)));
    }
};

}  // namespace

Result<MorrisIndices> morris_indices(const Design& design, const std::vector<double>& y) {
    return morris_impl(design, y, nullptr);
}

Result<MorrisIndices> morris_indices(const Design& design, const std::vector<double>& y,
                                     const std::vector<double>& ranges) {
    return morris_impl(design, y, &ranges);
}

Result<SobolIndices> sobol_indices(const Design& design, const std::vector<double>& y, int bootstrap,
                                   std::uint64_t seed, double confidence) {
    const std::size_t d = design.dims;
    if (design.kind != "sobol") return bad_input("sobol", "design is \"" + design.kind + "\", not \"sobol\"");
    const std::size_t block = saltelli_block_rows(d, design.second_order);
    if (design.rows() != design.base_samples * block) {
        return bad_input("sobol",
                         "design has " + std::to_string(design.rows()) + " rows, not N·" + std::to_string(block));
    }
    if (y.size() != design.rows()) return bad_input("sobol", count_mismatch(y.size(), design.rows()));
    if (bootstrap < 0) return bad_input("sobol", "bootstrap must be >= 0");
    if (!(confidence > 0.0 && confidence < 1.0)) return bad_input("sobol", "confidence must be in (0, 1)");

    SaltelliOutputs f;
    f.ab.resize(d);
    f.ba.resize(design.second_order ? d : 0);
    SobolIndices out;
    for (std::size_t j = 0; j < design.base_samples; ++j) {
        bool finite = true;
        for (std::size_t r = j * block; r < (j + 1) * block; ++r) finite = finite && !std::isnan(y[r]);
        if (!finite) {
            ++out.base_dropped;
            continue;
        }
        f.a.push_back(y[saltelli_row(design, j, SaltelliBlock::a)]);
        f.b.push_back(y[saltelli_row(design, j, SaltelliBlock::b)]);
        for (std::size_t i = 0; i < d; ++i) f.ab[i].push_back(y[saltelli_row(design, j, SaltelliBlock::ab(i))]);
        for (std::size_t i = 0; i < f.ba.size(); ++i) {
            f.ba[i].push_back(y[saltelli_row(design, j, SaltelliBlock::ba(d, i))]);
        }
    }
    const std::size_t n = f.a.size();
    out.base_used = n;
    if (n < 2) {
        return bad_input("sobol", std::to_string(n) + " base samples without NaN outputs; at least 2 are needed");
    }
    if (n > std::numeric_limits<std::uint32_t>::max()) return bad_input("sobol", "too many base samples");

    std::vector<std::size_t> idx(n);
    for (std::size_t j = 0; j < n; ++j) idx[j] = j;
    Estimate point = estimate(f, idx, d, design.second_order);
    out.s1 = std::move(point.s1);
    out.st = std::move(point.st);
    out.s2 = std::move(point.s2);
    out.variance = point.variance;
    out.confidence = confidence;
    out.bootstrap = bootstrap;

    std::vector<Spread> s1(d), st(d), s2(out.s2.size());
    for (int rep = 0; rep < bootstrap; ++rep) {
        Rng rng(seed, static_cast<std::uint32_t>(rep), 0, kBootstrapStream);
        for (auto& j : idx) j = rng.below(static_cast<std::uint32_t>(n));
        const Estimate e = estimate(f, idx, d, design.second_order);
        for (std::size_t i = 0; i < d; ++i) {
            s1[i].add(e.s1[i]);
            st[i].add(e.st[i]);
        }
        for (std::size_t i = 0; i < s2.size(); ++i) s2[i].add(e.s2[i]);
    }
    const double z = normal_quantile(0.5 * (1.0 + confidence));
    auto half_widths = [&](const std::vector<Spread>& s) {
        std::vector<double> h(s.size());
        for (std::size_t i = 0; i < s.size(); ++i) h[i] = z * s[i].sd();
        return h;
    };
    out.s1_conf = half_widths(s1);
    out.st_conf = half_widths(st);
    out.s2_conf = half_widths(s2);
    return out;
}

}  // namespace sim::study
