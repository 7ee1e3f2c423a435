#pragma once
/// Checking one value against its KeySpec: type, inclusive range, choices; resolving paths.
#include <expected>
#include <filesystem>
#include <string>

#include "sim/config/schema.hpp"

namespace sim::config {

/// Converts `v` to the key's type (Int is accepted for Float and becomes a double; nothing else
/// converts) and checks range and choices. Error: a message without location, e.g.
/// "expected a float, got a string" or "1.5 is out of range: allowed [0, 1] per SD".
[[nodiscard]] std::expected<Value, std::string> check_value(const KeySpec& spec, Value v);

/// For Type::Path keys, `v` made absolute relative to `dir` and lexically normalised (an empty
/// path stays empty: it means "none"). Other types are returned unchanged.
[[nodiscard]] Value resolve_path_value(const KeySpec& spec, Value v, const std::filesystem::path& dir);

/// The article-and-noun name of the value's own type: "a boolean", "an integer", ...
[[nodiscard]] std::string value_type_name(const Value& v);

}  // namespace sim::config
