#pragma once
/// Counter-based random streams (Philox4x32-10, Random123).
/// A stream is keyed by (seed, step, agent, stream): the draws an agent gets do not depend on the
/// thread that runs it, on the order agents run in, or on draws made by any other agent or purpose.
/// No state is shared; an Rng is a cheap value made where it is needed.
#include <Random123/philox.h>

#include <cmath>
#include <cstdint>
#include <numbers>

namespace sim {

class Rng {
public:
    /// @param seed   run seed; @param step  time step (or any outer index)
    /// @param agent  agent index; @param stream purpose (a model-defined enum value)
    Rng(std::uint64_t seed, std::uint32_t step, std::uint32_t agent, std::uint32_t stream) noexcept {
        key_ = {{static_cast<std::uint32_t>(seed), static_cast<std::uint32_t>(seed >> 32)}};
        ctr_ = {{step, agent, stream, 0}};
    }

    /// Uniform double in the open interval (0, 1), 53 bits.
    double uniform() noexcept {
        if (used_ >= 2) refill();
        const std::uint64_t hi = out_.v[2 * used_];
        const std::uint64_t lo = out_.v[2 * used_ + 1];
        ++used_;
        const std::uint64_t bits = ((hi << 32) | lo) >> 11;  // 53 bits
        return (static_cast<double>(bits) + 0.5) * 0x1.0p-53;
    }

    bool bernoulli(double p) noexcept { return uniform() < p; }

    /// Standard normal (Box–Muller; the second value is discarded to keep draws stateless per call).
    double normal() noexcept {
        const double u1 = uniform();
        const double u2 = uniform();
        return std::sqrt(-2.0 * std::log(u1)) * std::cos(2.0 * std::numbers::pi * u2);
    }
    double normal(double mean, double sd) noexcept { return mean + sd * normal(); }
    double lognormal(double log_median, double sigma) noexcept { return std::exp(log_median + sigma * normal()); }
    double exponential(double rate) noexcept { return -std::log(uniform()) / rate; }

    /// Poisson by inversion; meant for small means (shocks, arrivals per step).
    std::uint32_t poisson(double mean) noexcept {
        if (mean <= 0.0) return 0;
        const double limit = std::exp(-mean);
        double prod = uniform();
        std::uint32_t k = 0;
        while (prod > limit && k < 1000) {
            prod *= uniform();
            ++k;
        }
        return k;
    }

    /// Gamma(shape, 1) by Marsaglia–Tsang (shape < 1 boosted).
    double gamma(double shape) noexcept {
        if (shape < 1.0) return gamma(shape + 1.0) * std::pow(uniform(), 1.0 / shape);
        const double d = shape - 1.0 / 3.0;
        const double c = 1.0 / std::sqrt(9.0 * d);
        for (;;) {
            double x = normal();
            double v = 1.0 + c * x;
            if (v <= 0.0) continue;
            v = v * v * v;
            const double u = uniform();
            if (std::log(u) < 0.5 * x * x + d - d * v + d * std::log(v)) return d * v;
        }
    }

    /// Uniform integer in [0, n).
    std::uint32_t below(std::uint32_t n) noexcept {
        return static_cast<std::uint32_t>(uniform() * static_cast<double>(n)) % (n == 0 ? 1 : n);
    }

private:
    void refill() noexcept {
        out_ = r123::Philox4x32()(ctr_, key_);
        ctr_.v[3] += 1;
        used_ = 0;
    }

    r123::Philox4x32::key_type key_{};
    r123::Philox4x32::ctr_type ctr_{};
    r123::Philox4x32::ctr_type out_{};
    unsigned used_ = 2;
};

}  // namespace sim
