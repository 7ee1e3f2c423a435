#pragma once
/// The integer fast path of the edge-list reader (behind parse_edge_list_csr / read_edge_list_csr).
/// It accepts only text on which the general reader would succeed with all-integer ids, and then
/// returns exactly what the general reader would; for anything else it declines (nullopt) and the
/// caller runs the general reader, which also writes every diagnostic.
#include <cstddef>
#include <filesystem>
#include <optional>
#include <string_view>

#include "sim/error.hpp"
#include "sim/graph/edge_list.hpp"

namespace sim::graph::detail {

/// The number of fields of `line` when it is a header line (recognised column names), else 0.
/// Shared with the general reader, so both recognise the same headers (edge_list.cpp).
[[nodiscard]] std::size_t header_fields(std::string_view line);

/// nullopt: not an all-integer, error-free, duplicate-free, loop-free edge list.
[[nodiscard]] std::optional<CsrEdgeList> parse_integer_edge_list(std::string_view text, const EdgeListOptions& options);

/// The same from a file read in pieces. Errors: those of io::read_input_chunks (missing, not a
/// regular file, too large, unreadable), which the general reader would report identically.
[[nodiscard]] Result<std::optional<CsrEdgeList>> read_integer_edge_list(const std::filesystem::path& file,
                                                                        const EdgeListOptions& options);

}  // namespace sim::graph::detail
