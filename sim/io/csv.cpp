#include "sim/io/csv.hpp"

#include "sim/io/input_file.hpp"

#include <algorithm>
#include <array>
#include <charconv>
#include <cmath>
#include <cstring>
#include <fstream>
#include <iterator>
#include <limits>
#include <system_error>

namespace sim::io {

namespace {

constexpr double kInf = std::numeric_limits<double>::infinity();

std::string format_number(double v) {
    std::array<char, 32> buf{};
    const auto res = std::to_chars(buf.data(), buf.data() + buf.size(), v);
    return std::string(buf.data(), res.ptr);
}

/// "a non-negative number", "a number in [0, 1]", ... for error messages.
std::string describe_range(const char* noun, double lo, double hi) {
    const std::string n(noun);
    if (lo == -kInf && hi == kInf) return n;
    if (lo == 0.0 && hi == kInf) return "a non-negative " + n.substr(n.find(' ') + 1);
    if (hi == kInf) return n + " >= " + format_number(lo);
    if (lo == -kInf) return n + " <= " + format_number(hi);
    return n + " in [" + format_number(lo) + ", " + format_number(hi) + "]";
}

std::unexpected<Error> field_error(const CsvTable& t, std::size_t row, std::size_t col, const std::string& expected) {
    return bad_input(t.where(row, col), "expected " + expected + ", got '" + std::string(t.field(row, col)) + "'");
}

/// Incremental RFC-4180 scanner that appends unescaped field bytes to one buffer.
class Scanner {
public:
    explicit Scanner(std::string_view text) : s_(text) {
        if (s_.starts_with("\xEF\xBB\xBF")) pos_ = 3;  // UTF-8 BOM written by spreadsheet tools
    }
    [[nodiscard]] bool done() const { return pos_ >= s_.size(); }
    [[nodiscard]] std::size_t line() const { return line_; }

    /// Appends one field's bytes to `out`. Returns false on an unterminated quote.
    bool read_field(std::string& out, bool& quoted) {
        quoted = pos_ < s_.size() && s_[pos_] == '"';
        return quoted ? read_quoted(out) : read_plain(out);
    }

    /// After a field: true if a comma follows (more fields), false at end of record or file.
    /// `stray` is set when a closing quote is followed by something other than a separator.
    bool next_separator(bool& stray) {
        stray = false;
        if (pos_ >= s_.size()) return false;
        const char c = s_[pos_];
        if (c == ',') {
            ++pos_;
            return true;
        }
        if (c == '\r' || c == '\n') {
            end_line();
            return false;
        }
        stray = true;  // e.g. "abc"x  -> skip to the end of the record
        while (pos_ < s_.size() && s_[pos_] != '\n' && s_[pos_] != '\r') ++pos_;
        if (pos_ < s_.size()) end_line();
        return false;
    }

    /// Fast path for a record with no '"' and no '\r' before its end: appends the record's bytes to
    /// `text` in one piece and one (offset, size) per comma-separated field, exactly the fields
    /// read_field/next_separator would give. Returns false (nothing consumed) for any other record.
    bool plain_record(std::string& text, std::vector<std::uint32_t>& begin, std::vector<std::uint32_t>& size) {
        const char* const b = s_.data() + pos_;
        const char* const e = s_.data() + s_.size();
        const auto* nl = static_cast<const char*>(std::memchr(b, '\n', static_cast<std::size_t>(e - b)));
        const char* stop = nl != nullptr ? nl : e;
        const bool cr = stop != b && stop[-1] == '\r';
        const char* const content_end = cr ? stop - 1 : stop;
        const auto n = static_cast<std::size_t>(content_end - b);
        if (std::memchr(b, '"', n) != nullptr || std::memchr(b, '\r', n) != nullptr) return false;
        const auto base = static_cast<std::uint32_t>(text.size());
        text.append(b, n);
        const char* p = b;
        for (;;) {
            const auto* comma = static_cast<const char*>(std::memchr(p, ',', static_cast<std::size_t>(content_end - p)));
            const char* q = comma != nullptr ? comma : content_end;
            begin.push_back(base + static_cast<std::uint32_t>(p - b));
            size.push_back(static_cast<std::uint32_t>(q - p));
            if (comma == nullptr) break;
            p = comma + 1;
        }
        pos_ = static_cast<std::size_t>((nl != nullptr ? nl + 1 : e) - s_.data());
        if (nl != nullptr || cr) ++line_;
        return true;
    }

private:
    void end_line() {
        if (s_[pos_] == '\r') ++pos_;
        if (pos_ < s_.size() && s_[pos_] == '\n') ++pos_;
        ++line_;
    }
    bool read_plain(std::string& out) {
        const std::size_t start = pos_;
        // One table look-up per byte instead of three comparisons.
        static constexpr auto kStop = [] {
            std::array<bool, 256> t{};
            t[','] = t['\n'] = t['\r'] = true;
            return t;
        }();
        const char* p = s_.data() + pos_;
        const char* const end = s_.data() + s_.size();
        while (p != end && !kStop[static_cast<unsigned char>(*p)]) ++p;
        pos_ = static_cast<std::size_t>(p - s_.data());
        out.append(s_.substr(start, pos_ - start));
        return true;
    }
    bool read_quoted(std::string& out) {
        ++pos_;  // opening quote
        for (;;) {
            const std::size_t q = s_.find('"', pos_);
            if (q == std::string_view::npos) return false;
            const std::string_view chunk = s_.substr(pos_, q - pos_);
            line_ += static_cast<std::size_t>(std::count(chunk.begin(), chunk.end(), '\n'));
            out.append(chunk);
            pos_ = q + 1;
            if (pos_ < s_.size() && s_[pos_] == '"') {  // doubled quote = one literal quote
                out.push_back('"');
                ++pos_;
                continue;
            }
            return true;
        }
    }

