#pragma once
/// Prior distributions for calibration (MODEL.md §5): a small value type, not a class hierarchy,
/// because priors are data read from the parameter table and copied into every study.
///
/// Every draw is by inversion (one uniform per draw): sample(rng) == quantile(rng.uniform()). That
/// keeps truncation exact and makes unit-hypercube designs (Latin hypercube, Sobol) and random
/// draws the same map.
#include <cstdint>
#include <string>

#include "sim/error.hpp"
#include "sim/rng.hpp"

namespace sim::study {

/// Φ, the standard normal CDF (via erfc, accurate in the lower tail).
[[nodiscard]] double normal_cdf(double z) noexcept;

/// Φ⁻¹(p) for p in (0, 1) by Wichura's AS241 (PPND16, relative error about 1e-16).
/// Returns -inf at p <= 0 and +inf at p >= 1.
[[nodiscard]] double normal_quantile(double p) noexcept;

class Distribution {
public:
    enum class Kind { Uniform, Normal, LogNormal, LogUniform };

    /// U(lo, hi); precondition lo < hi, both finite.
    static Distribution uniform(double lo, double hi);
    /// N(mean, sd²); precondition sd > 0.
    static Distribution normal(double mean, double sd);
    /// log X ~ N(log_median, sigma²); precondition sigma > 0.
    static Distribution lognormal(double log_median, double sigma);
    /// log X ~ U(log lo, log hi); precondition 0 < lo < hi.
    static Distribution log_uniform(double lo, double hi);

    /// This distribution conditioned on [lo, hi] (intersected with its support). Used so that a
    /// Normal prior on a bounded model parameter never proposes outside the parameter's range.
    /// Errors (BadInput) when the interval is empty or carries no probability mass.
    [[nodiscard]] sim::Result<Distribution> truncated(double lo, double hi) const;

    [[nodiscard]] Kind kind() const noexcept { return kind_; }
    /// First parameter: lo (U, LogU), mean (N), log median (LogN).
    [[nodiscard]] double a() const noexcept { return a_; }
    /// Second parameter: hi (U, LogU), sd (N), sigma (LogN).
    [[nodiscard]] double b() const noexcept { return b_; }
    [[nodiscard]] bool is_truncated() const noexcept { return truncated_; }

    /// Support, after truncation; may be infinite.
    [[nodiscard]] double lo() const noexcept { return lo_; }
    [[nodiscard]] double hi() const noexcept { return hi_; }

    /// Log density at x; -inf outside the support.
    [[nodiscard]] double log_pdf(double x) const noexcept;
    /// P(X <= x).
    [[nodiscard]] double cdf(double x) const noexcept;
    /// The u-quantile for u in (0, 1); monotone, so it maps a unit-hypercube design to values.
    [[nodiscard]] double quantile(double u) const noexcept;
    /// One draw: quantile(rng.uniform()).
    [[nodiscard]] double sample(sim::Rng& rng) const noexcept { return quantile(rng.uniform()); }

    /// The parser's syntax: "U(-8, -3)", "N(0.5, 0.5²)", "LogN(log 1.5, 0.3)", "LogU(0.1, 10)",
    /// with " T[lo, hi]" appended when truncated. parse_distribution(d.to_string()) gives back d
    /// (up to the last digit of a log median).
    [[nodiscard]] std::string to_string() const;

private:
    Distribution(Kind k, double a, double b, double lo, double hi) noexcept;
    /// Standardized bounds (Normal, LogNormal): z = (x - mean) / sd, or (log x - mu) / sigma.
    [[nodiscard]] double z_of(double x) const noexcept;
    void set_mass() noexcept;

    Kind kind_;
    double a_;
    double b_;
    double lo_;
    double hi_;
    bool truncated_ = false;
    double z_lo_ = 0.0;  // standardized support bounds (Normal, LogNormal)
    double z_hi_ = 0.0;
    double log_mass_ = 0.0;  // log P(z_lo <= Z <= z_hi) under the untruncated law
};

/// Parses a prior as written in MODEL.md §5 (whitespace-tolerant; "−" and "-" both minus):
///   "U(lo, hi)"            uniform
///   "N(mean, s²)"          normal with standard deviation s. "s²" and "s^2" name the variance the
///                          way the table writes it; a bare "s" is also read as the standard deviation
///                          (never as a variance), so "N(0, 0.25)" has sd 0.25.
///   "LogN(log m, sigma)"   lognormal with median m; "LogN(mu, sigma)" gives mu = log median directly
///   "LogU(lo, hi)"         log-uniform, 0 < lo < hi
/// Any of them may end with " T[lo, hi]" (truncation). Names are case-insensitive.
/// Errors: BadInput with the expected forms and the offending text.
[[nodiscard]] sim::Result<Distribution> parse_distribution(const std::string& text);

}  // namespace sim::study
