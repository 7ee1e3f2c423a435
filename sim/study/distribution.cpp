#include "sim/study/distribution.hpp"

#include <algorithm>
#include <array>
#include <cctype>
#include <charconv>
#include <cmath>
#include <limits>
#include <numbers>
#include <optional>
#include <string_view>
#include <vector>

namespace sim::study {

namespace {

constexpr double kInf = std::numeric_limits<double>::infinity();
constexpr double kLogSqrt2Pi = 0.91893853320467274178;  // log √(2π)

/// Horner's rule, coefficients in ascending powers.
double poly(const std::array<double, 8>& c, double x) noexcept {
    double s = c[7];
    for (int i = 6; i >= 0; --i) s = s * x + c[static_cast<std::size_t>(i)];
    return s;
}

/// Mass of the standard normal on [za, zb], za <= zb, computed in the tail that keeps precision:
/// when both bounds are above 0, as Φ(-za) - Φ(-zb).
double normal_mass(double za, double zb) noexcept {
    if (za > 0.0) return normal_cdf(-za) - normal_cdf(-zb);
    return normal_cdf(zb) - normal_cdf(za);
}

}  // namespace

double normal_cdf(double z) noexcept {
    return 0.5 * std::erfc(-z * std::numbers::sqrt2 / 2.0);
}

double normal_quantile(double p) noexcept {
    // Wichura, M. J. (1988) Algorithm AS 241: The percentage points of the normal distribution.
    // Applied Statistics 37, 477-484. PPND16.
    static constexpr std::array<double, 8> a = {
        3.3871328727963666080e0,  1.3314166789178437745e+2, 1.9715909503065514427e+3, 1.3731693765509461125e+4,
        4.5921953931549871457e+4, 6.7265770927008700853e+4, 3.3430575583588128105e+4, 2.5090809287301226727e+3};
    static constexpr std::array<double, 8> b = {1.0,
                                                4.2313330701600911252e+1,
                                                6.8718700749205790830e+2,
                                                5.3941960214247511077e+3,
                                                2.1213794301586595867e+4,
                                                3.9307895800092710610e+4,
                                                2.8729085735721942674e+4,
                                                5.2264952788528545610e+3};
    static constexpr std::array<double, 8> c = {
        1.42343711074968357734e0, 4.63033784615654529590e0,  5.76949722146069140550e0,  3.64784832476320460504e0,
        1.27045825245236838258e0, 2.41780725177450611770e-1, 2.27238449892691845833e-2, 7.74545014278341407640e-4};
    static constexpr std::array<double, 8> d = {1.0,
                                                2.05319162663775882187e0,
                                                1.67638483018380384940e0,
                                                6.89767334985100004550e-1,
                                                1.48103976427480074590e-1,
                                                1.51986665636164571966e-2,
                                                5.47593808499534494600e-4,
                                                1.05075007164441684324e-9};
    static constexpr std::array<double, 8> e = {
        6.65790464350110377720e0,  5.46378491116411436990e0,  1.78482653991729133580e0,  2.96560571828504891230e-1,
        2.65321895265761230930e-2, 1.24266094738807843860e-3, 2.71155556874348757815e-5, 2.01033439929228813265e-7};
    static constexpr std::array<double, 8> f = {1.0,
                                                5.99832206555887937690e-1,
                                                1.36929880922735805310e-1,
                                                1.48753612908506148525e-2,
                                                7.86869131145613259100e-4,
                                                1.84631831751005468180e-5,
                                                1.42151175831644588870e-7,
                                                2.04426310338993978564e-15};

    if (!(p > 0.0)) return -kInf;
    if (!(p < 1.0)) return kInf;
    const double q = p - 0.5;
    if (std::fabs(q) <= 0.425) {
        const double r = 0.180625 - q * q;
        return q * poly(a, r) / poly(b, r);
    }
    double r = std::sqrt(-std::log(q < 0.0 ? p : 1.0 - p));
    double z = 0.0;
    if (r <= 5.0) {
        r -= 1.6;
        z = poly(c, r) / poly(d, r);
    } else {
        r -= 5.0;
        z = poly(e, r) / poly(f, r);
    }
    return q < 0.0 ? -z : z;
}

// ---- Distribution ---------------------------------------------------------------------------------

Distribution::Distribution(Kind k, double a, double b, double lo, double hi) noexcept
    : kind_(k), a_(a), b_(b), lo_(lo), hi_(hi) {
    set_mass();
}

Distribution Distribution::uniform(double lo, double hi) {
    return {Kind::Uniform, lo, hi, lo, hi};
}
Distribution Distribution::normal(double mean, double sd) {
    return {Kind::Normal, mean, sd, -kInf, kInf};
}
Distribution Distribution::lognormal(double log_median, double sigma) {
    return {Kind::LogNormal, log_median, sigma, 0.0, kInf};
}
Distribution Distribution::log_uniform(double lo, double hi) {
    return {Kind::LogUniform, lo, hi, lo, hi};
}

double Distribution::z_of(double x) const noexcept {
    if (kind_ == Kind::Normal) return (x - a_) / b_;
    if (x <= 0.0) return -kInf;
    return (std::log(x) - a_) / b_;
}

void Distribution::set_mass() noexcept {
    if (kind_ != Kind::Normal && kind_ != Kind::LogNormal) return;
    z_lo_ = z_of(lo_);
    z_hi_ = z_of(hi_);
    log_mass_ = truncated_ ? std::log(normal_mass(z_lo_, z_hi_)) : 0.0;
}

sim::Result<Distribution> Distribution::truncated(double lo, double hi) const {
    Distribution t = *this;
    t.lo_ = std::max(lo_, lo);
    t.hi_ = std::min(hi_, hi);
    t.truncated_ = true;
    t.set_mass();
    const bool empty =
        !(t.lo_ < t.hi_) || ((kind_ == Kind::Normal || kind_ == Kind::LogNormal) && !(t.log_mass_ > -700.0));
    if (empty) {
        return sim::bad_input("", "truncating " + to_string() + " to [" + std::to_string(lo) + ", " +
                                      std::to_string(hi) + "] leaves no probability mass");
    }
    return t;
}

double Distribution::log_pdf(double x) const noexcept {
    if (!(x >= lo_ && x <= hi_)) return -kInf;  // also rejects NaN
    switch (kind_) {
        case Kind::Uniform:
            return -std::log(hi_ - lo_);
        case Kind::LogUniform:
            return -std::log(x) - std::log(std::log(hi_ / lo_));
        case Kind::Normal: {
            const double z = z_of(x);
            return -0.5 * z * z - std::log(b_) - kLogSqrt2Pi - log_mass_;
        }
        case Kind::LogNormal: {
            if (x <= 0.0) return -kInf;
            const double z = z_of(x);
            return -0.5 * z * z - std::log(b_) - std::log(x) - kLogSqrt2Pi - log_mass_;
        }
    }
    return -kInf;
}

double Distribution::cdf(double x) const noexcept {
    if (x <= lo_) return 0.0;
    if (x >= hi_) return 1.0;
    switch (kind_) {
        case Kind::Uniform:
            return (x - lo_) / (hi_ - lo_);
        case Kind::LogUniform:
            return std::log(x / lo_) / std::log(hi_ / lo_);
        case Kind::Normal:
        case Kind::LogNormal: {
            const double z = z_of(x);
            if (z_lo_ > 0.0) return 1.0 - normal_mass(z, z_hi_) / std::exp(log_mass_);
            return normal_mass(z_lo_, z) / std::exp(log_mass_);
        }
    }
    return 0.0;
}

double Distribution::quantile(double u) const noexcept {
    switch (kind_) {
        case Kind::Uniform:
            return lo_ + u * (hi_ - lo_);
        case Kind::LogUniform:
            return lo_ * std::pow(hi_ / lo_, u);
        case Kind::Normal:
        case Kind::LogNormal: {
            double z = 0.0;
            if (!truncated_) {
                z = normal_quantile(u);
            } else if (z_lo_ > 0.0) {
                // Upper tail: invert the mirrored interval [-z_hi, -z_lo], where Φ keeps its digits.
                const double f_lo = normal_cdf(-z_hi_);
                z = -normal_quantile(f_lo + (1.0 - u) * (normal_cdf(-z_lo_) - f_lo));
            } else {
                const double f_lo = normal_cdf(z_lo_);
                z = normal_quantile(f_lo + u * (normal_cdf(z_hi_) - f_lo));
            }
            z = std::clamp(z, z_lo_, z_hi_);  // guards rounding at the truncation points
            const double x = a_ + b_ * z;
            return kind_ == Kind::Normal ? x : std::exp(x);
        }
    }
    return std::numeric_limits<double>::quiet_NaN();
}

namespace {

std::string num(double x) {
    std::array<char, 32> buf{};
    const auto r = std::to_chars(buf.data(), buf.data() + buf.size(), x);
    return {buf.data(), r.ptr};
}

}  // namespace

std::string Distribution::to_string() const {
    std::string s;
    switch (kind_) {
        case Kind::Uniform:
            s = "U(" + num(a_) + ", " + num(b_) + ")";
            break;
        case Kind::Normal:
            s = "N(" + num(a_) + ", " + num(b_) + "²)";
            break;
        case Kind::LogNormal:
            s = "LogN(log " + num(std::exp(a_)) + ", " + num(b_) + ")";
            break;
        case Kind::LogUniform:
            s = "LogU(" + num(a_) + ", " + num(b_) + ")";
            break;
    }
    if (truncated_) s += " T[" + num(lo_) + ", " + num(hi_) + "]";
    return s;
}

// ---- parsing ----------------------------------------------------------------------------------------

namespace {

constexpr std::string_view kForms = "expected U(lo, hi), N(mean, sd²), LogN(log median, sigma) or LogU(lo, hi)";

std::string_view trim(std::string_view s) {
    const auto b = s.find_first_not_of(" \t\r\n");
    if (b == std::string_view::npos) return {};
    const auto e = s.find_last_not_of(" \t\r\n");
    return s.substr(b, e - b + 1);
}

/// The text with the typographic minus (U+2212) and its look-alikes replaced by '-'.
std::string ascii_minus(std::string_view s) {
    std::string out;
    for (std::size_t i = 0; i < s.size(); ++i) {
        if (s.substr(i, 3) == "\u2212" || s.substr(i, 3) == "\u2013") {
            out += '-';
            i += 2;
        } else {
            out += s[i];
        }
    }
    return out;
}

std::string lower(std::string_view s) {
    std::string out(s);
    for (char& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    return out;
}

/// A whole string as one double ("+1.5", "-3", "1e-2"); infinities only when allowed.
std::optional<double> number(std::string_view s, bool allow_inf = false) {
    s = trim(s);
    if (!s.empty() && s.front() == '+') s.remove_prefix(1);
    if (s.empty()) return std::nullopt;
    double v = 0.0;
    const auto r = std::from_chars(s.data(), s.data() + s.size(), v);
    if (r.ec != std::errc() || r.ptr != s.data() + s.size() || std::isnan(v) || (!allow_inf && std::isinf(v)))
        return std::nullopt;
    return v;
}

/// Strips a trailing "²" or "^2"; returns whether one was there.
bool strip_square(std::string_view& s) {
    s = trim(s);
    for (const std::string_view sq : {std::string_view("\u00b2"), std::string_view("^2")}) {
        if (s.size() > sq.size() && s.substr(s.size() - sq.size()) == sq) {
            s.remove_suffix(sq.size());
            return true;
        }
    }
    return false;
}

/// Splits "a, b" into exactly two parts.
std::optional<std::pair<std::string_view, std::string_view>> two_args(std::string_view inner) {
    const auto comma = inner.find(',');
    if (comma == std::string_view::npos || inner.find(',', comma + 1) != std::string_view::npos) return std::nullopt;
    return std::pair{trim(inner.substr(0, comma)), trim(inner.substr(comma + 1))};
}

/// "log 1.5", "log(1.5)" -> log(1.5); a bare number is taken as the log median itself.
std::optional<double> log_median(std::string_view s) {
    s = trim(s);
    if (s.size() > 3 && lower(s.substr(0, 3)) == "log") {
        std::string_view rest = trim(s.substr(3));
        if (rest.size() >= 2 && rest.front() == '(' && rest.back() == ')') rest = rest.substr(1, rest.size() - 2);
        const auto m = number(rest);
        if (!m || *m <= 0.0) return std::nullopt;
        return std::log(*m);
    }
    return number(s);
}

}  // namespace

sim::Result<Distribution> parse_distribution(const std::string& text) {
    const std::string clean = ascii_minus(text);
    const std::string_view s = trim(clean);
    const auto fail = [&](std::string_view why) {
        std::string what(why.empty() ? kForms : why);
        return sim::bad_input("", what + "; got '" + text + "'");
    };

    // The parenthesis that closes the first '(' (a log median may bring its own: "log(1.5)").
    const auto open = s.find('(');
    if (open == std::string_view::npos) return fail("");
    std::size_t close = std::string_view::npos;
    for (std::size_t i = open, depth = 0; i < s.size() && close == std::string_view::npos; ++i) {
        if (s[i] == '(') ++depth;
        if (s[i] == ')' && --depth == 0) close = i;
    }
    if (close == std::string_view::npos) return fail("");
    const std::string name = lower(trim(s.substr(0, open)));
    const auto args = two_args(s.substr(open + 1, close - open - 1));
    if (!args) return fail("");
    std::string_view first = args->first;
    std::string_view second = args->second;

    std::optional<Distribution> d;
    if (name == "u" || name == "logu") {
        const auto lo = number(first);
        const auto hi = number(second);
        if (!lo || !hi) return fail("");
        if (!(*lo < *hi)) return fail(name == "u" ? "U(lo, hi) needs lo < hi" : "LogU(lo, hi) needs lo < hi");
        if (name == "logu" && !(*lo > 0.0)) return fail("LogU(lo, hi) needs 0 < lo");
        d = name == "u" ? Distribution::uniform(*lo, *hi) : Distribution::log_uniform(*lo, *hi);
    } else if (name == "n") {
        strip_square(second);  // N(m, s²) and N(m, s) both mean sd = s
        const auto mean = number(first);
        const auto sd = number(second);
        if (!mean || !sd) return fail("");
        if (!(*sd > 0.0)) return fail("N(mean, sd²) needs sd > 0");
        d = Distribution::normal(*mean, *sd);
    } else if (name == "logn") {
        const auto mu = log_median(first);
        const auto sigma = number(second);
        if (!mu || !sigma) return fail("");
        if (!(*sigma > 0.0)) return fail("LogN(log median, sigma) needs sigma > 0 and median > 0");
        d = Distribution::lognormal(*mu, *sigma);
    } else {
        return fail("");
    }

    // Optional truncation suffix " T[lo, hi]".
    const std::string_view rest = trim(s.substr(close + 1));
    if (rest.empty()) return *d;
    if (rest.size() < 4 || (rest[0] != 'T' && rest[0] != 't') || trim(rest.substr(1)).front() != '[' ||
        rest.back() != ']') {
        return fail(std::string(kForms) + ", optionally followed by T[lo, hi]");
    }
    const std::string_view bracket = trim(rest.substr(1));
    const auto bounds = two_args(bracket.substr(1, bracket.size() - 2));
    const auto lo = bounds ? number(bounds->first, true) : std::nullopt;
    const auto hi = bounds ? number(bounds->second, true) : std::nullopt;
    if (!lo || !hi) return fail("truncation must read T[lo, hi]");
    auto t = d->truncated(*lo, *hi);
    if (!t) return fail(t.error().message());
    return t;
}

}  // namespace sim::study
