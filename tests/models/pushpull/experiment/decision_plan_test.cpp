// R14 experiments: [priors] drawn inside the experiment, the [[structure]] multiverse, cells and
// their seeds, refusals naming the key, and a short real run whose contrasts carry the new
// columns, whose variance parts sum to the total, and whose results do not depend on the thread
// count. The shipped decision experiment is a valid plan.
#include <cmath>
#include <filesystem>
#include <set>

#include <gtest/gtest.h>

#include "models/pushpull/experiment/contrast.hpp"
#include "models/pushpull/experiment/output.hpp"
#include "models/pushpull/experiment/run.hpp"

namespace pushpull::experiment {
namespace {

namespace fs = std::filesystem;

fs::path scenarios() { return fs::path(PUSHPULL_SOURCE_DIR) / "scenarios"; }

const std::string kArms =
    "[[arm]]\nname = \"ref\"\nset = [\"us.content=none\"]\ncost_musd = 0\n"
    "[[arm]]\nname = \"tailored\"\nset = [\"us.content=tailored\", \"us.level=subnational\", \"us.budget_musd=4\", "
    "\"us.targeting=chinese_offer\", \"us.start_year=2010\"]\ncost_musd = 4\n";

std::string text(const std::string& exp_extra, const std::string& tables, const std::string& arms = kArms) {
    return "base = \"test_small.toml\"\n[experiment]\nhorizon = \"2012Q4\"\nreplicates = 2\nseed = 3\nreference = \"ref\"\n" +
           exp_extra + "\n" + tables + "\n" + arms;
}

const std::string kPriors = "[priors]\n\"us.kappa_tailored\" = \"prior\"\nus.msg_decay = \"U(0.8, 0.95)\"\n";
const std::string kStructures =
    "[[structure]]\nname = \"rev2\"\nset = []\n"
    "[[structure]]\nname = \"capital\"\nset = [\"structure.decision_level=capital_national\"]\n";

sim::Result<Plan> plan_from(const std::string& t) {
    auto spec = parse_spec_text(t, scenarios());
    if (!spec) return std::unexpected(spec.error());
    return make_plan(std::move(*spec));
}

bool mentions(const sim::Error& e, const std::string& what) { return e.message().find(what) != std::string::npos; }

TEST(DecisionPlan, PriorsStructuresAndCells) {
    auto plan = plan_from(text("unidentified_draws = 3", kPriors + kStructures));
    ASSERT_TRUE(plan) << plan.error().message();
    EXPECT_EQ(plan->cells(), 6u);
    EXPECT_EQ(plan->runs_per_arm(), 12u);
    ASSERT_EQ(plan->unidentified.keys.size(), 2u);
    // Unquoted dotted keys are read as the same dotted key.
    const std::set<std::string> keys(plan->unidentified.keys.begin(), plan->unidentified.keys.end());
    EXPECT_TRUE(keys.contains("us.msg_decay"));
    EXPECT_TRUE(keys.contains("us.kappa_tailored"));
    // Latin hypercube: one draw in each third of every prior.
    for (std::size_t j = 0; j < 2; ++j) {
        const bool decay = plan->unidentified.keys[j] == "us.msg_decay";
        std::set<int> strata;
        for (std::size_t u = 0; u < 3; ++u) {
            const double v = plan->unidentified.values[u * 2 + j];
            const double unit = decay ? (v - 0.8) / 0.15 : v / 6.0;  // stated prior U(0, 6)
            ASSERT_GE(unit, 0.0);
            ASSERT_LE(unit, 1.0);
            strata.insert(static_cast<int>(unit * 3));
        }
        EXPECT_EQ(strata.size(), 3u) << plan->unidentified.keys[j];
    }
    // Cell (s, u, d): structure s and draw u in every arm, the arm's overrides on top.
    for (std::size_t s = 0; s < 2; ++s)
        for (std::size_t u = 0; u < 3; ++u) {
            const std::size_t c = plan->cell_of(s, u, 0);
            for (std::size_t a = 0; a < 2; ++a) {
                const auto& p = plan->params_of(a, c);
                EXPECT_STREQ(name_of(p.structure.decision_level, kDecisionLevelNames), s == 0 ? "project" : "capital_national");
                const std::size_t j = plan->unidentified.keys[0] == "us.msg_decay" ? 0 : 1;
                EXPECT_DOUBLE_EQ(p.us.msg_decay, plan->unidentified.values[u * 2 + j]);
            }
            EXPECT_EQ(plan->params_of(0, c).us.content, UsContent::None);
            EXPECT_EQ(plan->params_of(1, c).us.content, UsContent::Tailored);
        }
    EXPECT_EQ(plan->arms[1].cost_musd, 4.0);
    const auto text_plan = describe_plan(*plan);
    EXPECT_NE(text_plan.find("us.msg_decay ~ U(0.8, 0.95)"), std::string::npos) << text_plan;
    EXPECT_NE(text_plan.find("cells       6 = 2 structure(s) x 3 unidentified draw(s) x 1 calibrated draw(s)"), std::string::npos);
    EXPECT_NE(text_plan.find("held fixed"), std::string::npos);  // says what is NOT drawn too
    EXPECT_EQ(text_plan.find("held fixed  46"), std::string::npos);
}

TEST(DecisionPlan, InlinePriorsInTheExperimentTableAreTheSame) {
    auto table = plan_from(text("unidentified_draws = 3", kPriors));
    auto inline_ = plan_from(text("unidentified_draws = 3\npriors = { \"us.kappa_tailored\" = \"prior\", \"us.msg_decay\" = \"U(0.8, 0.95)\" }", ""));
    ASSERT_TRUE(table) << table.error().message();
    ASSERT_TRUE(inline_) << inline_.error().message();
    EXPECT_EQ(table->unidentified.keys, inline_->unidentified.keys);
    EXPECT_EQ(table->unidentified.values, inline_->unidentified.values);  // same seed, same draws
    auto both = plan_from(text("unidentified_draws = 3\npriors = { \"us.msg_decay\" = \"prior\" }", kPriors));
    ASSERT_FALSE(both);
    EXPECT_TRUE(mentions(both.error(), "priors.us.msg_decay: given twice")) << both.error().message();
}

TEST(DecisionPlan, RefusalsNameTheKey) {
    struct Case {
        std::string text, expect;
    };
    const std::vector<Case> cases = {
        {text("", kPriors), "experiment.unidentified_draws: missing"},
        {text("unidentified_draws = 4", ""), "draws of nothing"},
        {text("unidentified_draws = 2", "[priors]\n\"us.kappa_tailored\" = \"W(1)\"\n"), "priors.us.kappa_tailored"},
        {text("unidentified_draws = 2", "[priors]\n\"us.content\" = \"U(0, 1)\"\n"), "not a numeric key"},
        {text("unidentified_draws = 2", "[priors]\n\"us.alt_price\" = \"prior\"\n"), "states no prior"},
        {text("unidentified_draws = 2", "[priors]\n\"run.seed\" = \"U(0, 1)\"\n"), "cannot be drawn from a prior"},
        {text("unidentified_draws = 2", "[priors]\n\"us.kappa_tailored\" = 3\n"), "expected a distribution as text"},
        {text("", "[[structure]]\nname = \"x\"\nset = [\"us.budget_musd=3\"]\n"), "structure.* switches only"},
        {text("", "[[structure]]\nname = \"x\"\nset = [\"structure.decision_level=nowhere\"]\n"), "structure 'x'"},
        {text("", "[[structure]]\nname = \"x\"\nset = []\n[[structure]]\nname = \"x\"\nset = []\n"), "duplicate structure name"},
        {text("outcome = \"countries_happy\"", ""), "experiment.outcome: 'countries_happy'"},
        {text("rank_by = [\"nope\"]", ""), "experiment.rank_by: 'nope'"},
        {text("unidentified_draws = 2", kPriors,
              kArms + "[[arm]]\nname = \"bad\"\nset = [\"us.msg_decay=0.9\"]\n"),
         "arm 'bad'"},
        {text("", kStructures, kArms + "[[arm]]\nname = \"bad\"\nset = [\"structure.decision_level=project\"]\n"),
         "structural switch"},
        {text("", "", "[[arm]]\nname = \"ref\"\nset = []\ncost_musd = -1\n"), "cost_musd"},
    };
    for (const auto& c : cases) {
        auto r = plan_from(c.text);
        ASSERT_FALSE(r) << c.expect;
        EXPECT_EQ(r.error().kind, sim::ErrorKind::BadInput);
        EXPECT_TRUE(mentions(r.error(), c.expect)) << "expected '" << c.expect << "' in: " << r.error().message();
    }
}

TEST(DecisionPlan, WithoutR14TablesSeedsAndIndicesAreUnchanged) {
    // One structure, no priors: the cell is the posterior draw, so existing experiments keep their seeds.
    auto plan = plan_from(text("", ""));
    ASSERT_TRUE(plan) << plan.error().message();
    EXPECT_EQ(plan->cells(), 1u);
    EXPECT_TRUE(plan->arms[0].cell_params.empty());
    EXPECT_TRUE(plan->cell_sets(0).empty());
}

/// The celled tiny experiment, run once per thread count.
const std::pair<Plan, Results>& celled(int threads) {
    static std::map<int, std::pair<Plan, Results>> cache;
    if (!cache.contains(threads)) {
        auto plan = plan_from(text("unidentified_draws = 3", kPriors + kStructures));
        EXPECT_TRUE(plan) << plan.error().message();
        auto r = run_experiment(*plan, sim::Executor(threads));
        EXPECT_TRUE(r) << r.error().message();
        cache.emplace(threads, std::make_pair(std::move(*plan), std::move(*r)));
    }
    return cache.at(threads);
}

TEST(DecisionRun, CommonSeedsAcrossArmsDistinctAcrossCells) {
    const auto& [plan, r] = celled(2);
    const std::size_t per_arm = plan.runs_per_arm();
    std::set<std::uint64_t> seeds;
    for (std::size_t k = 0; k < per_arm; ++k) {
        EXPECT_EQ(r.runs[k].seed, r.runs[per_arm + k].seed);  // common random numbers
        seeds.insert(r.runs[k].seed);
        EXPECT_EQ(r.runs[k].structure, static_cast<int>(k / 6));
        EXPECT_EQ(r.runs[k].unidentified, static_cast<int>((k / 2) % 3));
        EXPECT_EQ(r.runs[k].replicate, static_cast<int>(k % 2));
    }
    EXPECT_EQ(seeds.size(), per_arm);  // every cell its own seeds: the levels are nested
}

TEST(DecisionRun, VariancePartsSumToTheTotalOnRealRuns) {
    const auto& [plan, r] = celled(2);
    int nonzero = 0;
    for (const auto& c : reference_contrasts(plan, r)) {
        if (c.n == 0) continue;
        SCOPED_TRACE(c.statistic);
        const auto& v = c.variance;
        EXPECT_NEAR(v.structural + v.unidentified + v.calibrated + v.seed, v.total, 1e-9 * std::max(1.0, v.total));
        EXPECT_NEAR(v.total, c.sd_paired * c.sd_paired * (c.n - 1) / c.n, 1e-9 * std::max(1.0, v.total));
        EXPECT_EQ(v.calibrated, 0.0);  // one calibrated draw
        nonzero += v.total > 0;
        if (std::isfinite(c.ci_lo)) {
            EXPECT_LE(c.ci_lo, c.mean + 1e-12);
            EXPECT_GE(c.ci_hi, c.mean - 1e-12);
        }
        EXPECT_LE(c.p_negative + c.p_positive, 1.0 + 1e-12);
        EXPECT_EQ(c.units, 3);  // the unidentified draws
    }
    EXPECT_GT(nonzero, 0);
    double total = 0;
    for (const auto& k : rankings(plan, r)) total += k.p_best;
    EXPECT_NEAR(total, 1.0, 1e-12);  // one ranked statistic (the outcome) over the arms
}

TEST(DecisionRun, ResultsDoNotDependOnTheThreadCount) {
    const auto& one = celled(1).second;
    const auto& two = celled(2).second;
    ASSERT_EQ(one.runs.size(), two.runs.size());
    for (std::size_t i = 0; i < one.runs.size(); ++i)
        for (std::size_t s = 0; s < one.statistics.size(); ++s) {
            const double a = one.runs[i].values[s], b = two.runs[i].values[s];
            EXPECT_TRUE((std::isnan(a) && std::isnan(b)) || a == b);
        }
}

TEST(DecisionRun, TreeAndReportCarryTheDecisionTable) {
    const auto& [plan, r] = celled(2);
    const auto tree = experiment_tree(plan, r);
    std::set<std::string> groups;
    for (const auto& g : tree.groups) groups.insert(g.name);
    for (const char* g : {"unidentified", "structures", "ranking", "contrasts", "runs"}) EXPECT_TRUE(groups.contains(g)) << g;
    auto report = format_report(tree);
    ASSERT_TRUE(report) << report.error().message();
    EXPECT_NE(report->find("Which lever, how much, how sure"), std::string::npos) << *report;
    EXPECT_NE(report->find("2 structure(s) x 3 unidentified draw(s)"), std::string::npos) << *report;
}

TEST(DecisionPlan, ShippedDecisionExperimentIsValid) {
    auto spec = parse_spec(scenarios() / "experiments" / "decision_messaging.toml");
    ASSERT_TRUE(spec) << spec.error().message();
    auto plan = make_plan(*spec);
    ASSERT_TRUE(plan) << plan.error().message();
    EXPECT_GE(plan->structures(), 2u);
    EXPECT_GE(plan->unidentified.keys.size(), 10u);
    EXPECT_TRUE(plan->posterior.has_value());
    // Message strengths, backfire, decay and salience means are drawn, never silently fixed (R14).
    for (const auto& k : plan->fixed_with_prior) {
        EXPECT_NE(k.rfind("us.", 0), 0u) << k;
        EXPECT_EQ(k.find("sal_"), std::string::npos) << k;
    }
}

}  // namespace
}  // namespace pushpull::experiment
