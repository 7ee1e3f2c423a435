// Prior distributions: parsing every form of MODEL.md §5, the normal quantile against published
// values, log densities against closed forms, truncation, and sample moments (4 sd / √N).
#include "sim/study/distribution.hpp"

#include <gtest/gtest.h>

#include <cmath>
#include <limits>
#include <numbers>

using sim::study::Distribution;
using sim::study::parse_distribution;
using Kind = Distribution::Kind;

namespace {

Distribution parsed(const std::string& text) {
    auto d = parse_distribution(text);
    EXPECT_TRUE(d.has_value()) << text << ": " << (d ? "" : d.error().message());
    return d ? *d : Distribution::uniform(0, 1);
}

/// Sample mean and sd of n draws, each from its own stream.
std::pair<double, double> moments(const Distribution& d, std::uint32_t n) {
    double s = 0.0;
    double s2 = 0.0;
    for (std::uint32_t i = 0; i < n; ++i) {
        sim::Rng rng(7, 0, i, 3);
        const double x = d.sample(rng);
        s += x;
        s2 += x * x;
    }
    const double m = s / n;
    return {m, std::sqrt((s2 - n * m * m) / (n - 1))};
}

}  // namespace

TEST(Distribution, ParsesEveryFormOfTheParameterTable) {
    const auto u = parsed("U(-8, -3)");
    EXPECT_EQ(u.kind(), Kind::Uniform);
    EXPECT_EQ(u.a(), -8.0);
    EXPECT_EQ(u.b(), -3.0);

    const auto u_minus = parsed("U(\u22128, \u22123)");  // the table's typographic minus
    EXPECT_EQ(u_minus.a(), -8.0);
    EXPECT_EQ(u_minus.b(), -3.0);

    for (const char* text : {"N(0.5, 0.5\u00b2)", "N(0.5, 0.5^2)", "N(0.5,0.5)", "  n ( 0.5 , 0.5² ) "}) {
        const auto n = parsed(text);
        EXPECT_EQ(n.kind(), Kind::Normal) << text;
        EXPECT_EQ(n.a(), 0.5) << text;
        EXPECT_EQ(n.b(), 0.5) << text;  // sd, whether written s² or s
    }
    EXPECT_EQ(parsed("N(\u22122, 1)").a(), -2.0);

    const auto ln = parsed("LogN(log 1.5, 0.3)");
    EXPECT_EQ(ln.kind(), Kind::LogNormal);
    EXPECT_DOUBLE_EQ(ln.a(), std::log(1.5));
    EXPECT_EQ(ln.b(), 0.3);
    EXPECT_DOUBLE_EQ(parsed("LogN(log(3), 0.3)").a(), std::log(3.0));
    EXPECT_EQ(parsed("LogN(0.405, 0.3)").a(), 0.405);  // log median given directly

    const auto lu = parsed("LogU(0.1, 10)");
    EXPECT_EQ(lu.kind(), Kind::LogUniform);
    EXPECT_EQ(lu.a(), 0.1);
    EXPECT_EQ(lu.b(), 10.0);

    const auto t = parsed("N(0.5, 0.5²) T[0, 3]");
    EXPECT_TRUE(t.is_truncated());
    EXPECT_EQ(t.lo(), 0.0);
    EXPECT_EQ(t.hi(), 3.0);
}

TEST(Distribution, RejectsBadStringsWithTheExpectedForms) {
    for (const char* text : {"",
                             "U",
                             "U(1)",
                             "U(1, 2, 3)",
                             "U(a, 2)",
                             "Beta(1, 2)",
                             "U(3, 1)",
                             "U(1, 1)",
                             "N(0, 0)",
                             "N(0, -1)",
                             "N(0², 1)",
                             "LogN(log -1, 0.3)",
                             "LogN(log 1.5, 0)",
                             "LogU(0, 10)",
                             "LogU(-1, 10)",
                             "U(1, 2) junk",
                             "N(0, 1) T[5, 4]",
                             "U(0, 1) T[2, 3]",
                             "N(0, 1) T[40, 41]",
                             "U(1, 2"}) {
        const auto d = parse_distribution(text);
        ASSERT_FALSE(d.has_value()) << "accepted '" << text << "' as " << d->to_string();
        EXPECT_EQ(d.error().kind, sim::ErrorKind::BadInput);
        EXPECT_NE(d.error().message().find(std::string("got '") + text + "'"), std::string::npos)
            << d.error().message();
    }
    EXPECT_NE(parse_distribution("Beta(1, 2)")
                  .error()
                  .message()
                  .find("expected U(lo, hi), N(mean, sd²), LogN(log median, sigma) or LogU(lo, hi)"),
              std::string::npos);
    EXPECT_NE(parse_distribution("U(3, 1)").error().message().find("lo < hi"), std::string::npos);
}

