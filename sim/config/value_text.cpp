#include "sim/config/value_text.hpp"

#include <array>
#include <charconv>
#include <cstdint>
#include <cstdio>
#include <system_error>

namespace sim::config {

std::string type_name(Type type) {
    switch (type) {
        case Type::Bool: return "a boolean";
        case Type::Int: return "an integer";
        case Type::Float: return "a float";
        case Type::String: return "a string";
        case Type::Path: return "a string (path)";
    }
    return "a value";
}

std::string_view trim(std::string_view s) {
    constexpr std::string_view space = " \t\r\n";
    const auto first = s.find_first_not_of(space);
    if (first == std::string_view::npos) return {};
    const auto last = s.find_last_not_of(space);
    return s.substr(first, last - first + 1);
}

namespace {

std::string got(Type type, std::string_view text) {
    return "expected " + type_name(type) + ", got " + quote_toml_string(text);
}

// from_chars rejects a leading '+', which users reasonably write.
std::string_view drop_plus(std::string_view s) {
    return (s.size() > 1 && s.front() == '+') ? s.substr(1) : s;
}

template <class T>
bool parse_whole(std::string_view s, T& out) {
    s = drop_plus(s);
    const auto* end = s.data() + s.size();
    const auto [ptr, ec] = std::from_chars(s.data(), end, out);
    return ec == std::errc{} && ptr == end;
}

std::string_view unquote(std::string_view s) {
    const bool quoted = s.size() >= 2 && (s.front() == '"' || s.front() == '\'') && s.back() == s.front();
    return quoted ? s.substr(1, s.size() - 2) : s;
}

}  // namespace

std::expected<Value, std::string> parse_value_text(std::string_view text, Type type) {
    const std::string_view t = trim(text);
    switch (type) {
        case Type::Bool:
            if (t == "true") return Value{true};
            if (t == "false") return Value{false};
            return std::unexpected("expected true or false, got " + quote_toml_string(t));
        case Type::Int: {
            std::int64_t v = 0;
            if (parse_whole(t, v)) return Value{v};
            return std::unexpected(got(type, t));
        }
        case Type::Float: {
            double v = 0.0;
            if (parse_whole(t, v)) return Value{v};
            return std::unexpected(got(type, t));
        }
        case Type::String:
        case Type::Path: return Value{std::string(unquote(t))};
    }
    return std::unexpected(got(type, t));
}

std::string format_number(double v) {
    std::array<char, 64> buf{};
    const auto [ptr, ec] = std::to_chars(buf.data(), buf.data() + buf.size(), v);
    if (ec != std::errc{}) return "nan";  // cannot happen with 64 chars; keep the output valid TOML
    return std::string(buf.data(), ptr);
}

namespace {

std::string format_float(double v) {
    std::string s = format_number(v);
    // "1" would read back as an integer; inf/nan contain 'n'.
    if (s.find_first_of(".en") == std::string::npos) s += ".0";
    return s;
}

}  // namespace

std::string format_toml_value(const Value& v) {
    if (const auto* b = std::get_if<bool>(&v)) return *b ? "true" : "false";
    if (const auto* i = std::get_if<std::int64_t>(&v)) return std::to_string(*i);
    if (const auto* d = std::get_if<double>(&v)) return format_float(*d);
    return quote_toml_string(std::get<std::string>(v));
}

std::string quote_toml_string(std::string_view s) {
    std::string out = "\"";
    for (const char c : s) {
        switch (c) {
            case '"': out += "\\\""; break;
            case '\\': out += "\\\\"; break;
            case '\b': out += "\\b"; break;
            case '\t': out += "\\t"; break;
            case '\n': out += "\\n"; break;
            case '\f': out += "\\f"; break;
            case '\r': out += "\\r"; break;
            default: {
                const auto u = static_cast<unsigned char>(c);
                if (u < 0x20 || u == 0x7f) {
                    std::array<char, 8> esc{};
                    std::snprintf(esc.data(), esc.size(), "\\u%04x", static_cast<unsigned>(u));
                    out += esc.data();
                } else {
                    out += c;  // UTF-8 passes through
                }
            }
        }
    }
    out += '"';
    return out;
}

std::string format_toml_key(std::string_view component) {
    const auto bare_char = [](char c) {
        return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_' ||
               c == '-';
    };
    bool bare = !component.empty();
    for (const char c : component) bare = bare && bare_char(c);
    return bare ? std::string(component) : quote_toml_string(component);
}

}  // namespace sim::config
