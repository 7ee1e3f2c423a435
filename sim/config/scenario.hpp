#pragma once
/// Loading a scenario file: TOML with `include = "other.toml"` (the included file is read first and
/// this file overrides it; chains allowed, cycles are errors), then `--set key=value` overrides.
/// Every problem is reported at once with its file and key path: unknown keys (with a suggestion),
/// wrong types, out-of-range values, bad choices, unreadable files, TOML syntax errors.
/// Values of Type::Path are resolved relative to the directory of the file that set them
/// (relative to the working directory for --set).
#include <filesystem>
#include <map>
#include <string>
#include <vector>

#include "sim/config/schema.hpp"
#include "sim/error.hpp"

namespace sim::config {

/// A fully resolved configuration: every schema key has a value (default or given).
class Config {
public:
    Config() = default;
    Config(const Schema* schema, std::map<std::string, Value> values, std::vector<std::string> sources)
        : schema_(schema), values_(std::move(values)), sources_(std::move(sources)) {}

    [[nodiscard]] double get_double(const std::string& path) const;  ///< Int or Float keys
    [[nodiscard]] std::int64_t get_int(const std::string& path) const;
    [[nodiscard]] bool get_bool(const std::string& path) const;
    [[nodiscard]] const std::string& get_string(const std::string& path) const;  ///< String or Path
    [[nodiscard]] const std::map<std::string, Value>& values() const { return values_; }

    /// Sets a value after loading (used by sweeps and tests); validated like --set.
    Result<void> set(const std::string& path, const std::string& value_text);

    /// The resolved configuration as TOML, grouped by table, each key commented with unit and doc.
    /// Loading this text with the same schema gives the same Config.
    [[nodiscard]] std::string to_toml() const;

    /// The files read, outermost first (for provenance).
    [[nodiscard]] const std::vector<std::string>& sources() const { return sources_; }

private:
    const Schema* schema_ = nullptr;  // must outlive the Config
    std::map<std::string, Value> values_;
    std::vector<std::string> sources_;
};

/// Loads, merges, overrides and validates. Errors: BadInput with one diagnostic per problem.
Result<Config> load_scenario(const std::filesystem::path& file, const Schema& schema,
                             const std::vector<std::string>& set_overrides = {});

/// Like load_scenario, from a string (for tests and tools): includes and Path values are resolved
/// relative to `base_dir`; messages name the string "<text>".
Result<Config> load_scenario_text(const std::string& toml_text, const std::filesystem::path& base_dir,
                                  const Schema& schema, const std::vector<std::string>& set_overrides = {});

/// The string at `key_path` (dotted, e.g. "model.name") in `file` or, if absent there, in the files
/// it includes (outer file wins), without schema validation: lets a caller pick the schema to
/// validate against. Returns `fallback` if no file in the chain sets the key.
/// Errors (BadInput): unreadable file, TOML syntax error (file:line:column), include cycle,
/// the key set to a non-string.
Result<std::string> peek_string(const std::filesystem::path& file, const std::string& key_path,
                                const std::string& fallback);

}  // namespace sim::config
