#pragma once
/// Choosing the initial adopters (seeds) of a classic model: a random fraction, a listed set of
/// node names, or the top-k nodes by degree. Results are sorted node ids without repeats.
#include <cstdint>
#include <filesystem>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "sim/error.hpp"
#include "sim/graph/csr.hpp"

namespace classic {

/// round(fraction * n) distinct nodes, uniformly at random. Draws: Rng(seed, 0, 0, kStreamSeeds).
[[nodiscard]] std::vector<std::uint32_t> seeds_random_fraction(std::size_t n, double fraction, std::uint64_t seed);

/// The k nodes of largest out-degree (ties: smaller id first); all nodes if k >= n.
[[nodiscard]] std::vector<std::uint32_t> seeds_top_degree(const sim::graph::Csr& g, std::size_t k);

/// Looks up one node name. `names` empty means the nodes are unnamed (generated): names are then
/// the decimal ids 0..n-1.
[[nodiscard]] bool find_node(std::span<const std::string> names, std::size_t n, std::string_view name,
                             std::uint32_t& out);

/// Nodes listed in `list`, separated by commas or whitespace. Unknown names are BadInput errors
/// at `where` (e.g. "scenario.toml: seeds.nodes"), all reported at once.
[[nodiscard]] sim::Result<std::vector<std::uint32_t>> seeds_from_list(std::span<const std::string> names,
                                                                      std::size_t n, std::string_view list,
                                                                      const std::string& where);

/// Nodes listed in a file, one per line (blank lines and '#' comments skipped). Unknown names are
/// BadInput errors at "file:line".
[[nodiscard]] sim::Result<std::vector<std::uint32_t>> seeds_from_file(std::span<const std::string> names,
                                                                      std::size_t n,
                                                                      const std::filesystem::path& file);

}  // namespace classic
