// Posterior draws for experiments: systematic resampling, reading a posterior file written with the
// engine's HDF5 writer (the layout `pushpull calibrate` writes), and plans whose draws apply the
// same particle to every arm — deterministic from the experiment seed, validated like --set.
#include <algorithm>
#include <cmath>
#include <filesystem>
#include <map>
#include <set>

#include <gtest/gtest.h>

#include "models/pushpull/experiment/output.hpp"
#include "models/pushpull/experiment/posterior.hpp"
#include "models/pushpull/experiment/run.hpp"
#include "sim/output/hdf5_writer.hpp"

namespace pushpull::experiment {
namespace {

namespace fs = std::filesystem;

fs::path scenarios() { return fs::path(PUSHPULL_SOURCE_DIR) / "scenarios"; }

fs::path tmp_dir(const std::string& name) {
    const fs::path d = fs::path(PUSHPULL_TEST_TMP) / "posterior_unit" / name;
    fs::remove_all(d);
    fs::create_directories(d);
    return d;
}

struct PosteriorSpec {
    std::vector<std::string> parameters = {"params.alpha0", "beta_crime"};
    std::vector<double> particles = {-3.0, 0.1, -3.25, 0.2, -3.5, 0.30000000000000004, -3.75, 0.4, -4.0, 0.5};
    std::vector<double> weights = {0.2, 0.2, 0.2, 0.2, 0.2};
    bool with_weights = true;
};

fs::path write_posterior(const fs::path& dir, const PosteriorSpec& s) {
    sim::out::Group root;
    auto& g = root.group("posterior");
    g.add("parameter", s.parameters);
    g.add("particles", s.particles).shape = {s.particles.size() / s.parameters.size(), s.parameters.size()};
    if (s.with_weights) g.add("weights", s.weights);
    const fs::path file = dir / "posterior.h5";
    auto w = sim::out::write_hdf5(root, file, {.overwrite = true});
    EXPECT_TRUE(w) << w.error().message();
    return file;
}

std::string experiment_text(const fs::path& posterior, int draws, int seed, const std::string& extra_arms = "") {
    return "base = \"test_small.toml\"\n[experiment]\nhorizon = \"2009Q4\"\nreplicates = 1\ndraws = " + std::to_string(draws) +
           "\nseed = " + std::to_string(seed) + "\nposterior = \"" + posterior.string() +
           "\"\nreference = \"ref\"\n[[arm]]\nname = \"ref\"\nset = [\"us.content=none\"]\n"
           "[[arm]]\nname = \"tailored\"\nset = [\"us.content=tailored\", \"us.budget_musd=4\", \"us.start_year=2008\"]\n" +
           extra_arms;
}

sim::Result<Plan> plan_from(const std::string& text) {
    auto spec = parse_spec_text(text, scenarios());
    if (!spec) return std::unexpected(spec.error());
    return make_plan(std::move(*spec));
}

bool mentions(const sim::Error& e, const std::string& what) { return e.message().find(what) != std::string::npos; }

TEST(SystematicResample, CountsAreFloorOrCeilOfDrawsTimesWeight) {
    const std::vector<double> w = {0.05, 0.4, 0.0, 0.25, 0.3};
    for (std::uint64_t seed : {1ull, 2ull, 99ull, 123456789ull}) {
        const auto idx = systematic_resample(w, 13, seed);
        ASSERT_EQ(idx.size(), 13u);
        EXPECT_TRUE(std::is_sorted(idx.begin(), idx.end()));
        std::map<std::size_t, int> n;
        for (auto i : idx) ++n[i];
        EXPECT_EQ(n[2], 0);  // zero weight: never drawn
        for (std::size_t i = 0; i < w.size(); ++i) {
            const double e = 13 * w[i];
            EXPECT_GE(n[i], static_cast<int>(std::floor(e))) << i;
            EXPECT_LE(n[i], static_cast<int>(std::ceil(e))) << i;
        }
        EXPECT_EQ(idx, systematic_resample(w, 13, seed));  // deterministic
    }
    // a single particle with all the weight; uniform weights with D = N: each particle once
    EXPECT_EQ(systematic_resample(std::vector<double>{0, 1, 0}, 4, 7), (std::vector<std::size_t>{1, 1, 1, 1}));
    EXPECT_EQ(systematic_resample(std::vector<double>{1, 1, 1, 1}, 4, 7), (std::vector<std::size_t>{0, 1, 2, 3}));
    // unnormalised weights give the same draws as normalised ones
    EXPECT_EQ(systematic_resample(std::vector<double>{1, 8, 6}, 5, 3), systematic_resample(std::vector<double>{1.0 / 15, 8.0 / 15, 6.0 / 15}, 5, 3));
}

TEST(SystematicResample, TheSeedMovesTheDraws) {
    const std::vector<double> w = {0.3, 0.3, 0.4};
    std::set<std::vector<std::size_t>> seen;
    for (std::uint64_t seed = 0; seed < 20; ++seed) seen.insert(systematic_resample(w, 2, seed));
    EXPECT_GT(seen.size(), 1u);
}

TEST(ReadPosterior, ReadsTheCalibrateLayout) {
    const auto dir = tmp_dir("read");
    PosteriorSpec s;
    s.weights = {1, 1, 1, 1, 4};  // not normalised: renormalised on reading
    auto p = read_posterior(write_posterior(dir, s));
    ASSERT_TRUE(p) << p.error().message();
    EXPECT_EQ(p->size(), 5u);
    EXPECT_EQ(p->dims(), 2u);
    EXPECT_DOUBLE_EQ(p->weights[4], 0.5);
    EXPECT_EQ(p->value(2, 1), 0.30000000000000004);
    EXPECT_EQ(p->sha256.size(), 64u);
}

TEST(ReadPosterior, BadFilesAreBadInputNamingTheProblem) {
    const auto dir = tmp_dir("bad");
    {
        PosteriorSpec s;
        s.with_weights = false;
        auto p = read_posterior(write_posterior(dir, s));
        ASSERT_FALSE(p);
        EXPECT_EQ(p.error().kind, sim::ErrorKind::BadInput);
        EXPECT_TRUE(mentions(p.error(), "/posterior/weights: missing")) << p.error().message();
        EXPECT_TRUE(mentions(p.error(), "posterior.h5")) << p.error().message();
    }
    {
        PosteriorSpec s;
        s.weights = {0.2, 0.2, 0.2, 0.2};  // N = 4 against 5 particles
        auto p = read_posterior(write_posterior(dir, s));
        ASSERT_FALSE(p);
        EXPECT_TRUE(mentions(p.error(), "does not match N x d")) << p.error().message();
    }
    {
        PosteriorSpec s;
        s.weights = {0.2, -0.2, 0.2, 0.2, 0.2};
        auto p = read_posterior(write_posterior(dir, s));
        ASSERT_FALSE(p);
        EXPECT_TRUE(mentions(p.error(), "weight 1")) << p.error().message();
    }
    {
        auto p = read_posterior(dir / "nope.h5");
        ASSERT_FALSE(p);
        EXPECT_EQ(p.error().kind, sim::ErrorKind::BadInput);
    }
    {
        sim::out::Group root;
        root.group("other").add("x", std::vector<double>{1.0});
        ASSERT_TRUE(sim::out::write_hdf5(root, dir / "other.h5", {.overwrite = true}));
        auto p = read_posterior(dir / "other.h5");
        ASSERT_FALSE(p);
        EXPECT_TRUE(mentions(p.error(), "no /posterior group")) << p.error().message();
    }
}

TEST(PosteriorPlan, DrawsDifferAcrossDrawsAndAreIdenticalAcrossArms) {
    const auto dir = tmp_dir("plan");
    const auto file = write_posterior(dir, PosteriorSpec{});
    auto plan = plan_from(experiment_text(file, 4, 11));
    ASSERT_TRUE(plan) << plan.error().message();
    ASSERT_TRUE(plan->posterior);
    ASSERT_EQ(plan->draws.size(), 4u);
    std::set<std::size_t> particles;
    for (std::size_t d = 0; d < 4; ++d) {
        const auto& draw = plan->draws[d];
        particles.insert(draw.particle);
        ASSERT_EQ(draw.sets.size(), 2u);
        EXPECT_EQ(draw.sets[0].rfind("params.alpha0=", 0), 0u) << draw.sets[0];
        for (std::size_t a = 0; a < plan->arms.size(); ++a) {
            const Params& p = plan->params_of(a, d);
            EXPECT_EQ(p.alpha0, draw.values[0]);     // exact round trip through the override text
            EXPECT_EQ(p.beta_crime, draw.values[1]);
            EXPECT_EQ(p.alpha0, plan->params_of(0, d).alpha0);  // the same in every arm
        }
        EXPECT_EQ(plan->params_of(1, d).us.content, pushpull::UsContent::Tailored);  // the arm's own overrides still apply
        EXPECT_EQ(plan->params_of(0, d).us.content, pushpull::UsContent::None);
    }
    EXPECT_EQ(particles.size(), 4u);  // uniform weights, 4 of 5 particles: all distinct
    EXPECT_NE(plan->params_of(0, 0).alpha0, plan->params_of(0, 1).alpha0);
    // 0.30000000000000004 survives the text round trip
    for (std::size_t d = 0; d < 4; ++d)
        if (plan->draws[d].particle == 2) {
            EXPECT_EQ(plan->params_of(1, d).beta_crime, 0.30000000000000004);
        }

    // deterministic: the same experiment gives the same draws
    auto again = plan_from(experiment_text(file, 4, 11));
    ASSERT_TRUE(again);
    for (std::size_t d = 0; d < 4; ++d) EXPECT_EQ(again->draws[d].particle, plan->draws[d].particle);

    const auto text = describe_plan(*plan);
    EXPECT_NE(text.find("from posterior"), std::string::npos) << text;
    EXPECT_NE(text.find("draw 3: particle"), std::string::npos) << text;
}

TEST(PosteriorPlan, RunsWriteTheDrawsAndTheParametersReachTheRuns) {
    const auto dir = tmp_dir("run");
    PosteriorSpec s;
    s.parameters = {"params.alpha0"};
    s.particles = {-12.0, 4.0};  // never accept vs nearly always accept
    s.weights = {0.5, 0.5};
    const auto file = write_posterior(dir, s);
    auto plan = plan_from(experiment_text(file, 2, 5));
    ASSERT_TRUE(plan) << plan.error().message();
    ASSERT_EQ(plan->draws[0].particle, 0u);
    ASSERT_EQ(plan->draws[1].particle, 1u);
    auto r = run_experiment(*plan, sim::Executor(2));
    ASSERT_TRUE(r) << r.error().message();
    const auto col = std::find(r->statistics.begin(), r->statistics.end(), "cities_adopted_horizon") - r->statistics.begin();
    // run index (arm * draws + draw) * replicates + replicate; draw 0 adopts less than draw 1 in both arms
    for (std::size_t a = 0; a < 2; ++a)
        EXPECT_LT(r->runs[a * 2 + 0].values[static_cast<std::size_t>(col)], r->runs[a * 2 + 1].values[static_cast<std::size_t>(col)]);
    const auto tree = experiment_tree(*plan, *r);
    const sim::out::Group* draws = nullptr;
    for (const auto& g : tree.groups)
        if (g.name == "draws") draws = &g;
    ASSERT_NE(draws, nullptr);
    ASSERT_EQ(draws->datasets.size(), 4u);
    EXPECT_EQ(std::get<std::vector<std::int64_t>>(draws->datasets[1].data), (std::vector<std::int64_t>{0, 1}));
    EXPECT_EQ(std::get<std::vector<double>>(draws->datasets[3].data), (std::vector<double>{-12.0, 4.0}));
    EXPECT_EQ(draws->datasets[3].shape, (std::vector<std::size_t>{2, 1}));
}

TEST(PosteriorPlan, BadParametersAndConflictsAreBadInput) {
    const auto dir = tmp_dir("bad_plan");
    {
        PosteriorSpec s;
        s.parameters = {"params.alpha_zero", "beta_crime"};
        auto plan = plan_from(experiment_text(write_posterior(dir, s), 2, 1));
        ASSERT_FALSE(plan);
        EXPECT_EQ(plan.error().kind, sim::ErrorKind::BadInput);
        EXPECT_TRUE(mentions(plan.error(), "alpha_zero")) << plan.error().message();
        EXPECT_TRUE(mentions(plan.error(), "posterior.h5")) << plan.error().message();
    }
    {
        PosteriorSpec s;
        s.particles = {-3.0, 0.1, -3.25, 0.2, 99.0, 0.3, -3.75, 0.4, -4.0, 0.5};  // alpha0 = 99 out of range
        s.weights = {0, 0, 1, 0, 0};
        auto plan = plan_from(experiment_text(write_posterior(dir, s), 2, 1));
        ASSERT_FALSE(plan);
        EXPECT_TRUE(mentions(plan.error(), "draw 0 (particle 2)")) << plan.error().message();
        EXPECT_TRUE(mentions(plan.error(), "draw 1 (particle 2)")) << plan.error().message();
    }
    {
        PosteriorSpec s;
        s.parameters = {"run.seed", "beta_crime"};
        auto plan = plan_from(experiment_text(write_posterior(dir, s), 2, 1));
        ASSERT_FALSE(plan);
        EXPECT_TRUE(mentions(plan.error(), "run.* keys")) << plan.error().message();
    }
    {
        auto plan = plan_from(experiment_text(write_posterior(dir, PosteriorSpec{}), 2, 1,
                                              "[[arm]]\nname = \"clash\"\nset = [\"alpha0=-5\"]\n"));
        ASSERT_FALSE(plan);
        EXPECT_TRUE(mentions(plan.error(), "arm 'clash'")) << plan.error().message();
        EXPECT_TRUE(mentions(plan.error(), "overrides posterior parameter 'params.alpha0'")) << plan.error().message();
    }
    {
        auto spec = parse_spec_text(experiment_text(dir / "missing.h5", 2, 1), scenarios());
        ASSERT_FALSE(spec);
        EXPECT_TRUE(mentions(spec.error(), "experiment.posterior")) << spec.error().message();
    }
}

}  // namespace
}  // namespace pushpull::experiment
