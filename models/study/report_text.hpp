#pragma once
/// Number formatting shared by the study commands' readable reports (compare, validate).
#include <cmath>
#include <cstdio>
#include <string>

namespace study {

/// `x` with `digits` decimals, or "n/a" for NaN and infinities (a model with no accepted draw).
inline std::string fixed(double x, int digits) {
    if (!std::isfinite(x)) return "n/a";
    char buf[48];
    std::snprintf(buf, sizeof buf, "%.*f", digits, x);
    return buf;
}

}  // namespace study