TEST(Distribution, ToStringParsesBack) {
    for (const char* text : {"U(-8, -3)", "N(0.5, 0.5²)", "LogN(log 1.5, 0.3)", "LogU(0.1, 10)", "N(0.5, 0.5²) T[0, 3]",
                             "LogN(log 3, 0.3) T[1, 12]"}) {
        const auto d = parsed(text);
        const auto back = parsed(d.to_string());
        EXPECT_EQ(back.kind(), d.kind()) << text;
        EXPECT_DOUBLE_EQ(back.a(), d.a()) << text;
        EXPECT_EQ(back.b(), d.b()) << text;
        EXPECT_EQ(back.lo(), d.lo()) << text;
        EXPECT_EQ(back.hi(), d.hi()) << text;
    }
    EXPECT_EQ(parsed("U(-8, -3)").to_string(), "U(-8, -3)");
    EXPECT_EQ(parsed("N(0.5, 0.5^2)").to_string(), "N(0.5, 0.5²)");
}

TEST(Distribution, NormalQuantileMatchesPublishedValues) {
    using sim::study::normal_quantile;
    EXPECT_NEAR(normal_quantile(0.975), 1.959963984540054, 1e-14);
    EXPECT_NEAR(normal_quantile(0.5), 0.0, 1e-16);
    EXPECT_NEAR(normal_quantile(0.8413447460685429), 1.0, 1e-13);
    EXPECT_NEAR(normal_quantile(0.001), -3.090232306167813, 1e-13);
    EXPECT_NEAR(normal_quantile(1e-10), -6.361340902404056, 1e-12);
    EXPECT_NEAR(normal_quantile(1e-300), -37.0470962993612, 1e-9);
    EXPECT_EQ(normal_quantile(0.0), -std::numeric_limits<double>::infinity());
    EXPECT_EQ(normal_quantile(1.0), std::numeric_limits<double>::infinity());
}

TEST(Distribution, QuantileInvertsCdfForEveryKind) {
    const Distribution ds[] = {parsed("U(-8, -3)"),
                               parsed("N(0.5, 0.5²)"),
                               parsed("LogN(log 1.5, 0.3)"),
                               parsed("LogU(0.1, 10)"),
                               parsed("N(0.5, 0.5²) T[0, 3]"),
                               parsed("N(0, 1) T[2.5, 9]"),  // the upper tail, where Φ loses digits
                               parsed("LogN(log 3, 0.3) T[1, 12]")};
    for (const auto& d : ds) {
        for (const double u : {1e-9, 0.001, 0.025, 0.3, 0.5, 0.77, 0.975, 0.999, 1 - 1e-9}) {
            const double x = d.quantile(u);
            EXPECT_GE(x, d.lo()) << d.to_string();
            EXPECT_LE(x, d.hi()) << d.to_string();
            EXPECT_NEAR(d.cdf(x), u, 1e-9 + 1e-9 * u) << d.to_string() << " u=" << u;
        }
    }
    EXPECT_NEAR(parsed("N(1, 2)").quantile(0.975), 1.0 + 2.0 * 1.959963984540054, 1e-12);
    EXPECT_NEAR(parsed("LogN(log 1.5, 0.3)").quantile(0.5), 1.5, 1e-12);
    EXPECT_NEAR(parsed("LogU(0.1, 10)").quantile(0.5), 1.0, 1e-12);
}

