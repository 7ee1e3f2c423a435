#include "models/pushpull/experiment/uncertainty.hpp"

#include <cmath>
#include <limits>

#include <boost/math/distributions/students_t.hpp>

namespace pushpull::experiment {

namespace {

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

/// Count and mean of the finite values of each group of `size` consecutive entries.
struct Groups {
    std::vector<double> n, mean;
};

Groups groups_of(const std::vector<double>& x, std::size_t size) {
    Groups g;
    const std::size_t count = size == 0 ? 0 : x.size() / size;
    g.n.assign(count, 0.0);
    g.mean.assign(count, 0.0);
    for (std::size_t i = 0; i < count; ++i) {
        double s = 0;
        for (std::size_t k = i * size; k < (i + 1) * size; ++k)
            if (std::isfinite(x[k])) {
                s += x[k];
                g.n[i] += 1;
            }
        g.mean[i] = g.n[i] > 0 ? s / g.n[i] : kNaN;
    }
    return g;
}

/// Σ over child groups of n_child (m_child - m_parent)², children `fan` to a parent.
double between(const Groups& child, const Groups& parent, std::size_t fan) {
    double ss = 0;
    for (std::size_t i = 0; i < child.n.size(); ++i)
        if (child.n[i] > 0) {
            const double d = child.mean[i] - parent.mean[i / fan];
            ss += child.n[i] * d * d;
        }
    return ss;
}

}  // namespace

VarianceParts decompose_variance(const std::vector<double>& x, const Layout& L) {
    VarianceParts v;
    const std::size_t R = L.replicates, D = L.draws, U = L.unidentified;
    const Groups cell = groups_of(x, R), su = groups_of(x, R * D), st = groups_of(x, R * D * U), all = groups_of(x, x.size());
    const double n = all.n.empty() ? 0.0 : all.n[0];
    if (n == 0) return {kNaN, kNaN, kNaN, kNaN, kNaN};
    double within = 0, total = 0;
    for (std::size_t k = 0; k < x.size(); ++k)
        if (std::isfinite(x[k])) {
            const double dc = x[k] - cell.mean[k / R], dt = x[k] - all.mean[0];
            within += dc * dc;
            total += dt * dt;
        }
    v.total = total / n;
    v.seed = within / n;
    v.calibrated = between(cell, su, D) / n;
    v.unidentified = between(su, st, U) / n;
    v.structural = between(st, all, L.structures) / n;
    return v;
}

MeanInterval mean_interval(const std::vector<double>& x, const Layout& L, double level) {
    MeanInterval out;
    const std::size_t S = L.structures, U = L.unidentified, D = L.draws, R = L.replicates;
    out.unit = U >= 2 ? Unit::Unidentified : D >= 2 ? Unit::Calibrated : Unit::Replicate;
    const std::size_t J = out.unit == Unit::Unidentified ? U : out.unit == Unit::Calibrated ? D : R;
    // sum and count per (structure, unit)
    std::vector<double> sum(S * J, 0.0), cnt(S * J, 0.0);
    for (std::size_t k = 0; k < x.size() && k < L.runs(); ++k) {
        if (!std::isfinite(x[k])) continue;
        const std::size_t r = k % R, d = (k / R) % D, u = (k / (R * D)) % U, s = k / (R * D * U);
        const std::size_t j = out.unit == Unit::Unidentified ? u : out.unit == Unit::Calibrated ? d : r;
        sum[s * J + j] += x[k];
        cnt[s * J + j] += 1;
    }
    std::vector<double> unit_values;
    for (std::size_t j = 0; j < J; ++j) {
        double m = 0, ns = 0;
        for (std::size_t s = 0; s < S; ++s)
            if (cnt[s * J + j] > 0) {
                m += sum[s * J + j] / cnt[s * J + j];
                ns += 1;
            }
        if (ns > 0) unit_values.push_back(m / ns);  // equal weight on each universe
    }
    out.units = unit_values.size();
    if (unit_values.empty()) return {kNaN, kNaN, kNaN, kNaN, kNaN, 0, out.unit};
    double mean = 0;
    for (double v : unit_values) mean += v;
    mean /= static_cast<double>(unit_values.size());
    out.mean = mean;
    if (unit_values.size() < 2) {
        out.se = out.lo = out.hi = out.df = kNaN;
        return out;
    }
    double ss = 0;
    for (double v : unit_values) ss += (v - mean) * (v - mean);
    const double n = static_cast<double>(unit_values.size());
    out.df = n - 1;
    out.se = std::sqrt(ss / (n - 1) / n);
    if (out.se == 0) {  // every unit equal (e.g. an arm identical to the reference): no doubt left
        out.lo = out.hi = mean;
        return out;
    }
    const double t = boost::math::quantile(boost::math::students_t(out.df), 0.5 + level / 2);
    out.lo = mean - t * out.se;
    out.hi = mean + t * out.se;
    return out;
}

SignProbabilities sign_probabilities(const std::vector<double>& x, const Layout& L) {
    SignProbabilities p;
    double n = 0, neg = 0, pos = 0;
    for (double v : x)
        if (std::isfinite(v)) {
            n += 1;
            neg += v < 0;
            pos += v > 0;
        }
    const Groups cell = groups_of(x, L.replicates);
    double cn = 0, cneg = 0;
    for (std::size_t i = 0; i < cell.n.size(); ++i)
        if (cell.n[i] > 0) {
            cn += 1;
            cneg += cell.mean[i] < 0;
        }
    p.negative = n > 0 ? neg / n : kNaN;
    p.positive = n > 0 ? pos / n : kNaN;
    p.negative_cell = cn > 0 ? cneg / cn : kNaN;
    return p;
}

namespace {

/// Adds 1 / (number of arms tied at the minimum) to each of them; false if some value is NaN.
bool award(const std::vector<double>& values, std::vector<double>& wins) {
    double best = HUGE_VAL;
    for (double v : values) {
        if (!std::isfinite(v)) return false;
        best = std::min(best, v);
    }
    double tied = 0;
    for (double v : values) tied += v == best;
    for (std::size_t a = 0; a < values.size(); ++a)
        if (values[a] == best) wins[a] += 1.0 / tied;
    return true;
}

}  // namespace

BestProbabilities best_probabilities(const std::vector<std::vector<double>>& arms, const Layout& L) {
    BestProbabilities out;
    const std::size_t A = arms.size();
    out.by_run.assign(A, 0.0);
    out.by_cell.assign(A, 0.0);
    if (A == 0) return out;
    const std::size_t runs = arms[0].size();
    double n = 0, nc = 0;
    std::vector<double> v(A);
    for (std::size_t k = 0; k < runs; ++k) {
        for (std::size_t a = 0; a < A; ++a) v[a] = arms[a][k];
        n += award(v, out.by_run);
    }
    std::vector<Groups> cells;
    for (const auto& x : arms) cells.push_back(groups_of(x, L.replicates));
    for (std::size_t c = 0; c < cells[0].n.size(); ++c) {
        for (std::size_t a = 0; a < A; ++a) v[a] = cells[a].mean[c];
        nc += award(v, out.by_cell);
    }
    for (auto& w : out.by_run) w = n > 0 ? w / n : kNaN;
    for (auto& w : out.by_cell) w = nc > 0 ? w / nc : kNaN;
    return out;
}

}  // namespace pushpull::experiment
