#pragma once
/// A pre-parse check of TOML nesting depth. toml++ parses nested tables and arrays recursively, so
/// a 100 KB header like [a.a.a....] (50,000 levels) overflows the stack; this scanner measures, in
/// one pass without recursion, the depth of every table header and dotted key (dots outside
/// strings) and of arrays and inline tables, and reports the first place deeper than the limit as
/// "name:line:column". Strings (basic, literal, multi-line) and comments are skipped.
#include <optional>
#include <string>
#include <string_view>

#include "sim/error.hpp"

namespace sim::config {

/// Tables, arrays and dotted-key levels, combined: far above any real scenario.
constexpr int kMaxTomlDepth = 64;

inline std::optional<Diagnostic> nesting_problem(std::string_view text, const std::string& name,
                                                 int max_depth = kMaxTomlDepth) {
    int line = 1;
    std::size_t line_start = 0;
    int brackets = 0;       // open [ and { inside values
    int key_dots = 0;       // dots in the key (or header) being read
    bool in_key = true;     // at a key or table header (line start, or after , or { in an inline table)
    bool header = false;    // inside [ ... ] or [[ ... ]] at line start
    auto at = [&](std::size_t i) {
        return name + ":" + std::to_string(line) + ":" + std::to_string(i - line_start + 1);
    };
    const std::size_t n = text.size();
    for (std::size_t i = 0; i < n; ++i) {
        const char c = text[i];
        if (c == '\n') {
            ++line;
            line_start = i + 1;
            if (brackets == 0) in_key = true, header = false, key_dots = 0;
            continue;
        }
        if (c == '#') {  // comment to end of line
            while (i + 1 < n && text[i + 1] != '\n') ++i;
            continue;
        }
        if (c == '"' || c == '\'') {  // strings: skip, including multi-line and escapes in basic ones
            const bool triple = i + 2 < n && text[i + 1] == c && text[i + 2] == c;
            const std::size_t open = triple ? 3 : 1;
            std::size_t j = i + open;
            while (j < n) {
                if (c == '"' && text[j] == '\\') {
                    j += 2;
                    continue;
                }
                if (text[j] == '\n') ++line, line_start = j + 1;
                if (text[j] == c && (!triple || (j + 2 < n && text[j + 1] == c && text[j + 2] == c))) break;
                if (!triple && text[j] == '\n') break;  // unterminated: let the parser report it
                ++j;
            }
            i = j + (triple ? 2 : 0);
            continue;
        }
        if (in_key) {
            if (c == '[' && brackets == 0 && !header) {
                header = true;
                continue;
            }
            if (c == '.') {
                if (++key_dots + brackets > max_depth)
                    return Diagnostic{at(i), "keys nested deeper than " + std::to_string(max_depth) + " levels"};
                continue;
            }
            if (c == '=' || (header && c == ']')) {
                in_key = false;
                key_dots = 0;
                if (header) {
                    while (i + 1 < n && text[i + 1] == ']') ++i;
                    header = false;
                }
            }
            continue;
        }
        if (c == '[' || c == '{') {
            if (++brackets > max_depth)
                return Diagnostic{at(i), "arrays or inline tables nested deeper than " + std::to_string(max_depth) +
                                             " levels"};
            if (c == '{') in_key = true;
        } else if ((c == ']' || c == '}') && brackets > 0) {
            --brackets;
        }
    }
    return std::nullopt;
}

}  // namespace sim::config
