#pragma once
/// Random and deterministic network generators. Each is a pure function of its arguments and its
/// own seed: draws come from sim::Rng streams keyed by (seed, 0, vertex or 0, generator stream),
/// so a graph never depends on thread count or on any other randomness in a run.
/// All return the lean Csr (undirected graphs store both arcs) with sorted rows, no self-loops and
/// no multi-edges. Invalid arguments are BadInput errors naming the parameter.
#include <cstdint>

#include "sim/error.hpp"
#include "sim/graph/csr.hpp"

namespace sim::graph {

/// Every ordered (directed) or unordered pair of distinct vertices. O(n^2) memory: small n only.
[[nodiscard]] Result<Csr> complete_graph(std::size_t n, bool directed);

/// Erdős–Rényi G(n, p): each pair independently with probability p. Geometric skipping over pair
/// slots makes it O(n + m) time; the CSR is filled in two passes over the same random stream, so
/// peak memory is the result itself.
[[nodiscard]] Result<Csr> erdos_renyi_gnp(std::size_t n, double p, bool directed, std::uint64_t seed);

/// Erdős–Rényi G(n, m): exactly m distinct edges (arcs if directed). Slots are drawn as a sorted
/// sample (exponential spacings over N - m + 1 positions, then the k-th shifted by k, which makes
/// them distinct), so the CSR is filled directly in O(n + m) time and memory, in three passes over
/// one random stream. The sample is uniform over m-subsets except that the rare configurations
/// with coinciding spacings (probability about m^2 / 2N) are slightly under-weighted.
[[nodiscard]] Result<Csr> erdos_renyi_gnm(std::size_t n, std::size_t m, bool directed, std::uint64_t seed);

/// Barabási–Albert preferential attachment (undirected): a clique on m + 1 vertices, then each
/// new vertex links to m distinct existing vertices chosen with probability proportional to
/// degree (repeated-endpoint list, Batagelj–Brandes). Edges: m(m+1)/2 + (n - m - 1) m.
[[nodiscard]] Result<Csr> barabasi_albert(std::size_t n, std::size_t m, std::uint64_t seed);

/// Watts–Strogatz small world (undirected): ring lattice where each vertex links to its k/2
/// nearest neighbours on each side (k even), then each lattice edge (u, u+j) has its far end
/// rewired with probability beta to a uniform vertex, avoiding self-loops and duplicates.
/// Edges: n k / 2.
[[nodiscard]] Result<Csr> watts_strogatz(std::size_t n, std::size_t k, double beta, std::uint64_t seed);

/// Builds an undirected or directed Csr from a flat list of endpoints (e0.source, e0.target,
/// e1.source, ...) by counting sort, rows sorted. Caller guarantees no self-loops/duplicates.
[[nodiscard]] Csr csr_from_endpoints(std::size_t n, std::span<const std::uint32_t> endpoints, bool directed);

}  // namespace sim::graph
