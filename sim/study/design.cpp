#include "sim/study/design.hpp"

#include <algorithm>
#include <boost/random/sobol.hpp>
#include <cmath>
#include <limits>
#include <numeric>
#include <utility>

#include "sim/rng.hpp"

namespace sim::study {

namespace {

/// Stream ids for the design generators (the `stream` slot of sim::Rng).
enum Stream : std::uint32_t { LhsColumn = 1, LhsMaximin = 2, MorrisTrajectory = 3 };

constexpr std::size_t kMaxGridRows = 100'000'000;

/// Fisher–Yates shuffle of 0 .. n-1.
std::vector<std::size_t> permutation(std::size_t n, Rng& rng) {
    std::vector<std::size_t> p(n);
    std::iota(p.begin(), p.end(), std::size_t{0});
    for (std::size_t i = n; i > 1; --i) {
        const auto j = static_cast<std::size_t>(rng.below(static_cast<std::uint32_t>(i)));
        std::swap(p[i - 1], p[j]);
    }
    return p;
}

double squared_distance(const std::vector<double>& x, std::size_t dims, std::size_t a, std::size_t b) {
    double s = 0.0;
    for (std::size_t k = 0; k < dims; ++k) {
        const double diff = x[a * dims + k] - x[b * dims + k];
        s += diff * diff;
    }
    return s;
}

/// Nearest-neighbour bookkeeping for the maximin swaps: nn_dist[i] is row i's smallest squared distance
/// to another row and nn_row[i] that row, so the global minimum is a scan of n values.
struct Neighbours {
    std::vector<double> nn_dist;
    std::vector<std::size_t> nn_row;

