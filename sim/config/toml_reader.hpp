#pragma once
/// Reading the fixed-format TOML files of tools (sweeps, calibrations): typed getters that report
/// every problem with the file, the full key path and what was expected, and a check that rejects
/// unknown (e.g. misspelt) keys instead of silently ignoring them.
#include <toml++/toml.h>

#include <cstdint>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "sim/error.hpp"

namespace sim::config {

class TableReader {
public:
    /// `prefix` is the table's key path ("sweep." or "parameter #2 ("x1")."); `where` names the file.
    TableReader(const toml::table& t, std::string prefix, std::string where, DiagnosticList& problems)
        : t_(t), prefix_(std::move(prefix)), where_(std::move(where)), problems_(problems) {}

    /// Reports every key of the table not in `allowed`.
    void allow(const std::set<std::string>& allowed);
    /// Reports `key` missing, with `what` saying what it should hold.
    void require(const std::string& key, const std::string& what);

    std::optional<std::int64_t> integer(const std::string& key, std::int64_t min, std::int64_t max);
    std::optional<double> number(const std::string& key, double min, double max);  ///< integers accepted
    std::optional<bool> boolean(const std::string& key);
    std::optional<std::string> string(const std::string& key, const std::set<std::string>& choices = {});
    std::optional<std::vector<std::string>> strings(const std::string& key);
    std::optional<std::vector<double>> numbers(const std::string& key);  ///< integers accepted
    std::optional<std::vector<std::int64_t>> integers(const std::string& key, std::int64_t min, std::int64_t max);

    [[nodiscard]] bool has(const std::string& key) const { return t_.contains(key); }
    [[nodiscard]] const toml::table& table() const { return t_; }
    void problem(const std::string& key, const std::string& what) {
        problems_.add(where_, prefix_ + key + ": " + what);
    }

private:
    const toml::table& t_;
    std::string prefix_, where_;
    DiagnosticList& problems_;
};

/// Parses a TOML document; syntax errors become BadInput at "file:line:column".
Result<toml::table> parse_toml(const std::string& text, const std::string& where);

/// Reads a whole text file. Errors: BadInput naming the file ("<what> not found or unreadable").
Result<std::string> read_text_file(const std::string& path, const std::string& what);

}  // namespace sim::config
