#include "models/classic/seeding.hpp"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <fstream>
#include <numeric>
#include <unordered_map>
#include <unordered_set>

#include "models/classic/common.hpp"
#include "sim/rng.hpp"

namespace classic {

namespace {

std::vector<std::uint32_t> sorted_unique(std::vector<std::uint32_t> v) {
    std::sort(v.begin(), v.end());
    v.erase(std::unique(v.begin(), v.end()), v.end());
    return v;
}

/// Splits on commas and whitespace.
std::vector<std::string_view> tokens(std::string_view s) {
    std::vector<std::string_view> out;
    std::size_t i = 0;
    auto sep = [](char c) { return c == ',' || c == ' ' || c == '\t' || c == '\r' || c == '\n'; };
    while (i < s.size()) {
        while (i < s.size() && sep(s[i])) ++i;
        const auto b = i;
        while (i < s.size() && !sep(s[i])) ++i;
        if (i > b) out.push_back(s.substr(b, i - b));
    }
    return out;
}

}  // namespace

std::vector<std::uint32_t> seeds_random_fraction(std::size_t n, double fraction, std::uint64_t seed) {
    const auto k = std::min(n, static_cast<std::size_t>(std::llround(std::clamp(fraction, 0.0, 1.0) * static_cast<double>(n))));
    sim::Rng rng(seed, 0, 0, kStreamSeeds);
    if (k * 8 < n) {  // Floyd's algorithm: k draws, a small hash set
        std::unordered_set<std::uint32_t> chosen;
        chosen.reserve(2 * k);
        for (std::size_t j = n - k; j < n; ++j) {
            const auto t = rng.below(static_cast<std::uint32_t>(j + 1));
            if (!chosen.insert(t).second) chosen.insert(static_cast<std::uint32_t>(j));
        }
        return sorted_unique({chosen.begin(), chosen.end()});
    }
    std::vector<std::uint32_t> ids(n);
    std::iota(ids.begin(), ids.end(), 0U);
    for (std::size_t i = 0; i < k; ++i) {  // partial Fisher–Yates
        const auto j = i + rng.below(static_cast<std::uint32_t>(n - i));
        std::swap(ids[i], ids[j]);
    }
    ids.resize(k);
    return sorted_unique(std::move(ids));
}

std::vector<std::uint32_t> seeds_top_degree(const sim::graph::Csr& g, std::size_t k) {
    const std::size_t n = g.num_vertices();
    k = std::min(k, n);
    std::vector<std::uint32_t> ids(n);
    std::iota(ids.begin(), ids.end(), 0U);
    auto better = [&](std::uint32_t a, std::uint32_t b) {
        const auto da = g.degree(a);
        const auto db = g.degree(b);
        return da != db ? da > db : a < b;
    };
    std::partial_sort(ids.begin(), ids.begin() + static_cast<std::ptrdiff_t>(k), ids.end(), better);
    ids.resize(k);
    return sorted_unique(std::move(ids));
}

bool find_node(std::span<const std::string> names, std::size_t n, std::string_view name, std::uint32_t& out) {
    if (names.empty()) {
        std::uint64_t v = 0;
        const auto* end = name.data() + name.size();
        const auto [ptr, ec] = std::from_chars(name.data(), end, v);
        if (ec != std::errc() || ptr != end || v >= n) return false;
        out = static_cast<std::uint32_t>(v);
        return true;
    }
    const auto it = std::find(names.begin(), names.end(), name);
    if (it == names.end()) return false;
    out = static_cast<std::uint32_t>(it - names.begin());
    return true;
}

sim::Result<std::vector<std::uint32_t>> seeds_from_list(std::span<const std::string> names, std::size_t n,
                                                        std::string_view list, const std::string& where) {
    sim::DiagnosticList diags;
    std::vector<std::uint32_t> out;
    std::unordered_map<std::string_view, std::uint32_t> index;
    for (std::size_t i = 0; i < names.size(); ++i) index.emplace(names[i], static_cast<std::uint32_t>(i));
    for (const auto tok : tokens(list)) {
        std::uint32_t v = 0;
        const bool ok = names.empty() ? find_node(names, n, tok, v) : (index.count(tok) ? (v = index.at(tok), true) : false);
        if (!ok) diags.add(where, "unknown seed node '" + std::string(tok) + "'");
        else out.push_back(v);
    }
    if (!diags.empty()) return std::unexpected(diags.to_error(sim::ErrorKind::BadInput));
    return sorted_unique(std::move(out));
}

sim::Result<std::vector<std::uint32_t>> seeds_from_file(std::span<const std::string> names, std::size_t n,
                                                        const std::filesystem::path& file) {
    std::ifstream in(file);
    if (!in) return sim::io_error(file.string(), "cannot open seed list");
    sim::DiagnosticList diags;
    std::vector<std::uint32_t> out;
    std::unordered_map<std::string_view, std::uint32_t> index;
    for (std::size_t i = 0; i < names.size(); ++i) index.emplace(names[i], static_cast<std::uint32_t>(i));
    std::string line;
    std::size_t line_no = 0;
    while (std::getline(in, line)) {
        ++line_no;
        std::string_view s(line);
        const auto b = s.find_first_not_of(" \t\r");
        if (b == std::string_view::npos || s[b] == '#') continue;
        const auto e = s.find_last_not_of(" \t\r");
        const auto name = s.substr(b, e - b + 1);
        std::uint32_t v = 0;
        const bool ok = names.empty() ? find_node(names, n, name, v) : (index.count(name) ? (v = index.at(name), true) : false);
        if (!ok) diags.add(file.string() + ":" + std::to_string(line_no), "unknown seed node '" + std::string(name) + "'");
        else out.push_back(v);
    }
    if (!diags.empty()) return std::unexpected(diags.to_error(sim::ErrorKind::BadInput));
    return sorted_unique(std::move(out));
}

}  // namespace classic
