#include "sim/io/csv.hpp"

#include <gtest/gtest.h>

#include <array>
#include <bit>
#include <charconv>
#include <cmath>
#include <cstdint>
#include <optional>
#include <random>
#include <string>
#include <system_error>

namespace {

using sim::io::parse_csv;

TEST(Csv, QuotedFieldsDoubledQuotesCommasAndNewlines) {
    const auto t = parse_csv("a,b,c\n\"x,y\",\"say \"\"hi\"\"\",\"two\nlines\"\n4,5,6\n", "f.csv");
    ASSERT_TRUE(t) << t.error().message();
    ASSERT_EQ(t->rows(), 2U);
    EXPECT_EQ(t->field(0, 0), "x,y");
    EXPECT_EQ(t->field(0, 1), "say \"hi\"");
    EXPECT_EQ(t->field(0, 2), "two\nlines");
    EXPECT_EQ(t->line(0), 2U);
    EXPECT_EQ(t->line(1), 4U);  // physical line, after the embedded newline
    EXPECT_EQ(t->field(1, 2), "6");
}

TEST(Csv, CrlfBomBlankLinesAndEmptyFields) {
    const auto t = parse_csv("\xEF\xBB\xBFiso3,v\r\nAFG,\r\n\r\n\"\",1\r\n", "f.csv");
    ASSERT_TRUE(t) << t.error().message();
    EXPECT_EQ(t->header()[0], "iso3");
    ASSERT_EQ(t->rows(), 2U);
    EXPECT_EQ(t->field(0, 1), "");
    EXPECT_EQ(t->field(1, 0), "");
    EXPECT_EQ(t->line(1), 4U);
}

TEST(Csv, NoTrailingNewline) {
    const auto t = parse_csv("a,b\n1,2", "f.csv");
    ASSERT_TRUE(t);
    ASSERT_EQ(t->rows(), 1U);
    EXPECT_EQ(t->field(0, 1), "2");
}

TEST(Csv, ReportsEveryRaggedRecord) {
    const auto t = parse_csv("a,b\n1\n1,2\n1,2,3\n", "f.csv");
    ASSERT_FALSE(t);
    const auto msg = t.error().message();
    EXPECT_EQ(t.error().diagnostics.size(), 2U);
    EXPECT_NE(msg.find("f.csv:2: expected 2 fields, got 1"), std::string::npos) << msg;
    EXPECT_NE(msg.find("f.csv:4: expected 2 fields, got 3"), std::string::npos) << msg;
}

TEST(Csv, UnterminatedQuote) {
    const auto t = parse_csv("a\n\"abc\n", "f.csv");
    ASSERT_FALSE(t);
    EXPECT_NE(t.error().message().find("f.csv:2: unterminated"), std::string::npos);
}

TEST(Csv, MissingColumnNamesTheFile) {
    const auto t = parse_csv("a,b\n1,2\n", "data.csv");
    ASSERT_TRUE(t);
    const auto c = t->column("rate");
    ASSERT_FALSE(c);
    EXPECT_EQ(c.error().message(), "data.csv: missing column 'rate'");
    sim::DiagnosticList diags;
    EXPECT_FALSE(t->columns({"a", "x", "y"}, diags));
    EXPECT_EQ(diags.size(), 2U);
}

TEST(Csv, TypedFieldDiagnostics) {
    const auto t = parse_csv("iso3,rate,year\nAFG,abc,1999\nALB,-1,2001\nDZA,NA,2002\n", "h.csv");
    ASSERT_TRUE(t);
    const auto bad = sim::io::non_negative_field(*t, 0, 1);
    ASSERT_FALSE(bad);
    EXPECT_EQ(bad.error().message(), "h.csv:2:rate: expected a non-negative number, got 'abc'");
    const auto neg = sim::io::non_negative_field(*t, 1, 1);
    ASSERT_FALSE(neg);
    EXPECT_EQ(neg.error().message(), "h.csv:3:rate: expected a non-negative number, got '-1'");
    const auto year = sim::io::int_field(*t, 0, 2, 2000, 2023);
    ASSERT_FALSE(year);
    EXPECT_EQ(year.error().message(), "h.csv:2:year: expected an integer in [2000, 2023], got '1999'");
    const auto na = sim::io::optional_number_field(*t, 2, 1, 0.0, 1.0);
    ASSERT_TRUE(na);
    EXPECT_FALSE(na->has_value());
    const auto share = sim::io::number_field(*t, 1, 1, 0.0, 1.0);
    ASSERT_FALSE(share);
    EXPECT_NE(share.error().message().find("a number in [0, 1]"), std::string::npos);
}

TEST(Csv, NumberParsing) {
    EXPECT_EQ(sim::io::to_double("1.5e3"), 1500.0);
    EXPECT_FALSE(sim::io::to_double("1.5x"));
    EXPECT_FALSE(sim::io::to_double(""));
    EXPECT_FALSE(sim::io::to_double("nan"));
    EXPECT_FALSE(sim::io::to_double(" 1"));
    EXPECT_EQ(sim::io::to_integer("-12"), -12);
    EXPECT_FALSE(sim::io::to_integer("12.0"));
}

TEST(Csv, MissingFileIsAnIoError) {
    const auto t = sim::io::read_csv("/nonexistent/dir/x.csv");
    ASSERT_FALSE(t);
    EXPECT_EQ(t.error().kind, sim::ErrorKind::Io);
    EXPECT_NE(t.error().message().find("x.csv"), std::string::npos);
}

}  // namespace

