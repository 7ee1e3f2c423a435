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
    const std::size_t per_structure = L.cells_per_structure() * L.replicates;
    out.by_cell = L.cells_per_structure() >= 2;
    const std::size_t unit_size = out.by_cell ? L.replicates : 1;
    const Groups units = groups_of(x, unit_size);
    const std::size_t units_per_structure = per_structure / unit_size;
    const Groups st = groups_of(x, per_structure);
    double n = 0;
    for (double c : st.n) n += c;
    if (n == 0) return {kNaN, kNaN, kNaN, kNaN, kNaN, 0, out.by_cell};
    double mean = 0, se2 = 0, df_den = 0;
    bool defined = true;
    for (std::size_t s = 0; s < st.n.size(); ++s) {
        if (st.n[s] == 0) continue;
        const double w = st.n[s] / n;
        mean += w * st.mean[s];
        // Sample variance of the unit means of this structure.
        double k = 0, m = 0;
        for (std::size_t i = s * units_per_structure; i < (s + 1) * units_per_structure; ++i)
            if (units.n[i] > 0) {
                k += 1;
                m += units.mean[i];
            }
        out.units += static_cast<std::size_t>(k);
        if (k < 2) {
            defined = false;
            continue;
        }
        m /= k;
        double ss = 0;
        for (std::size_t i = s * units_per_structure; i < (s + 1) * units_per_structure; ++i)
            if (units.n[i] > 0) ss += (units.mean[i] - m) * (units.mean[i] - m);
        const double a = w * w * (ss / (k - 1)) / k;
        se2 += a;
        df_den += a * a / (k - 1);
    }
    out.mean = mean;
    if (!defined) {
        out.se = out.lo = out.hi = out.df = kNaN;
        return out;
    }
    out.se = std::sqrt(se2);
    if (se2 == 0) {  // every unit equal (e.g. an arm identical to the reference): no doubt left
        out.df = kNaN;
        out.lo = out.hi = mean;
        return out;
    }
    out.df = se2 * se2 / df_den;
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
