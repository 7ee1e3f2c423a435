#pragma once
/// Reading networks from edge-list files.
///
/// Format, one edge per line: `source target [weight]`, fields separated by commas (CSV) or by
/// whitespace (decided per line: a line containing a comma is split on commas). Blank lines and
/// lines starting with `#` are skipped. An optional header line is recognised when its first two
/// fields are column names (source/target, from/to, src/dst, u/v, node1/node2, i/j, any case).
/// Node ids are integers or strings: if every id is an integer, dense ids follow numeric order;
/// otherwise they follow order of first appearance. The original ids are kept as names.
///
/// Rules (each violation is a BadInput diagnostic "file:line: ..."; all are reported at once, up
/// to 50): two or three fields per line; either every data line has a weight or none does;
/// weights are finite numbers >= 0; self-loops are errors unless allowed; duplicate edges (for
/// undirected graphs {u,v} and {v,u} are the same edge) follow DuplicatePolicy — by default an
/// error naming the line of the first occurrence.
#include <cstdint>
#include <filesystem>
#include <string>
#include <string_view>
#include <vector>

#include "sim/error.hpp"
#include "sim/graph/csr.hpp"
#include "sim/graph/network.hpp"

namespace sim::graph {

enum class DuplicatePolicy {
    Error,  ///< a repeated edge is a BadInput error (default)
    First,  ///< keep the first occurrence, ignore later ones
    Sum,    ///< merge repeats into one edge whose weight is the sum
};

struct EdgeListOptions {
    bool directed = false;
    bool allow_self_loops = false;
    DuplicatePolicy duplicates = DuplicatePolicy::Error;
};

/// A parsed edge list: dense vertex ids 0..names.size()-1, edges in file order.
struct EdgeList {
    std::vector<std::string> names;  ///< names[v] = the id as written in the file
    std::vector<WeightedEdge> edges;
    bool weighted = false;  ///< the file had a weight column
    bool directed = false;
    std::vector<std::size_t> lines;  ///< lines[k] = file line of edges[k] (1-based)

    /// The adjacency (undirected edges stored both ways).
    [[nodiscard]] Csr to_csr() const;
};

/// Parses edge-list text; `source_name` is used in diagnostics ("name:line").
[[nodiscard]] Result<EdgeList> parse_edge_list(std::string_view text, const std::string& source_name,
                                               const EdgeListOptions& options = {});

/// Reads and parses a file. Errors: Io if unreadable; BadInput for format problems.
[[nodiscard]] Result<EdgeList> read_edge_list(const std::filesystem::path& file,
                                              const EdgeListOptions& options = {});

/// A network read straight into adjacency form: what a simulation needs, nothing per edge else.
struct CsrEdgeList {
    Csr graph;                       ///< the same as EdgeList::to_csr() of the same text
    std::vector<std::string> names;  ///< names[v] = the id as written in the file
    bool weighted = false;           ///< the file had a weight column
};

/// parse_edge_list(...).to_csr() with the names, but fast for the common case: when every line is
/// `integer integer [weight]` (canonical non-negative 32-bit integers, no self-loop, no repeated
/// edge), a single pass with std::from_chars and no per-line allocation stores the endpoints
/// (8 bytes per edge) and a two-pass counting sort builds the adjacency with sorted rows. Anything
/// else (string ids, any error, duplicates under any policy) takes the general reader, so results
/// and diagnostics are exactly those of parse_edge_list.
[[nodiscard]] Result<CsrEdgeList> parse_edge_list_csr(std::string_view text, const std::string& source_name,
                                                      const EdgeListOptions& options = {});

/// The same from a file, read in 1 MiB pieces (the text is never held whole on the fast path).
/// Errors: those of read_edge_list.
[[nodiscard]] Result<CsrEdgeList> read_edge_list_csr(const std::filesystem::path& file,
                                                     const EdgeListOptions& options = {});

/// Parses "error" | "first" | "sum".
[[nodiscard]] Result<DuplicatePolicy> parse_duplicate_policy(std::string_view text);

}  // namespace sim::graph