namespace {

// to_double's decimal fast path must give the very double std::from_chars gives (bit for bit,
// sign of zero included) and refuse what from_chars refuses.
std::optional<double> from_chars_reference(std::string_view s) {
    double v = 0.0;
    const auto* end = s.data() + s.size();
    const auto res = std::from_chars(s.data(), end, v);
    if (s.empty() || res.ec != std::errc() || res.ptr != end || !std::isfinite(v)) return std::nullopt;
    return v;
}

void expect_same_as_from_chars(const std::string& s) {
    const auto got = sim::io::to_double(s);
    const auto want = from_chars_reference(s);
    ASSERT_EQ(got.has_value(), want.has_value()) << "'" << s << "'";
    if (got) {
        EXPECT_EQ(std::bit_cast<std::uint64_t>(*got), std::bit_cast<std::uint64_t>(*want)) << "'" << s << "'";
    }
}

TEST(Csv, ToDoubleFastPathMatchesFromCharsBitForBit) {
    for (const char* s : {"0", "-0", "0.0", "-0.000", "5.225315", "13257.81", "25.09354", "007", "1.", ".5", "-",
                          "-.5", "+1", "1.5e3", "123456789012345", "1234567890123456", "0.1234567890123456789012",
                          "999999999999999.", "9007199254740993", "1..2", "1.2.3", "0.30000000000000004"})
        expect_same_as_from_chars(s);
    std::mt19937_64 rng(20261202);
    for (int k = 0; k < 200000; ++k) {
        std::string s;
        if (rng() % 4 == 0) s += '-';
        const int int_digits = static_cast<int>(rng() % 10);
        const int decimals = static_cast<int>(rng() % 12);
        for (int d = 0; d < int_digits; ++d) s += static_cast<char>('0' + rng() % 10);
        if (rng() % 5 != 0) {
            s += '.';
            for (int d = 0; d < decimals; ++d) s += static_cast<char>('0' + rng() % 10);
        }
        expect_same_as_from_chars(s);
    }
}

}  // namespace

namespace {

// Records through the plain fast path (no quote, one line ending) and the general scanner
// (quoted fields, lone '\r') mixed in one text: every field and every physical line number
// must be what the RFC-4180 text says.
TEST(Csv, PlainAndQuotedRecordsMixedGiveTheWrittenFieldsAndLines) {
    std::mt19937_64 rng(7);
    const std::array<std::string, 3> endings = {"\n", "\r\n", "\r"};
    for (int trial = 0; trial < 300; ++trial) {
        const std::size_t cols = 1 + rng() % 4;
        std::string text;
        std::vector<std::vector<std::string>> want;
        std::vector<std::size_t> want_line;
        std::size_t line = 1;
        const std::size_t records = 1 + rng() % 8;
        for (std::size_t r = 0; r <= records; ++r) {  // record 0 is the header
            std::vector<std::string> fields;
            const std::size_t first_line = line;
            for (std::size_t c = 0; c < cols; ++c) {
                std::string f = r == 0 ? "h" + std::to_string(c) : "";
                const bool quoted = r > 0 && rng() % 3 == 0;
                const std::size_t len = r == 0 ? 0 : rng() % 5;
                for (std::size_t k = 0; k < len; ++k) {
                    static constexpr std::string_view kPlain = "ab1 .x";
                    static constexpr std::string_view kQuoted = "ab,\"\n";
                    f += quoted ? kQuoted[rng() % kQuoted.size()] : kPlain[rng() % kPlain.size()];
                }
                if (c > 0) text += ',';
                if (quoted) {
                    text += '"';
                    for (const char ch : f) {
                        if (ch == '"') text += '"';
                        if (ch == '\n') ++line;
                        text += ch;
                    }
                    text += '"';
                } else {
                    text += f;
                }
                fields.push_back(f);
            }
            const bool last = r == records;
            if (!last || rng() % 2 == 0) {
                text += endings[rng() % endings.size()];
                ++line;
            }
            if (r > 0) {
                want.push_back(fields);
                want_line.push_back(first_line);
            }
        }
        // A record of one empty unquoted field is a blank line, skipped by the reader.
        if (cols == 1) continue;
        const auto t = parse_csv(text, "mix.csv");
        ASSERT_TRUE(t) << t.error().message();
        ASSERT_EQ(t->rows(), want.size());
        for (std::size_t r = 0; r < want.size(); ++r) {
            EXPECT_EQ(t->line(r), want_line[r]) << "trial " << trial << " row " << r;
            for (std::size_t c = 0; c < cols; ++c) EXPECT_EQ(t->field(r, c), want[r][c]) << "trial " << trial;
        }
    }
}

}  // namespace
