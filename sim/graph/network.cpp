#include "sim/graph/network.hpp"

#include <algorithm>
#include <tuple>

namespace sim::graph {

Network::Network(std::size_t n, std::vector<WeightedEdge> edges, bool undirected) : n_(n) {
    if (undirected) {
        const std::size_t m = edges.size();
        edges.reserve(2 * m);
        for (std::size_t i = 0; i < m; ++i) {
            const auto e = edges[i];
            if (e.source != e.target) edges.push_back({e.target, e.source, e.weight});
        }
    }
    std::sort(edges.begin(), edges.end(), [](const WeightedEdge& a, const WeightedEdge& b) {
        return std::tie(a.source, a.target, a.weight) < std::tie(b.source, b.target, b.weight);
    });

    std::vector<std::pair<std::uint32_t, std::uint32_t>> pairs;
    std::vector<EdgeWeight> props;
    pairs.reserve(edges.size());
    props.reserve(edges.size());
    for (const auto& e : edges) {
        pairs.emplace_back(e.source, e.target);
        props.push_back({e.weight});
    }
    g_ = CsrGraph(boost::edges_are_sorted, pairs.begin(), pairs.end(), props.begin(),
                  static_cast<std::uint32_t>(n));

    // Flat mirrors of the CSR arrays for the hot path (spans, no iterator adaptors).
    offsets_.assign(n + 1, 0);
    targets_.resize(edges.size());
    weights_.resize(edges.size());
    strength_.assign(n, 0.0);
    for (const auto& e : edges) ++offsets_[e.source + 1];
    for (std::size_t v = 0; v < n; ++v) offsets_[v + 1] += offsets_[v];
    for (std::size_t k = 0; k < edges.size(); ++k) {
        targets_[k] = edges[k].target;
        weights_[k] = edges[k].weight;
        strength_[edges[k].source] += edges[k].weight;
    }
}

}  // namespace sim::graph
