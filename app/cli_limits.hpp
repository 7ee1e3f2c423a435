#pragma once
/// The resource budget and strict value parsing of the command line (README "Limits"). Every
/// check here runs while the arguments are parsed, before anything is allocated or read.
#include <CLI/CLI.hpp>

#include <algorithm>
#include <cstdint>
#include <optional>
#include <string>
#include <thread>

namespace app {

/// Worker threads: at most 4 x the hardware threads (at least 4 when the count is unknown).
[[nodiscard]] inline int max_threads() {
    const unsigned hw = std::max(1u, std::thread::hardware_concurrency());
    return static_cast<int>(std::min<unsigned>(hw, 1u << 16) * 4u);
}

/// Bootstrap replicates for Sobol' intervals.
constexpr int kMaxBootstrap = 100'000;

/// A seed: decimal digits only, in [0, 2^63) (it is stored as a signed 64-bit integer). "" when
/// the text is valid, else the reason.
[[nodiscard]] inline std::string seed_problem(const std::string& text) {
    if (text.empty()) return "--seed: empty value";
    if (text.size() > 19 || text.find_first_not_of("0123456789") != std::string::npos)
        return "--seed: '" + text + "' is not an integer in [0, 2^63)";
    const unsigned long long v = std::stoull(text);
    if (v >= (1ULL << 63)) return "--seed: " + text + " is not below 2^63";
    return "";
}

/// A CLI11 validator for --seed (exit 2 on failure, like every parse error).
inline CLI::Validator seed_validator() {
    return CLI::Validator([](std::string& s) { return seed_problem(s); }, "INT in [0, 2^63)", "seed");
}

/// --log-level values.
inline CLI::Validator log_level_validator() {
    return CLI::IsMember({"trace", "debug", "info", "warn", "error", "critical", "off"});
}

}  // namespace app
