#include "sim/graph/edge_list.hpp"

#include "sim/graph/edge_list_fast.hpp"
#include "sim/io/input_file.hpp"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <fstream>
#include <sstream>
#include <unordered_map>

namespace sim::graph {

namespace {

constexpr std::size_t kMaxDiagnostics = 50;

std::string_view trim(std::string_view s) {
    const auto b = s.find_first_not_of(" \t\r\n");
    if (b == std::string_view::npos) return {};
    const auto e = s.find_last_not_of(" \t\r\n");
    return s.substr(b, e - b + 1);
}

/// Splits one line on commas (if it has any) or on runs of whitespace.
std::vector<std::string_view> split_fields(std::string_view line) {
    std::vector<std::string_view> out;
    if (line.find(',') != std::string_view::npos) {
        std::size_t start = 0;
        for (;;) {
            const auto comma = line.find(',', start);
            out.push_back(trim(line.substr(start, comma == std::string_view::npos ? comma : comma - start)));
            if (comma == std::string_view::npos) break;
            start = comma + 1;
        }
        return out;
    }
    std::size_t i = 0;
    while (i < line.size()) {
        while (i < line.size() && (line[i] == ' ' || line[i] == '\t' || line[i] == '\r')) ++i;
        if (i >= line.size()) break;
        const auto b = i;
        while (i < line.size() && line[i] != ' ' && line[i] != '\t' && line[i] != '\r') ++i;
        out.push_back(line.substr(b, i - b));
    }
    return out;
}

std::string lower(std::string_view s) {
    std::string r(s);
    std::transform(r.begin(), r.end(), r.begin(), [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    return r;
}

bool is_header(const std::vector<std::string_view>& f) {
    if (f.size() < 2) return false;
    static const std::vector<std::pair<std::string, std::string>> names = {
        {"source", "target"}, {"from", "to"}, {"src", "dst"}, {"u", "v"}, {"node1", "node2"},
        {"i", "j"}, {"source_id", "target_id"}, {"from_id", "to_id"}};
    const auto a = lower(f[0]);
    const auto b = lower(f[1]);
    return std::any_of(names.begin(), names.end(), [&](const auto& p) { return p.first == a && p.second == b; });
}

bool parse_integer(std::string_view s, std::int64_t& out) {
    if (s.empty()) return false;
    const auto* end = s.data() + s.size();
    const auto [ptr, ec] = std::from_chars(s.data(), end, out);
    return ec == std::errc() && ptr == end;
}

bool parse_number(std::string_view s, double& out) {
    if (s.empty()) return false;
    const auto* end = s.data() + s.size();
    const auto [ptr, ec] = std::from_chars(s.data(), end, out);
    return ec == std::errc() && ptr == end;
}

struct RawEdge {
    std::string source;
    std::string target;
    double weight = 1.0;
    std::size_t line = 0;
};

std::uint64_t pair_key(std::uint32_t a, std::uint32_t b, bool directed) {
    if (!directed && b < a) std::swap(a, b);
    return (static_cast<std::uint64_t>(a) << 32) | b;
}

}  // namespace

namespace detail {

std::size_t header_fields(std::string_view line) {
    const auto f = split_fields(trim(line));
    return is_header(f) ? f.size() : 0;
}

}  // namespace detail

Csr EdgeList::to_csr() const { return csr_from_edges(names.size(), edges, !directed, weighted); }

Result<DuplicatePolicy> parse_duplicate_policy(std::string_view text) {
    if (text == "error") return DuplicatePolicy::Error;
    if (text == "first") return DuplicatePolicy::First;
    if (text == "sum") return DuplicatePolicy::Sum;
    return bad_input("network.duplicates", "unknown duplicate policy '" + std::string(text) +
                                               "' (expected error, first or sum)");
}

Result<EdgeList> parse_edge_list(std::string_view text, const std::string& source_name,
                                 const EdgeListOptions& options) {
    DiagnosticList diags;
    auto where = [&](std::size_t line) { return source_name + ":" + std::to_string(line); };
    auto report = [&](std::size_t line, std::string what) {
        if (diags.size() < kMaxDiagnostics) diags.add(where(line), std::move(what));
    };

    std::vector<RawEdge> raw;
    int weight_columns = -1;  // -1 unknown, 0 none, 1 present
    std::size_t weight_decided_at = 0;
    bool seen_data = false;
    std::size_t line_no = 0;
    std::size_t pos = 0;
    while (pos <= text.size()) {
        const auto nl = text.find('\n', pos);
        const auto line = text.substr(pos, nl == std::string_view::npos ? std::string_view::npos : nl - pos);
        pos = nl == std::string_view::npos ? text.size() + 1 : nl + 1;
        ++line_no;
        const auto t = trim(line);
        if (t.empty() || t.front() == '#') continue;
        const auto f = split_fields(t);
        if (!seen_data && is_header(f)) {
            seen_data = true;
            if (f.size() == 3) {
                weight_columns = 1;
                weight_decided_at = line_no;
            }
            continue;
        }
        seen_data = true;
        if (f.size() < 2 || f.size() > 3) {
            report(line_no, "expected 'source target [weight]', found " + std::to_string(f.size()) + " field(s)");
            continue;
        }
        if (f[0].empty() || f[1].empty()) {
            report(line_no, "empty node id");
            continue;
        }
        const int has_weight = f.size() == 3 ? 1 : 0;
        if (weight_columns < 0) {
            weight_columns = has_weight;
            weight_decided_at = line_no;
        } else if (weight_columns != has_weight) {
            report(line_no, std::string(has_weight ? "unexpected weight column" : "missing weight") +
                                " (line " + std::to_string(weight_decided_at) + " set whether edges have weights)");
            continue;
        }
        RawEdge e{std::string(f[0]), std::string(f[1]), 1.0, line_no};
        if (has_weight) {
            double w = 0.0;
            if (!parse_number(f[2], w) || !std::isfinite(w)) {
                report(line_no, "weight '" + std::string(f[2]) + "' is not a number");
                continue;
            }
            if (w < 0.0) {
                report(line_no, "negative weight " + std::string(f[2]));
                continue;
            }
            e.weight = w;
        }
        if (!options.allow_self_loops && e.source == e.target) {
            report(line_no, "self-loop on node '" + e.source + "' (self-loops are not allowed)");
            continue;
        }
        raw.push_back(std::move(e));
    }

    // Dense ids: numeric order if every id is an integer, else order of first appearance.
    EdgeList out;
    out.directed = options.directed;
    out.weighted = weight_columns == 1;
    std::unordered_map<std::string, std::uint32_t> id_of;
    bool all_int = !raw.empty();
    std::vector<std::pair<std::int64_t, std::string>> ints;
    for (const auto& e : raw) {
        for (const auto* s : {&e.source, &e.target}) {
            if (id_of.count(*s)) continue;
            std::int64_t v = 0;
            if (all_int && parse_integer(*s, v)) ints.emplace_back(v, *s);
            else all_int = false;
            id_of.emplace(*s, static_cast<std::uint32_t>(out.names.size()));
            out.names.push_back(*s);
        }
    }
    if (all_int) {
        std::sort(ints.begin(), ints.end());
        // Distinct spellings of the same integer ("7", "07") are distinct names; keep both.
        out.names.clear();
        for (std::size_t i = 0; i < ints.size(); ++i) {
            id_of[ints[i].second] = static_cast<std::uint32_t>(i);
            out.names.push_back(ints[i].second);
        }
    }

    std::unordered_map<std::uint64_t, std::size_t> first_index;  // pair -> index in out.edges
    first_index.reserve(raw.size());
    for (const auto& e : raw) {
        const auto s = id_of.at(e.source);
        const auto t = id_of.at(e.target);
        const auto key = pair_key(s, t, options.directed);
        const auto [it, fresh] = first_index.emplace(key, out.edges.size());
        if (!fresh) {
            switch (options.duplicates) {
            case DuplicatePolicy::Error:
                report(e.line, "duplicate edge " + e.source + " - " + e.target + " (first at line " +
                                   std::to_string(out.lines[it->second]) + ")");
                break;
            case DuplicatePolicy::First: break;
            case DuplicatePolicy::Sum: out.edges[it->second].weight += e.weight; break;
            }
            continue;
        }
        out.edges.push_back({s, t, e.weight});
        out.lines.push_back(e.line);
    }
    if (out.names.empty() && diags.empty()) diags.add(source_name, "no edges found");
    if (!diags.empty()) return std::unexpected(diags.to_error(ErrorKind::BadInput));
    return out;
}

Result<EdgeList> read_edge_list(const std::filesystem::path& file, const EdgeListOptions& options) {
    auto text = io::read_input_file(file);
    if (!text) return std::unexpected(text.error());
    return parse_edge_list(*text, file.string(), options);
}

Result<CsrEdgeList> parse_edge_list_csr(std::string_view text, const std::string& source_name,
                                        const EdgeListOptions& options) {
    if (auto fast = detail::parse_integer_edge_list(text, options)) return std::move(*fast);
    auto el = parse_edge_list(text, source_name, options);
    if (!el) return std::unexpected(std::move(el.error()));
    return CsrEdgeList{el->to_csr(), std::move(el->names), el->weighted};
}

Result<CsrEdgeList> read_edge_list_csr(const std::filesystem::path& file, const EdgeListOptions& options) {
    auto fast = detail::read_integer_edge_list(file, options);
    if (!fast) return std::unexpected(std::move(fast.error()));
    if (*fast) return std::move(**fast);
    auto el = read_edge_list(file, options);
    if (!el) return std::unexpected(std::move(el.error()));
    return CsrEdgeList{el->to_csr(), std::move(el->names), el->weighted};
}

}  // namespace sim::graph