TEST(Distribution, LogPdfMatchesClosedForms) {
    const double inf = std::numeric_limits<double>::infinity();
    EXPECT_NEAR(parsed("U(-8, -3)").log_pdf(-5.0), -std::log(5.0), 1e-15);
    EXPECT_EQ(parsed("U(-8, -3)").log_pdf(-2.0), -inf);
    EXPECT_EQ(parsed("U(-8, -3)").log_pdf(std::nan("")), -inf);
    // N(0.5, 0.5²) at 1: z = 1, log φ = -1/2 - log 0.5 - log √(2π).
    EXPECT_NEAR(parsed("N(0.5, 0.5²)").log_pdf(1.0), -0.5 - std::log(0.5) - 0.5 * std::log(2 * std::numbers::pi),
                1e-14);
    // LogN(log 1.5, 0.3) at its median: -log(0.3 · 1.5 · √(2π)).
    EXPECT_NEAR(parsed("LogN(log 1.5, 0.3)").log_pdf(1.5), -std::log(0.3 * 1.5 * std::sqrt(2 * std::numbers::pi)),
                1e-14);
    EXPECT_EQ(parsed("LogN(log 1.5, 0.3)").log_pdf(0.0), -inf);
    EXPECT_NEAR(parsed("LogU(0.1, 10)").log_pdf(2.0), -std::log(2.0 * std::log(100.0)), 1e-14);
    EXPECT_EQ(parsed("LogU(0.1, 10)").log_pdf(11.0), -inf);
}

TEST(Distribution, TruncationRenormalizesAndBounds) {
    // N(0, 1) on [0, inf): the half-normal, density 2 φ(x), mean √(2/π).
    const auto half = Distribution::normal(0.0, 1.0).truncated(0.0, std::numeric_limits<double>::infinity()).value();
    EXPECT_NEAR(half.log_pdf(1.0), std::log(2.0) - 0.5 - 0.5 * std::log(2 * std::numbers::pi), 1e-14);
    EXPECT_EQ(half.log_pdf(-0.1), -std::numeric_limits<double>::infinity());
    EXPECT_NEAR(half.quantile(0.5), 0.6744897501960817, 1e-12);  // Φ⁻¹(0.75)
    const auto [m, sd] = moments(half, 20000);
    EXPECT_NEAR(m, std::sqrt(2.0 / std::numbers::pi), 4.0 * sd / std::sqrt(20000.0));

    // Truncating a uniform just narrows it.
    const auto u = Distribution::uniform(0.0, 10.0).truncated(2.0, 4.0).value();
    EXPECT_NEAR(u.log_pdf(3.0), -std::log(2.0), 1e-15);
    EXPECT_FALSE(Distribution::uniform(0.0, 1.0).truncated(2.0, 3.0).has_value());

    // Every draw of a truncated prior lies in its bounds.
    const auto t = parsed("N(0.5, 0.5²) T[0, 3]");
    for (std::uint32_t i = 0; i < 2000; ++i) {
        sim::Rng rng(3, 1, i, 0);
        const double x = t.sample(rng);
        ASSERT_GE(x, 0.0);
        ASSERT_LE(x, 3.0);
    }
}

TEST(Distribution, SampleMomentsMatchWithin4SdOverSqrtN) {
    constexpr std::uint32_t n = 20000;
    const double k = 4.0 / std::sqrt(static_cast<double>(n));
    struct Case {
        const char* text;
        double mean;
        double sd;
    };
    const double ln_var = (std::exp(0.09) - 1.0) * std::exp(2.0 * std::log(1.5) + 0.09);
    const Case cases[] = {
        {"U(-8, -3)", -5.5, 5.0 / std::sqrt(12.0)},
        {"N(0.5, 0.5²)", 0.5, 0.5},
        {"LogN(log 1.5, 0.3)", 1.5 * std::exp(0.045), std::sqrt(ln_var)},
        {"LogU(0.1, 10)", 9.9 / std::log(100.0),
         std::sqrt((100.0 - 0.01) / (2.0 * std::log(100.0)) - std::pow(9.9 / std::log(100.0), 2))},
    };
    for (const auto& c : cases) {
        const auto [m, sd] = moments(parsed(c.text), n);
        EXPECT_NEAR(m, c.mean, k * c.sd) << c.text;
        EXPECT_NEAR(sd, c.sd, 0.05 * c.sd) << c.text;
    }
}