    void recompute(const std::vector<double>& x, std::size_t n, std::size_t dims, std::size_t i) {
        nn_dist[i] = std::numeric_limits<double>::infinity();
        for (std::size_t k = 0; k < n; ++k) {
            if (k == i) continue;
            const double d2 = squared_distance(x, dims, i, k);
            if (d2 < nn_dist[i]) {
                nn_dist[i] = d2;
                nn_row[i] = k;
            }
        }
    }
    [[nodiscard]] std::size_t closest_row() const {
        return static_cast<std::size_t>(std::min_element(nn_dist.begin(), nn_dist.end()) - nn_dist.begin());
    }
};

/// Tries `iterations` swaps within a column between a row of the closest pair and a random row; keeps a swap
/// when every distance it changes exceeds the current minimum (so the minimum never decreases).
void improve_maximin(std::vector<double>& x, std::size_t n, std::size_t dims, std::size_t iterations, Rng& rng) {
    if (n < 3) return;
    Neighbours nb{std::vector<double>(n), std::vector<std::size_t>(n)};
    for (std::size_t i = 0; i < n; ++i) nb.recompute(x, n, dims, i);
    std::vector<double> dist_r(n);
    std::vector<double> dist_k(n);
    for (std::size_t it = 0; it < iterations; ++it) {
        const std::size_t a = nb.closest_row();
        const double current_min = nb.nn_dist[a];
        const std::size_t r = rng.bernoulli(0.5) ? a : nb.nn_row[a];
        std::size_t k = rng.below(static_cast<std::uint32_t>(n - 1));
        if (k >= r) ++k;
        const std::size_t c = rng.below(static_cast<std::uint32_t>(dims));
        std::swap(x[r * dims + c], x[k * dims + c]);
        bool accept = true;
        for (std::size_t i = 0; i < n && accept; ++i) {
            dist_r[i] = i == r ? std::numeric_limits<double>::infinity() : squared_distance(x, dims, r, i);
            dist_k[i] = i == k ? std::numeric_limits<double>::infinity() : squared_distance(x, dims, k, i);
            accept = dist_r[i] > current_min && dist_k[i] > current_min;
        }
        if (!accept) {
            std::swap(x[r * dims + c], x[k * dims + c]);
            continue;
        }
        for (std::size_t i = 0; i < n; ++i) {
            if (i == r || i == k) continue;
            const bool nn_moved = nb.nn_row[i] == r || nb.nn_row[i] == k;
            const double d_new = std::min(dist_r[i], dist_k[i]);
            if (nn_moved && nb.nn_dist[i] < d_new) {
                nb.recompute(x, n, dims, i);  // its neighbour moved away: search again
            } else if (d_new < nb.nn_dist[i] || nn_moved) {
                nb.nn_dist[i] = d_new;
                nb.nn_row[i] = dist_r[i] <= dist_k[i] ? r : k;
            }
        }
        nb.recompute(x, n, dims, r);
        nb.recompute(x, n, dims, k);
    }
}

}  // namespace

Result<Design> grid(const std::vector<int>& levels_per_dim) {
    if (levels_per_dim.empty()) return bad_input("grid", "needs at least one dimension");
    std::size_t rows = 1;
    for (std::size_t k = 0; k < levels_per_dim.size(); ++k) {
        const int l = levels_per_dim[k];
        if (l < 1) return bad_input("grid", "dimension " + std::to_string(k) + " has " + std::to_string(l) + " levels");
        rows *= static_cast<std::size_t>(l);
        if (rows > kMaxGridRows) return bad_input("grid", "more than 10^8 rows");
    }
    Design d;
    d.kind = "grid";
    d.dims = levels_per_dim.size();
    d.points.resize(rows * d.dims);
    for (std::size_t row = 0; row < rows; ++row) {
        std::size_t rest = row;
        for (std::size_t k = d.dims; k-- > 0;) {
            const auto l = static_cast<std::size_t>(levels_per_dim[k]);
            const std::size_t level = rest % l;
            rest /= l;
            d.points[row * d.dims + k] = l == 1 ? 0.5 : static_cast<double>(level) / static_cast<double>(l - 1);
        }
    }
    return d;
}

Result<Design> list(std::size_t dims, std::vector<double> points) {
    if (dims == 0) return bad_input("list", "needs at least one dimension");
    if (points.size() % dims != 0) {
        return bad_input(
            "list", std::to_string(points.size()) + " values is not a whole number of rows of " + std::to_string(dims));
    }
    for (std::size_t i = 0; i < points.size(); ++i) {
        if (!(points[i] >= 0.0 && points[i] <= 1.0)) {
            return bad_input("list", "row " + std::to_string(i / dims) + " column " + std::to_string(i % dims) +
                                         " is outside [0, 1]");
        }
    }
    Design d;
    d.kind = "list";
    d.dims = dims;
    d.points = std::move(points);
    return d;
}

Result<Design> latin_hypercube(std::size_t n, std::size_t dims, std::uint64_t seed, std::size_t maximin_iterations) {
    if (n == 0 || dims == 0) return bad_input("lhs", "needs at least one point and one dimension");
    if (n > std::numeric_limits<std::uint32_t>::max() || dims > std::numeric_limits<std::uint32_t>::max()) {
        return bad_input("lhs", "too many points or dimensions");
    }
    Design d;
    d.kind = "lhs";
    d.dims = dims;
    d.points.resize(n * dims);
    const double width = 1.0 / static_cast<double>(n);
    for (std::size_t c = 0; c < dims; ++c) {
        Rng rng(seed, 0, static_cast<std::uint32_t>(c), LhsColumn);
        const auto strata = permutation(n, rng);
        for (std::size_t i = 0; i < n; ++i) {
            d.points[i * dims + c] = (static_cast<double>(strata[i]) + rng.uniform()) * width;
        }
    }
    Rng rng(seed, 0, 0, LhsMaximin);
    improve_maximin(d.points, n, dims, maximin_iterations, rng);
    return d;
}

Result<Design> saltelli(std::size_t n, std::size_t dims, bool second_order, std::size_t skip) {
    if (n == 0 || dims == 0) return bad_input("sobol", "needs at least one base sample and one dimension");
    if (2 * dims > BOOST_RANDOM_SOBOL_MAX_DIMENSION) {
        return bad_input("sobol", "at most " + std::to_string(BOOST_RANDOM_SOBOL_MAX_DIMENSION / 2) + " dimensions");
    }
    boost::random::sobol qrng(2 * dims);
    if (skip > 0) qrng.discard(static_cast<boost::uintmax_t>(skip) * 2 * dims);

    Design d;
    d.kind = "sobol";
    d.dims = dims;
    d.base_samples = n;
    d.second_order = second_order;
    const std::size_t block = saltelli_block_rows(dims, second_order);
    d.points.resize(n * block * dims);
    std::vector<double> ab(2 * dims);
    for (std::size_t j = 0; j < n; ++j) {
        // Sobol' points with index < 2^53 use only the top 53 bits, so this is exact and < 1.
        for (auto& u : ab) u = std::ldexp(static_cast<double>(qrng()), -64);
        const double* a = ab.data();
        const double* b = ab.data() + dims;
        auto put = [&](std::size_t blk, const double* base, const double* other, std::size_t swapped) {
            double* out = d.points.data() + (j * block + blk) * dims;
            for (std::size_t k = 0; k < dims; ++k) out[k] = k == swapped ? other[k] : base[k];
        };
        constexpr std::size_t none = std::numeric_limits<std::size_t>::max();
        put(SaltelliBlock::a, a, b, none);
        put(SaltelliBlock::b, b, a, none);
        for (std::size_t i = 0; i < dims; ++i) put(SaltelliBlock::ab(i), a, b, i);
        if (second_order) {
            for (std::size_t i = 0; i < dims; ++i) put(SaltelliBlock::ba(dims, i), b, a, i);
        }
    }
    return d;
}

Result<Design> morris(std::size_t r, std::size_t dims, int levels, std::uint64_t seed) {
    if (r == 0 || dims == 0) return bad_input("morris", "needs at least one trajectory and one dimension");
    if (levels < 2 || levels % 2 != 0) {
        return bad_input("morris", "levels must be an even number >= 2 (got " + std::to_string(levels) + ")");
    }
    if (r > std::numeric_limits<std::uint32_t>::max() || dims > std::numeric_limits<std::uint32_t>::max()) {
        return bad_input("morris", "too many trajectories or dimensions");
    }
    Design d;
    d.kind = "morris";
    d.dims = dims;
    d.trajectories = r;
    d.levels = levels;
    d.points.resize(r * (dims + 1) * dims);
    // On the integer grid 0 .. p-1, Δ is p/2 steps; a base level in 0 .. p/2-1 keeps base+Δ <= p-1.
    const auto half = static_cast<std::uint32_t>(levels / 2);
    const double step = 1.0 / static_cast<double>(levels - 1);
    std::vector<std::uint32_t> level(dims);
    std::vector<bool> up(dims);
    for (std::size_t t = 0; t < r; ++t) {
        Rng rng(seed, 0, static_cast<std::uint32_t>(t), MorrisTrajectory);
        for (std::size_t k = 0; k < dims; ++k) {
            const std::uint32_t low = rng.below(half);
            up[k] = rng.bernoulli(0.5);
            level[k] = up[k] ? low : low + half;
        }
        const auto order = permutation(dims, rng);
        double* out = d.points.data() + t * (dims + 1) * dims;
        for (std::size_t m = 0; m <= dims; ++m) {
            if (m > 0) {
                const std::size_t k = order[m - 1];
                level[k] = up[k] ? level[k] + half : level[k] - half;
            }
            for (std::size_t k = 0; k < dims; ++k) out[m * dims + k] = static_cast<double>(level[k]) * step;
        }
    }
    return d;
}

}  // namespace sim::study
