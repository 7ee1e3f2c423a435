#include "sim/graph/edge_list_fast.hpp"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <cstdint>
#include <cstring>
#include <memory>
#include <string>
#include <vector>

#include "sim/io/input_file.hpp"

namespace sim::graph::detail {

namespace {

/// Append-only storage in fixed blocks: growing never copies what is stored and overshoots by at
/// most one block, so the peak stays at the payload (a doubling vector peaks at up to 3x).
template <class T>
class BlockVector {
public:
    static constexpr std::size_t kBlock = std::size_t{1} << 16;  // even: pairs never straddle blocks

    void push_back(T v) {
        if (cur_ == end_) grow();
        *cur_++ = v;
    }
    [[nodiscard]] std::size_t size() const {
        return blocks_.empty() ? 0 : (blocks_.size() - 1) * kBlock + static_cast<std::size_t>(cur_ - blocks_.back().get());
    }
    /// f(T* data, std::size_t count) for every block, in order.
    template <class F>
    void for_each_block(F&& f) {
        for (std::size_t b = 0; b < blocks_.size(); ++b)
            f(blocks_[b].get(), b + 1 < blocks_.size() ? kBlock : static_cast<std::size_t>(cur_ - blocks_[b].get()));
    }
    void clear() {
        blocks_.clear();
        blocks_.shrink_to_fit();
        cur_ = end_ = nullptr;
    }

private:
    void grow() {
        blocks_.push_back(std::make_unique_for_overwrite<T[]>(kBlock));
        cur_ = blocks_.back().get();
        end_ = cur_ + kBlock;
    }
    std::vector<std::unique_ptr<T[]>> blocks_;
    T* cur_ = nullptr;
    T* end_ = nullptr;
};

// The general reader trims " \t\r\n" and splits on commas or on runs of " \t\r"; these mirror it.
inline bool blank(char c) { return c == ' ' || c == '\t' || c == '\r'; }
inline bool ends_field(char c) { return blank(c) || c == ',' || c == '\n'; }
inline unsigned digit(char c) { return static_cast<unsigned>(static_cast<unsigned char>(c)) - unsigned{'0'}; }

/// A canonical non-negative decimal below 2^32 ("0", "17"; not "007", "+1", "-1", which the general
/// reader keeps as names of their own), ending at a field end. Text always ends with '\n', so the
/// scan needs no bound.
inline bool read_id(const char*& p, std::uint32_t& out) {
    const char* s = p;
    std::uint64_t v = digit(*s);
    if (v > 9) return false;
    ++s;
    for (unsigned d = digit(*s); d <= 9; d = digit(*s)) {
        v = v * 10 + d;  // wraps harmlessly past 19 digits: the length check below rejects those
        ++s;
    }
    const auto len = s - p;
    if (len > 10 || v > 0xFFFFFFFFULL || (*p == '0' && len > 1) || !ends_field(*s)) return false;
    out = static_cast<std::uint32_t>(v);
    p = s;
    return true;
}

/// Parses the fast kind of edge list, then builds the adjacency by two counting sorts.
class IntegerEdgeReader {
public:
    explicit IntegerEdgeReader(const EdgeListOptions& options) : options_(options) {}

    /// Parses whole lines (`text` is empty or ends with '\n'). False: leave the input to the general reader.
    bool feed(std::string_view text);

    /// The adjacency; nullopt when the general reader must decide (no edges, repeated edges).
    std::optional<CsrEdgeList> finish();

private:
    /// Replaces file ids by dense ids in numeric order; fills names.
    void densify(std::vector<std::string>& names);

