#pragma once
/// RFC-4180 CSV reading with physical line numbers and typed field parsing whose failures are
/// diagnostics of the form "file:line:column_name: expected ..., got '...'".
#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <initializer_list>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "sim/error.hpp"

namespace sim::io {

/// A parsed CSV file: a header and records of fields. All field text lives in one buffer, so
/// reading a table costs a handful of allocations, not one per field.
class CsvTable {
public:
    /// Display name used in every diagnostic (usually the file name relative to the data dir).
    [[nodiscard]] const std::string& file() const { return file_; }
    [[nodiscard]] const std::vector<std::string>& header() const { return header_; }
    /// Number of data records (the header excluded).
    [[nodiscard]] std::size_t rows() const { return line_.size(); }
    /// 1-based physical line on which record `row` starts (the header is line 1).
    [[nodiscard]] std::size_t line(std::size_t row) const { return line_[row]; }
    /// Number of fields of record `row` (may differ from the header only if parsing reported it).
    [[nodiscard]] std::size_t fields(std::size_t row) const { return row_start_[row + 1] - row_start_[row]; }
    /// Field `col` of record `row`; empty when the record is shorter than the header.
    [[nodiscard]] std::string_view field(std::size_t row, std::size_t col) const;

    /// Index of the column called `name`. Error (BadInput): "file: missing column 'name'".
    [[nodiscard]] Result<std::size_t> column(std::string_view name) const;
    /// Indices of all `names`, in order; every missing one is added to `diags`, then nullopt.
    [[nodiscard]] std::optional<std::vector<std::size_t>> columns(std::initializer_list<std::string_view> names,
                                                                DiagnosticList& diags) const;
    /// "file:line:column_name" for diagnostics about one field.
    [[nodiscard]] std::string where(std::size_t row, std::size_t col) const;

    friend Result<CsvTable> parse_csv(std::string_view text, std::string file);

private:
    std::string file_;
    std::vector<std::string> header_;
    std::string text_;                   ///< all unescaped field bytes, back to back
    std::vector<std::uint32_t> begin_;   ///< per field: offset into text_
    std::vector<std::uint32_t> size_;    ///< per field: length
    std::vector<std::size_t> row_start_; ///< per record: first field index; one extra at the end
    std::vector<std::size_t> line_;      ///< per record: physical start line
};

/// Parses CSV text (RFC 4180: quoted fields, doubled quotes, commas and newlines inside quotes,
/// LF or CRLF line ends, an optional UTF-8 BOM; blank lines are skipped). The first record is the
/// header. Errors (BadInput, all reported): empty file, duplicate header names, unterminated quote,
/// a record whose field count differs from the header's ("file:line: expected N fields, got M").
[[nodiscard]] Result<CsvTable> parse_csv(std::string_view text, std::string file);

/// Reads a whole file as bytes. Error (Io): "path: cannot open/read file".
[[nodiscard]] Result<std::string> read_file(const std::filesystem::path& path);

/// read_file + parse_csv; `display_name` names the file in diagnostics (defaults to the file name).
[[nodiscard]] Result<CsvTable> read_csv(const std::filesystem::path& path, std::string display_name = {});

// ---- typed field parsing -------------------------------------------------------------------
// Each helper parses one field of `t` and returns the value or a BadInput error whose single
// diagnostic is at t.where(row, col), e.g. "expected a non-negative number, got 'abc'".

/// True when the field is empty or "NA" (how the shared sources write a missing value).
[[nodiscard]] bool is_missing(std::string_view field);

/// Parses a finite decimal number (std::from_chars; no locale, no leading '+', no spaces).
[[nodiscard]] std::optional<double> to_double(std::string_view s);
/// Parses a base-10 integer.
[[nodiscard]] std::optional<long long> to_integer(std::string_view s);

/// A finite number in [lo, hi]. The error text names the range ("a non-negative number",
/// "a number in [0, 1]", "a number").
[[nodiscard]] Result<double> number_field(const CsvTable& t, std::size_t row, std::size_t col, double lo, double hi);
/// A finite number >= 0.
[[nodiscard]] Result<double> non_negative_field(const CsvTable& t, std::size_t row, std::size_t col);
/// As number_field, but a missing field (is_missing) gives nullopt instead of an error.
[[nodiscard]] Result<std::optional<double>> optional_number_field(const CsvTable& t, std::size_t row,
                                                                  std::size_t col, double lo, double hi);
/// An integer in [lo, hi] ("expected an integer in [2000, 2023], got '1999'").
[[nodiscard]] Result<int> int_field(const CsvTable& t, std::size_t row, std::size_t col, int lo, int hi);
/// As int_field, but a missing field gives nullopt.
[[nodiscard]] Result<std::optional<int>> optional_int_field(const CsvTable& t, std::size_t row, std::size_t col,
                                                           int lo, int hi);

/// Moves the value out of `r`, or appends its diagnostics to `diags` and returns nullopt.
template <class T>
[[nodiscard]] std::optional<T> take(Result<T>&& r, DiagnosticList& diags) {
    if (r) return std::optional<T>(std::move(*r));
    diags.append(r.error());
    return std::nullopt;
}

}  // namespace sim::io
