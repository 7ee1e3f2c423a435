// ABC model choice (sim/study/model_choice.hpp): recovers the generating model of pseudo-data from
// two analytic rivals, is reproducible whatever the thread count, and refuses bad settings.
#include "sim/study/model_choice.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <numeric>

#include "sim/rng.hpp"

namespace {

using sim::study::ModelChoiceSettings;
using sim::study::Prior;
using sim::study::RivalModel;

constexpr std::size_t kObservations = 30;

double uniform_from(std::uint64_t seed, std::uint32_t i) {
    sim::Rng rng(seed, i, 0, 0x7E57u);
    return rng.uniform();
}

/// Poisson(lambda) by inversion of one uniform.
double poisson(double lambda, double u) {
    double p = std::exp(-lambda), cdf = p;
    int x = 0;
    while (u > cdf && x < 1000) {
        ++x;
        p *= lambda / x;
        cdf += p;
    }
    return x;
}

/// Failures before the first success of a geometric law with mean mu.
double geometric(double mu, double u) {
    const double p = 1.0 / (1.0 + mu);
    return std::floor(std::log1p(-u) / std::log1p(-p));
}

/// (sample mean, variance / mean) of kObservations draws: the second statistic tells a Poisson
/// (about 1) from a geometric (about 1 + mean) sample.
std::vector<double> summary(const std::vector<double>& x) {
    const double n = static_cast<double>(x.size());
    const double mean = std::accumulate(x.begin(), x.end(), 0.0) / n;
    double ss = 0;
    for (const double v : x) ss += (v - mean) * (v - mean);
    return {mean, mean > 0 ? ss / (n - 1) / mean : 0.0};
}

std::vector<double> simulate(bool geometric_model, double mu, std::uint64_t seed) {
    std::vector<double> x;
    for (std::uint32_t i = 0; i < kObservations; ++i) {
        const double u = uniform_from(seed, i);
        x.push_back(geometric_model ? geometric(mu, u) : poisson(mu, u));
    }
    return summary(x);
}

std::vector<RivalModel> rivals() {
    const auto prior = [] { return std::vector<Prior>{{"mu", *sim::study::parse_distribution("U(1, 5)")}}; };
    return {
        {"poisson", prior(), [](const std::vector<double>& t, std::uint64_t s) { return simulate(false, t[0], s); }},
        {"geometric", prior(), [](const std::vector<double>& t, std::uint64_t s) { return simulate(true, t[0], s); }},
    };
}

sim::study::ScaledDistanceFn distance_to(std::vector<double> observed) {
    return [observed](const std::vector<double>& s, const std::vector<double>& scales) {
        double d = 0;
        for (std::size_t j = 0; j < s.size(); ++j) d += std::pow((s[j] - observed[j]) / scales[j], 2);
        return std::sqrt(d);
    };
}

TEST(ModelChoice, RecoversTheGeneratingModelInAtLeastEightOfTenReplications) {
    const sim::Executor executor(2);
    ModelChoiceSettings settings;
    settings.draws = 1000;
    settings.accept = 0.02;
    settings.bootstrap = 0;
    for (std::size_t truth = 0; truth < 2; ++truth) {
        int recovered = 0;
        for (std::uint64_t rep = 0; rep < 10; ++rep) {
            const double mu = 1.0 + 4.0 * uniform_from(9000 + rep, 99);
            const auto observed = simulate(truth == 1, mu, 5000 + rep);
            settings.seed = 100 + rep;
            auto r = sim::study::run_model_choice(rivals(), 2, distance_to(observed), {}, settings, executor);
            ASSERT_TRUE(r.has_value()) << r.error().message();
            EXPECT_NEAR(r->probability[0] + r->probability[1], 1.0, 1e-12);
            if (r->probability[truth] > 0.5) ++recovered;
        }
        EXPECT_GE(recovered, 8) << "generating model " << rivals()[truth].name;
    }
}

TEST(ModelChoice, IdenticalRivalsShareTheProbability) {
    auto models = rivals();
    models[1] = models[0];
    models[1].name = "poisson again";
    ModelChoiceSettings settings;
    settings.draws = 4000;
    settings.accept = 0.05;
    settings.bootstrap = 50;
    auto r =
        sim::study::run_model_choice(models, 2, distance_to(simulate(false, 3.0, 1)), {}, settings, sim::Executor(2));
    ASSERT_TRUE(r.has_value());
    EXPECT_NEAR(r->probability[0], 0.5, 0.1);
    EXPECT_LE(r->probability_q05[0], r->probability[0]);
    EXPECT_GE(r->probability_q95[0], r->probability[0]);
    EXPECT_LT(r->probability_q05[0], r->probability_q95[0]);
    EXPECT_EQ(r->accepted[0] + r->accepted[1],
              std::size_t(std::count(r->draws[0].accepted.begin(), r->draws[0].accepted.end(), 1) +
                          std::count(r->draws[1].accepted.begin(), r->draws[1].accepted.end(), 1)));
}

TEST(ModelChoice, SameResultWhateverTheThreadCount) {
    ModelChoiceSettings settings;
    settings.draws = 300;
    settings.bootstrap = 20;
    const auto d = distance_to(simulate(true, 2.0, 3));
    auto serial = sim::study::run_model_choice(rivals(), 2, d, {}, settings, sim::Executor::serial());
    auto parallel = sim::study::run_model_choice(rivals(), 2, d, {}, settings, sim::Executor(2));
    ASSERT_TRUE(serial && parallel);
    EXPECT_EQ(serial->probability, parallel->probability);
    EXPECT_EQ(serial->probability_q05, parallel->probability_q05);
    EXPECT_EQ(serial->draws[1].statistics, parallel->draws[1].statistics);
    EXPECT_EQ(serial->tolerance, parallel->tolerance);
}

TEST(ModelChoice, RefusesBadSettings) {
    ModelChoiceSettings settings;
    const auto d = distance_to({1, 1});
    settings.accept = 0;
    EXPECT_FALSE(sim::study::run_model_choice(rivals(), 2, d, {}, settings, sim::Executor::serial()));
    settings.accept = 0.1;
    settings.draws = 0;
    EXPECT_FALSE(sim::study::run_model_choice(rivals(), 2, d, {}, settings, sim::Executor::serial()));
    settings.draws = 10;
    EXPECT_FALSE(sim::study::run_model_choice({}, 2, d, {}, settings, sim::Executor::serial()));
    const auto nan_distance = [](const std::vector<double>&, const std::vector<double>&) { return std::nan(""); };
    auto r = sim::study::run_model_choice(rivals(), 2, nan_distance, {}, settings, sim::Executor::serial());
    ASSERT_FALSE(r);
    EXPECT_NE(r.error().message().find("NaN"), std::string::npos);
}

}  // namespace
