#pragma once
/// Checking a tree read from a file (read_hdf5) before trusting it: each lookup names what it wants
/// (group, attribute, dataset, with type and length) and records a "file:/path @attr: problem"
/// diagnostic when the item is missing, has another type or the wrong length. A reader asks for
/// everything it will use, then stops with error() (BadInput, exit 2) if anything was wrong, so a
/// foreign or damaged file never reaches code that would dereference a null or read past an end.
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "sim/error.hpp"
#include "sim/output/tree_lookup.hpp"

namespace sim::out {

namespace detail {
template <class T>
constexpr const char* type_name() {
    if constexpr (std::is_same_v<T, std::int64_t>) return "an integer";
    else if constexpr (std::is_same_v<T, double>) return "a float";
    else if constexpr (std::is_same_v<T, std::string>) return "a string";
    else if constexpr (std::is_same_v<T, std::vector<std::int64_t>>) return "an integer vector";
    else if constexpr (std::is_same_v<T, std::vector<double>>) return "a float vector";
    else return "a string vector";
}
template <class T>
constexpr const char* column_type_name() {
    if constexpr (std::is_same_v<T, std::int32_t>) return "32-bit integers";
    else if constexpr (std::is_same_v<T, std::int64_t>) return "64-bit integers";
    else if constexpr (std::is_same_v<T, double>) return "floats";
    else return "strings";
}
}  // namespace detail

class TreeCheck {
public:
    explicit TreeCheck(std::string file) : file_(std::move(file)) {}

    /// The subgroup `name` of g (at `path`, e.g. "/" or "/design"), or nullptr (recorded).
    const Group* group(const Group& g, std::string_view path, std::string_view name) {
        const Group* c = find_group(g, name);
        if (!c) add(join(path, name), "missing group");
        return c;
    }

    /// The attribute `key` of an object at `path` as a T, or nullptr (recorded).
    template <class T>
    const T* attr(const Attributes& attrs, std::string_view path, std::string_view key) {
        const AttrValue* v = find_attr(attrs, key);
        if (!v) {
            add(std::string(path) + " @" + std::string(key), "missing attribute");
            return nullptr;
        }
        const T* t = std::get_if<T>(v);
        if (!t) add(std::string(path) + " @" + std::string(key), std::string("not ") + detail::type_name<T>());
        return t;
    }

    /// An integer attribute within [lo, hi], or nullopt (recorded).
    std::optional<std::int64_t> int_in(const Attributes& attrs, std::string_view path, std::string_view key,
                                       std::int64_t lo, std::int64_t hi) {
        const auto* v = attr<std::int64_t>(attrs, path, key);
        if (!v) return std::nullopt;
        if (*v < lo || *v > hi) {
            add(std::string(path) + " @" + std::string(key),
                "value " + std::to_string(*v) + " outside [" + std::to_string(lo) + ", " + std::to_string(hi) + "]");
            return std::nullopt;
        }
        return *v;
    }

    /// The dataset `name` of g as a std::vector<T>, or nullptr (recorded). With `length`, its
    /// element count must be exactly that; with `cols`, it must be 2-D with that many columns
    /// (0: any), else 1-D.
    template <class T>
    const std::vector<T>* column(const Group& g, std::string_view path, std::string_view name,
                                 std::optional<std::size_t> length = std::nullopt,
                                 std::optional<std::size_t> cols = std::nullopt) {
        const std::string where = join(path, name);
        const Dataset* d = find_dataset(g, name);
        if (!d) {
            add(where, "missing dataset");
            return nullptr;
        }
        const auto* v = std::get_if<std::vector<T>>(&d->data);
        if (!v) {
            add(where, std::string("does not hold ") + detail::column_type_name<T>());
            return nullptr;
        }
        if (cols) {
            if (d->shape.size() != 2 || (*cols != 0 && d->shape[1] != *cols)) {
                add(where, *cols ? "not a 2-D array of " + std::to_string(*cols) + " columns" : "not a 2-D array");
                return nullptr;
            }
        } else if (!d->shape.empty()) {
            add(where, "not 1-D");
            return nullptr;
        }
        if (length && v->size() != *length) {
            add(where, "has " + std::to_string(v->size()) + " values, expected " + std::to_string(*length));
            return nullptr;
        }
        return v;
    }

    /// The dataset itself (for shape and attributes), or nullptr (recorded).
    const Dataset* dataset(const Group& g, std::string_view path, std::string_view name) {
        const Dataset* d = find_dataset(g, name);
        if (!d) add(join(path, name), "missing dataset");
        return d;
    }

    /// Records a problem of the reader's own (a cross-object rule).
    void add(const std::string& object, std::string what) {
        problems_.add(file_.empty() ? object : file_ + ":" + object, std::move(what));
    }

    [[nodiscard]] bool ok() const { return problems_.empty(); }
    /// BadInput with every problem recorded, after a line naming the file as damaged or foreign.
    [[nodiscard]] std::unexpected<Error> error(const std::string& kind_of_file) const {
        Error e = problems_.to_error(ErrorKind::BadInput);
        if (!file_.empty())
            e.diagnostics.insert(e.diagnostics.begin(),
                                 Diagnostic{file_, "not a valid " + kind_of_file + " (damaged, truncated or foreign)"});
        return std::unexpected(std::move(e));
    }

private:
    static std::string join(std::string_view path, std::string_view name) {
        std::string p(path);
        if (p.empty() || p.back() != '/') p += '/';
        return p + std::string(name);
    }
    std::string file_;
    DiagnosticList problems_;
};

}  // namespace sim::out
