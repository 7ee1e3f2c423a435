#pragma once
/// Experimental designs on the unit hypercube [0,1]^d.
/// A design only produces unit coordinates; turning them into parameter values (inverse CDFs of the
/// priors) is the caller's job, so the same design serves any model and any prior.
/// Every generator is deterministic: the same arguments (and seed) give the same points, bit for bit.
#include <cstddef>
#include <cstdint>
#include <span>
#include <string>
#include <vector>

#include "sim/error.hpp"

namespace sim::study {

/// Points of a design, row-major (rows() × dims), plus the layout the estimators need.
///
/// kind is one of "grid", "list", "lhs", "sobol", "morris".
///
/// "sobol" (Saltelli 2010 layout, built by saltelli()): rows come in blocks, one block per base
/// sample j = 0 .. base_samples-1, each of saltelli_block_rows(dims, second_order) rows, in order
///     A_j, B_j, AB_j^(1) .. AB_j^(d), [BA_j^(1) .. BA_j^(d) if second_order]
/// where AB^(i) is A with column i taken from B and BA^(i) is B with column i taken from A.
/// (SALib uses the same blocks but puts B last; use saltelli_row() rather than hard-coding it.)
///
/// "morris" (built by morris()): `trajectories` trajectories of dims+1 rows each, consecutive;
/// consecutive rows within a trajectory differ in exactly one coordinate, by ±morris_delta(levels).
struct Design {
    std::string kind;
    std::size_t dims = 0;
    std::vector<double> points;  ///< row-major, rows() × dims, every coordinate in [0, 1]

    std::size_t base_samples = 0;  ///< sobol: N, the number of base rows of A (and of B)
    bool second_order = false;     ///< sobol: whether the BA^(i) blocks are present
    std::size_t trajectories = 0;  ///< morris: r
    int levels = 0;                ///< morris: p, the number of grid levels per dimension

    [[nodiscard]] std::size_t rows() const { return dims == 0 ? 0 : points.size() / dims; }
    [[nodiscard]] std::span<const double> row(std::size_t i) const {
        return std::span<const double>(points).subspan(i * dims, dims);
    }
    [[nodiscard]] double at(std::size_t row_index, std::size_t dim) const { return points[row_index * dims + dim]; }
};

/// Full factorial. Dimension k takes levels_per_dim[k] values l/(levels-1), l = 0 .. levels-1
/// (endpoints included; a single level sits at 0.5). The last dimension varies fastest.
/// Errors: BadInput if the list is empty, a level count is < 1, or the grid exceeds 10^8 rows.
[[nodiscard]] Result<Design> grid(const std::vector<int>& levels_per_dim);

/// User-given unit points (row-major, `dims` per row).
/// Errors: BadInput if dims is 0, the size is not a multiple of dims, or a coordinate is outside [0,1].
[[nodiscard]] Result<Design> list(std::size_t dims, std::vector<double> points);

/// Latin hypercube of n points: in every column each stratum [k/n, (k+1)/n) holds exactly one point,
/// jittered uniformly inside its stratum. Then `maximin_iterations` random swaps of two rows' values
/// within one column (one row always from the closest pair) are tried; a swap is kept when every
/// distance it changes exceeds the current minimum pairwise distance, so the minimum never falls and
/// the closest pairs get pushed apart (Morris & Mitchell 1995 style). Swaps keep the stratification.
/// Cost: O(n·dims) per iteration. maximin_iterations = 0 gives the plain random LHS for this seed.
/// Errors: BadInput if n or dims is 0.
[[nodiscard]] Result<Design> latin_hypercube(std::size_t n, std::size_t dims, std::uint64_t seed,
                                             std::size_t maximin_iterations = 1000);

/// Rows per base sample of a Saltelli design: d+2, or 2d+2 with second-order blocks.
[[nodiscard]] constexpr std::size_t saltelli_block_rows(std::size_t dims, bool second_order) {
    return second_order ? 2 * dims + 2 : dims + 2;
}

/// Which block of a base sample a row is (see Design). ab/ba take the dimension i in [0, dims).
struct SaltelliBlock {
    static constexpr std::size_t a = 0;
    static constexpr std::size_t b = 1;
    static constexpr std::size_t ab(std::size_t i) { return 2 + i; }
    static constexpr std::size_t ba(std::size_t dims, std::size_t i) { return 2 + dims + i; }
};

/// Row index of `block` (a SaltelliBlock value) for base sample j in a "sobol" design.
[[nodiscard]] inline std::size_t saltelli_row(const Design& d, std::size_t j, std::size_t block) {
    return j * saltelli_block_rows(d.dims, d.second_order) + block;
}

/// Saltelli (2010) sampling for Sobol' indices: N points of a Sobol' sequence in 2·dims dimensions
/// (Boost.Random, Joe–Kuo direction numbers); the first dims coordinates form A, the last dims B.
/// Boost's sequence never emits the origin (its first point is (0.5, …)), so no coordinate is 0 and
/// inverse CDFs stay finite; `skip` drops that many further points. N a power of two balances best.
/// Rows: N·(dims+2), or N·(2·dims+2) with second_order; layout in Design.
/// Errors: BadInput if N or dims is 0 or 2·dims exceeds Boost's 3667 Sobol' dimensions.
[[nodiscard]] Result<Design> saltelli(std::size_t n, std::size_t dims, bool second_order = false, std::size_t skip = 0);

/// Step of a Morris design with p levels: Δ = p / (2(p−1)) (2/3 for p = 4).
[[nodiscard]] constexpr double morris_delta(int levels) {
    return static_cast<double>(levels) / (2.0 * static_cast<double>(levels - 1));
}

/// Morris (1991) one-at-a-time trajectories: r trajectories of dims+1 points on the p-level grid
/// {0, 1/(p−1), …, 1}. Each trajectory draws a base point, a random order of the dimensions and a
/// random direction per dimension, then moves one coordinate per step by ±Δ (morris_delta), so
/// every dimension moves exactly once and every point stays in [0,1]. Trajectory t draws only from
/// its own stream, so trajectories do not depend on r.
/// Errors: BadInput if r or dims is 0, or levels is not an even number >= 2 (Δ must be on the grid).
[[nodiscard]] Result<Design> morris(std::size_t r, std::size_t dims, int levels, std::uint64_t seed);

}  // namespace sim::study
