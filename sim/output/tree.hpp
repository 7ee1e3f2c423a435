#pragma once
/// A declarative description of what a run writes: groups of named columns and attributes.
/// Models fill a Group; the engine's writer (hdf5_writer.hpp) turns it into a file. Models never
/// see HDF5. Every dataset is a column (1-D) or a 2-D array (rows x cols); strings are UTF-8.
#include <cstdint>
#include <string>
#include <utility>
#include <variant>
#include <vector>

namespace sim::out {

using Column = std::variant<std::vector<std::int32_t>, std::vector<std::int64_t>, std::vector<double>,
                            std::vector<std::string>>;

using AttrValue = std::variant<std::int64_t, double, std::string, std::vector<std::int64_t>,
                               std::vector<double>, std::vector<std::string>>;

using Attributes = std::vector<std::pair<std::string, AttrValue>>;

struct Dataset {
    std::string name;
    Column data;
    /// Empty: 1-D of data's length. {rows, cols}: 2-D, row-major, rows*cols == length.
    std::vector<std::size_t> shape;
    Attributes attrs;
};

struct Group {
    std::string name;  ///< "" for the file root
    Attributes attrs;
    std::vector<Dataset> datasets;
    std::vector<Group> groups;

    Group& group(const std::string& n) {
        for (auto& g : groups)
            if (g.name == n) return g;
        groups.push_back(Group{n, {}, {}, {}});
        return groups.back();
    }
    template <class T>
    Dataset& add(std::string n, std::vector<T> values, Attributes a = {}) {
        datasets.push_back(Dataset{std::move(n), Column(std::move(values)), {}, std::move(a)});
        return datasets.back();
    }
    void attr(std::string key, AttrValue v) { attrs.emplace_back(std::move(key), std::move(v)); }
};

/// Number of elements in a column.
inline std::size_t size(const Column& c) {
    return std::visit([](const auto& v) { return v.size(); }, c);
}

}  // namespace sim::out
