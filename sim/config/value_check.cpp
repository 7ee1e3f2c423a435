#include "sim/config/value_check.hpp"

#include <cstdint>
#include <system_error>

#include "sim/config/value_text.hpp"

namespace sim::config {

std::string value_type_name(const Value& v) {
    if (std::holds_alternative<bool>(v)) return "a boolean";
    if (std::holds_alternative<std::int64_t>(v)) return "an integer";
    if (std::holds_alternative<double>(v)) return "a float";
    return "a string";
}

namespace {

bool type_matches(Type type, const Value& v) {
    switch (type) {
        case Type::Bool: return std::holds_alternative<bool>(v);
        case Type::Int: return std::holds_alternative<std::int64_t>(v);
        case Type::Float: return std::holds_alternative<double>(v);
        case Type::String:
        case Type::Path: return std::holds_alternative<std::string>(v);
    }
    return false;
}

std::string range_text(const KeySpec& spec) {
    // Built by appending: g++ 12 warns falsely (-Wrestrict) on "literal" + std::string&&.
    std::string out = spec.min ? std::string("[").append(format_number(*spec.min)) : std::string("(-inf");
    out.append(", ").append(spec.max ? format_number(*spec.max).append("]") : std::string("inf)"));
    if (!spec.unit.empty()) out.append(" ").append(spec.unit);
    return out;
}

std::expected<Value, std::string> check_range(const KeySpec& spec, Value v, double x, const std::string& shown) {
    // Written as negations so NaN fails any bound.
    const bool below = spec.min && !(x >= *spec.min);
    const bool above = spec.max && !(x <= *spec.max);
    if (below || above) return std::unexpected(shown + " is out of range: allowed " + range_text(spec));
    return v;
}

std::expected<Value, std::string> check_choice(const KeySpec& spec, Value v) {
    const auto& s = std::get<std::string>(v);
    if (spec.choices.empty()) return v;
    for (const auto& c : spec.choices)
        if (c == s) return v;
    std::string msg = quote_toml_string(s) + " is not an allowed choice; expected one of ";
    for (std::size_t i = 0; i < spec.choices.size(); ++i)
        msg += (i ? ", " : "") + quote_toml_string(spec.choices[i]);
    return std::unexpected(msg);
}

}  // namespace

std::expected<Value, std::string> check_value(const KeySpec& spec, Value v) {
    if (spec.type == Type::Float)
        if (const auto* i = std::get_if<std::int64_t>(&v)) v = static_cast<double>(*i);
    if (!type_matches(spec.type, v))
        return std::unexpected("expected " + type_name(spec.type) + ", got " + value_type_name(v));
    if (const auto* d = std::get_if<double>(&v)) return check_range(spec, v, *d, format_number(*d));
    if (const auto* i = std::get_if<std::int64_t>(&v))
        return check_range(spec, v, static_cast<double>(*i), std::to_string(*i));
    if (spec.type == Type::String) return check_choice(spec, std::move(v));
    return v;
}

Value resolve_path_value(const KeySpec& spec, Value v, const std::filesystem::path& dir) {
    if (spec.type != Type::Path) return v;
    const auto* s = std::get_if<std::string>(&v);
    if (!s || s->empty()) return v;
    std::error_code ec;
    auto abs = std::filesystem::absolute(dir / *s, ec);
    if (ec) abs = dir / *s;  // no working directory: keep it as given rather than fail
    return abs.lexically_normal().string();
}

}  // namespace sim::config
