#include "models/classic/network_source.hpp"

#include "sim/graph/generators.hpp"

namespace classic {

sim::Result<LoadedNetwork> build_network(const NetworkSpec& spec) {
    namespace gr = sim::graph;
    LoadedNetwork out;
    auto take = [&](sim::Result<gr::Csr> r, std::string desc) -> sim::Result<LoadedNetwork> {
        if (!r) return std::unexpected(r.error());
        out.graph = std::move(*r);
        out.description = std::move(desc);
        return std::move(out);
    };
    const std::string dir = spec.directed ? "directed" : "undirected";
    const std::string n = std::to_string(spec.n);
    const std::string seed = std::to_string(spec.seed);
    if (spec.source == "file") {
        gr::EdgeListOptions opt{spec.directed, spec.allow_self_loops, spec.duplicates};
        auto el = gr::read_edge_list_csr(spec.file, opt);
        if (!el) return std::unexpected(el.error());
        out.graph = std::move(el->graph);
        out.names = std::move(el->names);
        out.description = "file(" + spec.file.string() + ", " + dir + ")";
        return out;
    }
    if (spec.source == "complete") return take(gr::complete_graph(spec.n, spec.directed), "complete(n=" + n + ", " + dir + ")");
    if (spec.source == "gnp")
        return take(gr::erdos_renyi_gnp(spec.n, spec.p, spec.directed, spec.seed),
                    "gnp(n=" + n + ", p=" + std::to_string(spec.p) + ", " + dir + ", seed=" + seed + ")");
    if (spec.source == "gnm")
        return take(gr::erdos_renyi_gnm(spec.n, spec.m, spec.directed, spec.seed),
                    "gnm(n=" + n + ", m=" + std::to_string(spec.m) + ", " + dir + ", seed=" + seed + ")");
    if (spec.source == "ba")
        return take(gr::barabasi_albert(spec.n, spec.attach, spec.seed),
                    "ba(n=" + n + ", m=" + std::to_string(spec.attach) + ", seed=" + seed + ")");
    if (spec.source == "ws")
        return take(gr::watts_strogatz(spec.n, spec.k, spec.rewire, spec.seed),
                    "ws(n=" + n + ", k=" + std::to_string(spec.k) + ", beta=" + std::to_string(spec.rewire) +
                        ", seed=" + seed + ")");
    return sim::bad_input("network.source", "unknown network source '" + spec.source + "'");
}

}  // namespace classic