    std::string_view s_;
    std::size_t pos_ = 0;
    std::size_t line_ = 1;
};

}  // namespace

std::string_view CsvTable::field(std::size_t row, std::size_t col) const {
    const std::size_t i = row_start_[row] + col;
    if (i >= row_start_[row + 1]) return {};
    return std::string_view(text_).substr(begin_[i], size_[i]);
}

Result<std::size_t> CsvTable::column(std::string_view name) const {
    for (std::size_t i = 0; i < header_.size(); ++i)
        if (header_[i] == name) return i;
    return bad_input(file_, "missing column '" + std::string(name) + "'");
}

std::optional<std::vector<std::size_t>> CsvTable::columns(std::initializer_list<std::string_view> names,
                                                          DiagnosticList& diags) const {
    std::vector<std::size_t> out;
    bool ok = true;
    for (const auto name : names) {
        if (auto c = column(name)) {
            out.push_back(*c);
        } else {
            diags.append(c.error());
            ok = false;
        }
    }
    if (!ok) return std::nullopt;
    return out;
}

std::string CsvTable::where(std::size_t row, std::size_t col) const {
    std::string out = file_;
    out += ':';
    out += std::to_string(line_[row]);
    out += ':';
    out += col < header_.size() ? header_[col] : std::to_string(col + 1);
    return out;
}

Result<CsvTable> parse_csv(std::string_view text, std::string file) {
    if (text.size() >= std::numeric_limits<std::uint32_t>::max())
        return bad_input(file, "file too large for the CSV reader (>= 4 GiB)");
    CsvTable t;
    t.file_ = std::move(file);
    t.text_.reserve(text.size());
    t.begin_.reserve(text.size() / 8);
    t.size_.reserve(text.size() / 8);
    DiagnosticList diags;
    Scanner sc(text);
    bool have_header = false;
    while (!sc.done()) {
        const std::size_t rec_line = sc.line();
        const std::size_t first = t.begin_.size();
        bool quoted_any = false;
        bool more = !sc.plain_record(t.text_, t.begin_, t.size_);
        while (more) {
            const auto start = static_cast<std::uint32_t>(t.text_.size());
            bool quoted = false;
            if (!sc.read_field(t.text_, quoted)) {
                diags.add(t.file_ + ":" + std::to_string(rec_line), "unterminated quoted field");
                return std::unexpected(diags.to_error());
            }
            quoted_any = quoted_any || quoted;
            t.begin_.push_back(start);
            t.size_.push_back(static_cast<std::uint32_t>(t.text_.size()) - start);
            bool stray = false;
            more = sc.next_separator(stray);
            if (stray)
                diags.add(t.file_ + ":" + std::to_string(rec_line), "unexpected character after a closing quote");
        }
        const std::size_t n = t.begin_.size() - first;
        if (n == 1 && t.size_[first] == 0 && !quoted_any) {  // blank line
            t.begin_.pop_back();
            t.size_.pop_back();
            continue;
        }
        if (!have_header) {
            for (std::size_t i = first; i < t.begin_.size(); ++i) {
                std::string name = t.text_.substr(t.begin_[i], t.size_[i]);
                for (const auto& h : t.header_)
                    if (h == name) diags.add(t.file_ + ":1", "duplicate column name '" + name + "'");
                t.header_.push_back(std::move(name));
            }
            t.begin_.clear();
            t.size_.clear();
            t.text_.clear();
            have_header = true;
            continue;
        }
        if (n != t.header_.size())
            diags.add(t.file_ + ":" + std::to_string(rec_line),
                      "expected " + std::to_string(t.header_.size()) + " fields, got " + std::to_string(n));
        t.row_start_.push_back(first);
        t.line_.push_back(rec_line);
    }
    if (!have_header) diags.add(t.file_, "empty file (no header line)");
    t.row_start_.push_back(t.begin_.size());
    if (!diags.empty()) return std::unexpected(diags.to_error());
    return t;
}

Result<std::string> read_file(const std::filesystem::path& path) {
    // Regular files only (a directory or FIFO is refused, never read or waited on), bounded size.
    return io::read_input_file(path);
}

Result<CsvTable> read_csv(const std::filesystem::path& path, std::string display_name) {
    auto bytes = read_file(path);
    if (!bytes) return std::unexpected(bytes.error());
    if (display_name.empty()) display_name = path.filename().string();
    return parse_csv(*bytes, std::move(display_name));
}

bool is_missing(std::string_view field) { return field.empty() || field == "NA"; }

namespace {

/// Clinger's fast path: "[-]digits[.digits]" with at most 15 significant digits and at most 22
/// decimals is exactly (integer mantissa) / 10^k, both exact doubles, so one IEEE division gives
/// the correctly rounded value, the same double std::from_chars returns. Anything else (exponents,
/// more digits, "inf", a leading '+', ".5") returns false and goes to std::from_chars.
bool fast_decimal(std::string_view s, double& out) {
    static constexpr std::array<double, 23> kPow10 = {1e0,  1e1,  1e2,  1e3,  1e4,  1e5,  1e6,  1e7,
                                                      1e8,  1e9,  1e10, 1e11, 1e12, 1e13, 1e14, 1e15,
                                                      1e16, 1e17, 1e18, 1e19, 1e20, 1e21, 1e22};
    std::size_t i = 0;
    const bool negative = !s.empty() && s[0] == '-';
    if (negative) i = 1;
    std::uint64_t mantissa = 0;
    std::size_t digits = 0;
    std::size_t int_digits = 0;
    for (; i < s.size() && s[i] >= '0' && s[i] <= '9'; ++i, ++int_digits)
        mantissa = mantissa * 10 + static_cast<std::uint64_t>(s[i] - '0');
    digits = int_digits;
    std::size_t decimals = 0;
    if (i < s.size() && s[i] == '.') {
        ++i;
        for (; i < s.size() && s[i] >= '0' && s[i] <= '9'; ++i, ++decimals)
            mantissa = mantissa * 10 + static_cast<std::uint64_t>(s[i] - '0');
        if (decimals == 0) return false;
        digits += decimals;
    }
    // Leading zeros count as digits here, so 15 digits bound the mantissa below 10^15 < 2^53.
    if (i != s.size() || int_digits == 0 || digits > 15 || decimals >= kPow10.size()) return false;
    const double v = static_cast<double>(mantissa) / kPow10[decimals];
    out = negative ? -v : v;
    return true;
}

}  // namespace

std::optional<double> to_double(std::string_view s) {
    double v = 0.0;
    if (fast_decimal(s, v)) return v;
    const auto* end = s.data() + s.size();
    const auto res = std::from_chars(s.data(), end, v);
    if (s.empty() || res.ec != std::errc() || res.ptr != end || !std::isfinite(v)) return std::nullopt;
    return v;
}

std::optional<long long> to_integer(std::string_view s) {
    long long v = 0;
    const auto* end = s.data() + s.size();
    const auto res = std::from_chars(s.data(), end, v);
    if (s.empty() || res.ec != std::errc() || res.ptr != end) return std::nullopt;
    return v;
}

Result<double> number_field(const CsvTable& t, std::size_t row, std::size_t col, double lo, double hi) {
    const auto v = to_double(t.field(row, col));
    if (!v || *v < lo || *v > hi) return field_error(t, row, col, describe_range("a number", lo, hi));
    return *v;
}

Result<double> non_negative_field(const CsvTable& t, std::size_t row, std::size_t col) {
    return number_field(t, row, col, 0.0, kInf);
}

Result<std::optional<double>> optional_number_field(const CsvTable& t, std::size_t row, std::size_t col, double lo,
                                                    double hi) {
    if (is_missing(t.field(row, col))) return std::optional<double>();
    auto v = number_field(t, row, col, lo, hi);
    if (!v) return std::unexpected(v.error());
    return std::optional<double>(*v);
}

Result<int> int_field(const CsvTable& t, std::size_t row, std::size_t col, int lo, int hi) {
    const auto v = to_integer(t.field(row, col));
    if (!v || *v < lo || *v > hi)
        return field_error(t, row, col, "an integer in [" + std::to_string(lo) + ", " + std::to_string(hi) + "]");
    return static_cast<int>(*v);
}

Result<std::optional<int>> optional_int_field(const CsvTable& t, std::size_t row, std::size_t col, int lo, int hi) {
    if (is_missing(t.field(row, col))) return std::optional<int>();
    auto v = int_field(t, row, col, lo, hi);
    if (!v) return std::unexpected(v.error());
    return std::optional<int>(*v);
}

}  // namespace sim::io
