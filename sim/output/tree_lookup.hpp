#pragma once
/// Finding things in an out::Group tree read back from a file (read_hdf5): a group, a dataset, an
/// attribute, or a typed view of one. Each returns nullptr when the item is absent or has another
/// type, so callers turn a malformed file into a clear error instead of throwing.
#include <string_view>
#include <variant>
#include <vector>

#include "sim/output/tree.hpp"

namespace sim::out {

inline const Group* find_group(const Group& g, std::string_view name) {
    for (const auto& c : g.groups)
        if (c.name == name) return &c;
    return nullptr;
}

inline const Dataset* find_dataset(const Group& g, std::string_view name) {
    for (const auto& d : g.datasets)
        if (d.name == name) return &d;
    return nullptr;
}

inline const AttrValue* find_attr(const Attributes& attrs, std::string_view key) {
    for (const auto& [k, v] : attrs)
        if (k == key) return &v;
    return nullptr;
}

/// The attribute `key` as a T (std::int64_t, double, std::string or a vector of them).
template <class T>
const T* attr_as(const Attributes& attrs, std::string_view key) {
    const AttrValue* v = find_attr(attrs, key);
    return v ? std::get_if<T>(v) : nullptr;
}

/// The dataset `name` as a std::vector<T> (T: std::int32_t, std::int64_t, double, std::string).
template <class T>
const std::vector<T>* column_as(const Group& g, std::string_view name) {
    const Dataset* d = find_dataset(g, name);
    return d ? std::get_if<std::vector<T>>(&d->data) : nullptr;
}

}  // namespace sim::out
