// Revision 2 (R1–R7) on the shipped data: the possibility tests (either message can win, inside the
// priors), national messages acting on signatures, who decides the first projects, outcomes at
// every stage, and the United States never adopting. Statistical tests use paired (common random
// numbers) differences over replicates and a one-sided t statistic.
#include <algorithm>
#include <cmath>
#include <filesystem>
#include <numeric>

#include <gtest/gtest.h>

#include "models/pushpull/experiment/run.hpp"
#include "models/pushpull/experiment/spec.hpp"
#include "models/pushpull/data/input_data.hpp"
#include "models/pushpull/world/world.hpp"

namespace pushpull::experiment {
namespace {

namespace fs = std::filesystem;

fs::path scenarios() { return fs::path(PUSHPULL_SOURCE_DIR) / "scenarios"; }

struct Ran {
    Plan plan;
    Results results;
    [[nodiscard]] std::vector<double> column(const std::string& arm, const std::string& stat) const {
        std::size_t a = 0;
        while (a < plan.arms.size() && plan.arms[a].name != arm) ++a;
        EXPECT_LT(a, plan.arms.size()) << arm;
        const auto s = static_cast<std::size_t>(
            std::find(results.statistics.begin(), results.statistics.end(), stat) - results.statistics.begin());
        EXPECT_LT(s, results.statistics.size()) << stat;
        return results.column(a, s, plan.runs_per_arm());
    }
};

Ran run(sim::Result<Spec> spec, int replicates) {
    EXPECT_TRUE(spec) << spec.error().message();
    spec->replicates = replicates;
    auto plan = make_plan(std::move(*spec));
    EXPECT_TRUE(plan) << plan.error().message();
    auto results = run_experiment(*plan, sim::Executor(2));
    EXPECT_TRUE(results) << results.error().message();
    return {std::move(*plan), std::move(*results)};
}

/// Mean and t statistic of the paired differences a - b.
std::pair<double, double> paired(const std::vector<double>& a, const std::vector<double>& b) {
    std::vector<double> d(a.size());
    for (std::size_t k = 0; k < a.size(); ++k) d[k] = a[k] - b[k];
    const double n = static_cast<double>(d.size());
    const double mean = std::accumulate(d.begin(), d.end(), 0.0) / n;
    double ss = 0;
    for (double x : d) ss += (x - mean) * (x - mean);
    const double se = std::sqrt(ss / (n - 1) / n);
    return {mean, se > 0 ? mean / se : (mean == 0 ? 0.0 : std::copysign(1e9, mean))};
}

// One-sided 1% critical value of Student's t with 11 degrees of freedom.
constexpr double kT99 = 2.72;

TEST(Possibility, GenericNationalCanBeatTailoredSubnational) {
    const auto r = run(parse_spec(scenarios() / "experiments" / "possibility_generic_wins.toml"), 12);
    const auto generic = r.column("generic_national", "countries_adopted_horizon");
    const auto tailored = r.column("tailored_subnational", "countries_adopted_horizon");
    const auto [mean, t] = paired(generic, tailored);
    EXPECT_LT(mean, 0.0);
    EXPECT_LT(t, -kT99) << "generic - tailored = " << mean;
}

TEST(Possibility, TailoredSubnationalCanBeatGenericNational) {
    const auto r = run(parse_spec(scenarios() / "experiments" / "possibility_tailored_wins.toml"), 12);
    const auto generic = r.column("generic_national", "countries_adopted_horizon");
    const auto tailored = r.column("tailored_subnational", "countries_adopted_horizon");
    const auto [mean, t] = paired(tailored, generic);
    EXPECT_LT(mean, 0.0);
    EXPECT_LT(t, -kT99) << "tailored - generic = " << mean;
}

std::string short_experiment(const std::string& base_sets, const std::string& arms) {
    return "base = \"baseline.toml\"\n[experiment]\nhorizon = \"2019Q4\"\nreplicates = 12\nseed = 77\nreference = \"none\"\n"
           "[[arm]]\nname = \"none\"\nset = [" + base_sets + "]\n" + arms;
}

TEST(Decisions, NationalMessagesReduceSignaturesWhenNationalOfficialsDecide) {
    const std::string world = "\"params.subnational_share=0\", \"us.start_year=2010\"";
    const auto r = run(parse_spec_text(short_experiment(world, "[[arm]]\nname = \"generic_national\"\nset = [" + world +
                                                                   ", \"us.content=generic\", \"us.level=national\", "
                                                                   "\"us.budget_musd=8\"]\n"),
                                       scenarios()),
                       12);
    const auto [mean, t] = paired(r.column("generic_national", "countries_adopted_2019"), r.column("none", "countries_adopted_2019"));
    EXPECT_LT(mean, 0.0);
    EXPECT_LT(t, -kT99) << "signed countries, messages - none = " << mean;
}

TEST(Decisions, SubnationalFirstProjectsTrackTheShare) {
    const auto r = run(parse_spec_text(short_experiment("\"params.subnational_share=0.2\"",
                                                        "[[arm]]\nname = \"mostly_local\"\nset = [\"params.subnational_share=0.8\"]\n"),
                                       scenarios()),
                       12);
    const auto low = r.column("none", "cities_first_project_subnational_share");
    const auto high = r.column("mostly_local", "cities_first_project_subnational_share");
    const auto [mean, t] = paired(high, low);
    EXPECT_GT(mean, 0.3) << "share of first Chinese projects decided below the national level, 0.8 vs 0.2";
    EXPECT_GT(t, kT99);
    // Every city can adopt first: some countries' first projects are outside the capital.
    const auto noncapital = r.column("mostly_local", "countries_first_in_noncapital");
    EXPECT_GT(std::accumulate(noncapital.begin(), noncapital.end(), 0.0) / static_cast<double>(noncapital.size()), 1.0);
}

TEST(Decisions, StagesAreOrderedAndTheUnitedStatesNeverAdopts) {
    auto spec = parse_spec_text(short_experiment("", ""), scenarios());
    ASSERT_TRUE(spec);
    auto plan = make_plan(std::move(*spec));
    ASSERT_TRUE(plan) << plan.error().message();
    const Params& p = plan->arms[0].params;
    auto input = data::load_input_data(p.data_dir, data::CitySet::Wup300k);
    ASSERT_TRUE(input) << input.error().message();
    for (std::uint64_t seed : {1u, 2u, 3u}) {
        Params q = p;
        q.seed = seed;
        auto world = build_world(*input, q);
        ASSERT_TRUE(world) << world.error().message();
        const auto exec = sim::Executor::serial();
        Simulation sim(*world, q, exec);
        TrajectoryRecorder rec(*world);
        sim.run(&rec);
        const auto& s = rec.series();
        for (std::size_t k = 0; k < s.steps; ++k) {
            EXPECT_GE(s.countries_adopted[k], s.countries_approved[k]) << k;
            EXPECT_GE(s.countries_approved[k], s.countries_operating[k]) << k;
            EXPECT_GE(s.cities_adopted[k], s.cities_approved[k]) << k;
            EXPECT_GE(s.cities_approved[k], s.cities_operating[k]) << k;
            EXPECT_GE(s.countries_adopted[k], s.countries_active[k]) << k;
        }
        EXPECT_GT(s.countries_operating.back(), 0);
        const auto& ct = world->countries;
        const auto usa = static_cast<std::size_t>(std::find(ct.iso3.begin(), ct.iso3.end(), "USA") - ct.iso3.begin());
        ASSERT_LT(usa, ct.size());
        EXPECT_EQ(ct.can_adopt[usa], 0);
        for (auto i = ct.city_begin[usa]; i < ct.city_end[usa]; ++i) EXPECT_LT(sim.state().cities.first_chinese_step[i], 0);
    }
}

}  // namespace
}  // namespace pushpull::experiment
