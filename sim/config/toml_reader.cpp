#include "sim/config/toml_reader.hpp"

#include "sim/config/nesting.hpp"
#include "sim/io/input_file.hpp"

#include <fstream>
#include <sstream>

namespace sim::config {

namespace {

std::string listing(const std::set<std::string>& keys) {
    std::string s;
    for (const auto& k : keys) s += (s.empty() ? "" : ", ") + k;
    return s;
}

std::string number_text(double x) {
    std::ostringstream o;
    o << x;
    return o.str();
}

}  // namespace

void TableReader::allow(const std::set<std::string>& allowed) {
    for (const auto& [k, v] : t_) {
        const std::string key(k.str());
        if (!allowed.contains(key))
            problems_.add(where_, "unknown key '" + prefix_ + key + "' (known: " + listing(allowed) + ")");
    }
}

void TableReader::require(const std::string& key, const std::string& what) {
    if (!t_.contains(key)) problem(key, "missing (" + what + ")");
}

std::optional<std::int64_t> TableReader::integer(const std::string& key, std::int64_t min, std::int64_t max) {
    const auto* node = t_.get(key);
    if (!node) return std::nullopt;
    if (!node->is_integer()) {
        problem(key, "expected an integer");
        return std::nullopt;
    }
    const auto v = *node->value<std::int64_t>();
    if (v < min || v > max) {
        problem(key, std::to_string(v) + " is outside [" + std::to_string(min) + ", " + std::to_string(max) + "]");
        return std::nullopt;
    }
    return v;
}

std::optional<double> TableReader::number(const std::string& key, double min, double max) {
    const auto* node = t_.get(key);
    if (!node) return std::nullopt;
    if (!node->is_number()) {
        problem(key, "expected a number");
        return std::nullopt;
    }
    const double v = *node->value<double>();
    if (!(v >= min && v <= max)) {
        problem(key, number_text(v) + " is outside [" + number_text(min) + ", " + number_text(max) + "]");
        return std::nullopt;
    }
    return v;
}

std::optional<bool> TableReader::boolean(const std::string& key) {
    const auto* node = t_.get(key);
    if (!node) return std::nullopt;
    if (!node->is_boolean()) {
        problem(key, "expected true or false");
        return std::nullopt;
    }
    return node->value<bool>();
}

std::optional<std::string> TableReader::string(const std::string& key, const std::set<std::string>& choices) {
    const auto* node = t_.get(key);
    if (!node) return std::nullopt;
    if (!node->is_string()) {
        problem(key, "expected a string");
        return std::nullopt;
    }
    auto v = *node->value<std::string>();
    if (!choices.empty() && !choices.contains(v)) {
        problem(key, "'" + v + "' is not one of " + listing(choices));
        return std::nullopt;
    }
    return v;
}

std::optional<std::vector<std::string>> TableReader::strings(const std::string& key) {
    const auto* node = t_.get(key);
    if (!node) return std::nullopt;
    const auto* arr = node->as_array();
    std::vector<std::string> out;
    if (arr)
        for (const auto& e : *arr) {
            if (!e.is_string()) {
                arr = nullptr;
                break;
            }
            out.push_back(*e.value<std::string>());
        }
    if (!arr) {
        problem(key, "expected an array of strings");
        return std::nullopt;
    }
    return out;
}

std::optional<std::vector<double>> TableReader::numbers(const std::string& key) {
    const auto* node = t_.get(key);
    if (!node) return std::nullopt;
    const auto* arr = node->as_array();
    std::vector<double> out;
    if (arr)
        for (const auto& e : *arr) {
            if (!e.is_number()) {
                arr = nullptr;
                break;
            }
            out.push_back(*e.value<double>());
        }
    if (!arr) {
        problem(key, "expected an array of numbers");
        return std::nullopt;
    }
    return out;
}

std::optional<std::vector<std::int64_t>> TableReader::integers(const std::string& key, std::int64_t min,
                                                               std::int64_t max) {
    const auto* node = t_.get(key);
    if (!node) return std::nullopt;
    const auto* arr = node->as_array();
    std::vector<std::int64_t> out;
    if (arr)
        for (const auto& e : *arr) {
            if (!e.is_integer() || *e.value<std::int64_t>() < min || *e.value<std::int64_t>() > max) {
                arr = nullptr;
                break;
            }
            out.push_back(*e.value<std::int64_t>());
        }
    if (!arr) {
        problem(key, "expected an array of integers in [" + std::to_string(min) + ", " + std::to_string(max) + "]");
        return std::nullopt;
    }
    return out;
}

Result<toml::table> parse_toml(const std::string& text, const std::string& where) {
    if (auto deep = nesting_problem(text, where)) return bad_input(deep->where, deep->what);
    try {
        return toml::parse(text, where);
    } catch (const toml::parse_error& e) {
        const auto& at = e.source().begin;
        return bad_input(where + ":" + std::to_string(at.line) + ":" + std::to_string(at.column),
                         std::string(e.description()));
    }
}

Result<std::string> read_text_file(const std::string& path, const std::string& what) {
    auto text = io::read_input_file(path, std::size_t{16} << 20);
    if (!text) {
        const auto& d = text.error().diagnostics;
        return std::unexpected(Error(ErrorKind::BadInput, path,
                                     what + " not found or unreadable: " + (d.empty() ? "" : d.front().what)));
    }
    return std::move(*text);
}

}  // namespace sim::config
