// The TOML nesting pre-check: deep headers, dotted keys, arrays and inline tables are refused with
// file:line:column before toml++ (which recurses) sees them; strings and comments do not count.
#include "sim/config/nesting.hpp"

#include <gtest/gtest.h>

#include <string>

namespace {

using sim::config::nesting_problem;

TEST(Nesting, ShallowDocumentsPass) {
    EXPECT_FALSE(nesting_problem("[a.b.c]\nx = [[1, 2], [3.5, 4.25]]\ny = {p = 1, q = [1]}\n", "f"));
    std::string many_floats = "x = [";
    for (int i = 0; i < 1000; ++i) many_floats += "1.5, ";
    EXPECT_FALSE(nesting_problem(many_floats + "]\n", "f")) << "dots in numbers are not nesting";
    EXPECT_FALSE(nesting_problem("s = \"" + std::string(500, '[') + "\"\n# " + std::string(500, '{') + "\n", "f"));
    EXPECT_FALSE(nesting_problem("s = '''\n" + std::string(500, '[') + "\n'''\n", "f"));
}

TEST(Nesting, DeepHeaderIsRefusedWithAPlace) {
    std::string h = "# c\n[a";
    for (int i = 0; i < 50'000; ++i) h += ".a";
    const auto p = nesting_problem(h + "]\n", "deep.toml");
    ASSERT_TRUE(p);
    EXPECT_EQ(p->where.rfind("deep.toml:2:", 0), 0u) << p->where;
}

TEST(Nesting, DeepArraysAndDottedKeysAreRefused) {
    EXPECT_TRUE(nesting_problem("x = " + std::string(65, '[') + std::string(65, ']') + "\n", "f"));
    EXPECT_FALSE(nesting_problem("x = " + std::string(64, '[') + std::string(64, ']') + "\n", "f"));
    std::string k = "a";
    for (int i = 0; i < 100; ++i) k += ".b";
    EXPECT_TRUE(nesting_problem(k + " = 1\n", "f"));
    std::string inline_tables = "x = ";
    for (int i = 0; i < 100; ++i) inline_tables += "{a = ";
    EXPECT_TRUE(nesting_problem(inline_tables + "1" + std::string(100, '}') + "\n", "f"));
}

}  // namespace