    EdgeListOptions options_;
    bool seen_data_ = false;
    int weight_columns_ = -1;  // -1 unknown, 0 none, 1 present (as in the general reader)
    std::uint32_t max_id_ = 0;
    BlockVector<std::uint32_t> ends_;  // source, target of every edge, in file order
    BlockVector<double> weights_;      // one per edge when weighted
};

bool IntegerEdgeReader::feed(std::string_view text) {
    const char* p = text.data();
    const char* const end = p + text.size();
    while (p < end) {
        while (blank(*p)) ++p;
        if (*p == '\n') {
            ++p;
            continue;
        }
        if (*p == '#') {
            p = static_cast<const char*>(std::memchr(p, '\n', static_cast<std::size_t>(end - p))) + 1;
            continue;
        }
        if (!seen_data_) {
            seen_data_ = true;
            if (digit(*p) > 9) {  // an id never starts a header, and a non-integer id is not ours
                const auto* nl = static_cast<const char*>(std::memchr(p, '\n', static_cast<std::size_t>(end - p)));
                const std::size_t fields = header_fields(std::string_view(p, static_cast<std::size_t>(nl - p)));
                if (fields == 0) return false;
                if (fields == 3) weight_columns_ = 1;
                p = nl + 1;
                continue;
            }
        }
        std::uint32_t u = 0;
        std::uint32_t v = 0;
        if (!read_id(p, u)) return false;
        const char* q = p;
        while (blank(*q)) ++q;
        const bool comma = *q == ',';  // a line with a comma is split on commas only
        if (comma) {
            ++q;
            while (blank(*q)) ++q;
        }
        p = q;
        if (!read_id(p, v)) return false;
        q = p;
        while (blank(*q)) ++q;
        int has_weight = 0;
        double w = 1.0;
        if (*q != '\n') {
            if (comma != (*q == ',')) return false;  // comma mode needs one; whitespace mode allows none
            if (comma) {
                ++q;
                while (blank(*q)) ++q;
            }
            const char* t = q;
            while (!ends_field(*t)) ++t;
            const auto [ptr, ec] = std::from_chars(q, t, w);
            if (t == q || ec != std::errc() || ptr != t || !std::isfinite(w) || w < 0.0) return false;
            q = t;
            while (blank(*q)) ++q;
            if (*q != '\n') return false;
            has_weight = 1;
        }
        if (weight_columns_ < 0) weight_columns_ = has_weight;
        else if (weight_columns_ != has_weight) return false;
        if (u == v) return false;  // loops: an error, or (allowed) stored twice; the general reader knows
        ends_.push_back(u);
        ends_.push_back(v);
        if (has_weight) weights_.push_back(w);
        max_id_ = std::max(max_id_, std::max(u, v));
        p = q + 1;
    }
    return true;
}

void IntegerEdgeReader::densify(std::vector<std::string>& names) {
    const std::uint64_t range = std::uint64_t{max_id_} + 1;
    const std::size_t endpoints = ends_.size();
    char buf[16];
    auto name_of = [&buf](std::uint64_t x) {
        const auto r = std::to_chars(buf, buf + sizeof buf, x);
        return std::string(buf, r.ptr);
    };
    if (range <= 2 * endpoints + 65536) {
        // Ids span a range not much larger than the edge count: a table indexed by id.
        std::vector<std::uint32_t> dense(range, 0);
        ends_.for_each_block([&](std::uint32_t* d, std::size_t c) {
            for (std::size_t i = 0; i < c; ++i) dense[d[i]] = 1;
        });
        std::size_t n = 0;
        for (const auto x : dense) n += x;
        names.reserve(n);
        std::uint32_t next = 0;
        for (std::uint64_t x = 0; x < range; ++x)
            if (dense[x]) {
                dense[x] = next++;
                names.push_back(name_of(x));
            }
        ends_.for_each_block([&](std::uint32_t* d, std::size_t c) {
            for (std::size_t i = 0; i < c; ++i) d[i] = dense[d[i]];
        });
        return;
    }
    // Sparse ids: the sorted distinct ids, looked up by binary search.
    std::vector<std::uint32_t> ids;
    ids.reserve(endpoints);
    ends_.for_each_block([&](std::uint32_t* d, std::size_t c) { ids.insert(ids.end(), d, d + c); });
    std::sort(ids.begin(), ids.end());
    ids.erase(std::unique(ids.begin(), ids.end()), ids.end());
    names.reserve(ids.size());
    for (const auto x : ids) names.push_back(name_of(x));
    ends_.for_each_block([&](std::uint32_t* d, std::size_t c) {
        for (std::size_t i = 0; i < c; ++i)
            d[i] = static_cast<std::uint32_t>(std::lower_bound(ids.begin(), ids.end(), d[i]) - ids.begin());
    });
}

std::optional<CsrEdgeList> IntegerEdgeReader::finish() {
    if (ends_.size() == 0) return std::nullopt;  // the general reader says "no edges found"
    CsrEdgeList out;
    out.weighted = weight_columns_ == 1;
    densify(out.names);
    const std::size_t n = out.names.size();
    const bool undirected = !options_.directed;
    const bool weighted = out.weighted;
    const std::size_t arcs = undirected ? ends_.size() : ends_.size() / 2;

    // Pass 1: arcs grouped by target (row t lists the sources of arcs into t). Offsets are filled
    // by decrementing from each row's end, so they end up as the row starts, with no cursor array.
    std::vector<std::uint64_t> in_off(n + 1, 0);
    ends_.for_each_block([&](std::uint32_t* d, std::size_t c) {
        for (std::size_t i = 0; i < c; i += 2) {
            ++in_off[d[i + 1]];
            if (undirected) ++in_off[d[i]];
        }
    });
    for (std::size_t v = 1; v < n; ++v) in_off[v] += in_off[v - 1];
    in_off[n] = arcs;
    std::vector<std::uint32_t> in_src(arcs);
    std::vector<double> in_w(weighted ? arcs : 0);
    {
        std::vector<double> w;
        if (weighted) {
            w.reserve(ends_.size() / 2);
            weights_.for_each_block([&](double* d, std::size_t c) { w.insert(w.end(), d, d + c); });
            weights_.clear();
        }
        std::size_t e = 0;
        ends_.for_each_block([&](std::uint32_t* d, std::size_t c) {
            for (std::size_t i = 0; i < c; i += 2, ++e) {
                const std::uint32_t s = d[i];
                const std::uint32_t t = d[i + 1];
                const auto k = --in_off[t];
                in_src[k] = s;
                if (weighted) in_w[k] = w[e];
                if (undirected) {
                    const auto j = --in_off[s];
                    in_src[j] = t;
                    if (weighted) in_w[j] = w[e];
                }
            }
        });
        ends_.clear();
    }

    // Pass 2: regroup by source, visiting targets in decreasing order and filling each row from
    // its end, so every row comes out sorted ascending: the layout csr_from_edges makes.
    Csr& g = out.graph;
    g.directed = !undirected;
    g.offsets.assign(n + 1, 0);
    if (undirected) {
        for (std::size_t v = 0; v < n; ++v) g.offsets[v] = in_off[v + 1];  // out-degree = in-degree
    } else {
        for (const auto s : in_src) ++g.offsets[s];
        for (std::size_t v = 1; v < n; ++v) g.offsets[v] += g.offsets[v - 1];
    }
    g.offsets[n] = arcs;
    g.targets.resize(arcs);
    if (weighted) g.weights.resize(arcs);
    for (std::size_t t = n; t-- > 0;)
        for (auto k = in_off[t]; k < in_off[t + 1]; ++k) {
            const auto slot = --g.offsets[in_src[k]];
            g.targets[slot] = static_cast<std::uint32_t>(t);
            if (weighted) g.weights[slot] = in_w[k];
        }
    in_src = {};
    in_w = {};

    // A repeated edge is two equal neighbours in a sorted row: the general reader applies the policy.
    for (std::size_t v = 0; v < n; ++v)
        for (auto k = g.offsets[v] + 1; k < g.offsets[v + 1]; ++k)
            if (g.targets[k] == g.targets[k - 1]) return std::nullopt;
    return out;
}

}  // namespace

std::optional<CsrEdgeList> parse_integer_edge_list(std::string_view text, const EdgeListOptions& options) {
    IntegerEdgeReader reader(options);
    const auto last = text.rfind('\n');
    const std::size_t whole = last == std::string_view::npos ? 0 : last + 1;
    if (!reader.feed(text.substr(0, whole))) return std::nullopt;
    if (whole < text.size()) {
        std::string tail(text.substr(whole));
        tail.push_back('\n');
        if (!reader.feed(tail)) return std::nullopt;
    }
    return reader.finish();
}

Result<std::optional<CsrEdgeList>> read_integer_edge_list(const std::filesystem::path& file,
                                                          const EdgeListOptions& options) {
    IntegerEdgeReader reader(options);
    std::string carry;  // the unfinished last line of the pieces so far
    bool fast = true;
    auto read = io::read_input_chunks(file, [&](std::string_view piece) {
        if (!carry.empty()) {
            const auto nl = piece.find('\n');
            carry.append(piece.substr(0, nl == std::string_view::npos ? piece.size() : nl + 1));
            if (nl == std::string_view::npos) return true;
            piece.remove_prefix(nl + 1);
            fast = reader.feed(carry);
            carry.clear();
            if (!fast) return false;
        }
        const auto last = piece.rfind('\n');
        const std::size_t whole = last == std::string_view::npos ? 0 : last + 1;
        fast = reader.feed(piece.substr(0, whole));
        carry.assign(piece.substr(whole));
        return fast;
    });
    if (!read) return std::unexpected(std::move(read.error()));
    if (!fast) return std::optional<CsrEdgeList>{};
    if (!carry.empty()) {
        carry.push_back('\n');
        if (!reader.feed(carry)) return std::optional<CsrEdgeList>{};
    }
    return reader.finish();
}

}  // namespace sim::graph::detail
