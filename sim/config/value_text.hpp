#pragma once
/// Text forms of configuration values: parsing `--set` text by a key's type, printing values as
/// TOML literals (doubles shortest round-trip), and describing types and values in messages.
#include <expected>
#include <string>
#include <string_view>

#include "sim/config/schema.hpp"

namespace sim::config {

/// The type as a message noun with its article: "a float", "an integer", "a string (path)".
[[nodiscard]] std::string type_name(Type type);

/// Parses `--set` text as a value of `type`. Bool: true/false. Int: decimal integer. Float: any
/// number (integers accepted). String/Path: the text, with one pair of matching quotes removed.
/// Error: a message such as `expected a float, got "abc"` (no location; the caller adds it).
[[nodiscard]] std::expected<Value, std::string> parse_value_text(std::string_view text, Type type);

/// Shortest text that parses back to exactly `v` (std::to_chars); "inf", "nan" as is.
[[nodiscard]] std::string format_number(double v);

/// `v` as a TOML literal: true, 42, 0.5 (always with '.', 'e', or inf/nan so it stays a float),
/// "quoted \"string\"".
[[nodiscard]] std::string format_toml_value(const Value& v);

/// A TOML basic string literal with escapes.
[[nodiscard]] std::string quote_toml_string(std::string_view s);

/// One key component, bare if TOML allows it, else quoted.
[[nodiscard]] std::string format_toml_key(std::string_view component);

/// Removes leading and trailing ASCII whitespace.
[[nodiscard]] std::string_view trim(std::string_view s);

}  // namespace sim::config
