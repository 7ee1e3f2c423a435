#include "sim/io/csv.hpp"

#include <gtest/gtest.h>

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
