#pragma once
/// Building the network of a classic-model run from the scenario's `network.*` keys: an edge-list
/// file or one of the generators.
#include <cstdint>
#include <filesystem>
#include <string>
#include <vector>

#include "sim/error.hpp"
#include "sim/graph/csr.hpp"
#include "sim/graph/edge_list.hpp"

namespace classic {

struct NetworkSpec {
    std::string source = "gnm";  ///< file | complete | gnp | gnm | ba | ws
    std::filesystem::path file;  ///< edge list (source = file)
    bool directed = false;
    bool allow_self_loops = false;
    sim::graph::DuplicatePolicy duplicates = sim::graph::DuplicatePolicy::Error;
    std::size_t n = 1000;       ///< vertices (generators)
    double p = 0.01;            ///< gnp: pair probability
    std::size_t m = 5000;       ///< gnm: edges
    std::size_t attach = 3;     ///< ba: edges per new vertex
    std::size_t k = 4;          ///< ws: lattice degree (even)
    double rewire = 0.1;        ///< ws: rewiring probability
    std::uint64_t seed = 1;     ///< generator seed (independent of the run seed)
};

struct LoadedNetwork {
    sim::graph::Csr graph;
    std::vector<std::string> names;  ///< node names from the file; empty for generated networks
    std::string description;         ///< e.g. "gnm(n=1000, m=5000, seed=1)"
};

/// Errors: BadInput/Io from the edge-list reader (file:line) or generator arguments.
[[nodiscard]] sim::Result<LoadedNetwork> build_network(const NetworkSpec& spec);

}  // namespace classic
