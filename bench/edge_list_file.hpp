#pragma once
/// The edge list the reader benchmarks read: G(n, m = 5n) (seed 2024, the graph of
/// diffusion_bench), one undirected edge per line as "u v", lines in a seeded random order (a real
/// file is not sorted), ids 0..n-1. 10^6 nodes: 5·10^6 lines, about 69 MB. With `weighted`, a
/// third column w = (1 + (u + v) mod 40) / 100, written with two decimals (in [0.01, 0.40]: the
/// cascade peer of bench/peers/ uses them as activation probabilities).
#include <algorithm>
#include <cstdint>
#include <cstdio>
#include <filesystem>
#include <random>
#include <string>
#include <utility>
#include <vector>

#include "sim/graph/generators.hpp"

namespace bench {

inline bool write_gnm_edge_list(std::size_t n, const std::filesystem::path& file, bool weighted = false) {
    const auto g = sim::graph::erdos_renyi_gnm(n, 5 * n, false, 2024);
    if (!g) return false;
    std::vector<std::pair<std::uint32_t, std::uint32_t>> edges;
    edges.reserve(g->num_edges());
    for (std::uint32_t u = 0; u < g->num_vertices(); ++u)
        for (const auto v : g->neighbours(u))
            if (u < v) edges.emplace_back(u, v);
    std::mt19937_64 rng(2024);
    std::shuffle(edges.begin(), edges.end(), rng);
    std::FILE* f = std::fopen(file.c_str(), "wb");
    if (f == nullptr) return false;
    for (const auto& [u, v] : edges) {
        if (weighted) std::fprintf(f, "%u %u 0.%02u\n", u, v, 1 + (u + v) % 40);
        else std::fprintf(f, "%u %u\n", u, v);
    }
    return std::fclose(f) == 0;
}

}  // namespace bench
