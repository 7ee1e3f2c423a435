#include "sim/graph/csr.hpp"

#include <algorithm>
#include <numeric>

namespace sim::graph {

namespace {

/// Sorts the arcs of every vertex by target (weights move with their targets).
void sort_rows(Csr& g) {
    const std::size_t n = g.num_vertices();
    std::vector<std::pair<std::uint32_t, double>> tmp;
    for (std::size_t v = 0; v < n; ++v) {
        const auto b = static_cast<std::ptrdiff_t>(g.offsets[v]);
        const auto e = static_cast<std::ptrdiff_t>(g.offsets[v + 1]);
        if (!g.weighted()) {
            std::sort(g.targets.begin() + b, g.targets.begin() + e);
            continue;
        }
        tmp.clear();
        for (auto k = b; k < e; ++k)
            tmp.emplace_back(g.targets[static_cast<std::size_t>(k)], g.weights[static_cast<std::size_t>(k)]);
        std::sort(tmp.begin(), tmp.end());
        for (auto k = b; k < e; ++k) {
            const auto& [t, w] = tmp[static_cast<std::size_t>(k - b)];
            g.targets[static_cast<std::size_t>(k)] = t;
            g.weights[static_cast<std::size_t>(k)] = w;
        }
    }
}

}  // namespace

Csr csr_from_edges(std::size_t n, std::span<const WeightedEdge> edges, bool undirected, bool weighted) {
    Csr g;
    g.directed = !undirected;
    g.offsets.assign(n + 1, 0);
    for (const auto& e : edges) {
        ++g.offsets[e.source + 1];
        if (undirected) ++g.offsets[e.target + 1];
    }
    std::partial_sum(g.offsets.begin(), g.offsets.end(), g.offsets.begin());
    g.targets.resize(g.offsets[n]);
    if (weighted) g.weights.resize(g.offsets[n]);
    std::vector<std::uint64_t> cursor(g.offsets.begin(), g.offsets.end() - 1);
    auto put = [&](std::uint32_t s, std::uint32_t t, double w) {
        const auto k = cursor[s]++;
        g.targets[k] = t;
        if (weighted) g.weights[k] = w;
    };
    for (const auto& e : edges) {
        put(e.source, e.target, e.weight);
        if (undirected) put(e.target, e.source, e.weight);
    }
    sort_rows(g);
    return g;
}

Csr reverse(const Csr& g) {
    if (!g.directed) return g;
    const std::size_t n = g.num_vertices();
    Csr r;
    r.directed = true;
    r.offsets.assign(n + 1, 0);
    for (const auto t : g.targets) ++r.offsets[t + 1];
    std::partial_sum(r.offsets.begin(), r.offsets.end(), r.offsets.begin());
    r.targets.assign(g.num_arcs(), 0U);
    if (g.weighted()) r.weights.assign(g.num_arcs(), 0.0);
    std::vector<std::uint64_t> cursor(r.offsets.begin(), r.offsets.end() - 1);
    // Sources are visited in increasing order, so every in-row comes out sorted.
    for (std::uint32_t u = 0; u < n; ++u) {
        for (auto k = g.offsets[u]; k < g.offsets[u + 1]; ++k) {
            const auto slot = cursor[g.targets[k]]++;
            r.targets[slot] = u;
            if (g.weighted()) r.weights[slot] = g.weights[k];
        }
    }
    return r;
}

std::vector<std::uint32_t> in_degrees(const Csr& g) {
    std::vector<std::uint32_t> d(g.num_vertices(), 0);
    for (const auto t : g.targets) ++d[t];
    return d;
}

std::vector<double> in_strengths(const Csr& g) {
    std::vector<double> s(g.num_vertices(), 0.0);
    for (std::size_t k = 0; k < g.num_arcs(); ++k) s[g.targets[k]] += g.weighted() ? g.weights[k] : 1.0;
    return s;
}

Network to_network(const Csr& g) {
    std::vector<WeightedEdge> arcs;
    arcs.reserve(g.num_arcs());
    for (std::uint32_t u = 0; u < g.num_vertices(); ++u)
        for (auto k = g.offsets[u]; k < g.offsets[u + 1]; ++k)
            arcs.push_back({u, g.targets[k], g.weighted() ? g.weights[k] : 1.0});
    return Network(g.num_vertices(), std::move(arcs), false);
}

Csr csr_from_network(const Network& net, bool directed) {
    Csr g;
    g.directed = directed;
    const std::size_t n = net.num_vertices();
    g.offsets.assign(n + 1, 0);
    g.targets.reserve(net.num_edges());
    bool any_weight = false;
    for (std::uint32_t v = 0; v < n; ++v)
        for (const double w : net.weights(v)) any_weight = any_weight || w != 1.0;
    if (any_weight) g.weights.reserve(net.num_edges());
    for (std::uint32_t v = 0; v < n; ++v) {
        const auto nb = net.neighbours(v);
        g.targets.insert(g.targets.end(), nb.begin(), nb.end());
        if (any_weight) {
            const auto w = net.weights(v);
            g.weights.insert(g.weights.end(), w.begin(), w.end());
        }
        g.offsets[v + 1] = g.targets.size();
    }
    return g;
}

}  // namespace sim::graph
