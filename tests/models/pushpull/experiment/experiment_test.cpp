// The experiment logic without the CLI: spec parsing and validation, seeds, contrasts, and the CRN
// checks on short runs of the real data (identical arms differ by exactly zero; paired differences
// vary far less than unpaired ones; results do not depend on the thread count).
#include <cmath>
#include <filesystem>

#include <gtest/gtest.h>

#include "models/pushpull/experiment/contrast.hpp"
#include "models/pushpull/experiment/output.hpp"

namespace pushpull::experiment {
namespace {

namespace fs = std::filesystem;

fs::path scenarios() { return fs::path(PUSHPULL_SOURCE_DIR) / "scenarios"; }

std::string spec_text(const std::string& exp_extra, const std::string& arms) {
    return "base = \"test_small.toml\"\n[experiment]\nhorizon = \"2012Q4\"\nreplicates = 2\nseed = 3\nreference = \"ref\"\n" +
           exp_extra + "\n[[arm]]\nname = \"ref\"\nset = []\n" + arms;
}

sim::Result<Plan> plan_from(const std::string& text) {
    auto spec = parse_spec_text(text, scenarios());
    if (!spec) return std::unexpected(spec.error());
    return make_plan(std::move(*spec));
}

bool mentions(const sim::Error& e, const std::string& what) { return e.message().find(what) != std::string::npos; }

TEST(ExperimentSpec, ParsesTheShippedTinyExperiment) {
    auto spec = parse_spec(scenarios() / "experiments" / "test_tiny.toml");
    ASSERT_TRUE(spec) << spec.error().message();
    EXPECT_EQ(spec->arms.size(), 3u);
    EXPECT_EQ(spec->replicates, 2);
    auto plan = make_plan(*spec);
    ASSERT_TRUE(plan) << plan.error().message();
    EXPECT_EQ(plan->arms[plan->reference].name, "no_action");
    EXPECT_EQ(plan->arms[0].params.end_year, 2012);
    EXPECT_EQ(plan->total_runs(), 6u);
}

TEST(ExperimentSpec, UnknownKeysAreErrors) {
    auto r = parse_spec_text(spec_text("colour = 3", "") + "[[arm]]\nname = \"x\"\nsett = []\n", scenarios());
    ASSERT_FALSE(r);
    EXPECT_TRUE(mentions(r.error(), "experiment.colour")) << r.error().message();
    EXPECT_TRUE(mentions(r.error(), "arm 'x'")) << r.error().message();
    EXPECT_TRUE(mentions(r.error(), "sett")) << r.error().message();
}

TEST(ExperimentSpec, UnknownOverrideKeyNamesTheArm) {
    auto r = plan_from(spec_text("", "[[arm]]\nname = \"bad_arm\"\nset = [\"us.contnet=tailored\"]\n"));
    ASSERT_FALSE(r);
    EXPECT_EQ(r.error().kind, sim::ErrorKind::BadInput);
    EXPECT_TRUE(mentions(r.error(), "arm 'bad_arm'")) << r.error().message();
    EXPECT_TRUE(mentions(r.error(), "us.contnet")) << r.error().message();
}

TEST(ExperimentSpec, BadValuesAndRunKeysAreErrors) {
    auto r = plan_from(spec_text("", "[[arm]]\nname = \"a\"\nset = [\"us.content=loud\"]\n[[arm]]\nname = \"b\"\nset = [\"run.seed=4\"]\n"));
    ASSERT_FALSE(r);
    EXPECT_TRUE(mentions(r.error(), "arm 'a'")) << r.error().message();
    EXPECT_TRUE(mentions(r.error(), "arm 'b'")) << r.error().message();
}

TEST(ExperimentSpec, MissingBaseReferencePosteriorAndDuplicates) {
    auto r = parse_spec_text("base = \"nope.toml\"\n[experiment]\nreference = \"z\"\nposterior = \"cal.h5\"\n"
                             "[[arm]]\nname = \"a\"\n[[arm]]\nname = \"a\"\n",
                             scenarios());
    ASSERT_FALSE(r);
    EXPECT_TRUE(mentions(r.error(), "nope.toml"));
    EXPECT_TRUE(mentions(r.error(), "'z' is not an arm"));
    EXPECT_TRUE(mentions(r.error(), "experiment.posterior"));
    EXPECT_TRUE(mentions(r.error(), "duplicate arm name"));
}

TEST(ExperimentSeeds, SameForEveryArmDistinctAcrossRuns) {
    EXPECT_EQ(run_seed(5, 0, 1), run_seed(5, 0, 1));
    EXPECT_NE(run_seed(5, 0, 1), run_seed(5, 0, 2));
    EXPECT_NE(run_seed(5, 1, 0), run_seed(5, 0, 1));
    EXPECT_NE(run_seed(5, 0, 0), run_seed(6, 0, 0));
}

TEST(ExperimentContrast, QuantilesAndSpread) {
    EXPECT_DOUBLE_EQ(quantile({1, 2, 3, 4, 5}, 0.5), 3.0);
    EXPECT_DOUBLE_EQ(quantile({1, 2, 3, 4, 5}, 0.05), 1.2);
    const auto c = contrast({3, 5, 7, 9}, {1, 2, 3, 4}, 1, 4);  // paired diffs 2, 3, 4, 5
    EXPECT_DOUBLE_EQ(c.mean, 3.5);
    EXPECT_EQ(c.n, 4);
    EXPECT_NEAR(c.sd_paired, std::sqrt(5.0 / 3.0), 1e-12);
    // unpaired: 3-2, 5-3, 7-4, 9-1
    EXPECT_GT(c.sd_unpaired, 0.0);
    const auto z = contrast({1, 2, 3}, {1, 2, 3}, 1, 3);
    EXPECT_EQ(z.mean, 0.0);
    EXPECT_EQ(z.sd_paired, 0.0);
    EXPECT_EQ(z.variance_ratio, 0.0);
    const double nan = std::nan("");
    EXPECT_EQ(contrast({nan, nan}, {nan, nan}, 1, 2).n, 0);
}

/// Runs the shipped tiny experiment once per thread count (shared by the tests below).
const Results& tiny(int threads) {
    static std::map<int, Results> cache;
    if (!cache.contains(threads)) {
        auto spec = parse_spec(scenarios() / "experiments" / "test_tiny.toml");
        auto plan = make_plan(*spec);
        auto r = run_experiment(*plan, sim::Executor(threads));
        EXPECT_TRUE(r) << r.error().message();
        cache[threads] = *r;
    }
    return cache[threads];
}

TEST(ExperimentCrn, IdenticalArmsDifferByExactlyZero) {
    const auto& r = tiny(2);
    auto plan = make_plan(*parse_spec(scenarios() / "experiments" / "test_tiny.toml"));
    const auto cs = reference_contrasts(*plan, r);
    int checked = 0;
    for (const auto& c : cs) {
        if (c.arm != "same_as_reference") continue;
        SCOPED_TRACE(c.statistic);
        if (c.n == 0) continue;  // NaN in both (2019 statistics of a run ending in 2012)
        EXPECT_EQ(c.mean, 0.0);
        EXPECT_EQ(c.q05, 0.0);
        EXPECT_EQ(c.q95, 0.0);
        EXPECT_EQ(c.sd_paired, 0.0);
        ++checked;
    }
    EXPECT_GE(checked, 8);
    // and run by run, bit for bit
    const std::size_t per_arm = plan->runs_per_arm();
    for (std::size_t k = 0; k < per_arm; ++k)
        for (std::size_t s = 0; s < r.statistics.size(); ++s) {
            const double a = r.runs[per_arm + k].values[s], b = r.runs[k].values[s];
            EXPECT_TRUE((std::isnan(a) && std::isnan(b)) || a == b) << r.statistics[s];
        }
}

TEST(ExperimentCrn, ResultsDoNotDependOnTheThreadCount) {
    const auto& one = tiny(1);
    const auto& two = tiny(2);
    ASSERT_EQ(one.runs.size(), two.runs.size());
    ASSERT_EQ(one.statistics, two.statistics);
    for (std::size_t i = 0; i < one.runs.size(); ++i) {
        EXPECT_EQ(one.runs[i].seed, two.runs[i].seed);
        for (std::size_t s = 0; s < one.statistics.size(); ++s) {
            const double a = one.runs[i].values[s], b = two.runs[i].values[s];
            EXPECT_TRUE((std::isnan(a) && std::isnan(b)) || a == b);
        }
    }
}

TEST(ExperimentCrn, PairedVarianceFarBelowUnpairedForASmallPolicy) {
    // A small policy (tailored messages to 10 officials a year) over 12 replicates to 2013Q4.
    auto plan = plan_from(
        "base = \"test_small.toml\"\n[experiment]\nhorizon = \"2013Q4\"\nreplicates = 12\nseed = 17\nreference = \"ref\"\n"
        "[[arm]]\nname = \"ref\"\nset = [\"us.content=none\"]\n"
        "[[arm]]\nname = \"small\"\nset = [\"us.content=tailored\", \"us.level=subnational\", \"us.budget_musd=1\", \"us.start_year=2010\"]\n");
    ASSERT_TRUE(plan) << plan.error().message();
    auto r = run_experiment(*plan, sim::Executor(2));
    ASSERT_TRUE(r) << r.error().message();
    for (const auto& c : reference_contrasts(*plan, *r)) {
        if (c.statistic != "cities_adopted_horizon" && c.statistic != "countries_adopted_horizon") continue;
        std::cout << "[ CRN      ] " << c.statistic << ": sd paired " << c.sd_paired << ", sd unpaired " << c.sd_unpaired
                  << ", variance ratio " << c.variance_ratio << "\n";
        EXPECT_GT(c.sd_unpaired, 0.0);
        EXPECT_LT(c.variance_ratio, 0.25) << c.statistic;
    }
}

TEST(ExperimentOutput, TreeAndReport) {
    const auto& r = tiny(2);
    auto plan = make_plan(*parse_spec(scenarios() / "experiments" / "test_tiny.toml"));
    const auto tree = experiment_tree(*plan, r);
    auto text = format_report(tree, true);
    ASSERT_TRUE(text) << text.error().message();
    EXPECT_NE(text->find("tailored_subnational"), std::string::npos);
    EXPECT_NE(text->find("d countries (horizon)"), std::string::npos);
    EXPECT_NE(text->find("Headline contrast: tailored_subnational - same_as_reference"), std::string::npos);
    EXPECT_FALSE(format_report(sim::out::Group{}));
}

}  // namespace
}  // namespace pushpull::experiment
