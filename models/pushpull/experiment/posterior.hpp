#pragma once
/// Posterior draws for experiments (MODEL.md §9: "across posterior parameter draws").
///
/// A posterior file is what `pushpull calibrate` writes: group `/posterior` with
///   - `parameter`: strings, d scenario keys (e.g. "params.alpha0");
///   - `particles`: double, N x d, row-major, column j = parameter j;
///   - `weights`:   double, N, normalised importance weights.
/// Other groups and datasets in the file are ignored.
///
/// D draws are taken by **systematic weighted resampling**: with normalised weights w and their
/// cumulative sums W_i = w_0 + ... + w_i, one uniform u0 in [0, 1) derived from the experiment seed
/// (splitmix64 of seed ^ a fixed tag, top 53 bits) gives the D positions (k + u0) / D, k = 0..D-1,
/// and draw k takes the first particle i with W_i > (k + u0) / D. Each particle is drawn either
/// floor(D w_i) or ceil(D w_i) times, the lowest-variance unbiased scheme, and the result depends
/// only on the seed, the weights and D. Draws come out in particle order.
#include <cstdint>
#include <filesystem>
#include <span>
#include <string>
#include <vector>

#include "sim/error.hpp"

namespace pushpull::experiment {

struct Posterior {
    std::filesystem::path file;
    std::vector<std::string> parameters;  ///< d scenario keys, as stored
    std::vector<double> particles;        ///< N x d, row-major
    std::vector<double> weights;          ///< N, renormalised to sum 1
    std::string sha256;                   ///< of the file, for provenance

    [[nodiscard]] std::size_t size() const { return weights.size(); }
    [[nodiscard]] std::size_t dims() const { return parameters.size(); }
    [[nodiscard]] double value(std::size_t particle, std::size_t j) const { return particles[particle * dims() + j]; }
};

/// One posterior draw: the particle it took and its `key=value` overrides (values printed
/// shortest round-trip, std::to_chars), applied to every arm.
struct Draw {
    std::size_t particle = 0;
    std::vector<double> values;     ///< d values, in Posterior::parameters order
    std::vector<std::string> sets;  ///< "key=value", one per parameter
};

/// Reads and checks a posterior file. Errors (BadInput, naming the file and the dataset): file
/// missing or unreadable, no /posterior group, a missing or mistyped dataset, shapes that do not
/// agree (particles not N x d, weights not N), N = 0 or d = 0, a non-finite particle value, a
/// negative or non-finite weight, weights summing to zero, a duplicate parameter.
sim::Result<Posterior> read_posterior(const std::filesystem::path& file);

/// Systematic resampling (see the file comment): `count` particle indices, non-decreasing.
/// Preconditions: weights non-negative with a positive finite sum (they are normalised here).
[[nodiscard]] std::vector<std::size_t> systematic_resample(std::span<const double> weights, std::size_t count,
                                                           std::uint64_t seed);

/// The `count` draws of `posterior` for an experiment with master seed `seed`.
[[nodiscard]] std::vector<Draw> posterior_draws(const Posterior& posterior, std::size_t count, std::uint64_t seed);

}  // namespace pushpull::experiment
