#pragma once
/// A lean compressed-sparse-row adjacency for the diffusion hot loops: offsets, targets and an
/// optional weight per edge, nothing else. Generators build it directly (no edge-list copy, no
/// Boost.Graph copy), so a graph with 10^7 vertices and 10^8 stored arcs fits in about 0.5 GB.
/// Convert to the engine's sim::graph::Network (Boost.Graph CSR) with to_network() when needed.
#include <cstdint>
#include <span>
#include <vector>

#include "sim/graph/network.hpp"

namespace sim::graph {

/// Out-adjacency of vertices 0..n-1. Undirected graphs store every edge in both directions.
/// Within a vertex, targets are sorted ascending.
struct Csr {
    std::vector<std::uint64_t> offsets{0};  ///< size n+1; arcs of v are [offsets[v], offsets[v+1])
    std::vector<std::uint32_t> targets;     ///< size = number of stored arcs
    std::vector<double> weights;            ///< empty (all weights 1) or one per arc
    bool directed = false;

    [[nodiscard]] std::size_t num_vertices() const { return offsets.size() - 1; }
    [[nodiscard]] std::size_t num_arcs() const { return targets.size(); }
    /// Edges as a user counts them: arcs for directed graphs, arcs / 2 for undirected ones.
    [[nodiscard]] std::size_t num_edges() const { return directed ? targets.size() : targets.size() / 2; }
    [[nodiscard]] bool weighted() const { return !weights.empty(); }
    [[nodiscard]] std::size_t degree(std::uint32_t v) const {
        return static_cast<std::size_t>(offsets[v + 1] - offsets[v]);
    }
    [[nodiscard]] std::span<const std::uint32_t> neighbours(std::uint32_t v) const {
        return {targets.data() + offsets[v], degree(v)};
    }
    /// Bytes held by the arrays (capacity), for memory reports.
    [[nodiscard]] std::size_t memory_bytes() const {
        return offsets.capacity() * sizeof(std::uint64_t) + targets.capacity() * sizeof(std::uint32_t) +
               weights.capacity() * sizeof(double);
    }
};

/// Builds a Csr from arcs by counting sort (stable: arcs of a vertex keep input order, then each
/// vertex's arcs are sorted by target). With `undirected`, each edge {u, v} is stored as u->v and
/// v->u. Weights are kept when `weighted`. O(n + m) plus the per-vertex sorts.
[[nodiscard]] Csr csr_from_edges(std::size_t n, std::span<const WeightedEdge> edges, bool undirected,
                                 bool weighted);

/// In-adjacency: arc u->v of `g` becomes v->u (weights follow). For undirected graphs this equals g.
[[nodiscard]] Csr reverse(const Csr& g);

/// In-degree of every vertex (number of arcs pointing at it).
[[nodiscard]] std::vector<std::uint32_t> in_degrees(const Csr& g);

/// In-strength (sum of weights of arcs pointing at it) of every vertex.
[[nodiscard]] std::vector<double> in_strengths(const Csr& g);

/// The same graph as the engine's Boost.Graph-backed Network (copies everything; small graphs).
[[nodiscard]] Network to_network(const Csr& g);

/// A Csr copy of a Network (directed flag as given; Network does not record it).
[[nodiscard]] Csr csr_from_network(const Network& net, bool directed);

}  // namespace sim::graph
