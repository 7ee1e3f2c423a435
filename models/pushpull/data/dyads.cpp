// CEPII GeoDist: distance to China and the country dyads.
#include <unordered_map>

#include "models/pushpull/data/loaders.hpp"

namespace pushpull::data::detail {

namespace {

using sim::io::take;

/// A CEPII legacy code standing for several present-day countries. CEPII has no rows for the
/// successors, so they inherit the legacy code's geography. `internally_contiguous`: whether the
/// successors border one another (Serbia, Montenegro and Kosovo do; Curacao and Sint Maarten don't).
struct LegacySplit {
    std::string_view legacy;
    std::array<std::string_view, 3> successors;
    bool internally_contiguous;
};
constexpr std::array<LegacySplit, 2> kLegacy = {{{"YUG", {"SRB", "MNE", "XKX"}, true},
                                                 {"ANT", {"CUW", "SXM", ""}, false}}};

/// Universe indices a CEPII code stands for: itself, or the successors of a legacy code. At most
/// 1 + 3 of them, kept in place (one call per row of a 50,000-row file: no allocation).
class Targets {
public:
    void push_back(std::size_t i) { v_[n_++] = i; }
    [[nodiscard]] bool empty() const { return n_ == 0; }
    [[nodiscard]] const std::size_t* begin() const { return v_.data(); }
    [[nodiscard]] const std::size_t* end() const { return v_.data() + n_; }

private:
    std::array<std::size_t, 4> v_{};
    std::size_t n_ = 0;
};

Targets targets_of(std::string_view code, const IsoCodes& codes) {
    Targets out;
    if (const auto i = codes.index(code)) out.push_back(*i);
    for (const auto& l : kLegacy) {
        if (l.legacy != code) continue;
        for (const auto s : l.successors)
            if (const auto i = codes.index(s)) out.push_back(*i);
    }
    return out;
}

bool internally_contiguous(std::string_view code) {
    for (const auto& l : kLegacy)
        if (l.legacy == code) return l.internally_contiguous;
    return false;
}

/// 0/1 flag field.
std::optional<bool> flag(const CsvTable& t, std::size_t r, std::size_t c, DiagnosticList& diags) {
    const auto v = take(sim::io::int_field(t, r, c, 0, 1), diags);
    if (!v) return std::nullopt;
    return *v == 1;
}

/// First line of each (origin, destination) key, open addressing: the same answers as an
/// unordered_map's try_emplace without one allocation per row of the 50,000-row dyad file.
/// Key 0 marks an empty slot; the key 0 itself (codes of NUL bytes only) is kept aside.
class FirstLine {
public:
    explicit FirstLine(std::size_t n) {
        std::size_t cap = 16;
        while (cap < 2 * n) cap *= 2;
        keys_.assign(cap, 0);
        lines_.assign(cap, 0);
    }
    /// {line stored for key, true if the key is new (then `line` was stored)}.
    std::pair<std::size_t, bool> try_emplace(std::uint64_t key, std::size_t line) {
        if (key == 0) {
            if (zero_seen_) return {zero_line_, false};
            zero_seen_ = true;
            zero_line_ = line;
            return {line, true};
        }
        const std::size_t mask = keys_.size() - 1;
        for (std::size_t i = (key * 0x9E3779B97F4A7C15ULL) >> 20 & mask;; i = (i + 1) & mask) {
            if (keys_[i] == key) return {lines_[i], false};
            if (keys_[i] == 0) {
                keys_[i] = key;
                lines_[i] = line;
                return {line, true};
            }
        }
    }

private:
    std::vector<std::uint64_t> keys_;
    std::vector<std::size_t> lines_;
    bool zero_seen_ = false;
    std::size_t zero_line_ = 0;
};

std::uint32_t code_key(std::string_view a) {
    std::uint32_t k = 0;
    for (const char ch : a) k = k * 256U + static_cast<unsigned char>(ch);
    return k;
}

}  // namespace

void load_distance_to_china(const CsvTable& t, const IsoCodes& codes, std::vector<Country>& cs,
                            DiagnosticList& diags) {
    const auto cols = t.columns({"iso3", "contig_chn", "distw_km"}, diags);
    if (!cols) return;
    std::unordered_map<std::string, std::size_t> first_line;
    for (std::size_t r = 0; r < t.rows(); ++r) {
        const auto code = t.field(r, (*cols)[0]);
        if (codes.classify(code) == CodeKind::Unknown) {
            country_of(t, r, (*cols)[0], codes, diags);
            continue;
        }
        const auto [it, fresh] = first_line.try_emplace(std::string(code), t.line(r));
        if (!fresh) {
            diags.add(t.where(r, (*cols)[0]), duplicate_message("(" + std::string(code) + ")", it->second));
            continue;
        }
        const auto targets = targets_of(code, codes);
        if (targets.empty()) continue;
        const auto contig = flag(t, r, (*cols)[1], diags);
        const auto dist = take(sim::io::non_negative_field(t, r, (*cols)[2]), diags);
        for (const auto i : targets) {
            if (dist) cs[i].dist_to_china_km = *dist;
            if (contig) cs[i].contiguous_china = *contig;
        }
    }
}

std::vector<Dyad> load_dyads(const CsvTable& t, const IsoCodes& codes, const std::vector<Country>& cs,
                            DiagnosticList& diags) {
    std::vector<Dyad> out;
    const auto cols =
        t.columns({"iso_o", "iso_d", "contig", "comlang_off", "colony", "dist_km", "distcap_km", "distw_km"}, diags);
    if (!cols) return out;
    const auto& c = *cols;
    out.reserve(t.rows());
    FirstLine first_line(t.rows());
    for (std::size_t r = 0; r < t.rows(); ++r) {
        const auto o = t.field(r, c[0]);
        const auto d = t.field(r, c[1]);
        const bool o_unknown = codes.classify(o) == CodeKind::Unknown;
        const bool d_unknown = codes.classify(d) == CodeKind::Unknown;
        if (o_unknown) country_of(t, r, c[0], codes, diags);
        if (d_unknown) country_of(t, r, c[1], codes, diags);
        if (o_unknown || d_unknown) continue;
        const std::uint64_t key = (std::uint64_t{code_key(o)} << 32) | code_key(d);
        const auto [first, fresh] = first_line.try_emplace(key, t.line(r));
        if (!fresh) {
            diags.add(t.where(r, c[1]), duplicate_message("(" + std::string(o) + ", " + std::string(d) + ")", first));
            continue;
        }
        const auto from = targets_of(o, codes);
        const auto to = targets_of(d, codes);
        if (from.empty() || to.empty()) continue;
        const auto contig = flag(t, r, c[2], diags);
        const auto lang = flag(t, r, c[3], diags);
        const auto colony = flag(t, r, c[4], diags);
        const auto dist = take(sim::io::non_negative_field(t, r, c[5]), diags);
        const auto distcap = take(sim::io::non_negative_field(t, r, c[6]), diags);
        const auto distw = take(sim::io::non_negative_field(t, r, c[7]), diags);
        if (!contig || !lang || !colony || !dist || !distcap || !distw) continue;
        const bool self_row = o == d;
        for (const auto i : from)
            for (const auto j : to) {
                if (i == j) continue;  // a country with itself is not a dyad
                Dyad y;
                y.iso_o = cs[i].iso3;
                y.iso_d = cs[j].iso3;
                y.contiguous = self_row ? internally_contiguous(o) : *contig;
                y.common_language = *lang;
                y.colony = self_row ? false : *colony;
                y.dist_km = *dist;
                y.distcap_km = *distcap;
                y.distw_km = *distw;
                out.push_back(y);
            }
    }
    return out;
}

}  // namespace pushpull::data::detail
