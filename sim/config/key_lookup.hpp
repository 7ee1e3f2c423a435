#pragma once
/// Finding schema keys by name: exact or by trailing components (`beta_crime` ->
/// `params.beta_crime`), and "did you mean" suggestions for misspelt keys.
#include <cstddef>
#include <expected>
#include <optional>
#include <string>
#include <string_view>

#include "sim/config/schema.hpp"

namespace sim::config {

/// Levenshtein distance (insertions, deletions, substitutions each cost 1).
[[nodiscard]] std::size_t edit_distance(std::string_view a, std::string_view b);

/// The schema key closest to a misspelt `path`: the nearest full path within a small edit distance,
/// else a key whose last component is (nearly) the last component of `path`. Nullopt if none.
[[nodiscard]] std::optional<std::string> suggest_key(std::string_view path, const Schema& schema);

/// The message for an unknown key: `unknown key "x.y"; did you mean "x.z"?` (suggestion if any).
[[nodiscard]] std::string unknown_key_message(std::string_view path, const Schema& schema);

/// The key named `name`: an exact path, or a unique key whose path ends with "." + name.
/// Error: a message naming the candidates when ambiguous, or an unknown-key message.
[[nodiscard]] std::expected<const KeySpec*, std::string> find_key_by_name(std::string_view name,
                                                                          const Schema& schema);

}  // namespace sim::config
