#include "sim/graph/edge_list_fast.hpp"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <cstdint>
#include <cstring>
#include <string.h>  // memrchr (GNU)
#include <memory>
#include <string>
#include <type_traits>
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
    void push_pair(T a, T b) {  // only ever used alone (sizes stay even), so one check suffices
        if (cur_ == end_) grow();
        cur_[0] = a;
        cur_[1] = b;
        cur_ += 2;
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
// One table lookup per test instead of a chain of compares.
struct CharClass {
    bool blank[256] = {};
    bool ends_field[256] = {};
    constexpr CharClass() {
        for (const char c : {' ', '\t', '\r'}) blank[static_cast<unsigned char>(c)] = ends_field[static_cast<unsigned char>(c)] = true;
        ends_field[static_cast<unsigned char>(',')] = ends_field[static_cast<unsigned char>('\n')] = true;
    }
};
constexpr CharClass kClass;
inline bool blank(char c) { return kClass.blank[static_cast<unsigned char>(c)]; }
inline bool ends_field(char c) { return kClass.ends_field[static_cast<unsigned char>(c)]; }
inline unsigned digit(char c) { return static_cast<unsigned>(static_cast<unsigned char>(c)) - unsigned{'0'}; }

/// Digits at p by the byte loop (ids of 8 digits or more); see read_id.
inline bool read_id_bytes(const char*& p, std::uint32_t& out) {
    const char* s = p;
    std::uint64_t v = 0;
    for (unsigned d = digit(*s); d <= 9; d = digit(*s)) {
        v = v * 10 + d;  // wraps harmlessly past 19 digits: the length check below rejects those
        ++s;
    }
    const auto len = s - p;
    if (len > 10 || v > 0xFFFFFFFFULL || (*p == '0' && len > 1)) return false;
    out = static_cast<std::uint32_t>(v);
    p = s;
    return true;
}

/// A canonical non-negative decimal below 2^32 ("0", "17"; not "007", "+1", "-1", which the general
/// reader keeps as names of their own). The caller checks that a field end follows. Reads 8 bytes at p at once (the
/// buffer is padded and always holds a '\n' before its end): the first non-digit is found by a
/// carry trick and up to 7 digits are converted by three multiplications (Lemire's
/// parse_eight_digits_unrolled), about 20 instructions instead of 8 per digit.
inline bool read_id(const char*& p, std::uint32_t& out) {
    std::uint64_t chunk = 0;
    std::memcpy(&chunk, p, 8);
    const std::uint64_t t = chunk ^ 0x3030303030303030ULL;  // digit bytes become 0..9
    // Bit 7 of a byte is set iff that byte is > 9; a carry out of a byte only follows a non-digit,
    // so it can spoil only bytes after the first non-digit, which are ignored.
    const std::uint64_t non_digit = ((t + 0x7676767676767676ULL) | t) & 0x8080808080808080ULL;
    if (non_digit == 0) return read_id_bytes(p, out);
    const auto len = static_cast<unsigned>(__builtin_ctzll(non_digit)) >> 3;
    if (len == 0 || (len > 1 && *p == '0')) return false;
    std::uint64_t v = t << (8 * (8 - len));  // the digits, most significant first, left-padded with 0
    v = v * 10 + (v >> 8);
    v = (((v & 0x000000FF000000FFULL) * (100 + (1000000ULL << 32))) +
         (((v >> 16) & 0x000000FF000000FFULL) * (1 + (10000ULL << 32)))) >> 32;
    out = static_cast<std::uint32_t>(v);
    p += len;
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
    /// Replaces file ids by dense ids in numeric order; fills names; returns in-degrees (size n + 1).
    std::vector<std::uint64_t> densify(std::vector<std::string>& names);

    EdgeListOptions options_;
    bool seen_data_ = false;
    int weight_columns_ = -1;  // -1 unknown, 0 none, 1 present (as in the general reader)
    std::uint32_t max_id_ = 0;
    std::vector<std::uint32_t> dense_;  // file id -> dense id, when not the identity (densify)
    BlockVector<std::uint32_t> ends_;  // source, target of every edge, in file order
    BlockVector<double> weights_;      // one per edge when weighted
};

bool IntegerEdgeReader::feed(std::string_view text) {
    const char* p = text.data();
    const char* const end = p + text.size();
    // Members copied to locals for the loop, so that they stay in registers.
    std::uint32_t max_id = max_id_;
    bool seen_data = seen_data_;
    int weight_columns = weight_columns_;
    bool ok = false;  // set at the end of the text; every `break` below declines
    while (true) {
        if (p >= end) {
            ok = true;
            break;
        }
        while (blank(*p)) ++p;
        if (*p == '\n') {
            ++p;
            continue;
        }
        if (*p == '#') {
            p = static_cast<const char*>(std::memchr(p, '\n', static_cast<std::size_t>(end - p))) + 1;
            continue;
        }
        if (!seen_data) {
            seen_data = true;
            if (digit(*p) > 9) {  // an id never starts a header, and a non-integer id is not ours
                const auto* nl = static_cast<const char*>(std::memchr(p, '\n', static_cast<std::size_t>(end - p)));
                const std::size_t fields = header_fields(std::string_view(p, static_cast<std::size_t>(nl - p)));
                if (fields == 0) break;
                if (fields == 3) weight_columns = 1;
                p = nl + 1;
                continue;
            }
        }
        std::uint32_t u = 0;
        std::uint32_t v = 0;
        if (!read_id(p, u)) break;
        bool comma = false;
        if ((*p == ' ' || *p == ',') && digit(p[1]) <= 9) {  // the common "u v" and "u,v"
            comma = *p == ',';
            ++p;
        } else {
            const char* const field_end = p;
            while (blank(*p)) ++p;
            comma = *p == ',';  // a line with a comma is split on commas only
            if (comma) {
                ++p;
                while (blank(*p)) ++p;
            }
            if (p == field_end) break;  // "12a": the id runs on, so it is a name
        }
        if (!read_id(p, v)) break;
        int has_weight = 0;
        double w = 1.0;
        if (*p != '\n') {
            const char* const field_end = p;
            while (blank(*p)) ++p;
            if (*p != '\n') {
                // Comma mode needs a comma; whitespace mode a blank and no comma.
                if (comma ? *p != ',' : (p == field_end || *p == ',')) break;
                if (comma) {
                    ++p;
                    while (blank(*p)) ++p;
                }
                const char* t = p;
                while (!ends_field(*t)) ++t;
                const auto [ptr, ec] = std::from_chars(p, t, w);
                if (t == p || ec != std::errc() || ptr != t || !std::isfinite(w) || w < 0.0) break;
                p = t;
                while (blank(*p)) ++p;
                if (*p != '\n') break;
                has_weight = 1;
            }
        }
        if (weight_columns != has_weight) {
            if (weight_columns >= 0) break;
            weight_columns = has_weight;
        }
        if (u == v) break;  // loops: an error, or (allowed) stored twice; the general reader knows
        ends_.push_pair(u, v);
        if (has_weight) weights_.push_back(w);
        max_id = std::max(max_id, std::max(u, v));
        ++p;  // past the '\n'
    }
    max_id_ = max_id;
    seen_data_ = seen_data;
    weight_columns_ = weight_columns;
    return ok;
}

std::vector<std::uint64_t> IntegerEdgeReader::densify(std::vector<std::string>& names) {
    const bool undirected = !options_.directed;
    const std::uint64_t range = std::uint64_t{max_id_} + 1;
    const std::size_t endpoints = ends_.size();
    char buf[16];
    auto name_of = [&buf](std::uint64_t x) {
        const auto r = std::to_chars(buf, buf + sizeof buf, x);
        return std::string(buf, r.ptr);
    };
    std::vector<std::uint64_t> in_deg;
    if (range <= 2 * endpoints + 65536) {
        // Ids span a range not much larger than the edge count: a table indexed by id counts the
        // in-degrees, and a source's top bit says it is present even with in-degree 0.
        constexpr std::uint32_t kPresent = 0x80000000U;  // edges < 2^31: the file is < 2^31 bytes
        std::vector<std::uint32_t> count(range, 0);
        ends_.for_each_block([&](std::uint32_t* d, std::size_t c) {
            for (std::size_t i = 0; i < c; i += 2) {
                if (undirected) ++count[d[i]];
                else count[d[i]] |= kPresent;
                ++count[d[i + 1]];
            }
        });
        std::size_t n = 0;
        for (const auto x : count) n += x != 0 ? 1 : 0;
        names.reserve(n);
        in_deg.resize(n + 1);
        std::uint32_t next = 0;
        // The decimal spelling of x, counted up like an odometer (x runs through every id in turn).
        char digits[16];
        std::memset(digits, '0', sizeof digits);
        std::size_t first = sizeof digits - 1;  // digits[first..15] spell x
        for (std::uint64_t x = 0; x < range; ++x) {
            if (count[x] != 0) {
                in_deg[next] = count[x] & ~kPresent;
                count[x] = next++;
                names.emplace_back(digits + first, sizeof digits - first);
            }
            std::size_t i = sizeof digits - 1;
            while (digits[i] == '9') digits[i--] = '0';
            ++digits[i];
            first = std::min(first, i);
        }
        if (n != range) dense_ = std::move(count);  // some id unused: renumber while filling
        return in_deg;
    }
    // Sparse ids: the sorted distinct ids, looked up by binary search.
    std::vector<std::uint32_t> ids;
    ids.reserve(endpoints);
    ends_.for_each_block([&](std::uint32_t* d, std::size_t c) { ids.insert(ids.end(), d, d + c); });
    std::sort(ids.begin(), ids.end());
    ids.erase(std::unique(ids.begin(), ids.end()), ids.end());
    names.reserve(ids.size());
    for (const auto x : ids) names.push_back(name_of(x));
    in_deg.assign(ids.size() + 1, 0);
    ends_.for_each_block([&](std::uint32_t* d, std::size_t c) {
        for (std::size_t i = 0; i < c; ++i)
            d[i] = static_cast<std::uint32_t>(std::lower_bound(ids.begin(), ids.end(), d[i]) - ids.begin());
        for (std::size_t i = 0; i < c; i += 2) {
            ++in_deg[d[i + 1]];
            if (undirected) ++in_deg[d[i]];
        }
    });
    return in_deg;
}

std::optional<CsrEdgeList> IntegerEdgeReader::finish() {
    if (ends_.size() == 0) return std::nullopt;  // the general reader says "no edges found"
    CsrEdgeList out;
    out.weighted = weight_columns_ == 1;
    const bool undirected = !options_.directed;
    const bool weighted = out.weighted;
    const std::size_t arcs = undirected ? ends_.size() : ends_.size() / 2;
    // Pass 1: arcs grouped by target (row t lists the sources of arcs into t). Offsets are filled
    // by decrementing from each row's end, so they end up as the row starts, with no cursor array.
    std::vector<std::uint64_t> in_off = densify(out.names);
    const std::size_t n = out.names.size();
    for (std::size_t v = 1; v < n; ++v) in_off[v] += in_off[v - 1];
    in_off[n] = arcs;
    const auto in_src = std::make_unique_for_overwrite<std::uint32_t[]>(arcs);
    std::vector<double> in_w(weighted ? arcs : 0);
    {
        std::vector<double> w;
        if (weighted) {
            w.reserve(ends_.size() / 2);
            weights_.for_each_block([&](double* d, std::size_t c) { w.insert(w.end(), d, d + c); });
            weights_.clear();
        }
        // Specialised on the two flags and on renumbering, so the loop carries no tests.
        auto fill = [&](auto undirected_c, auto weighted_c, auto renumber_c) {
            std::size_t e = 0;
            std::uint64_t* off = in_off.data();
            std::uint32_t* src = in_src.get();
            const std::uint32_t* map = dense_.data();
            ends_.for_each_block([&](const std::uint32_t* d, std::size_t c) {
                for (std::size_t i = 0; i < c; i += 2, ++e) {
                    std::uint32_t s = d[i];
                    std::uint32_t t = d[i + 1];
                    if constexpr (renumber_c()) {
                        s = map[s];
                        t = map[t];
                    }
                    const auto k = --off[t];
                    src[k] = s;
                    if constexpr (weighted_c()) in_w[k] = w[e];
                    if constexpr (undirected_c()) {
                        const auto j = --off[s];
                        src[j] = t;
                        if constexpr (weighted_c()) in_w[j] = w[e];
                    }
                }
            });
        };
        using T = std::true_type;
        using F = std::false_type;
        const bool renumber = !dense_.empty();
        if (undirected && !weighted) renumber ? fill(T{}, F{}, T{}) : fill(T{}, F{}, F{});
        else if (undirected) renumber ? fill(T{}, T{}, T{}) : fill(T{}, T{}, F{});
        else if (!weighted) renumber ? fill(F{}, F{}, T{}) : fill(F{}, F{}, F{});
        else renumber ? fill(F{}, T{}, T{}) : fill(F{}, T{}, F{});
        dense_ = {};
        ends_.clear();
    }

    // Pass 2: regroup by source, visiting targets in decreasing order and filling each row from
    // its end, so every row comes out sorted ascending: the layout csr_from_edges makes. A source
    // met twice in one in-row is a repeated edge (last[] remembers each source's latest target).
    Csr& g = out.graph;
    g.directed = !undirected;
    g.offsets.assign(n + 1, 0);
    if (undirected) {
        for (std::size_t v = 0; v < n; ++v) g.offsets[v] = in_off[v + 1];  // out-degree = in-degree
    } else {
        for (std::size_t k = 0; k < arcs; ++k) ++g.offsets[in_src[k]];
        for (std::size_t v = 1; v < n; ++v) g.offsets[v] += g.offsets[v - 1];
    }
    g.offsets[n] = arcs;
    g.targets.resize(arcs);
    if (weighted) g.weights.resize(arcs);
    {
        const auto last = std::make_unique<std::uint32_t[]>(n);  // 0 = none: targets are stored + 1
        std::uint64_t* off = g.offsets.data();
        std::uint32_t* tg = g.targets.data();
        const std::uint32_t* src = in_src.get();
        bool repeated = false;
        auto regroup = [&](auto weighted_c) {
            for (std::size_t t = n; t-- > 0;) {
                const auto tt = static_cast<std::uint32_t>(t);
                for (auto k = in_off[t]; k < in_off[t + 1]; ++k) {
                    const std::uint32_t s = src[k];
                    repeated |= last[s] == tt + 1;
                    last[s] = tt + 1;
                    const auto slot = --off[s];
                    tg[slot] = tt;
                    if constexpr (weighted_c()) g.weights[slot] = in_w[k];
                }
            }
        };
        if (weighted) regroup(std::true_type{});
        else regroup(std::false_type{});
        if (repeated) return std::nullopt;  // the general reader applies the duplicate policy
    }
    return out;
}

/// Collects pieces cut anywhere into whole lines in a padded buffer and hands them to the reader:
/// the reader may then read 8 bytes past any position before the last '\n' it is given.
class LineFeeder {
public:
    /// `size_hint`: the input's size if known (a small input gets a small buffer).
    LineFeeder(IntegerEdgeReader& reader, std::size_t size_hint)
        : reader_(reader), cap_(std::clamp<std::size_t>(size_hint + 1, 64, kMaxCap)),
          buf_(std::make_unique_for_overwrite<char[]>(cap_ + 1 + kPad)) {}

    /// False once the reader declines (or a line is longer than the buffer): stop feeding.
    bool add(std::string_view piece) {
        while (!piece.empty()) {
            const std::size_t take = std::min(piece.size(), cap_ - size_);
            std::memcpy(buf_.get() + size_, piece.data(), take);
            size_ += take;
            piece.remove_prefix(take);
            if (size_ == cap_ && !flush()) return false;
        }
        return true;
    }

    /// The last line (a final line without '\n' counts as one).
    bool end() {
        if (size_ == 0) return true;
        if (buf_[size_ - 1] != '\n') buf_[size_++] = '\n';  // the buffer has room for it
        return feed(size_);
    }

private:
    static constexpr std::size_t kMaxCap = std::size_t{1} << 20;
    static constexpr std::size_t kPad = 16;

    /// Feeds buf_[0, whole) (ending in '\n'), keeps the rest for the next piece.
    bool feed(std::size_t whole) {
        std::memset(buf_.get() + size_, 0, kPad);  // the bytes read past the text are defined
        if (!reader_.feed(std::string_view(buf_.get(), whole))) return false;
        std::memmove(buf_.get(), buf_.get() + whole, size_ - whole);
        size_ -= whole;
        return true;
    }

    bool flush() {
        const auto* nl = static_cast<const char*>(::memrchr(buf_.get(), '\n', size_));
        if (nl == nullptr) return false;  // a line over 1 MiB: not the fast kind
        return feed(static_cast<std::size_t>(nl - buf_.get()) + 1);
    }

    IntegerEdgeReader& reader_;
    std::size_t cap_;
    std::unique_ptr<char[]> buf_;
    std::size_t size_ = 0;
};

}  // namespace

std::optional<CsrEdgeList> parse_integer_edge_list(std::string_view text, const EdgeListOptions& options) {
    IntegerEdgeReader reader(options);
    LineFeeder feeder(reader, text.size());
    if (!feeder.add(text) || !feeder.end()) return std::nullopt;
    return reader.finish();
}

Result<std::optional<CsrEdgeList>> read_integer_edge_list(const std::filesystem::path& file,
                                                          const EdgeListOptions& options) {
    IntegerEdgeReader reader(options);
    std::error_code ec;
    const auto size = std::filesystem::file_size(file, ec);
    LineFeeder feeder(reader, ec ? std::size_t{1} << 20 : static_cast<std::size_t>(size));
    bool fast = true;
    auto read = io::read_input_chunks(file, [&](std::string_view piece) { return fast = feeder.add(piece); });
    if (!read) return std::unexpected(std::move(read.error()));
    if (!fast || !feeder.end()) return std::optional<CsrEdgeList>{};
    return reader.finish();
}

}  // namespace sim::graph::detail
