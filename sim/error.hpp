#pragma once
/// Errors as values at the boundaries (files, scenario, CLI, HDF5).
/// Only main() turns an Error into an exit code: BadInput -> 2, Io -> 3, Internal -> 1.
#include <expected>
#include <string>
#include <utility>
#include <vector>

namespace sim {

enum class ErrorKind { BadInput, Io, Internal };

/// One problem, with where it was found: "file:line:column", "file: key.path", "--set x".
struct Diagnostic {
    std::string where;
    std::string what;
};

/// A failure carries every problem found, so a user fixes them all in one pass.
struct Error {
    ErrorKind kind = ErrorKind::Internal;
    std::vector<Diagnostic> diagnostics;

    Error() = default;
    Error(ErrorKind k, std::string where, std::string what) : kind(k) {
        diagnostics.push_back({std::move(where), std::move(what)});
    }
    Error(ErrorKind k, std::vector<Diagnostic> d) : kind(k), diagnostics(std::move(d)) {}

    /// One line per diagnostic: "where: what".
    [[nodiscard]] std::string message() const {
        std::string out;
        for (const auto& d : diagnostics) {
            if (!out.empty()) out += '\n';
            out += d.where.empty() ? d.what : d.where + ": " + d.what;
        }
        return out;
    }
};

template <class T>
using Result = std::expected<T, Error>;

inline std::unexpected<Error> bad_input(std::string where, std::string what) {
    return std::unexpected(Error(ErrorKind::BadInput, std::move(where), std::move(what)));
}
inline std::unexpected<Error> io_error(std::string where, std::string what) {
    return std::unexpected(Error(ErrorKind::Io, std::move(where), std::move(what)));
}

/// Accumulates diagnostics across a whole validation pass.
class DiagnosticList {
public:
    void add(std::string where, std::string what) { items_.push_back({std::move(where), std::move(what)}); }
    void append(const Error& e) { items_.insert(items_.end(), e.diagnostics.begin(), e.diagnostics.end()); }
    [[nodiscard]] bool empty() const { return items_.empty(); }
    [[nodiscard]] std::size_t size() const { return items_.size(); }
    [[nodiscard]] Error to_error(ErrorKind k = ErrorKind::BadInput) const { return Error(k, items_); }

private:
    std::vector<Diagnostic> items_;
};

}  // namespace sim
