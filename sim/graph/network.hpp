#pragma once
/// Networks as Boost.Graph compressed-sparse-row graphs: the hot path reads out-edges of a vertex
/// as a contiguous range of (target, weight). Built once from an edge list; immutable afterwards.
#include <boost/graph/compressed_sparse_row_graph.hpp>

#include <cstdint>
#include <span>
#include <vector>

namespace sim::graph {

struct EdgeWeight {
    double weight = 1.0;
};

using CsrGraph = boost::compressed_sparse_row_graph<boost::directedS, boost::no_property, EdgeWeight,
                                                    boost::no_property, std::uint32_t, std::uint32_t>;

struct WeightedEdge {
    std::uint32_t source = 0;
    std::uint32_t target = 0;
    double weight = 1.0;
};

/// An immutable weighted network over vertices 0..n-1.
class Network {
public:
    Network() = default;
    /// Builds the CSR graph. With `undirected`, each edge is stored in both directions.
    /// Edges are sorted by (source, target) so the layout does not depend on input order.
    Network(std::size_t n, std::vector<WeightedEdge> edges, bool undirected);

    [[nodiscard]] std::size_t num_vertices() const { return n_; }
    [[nodiscard]] std::size_t num_edges() const { return targets_.size(); }
    [[nodiscard]] const CsrGraph& graph() const { return g_; }

    /// Out-neighbours and weights of v (views into flat arrays mirroring the CSR layout).
    [[nodiscard]] std::span<const std::uint32_t> neighbours(std::uint32_t v) const {
        return {targets_.data() + offsets_[v], offsets_[v + 1] - offsets_[v]};
    }
    [[nodiscard]] std::span<const double> weights(std::uint32_t v) const {
        return {weights_.data() + offsets_[v], offsets_[v + 1] - offsets_[v]};
    }
    [[nodiscard]] double strength(std::uint32_t v) const { return strength_[v]; }  ///< sum of out-weights
    [[nodiscard]] std::size_t degree(std::uint32_t v) const { return offsets_[v + 1] - offsets_[v]; }

private:
    std::size_t n_ = 0;
    CsrGraph g_;
    std::vector<std::size_t> offsets_{0};
    std::vector<std::uint32_t> targets_;
    std::vector<double> weights_;
    std::vector<double> strength_;
};

}  // namespace sim::graph
