// Through the CLI: experiments with posterior draws (a synthetic posterior file in the layout
// `pushpull calibrate` writes), bad posterior files exit 2, and the legal-safeguard lever and the
// quarterly sanction start leave a run unchanged until they are switched on.
#include "tests/integration/cli.hpp"

namespace pushpull::cli {
namespace {

fs::path write_posterior(const fs::path& dir, const std::string& name, const std::vector<std::string>& parameters,
                         const std::vector<double>& particles, const std::vector<double>& weights, bool with_weights = true) {
    sim::out::Group root;
    auto& g = root.group("posterior");
    g.add("parameter", parameters);
    g.add("particles", particles).shape = {particles.size() / parameters.size(), parameters.size()};
    if (with_weights) g.add("weights", weights);
    const auto file = dir / name;
    auto w = sim::out::write_hdf5(root, file, {.overwrite = true});
    EXPECT_TRUE(w) << w.error().message();
    return file;
}

fs::path write_experiment(const fs::path& dir, const std::string& name, const fs::path& posterior) {
    const auto file = dir / name;
    std::ofstream(file) << "base = \"" << scenario("test_small.toml").string() << "\"\n[experiment]\nhorizon = \"2010Q4\"\n"
                        << "draws = 3\nreplicates = 2\nseed = 8\nposterior = \"" << posterior.filename().string() << "\"\n"
                        << "reference = \"ref\"\n[[arm]]\nname = \"ref\"\nset = [\"us.content=none\"]\n"
                        << "[[arm]]\nname = \"tailored\"\nset = [\"us.content=tailored\", \"us.budget_musd=4\", \"us.start_year=2008\"]\n";
    return file;
}

TEST(ExperimentPosterior, DrawsAreShownRunAndWritten) {
    const auto dir = fresh_dir("experiment-posterior");
    const auto post = write_posterior(dir, "posterior.h5", {"params.alpha0", "params.beta_crime"},
                                      {-3.0, 0.4, -3.3, 0.5, -3.6, 0.6, -3.9, 0.7}, {0.25, 0.25, 0.25, 0.25});
    const auto exp = write_experiment(dir, "exp.toml", post);
    auto dry = run({"experiment", exp.string(), "--dry-run"}, dir);
    ASSERT_EQ(dry.exit_code, 0) << dry.err;
    EXPECT_NE(dry.out.find("from posterior"), std::string::npos) << dry.out;
    EXPECT_NE(dry.out.find("draw 2: particle"), std::string::npos) << dry.out;
    EXPECT_NE(dry.out.find("params.alpha0=-3."), std::string::npos) << dry.out;

    const auto out = dir / "exp.h5";
    auto r = run({"experiment", exp.string(), "-o", out.string(), "-q", "--threads", "2"}, dir);
    ASSERT_EQ(r.exit_code, 0) << r.err;
    auto tree = sim::out::read_hdf5(out);
    ASSERT_TRUE(tree) << tree.error().message();
    const auto* draws = find_group(*tree, "draws");
    ASSERT_NE(draws, nullptr);
    const auto& particle = std::get<std::vector<std::int64_t>>(find_dataset(*draws, "particle")->data);
    const auto& values = *find_dataset(*draws, "values");
    ASSERT_EQ(particle.size(), 3u);
    EXPECT_EQ(values.shape, (std::vector<std::size_t>{3, 2}));
    const auto& v = std::get<std::vector<double>>(values.data);
    const std::vector<double> all = {-3.0, 0.4, -3.3, 0.5, -3.6, 0.6, -3.9, 0.7};
    for (std::size_t d = 0; d < 3; ++d) {
        EXPECT_EQ(v[d * 2], all[static_cast<std::size_t>(particle[d]) * 2]);
        EXPECT_EQ(v[d * 2 + 1], all[static_cast<std::size_t>(particle[d]) * 2 + 1]);
    }
    EXPECT_NE(v[0], v[2]);  // distinct particles: uniform weights, 3 of 4
    const auto* e = find_group(*tree, "experiment");
    ASSERT_NE(e, nullptr);
    EXPECT_NE(find_attr(e->attrs, "posterior_sha256"), nullptr);

    // the same again: identical /draws and /runs (deterministic from the experiment seed)
    const auto out2 = dir / "exp2.h5";
    ASSERT_EQ(run({"experiment", exp.string(), "-o", out2.string(), "-q", "--threads", "1"}, dir).exit_code, 0);
    auto tree2 = sim::out::read_hdf5(out2);
    ASSERT_TRUE(tree2);
    for (const char* g : {"draws", "runs", "contrasts"}) {
        SCOPED_TRACE(g);
        expect_same_tree(*find_group(*tree, g), *find_group(*tree2, g), {});
    }
}

TEST(ExperimentPosterior, BadPosteriorFilesExitTwo) {
    const auto dir = fresh_dir("experiment-posterior-bad");
    struct Case {
        fs::path posterior;
        std::string expect;
    };
    const std::vector<Case> cases = {
        {write_posterior(dir, "no_weights.h5", {"params.alpha0"}, {-3.0, -3.5}, {}, false), "/posterior/weights: missing"},
        {write_posterior(dir, "unknown_key.h5", {"params.alpha_zero"}, {-3.0, -3.5}, {0.5, 0.5}), "alpha_zero"},
        {write_posterior(dir, "out_of_range.h5", {"params.alpha0"}, {-3.0, 50.0}, {0.0, 1.0}), "draw 0 (particle 1)"},
        {dir / "absent.h5", "not found"},
    };
    int i = 0;
    for (const auto& c : cases) {
        SCOPED_TRACE(c.expect);
        const auto exp = write_experiment(dir, "bad" + std::to_string(i++) + ".toml", c.posterior);
        auto r = run({"experiment", exp.string(), "-o", (dir / "x.h5").string()}, dir);
        EXPECT_EQ(r.exit_code, 2) << r.err;
        EXPECT_NE(r.err.find(c.expect), std::string::npos) << r.err;
        EXPECT_NE(r.err.find(c.posterior.filename().string()), std::string::npos) << r.err;
        EXPECT_FALSE(fs::exists(dir / "x.h5"));
    }
}

/// Runs test_small with extra arguments and returns the tree.
sim::out::Group run_small(const fs::path& dir, const std::string& tag, const std::vector<std::string>& extra) {
    const auto out = dir / (tag + ".h5");
    std::vector<std::string> args = {"run", scenario("test_small.toml").string(), "-o", out.string(), "-q", "--serial"};
    args.insert(args.end(), extra.begin(), extra.end());
    const auto r = run(args, dir);
    EXPECT_EQ(r.exit_code, 0) << r.err;
    auto tree = sim::out::read_hdf5(out);
    EXPECT_TRUE(tree);
    return tree ? std::move(*tree) : sim::out::Group{};
}

/// Every dataset of every group identical (root attributes, i.e. the provenance, are not compared).
void expect_same_datasets(const sim::out::Group& a, const sim::out::Group& b) {
    ASSERT_EQ(a.groups.size(), b.groups.size());
    for (std::size_t k = 0; k < a.groups.size(); ++k) {
        SCOPED_TRACE(a.groups[k].name);
        expect_same_tree(a.groups[k], b.groups[k], {"seconds", "wall_seconds"}, "/" + a.groups[k].name + "/");
    }
}

TEST(UsLevers, SafeguardAssistanceIsOffByDefault) {
    const auto dir = fresh_dir("levers-safeguards");
    auto cfg = run({"run", scenario("test_small.toml").string(), "--print-config"}, dir);
    ASSERT_EQ(cfg.exit_code, 0) << cfg.err;
    EXPECT_NE(cfg.out.find("safeguard_budget = 0.0"), std::string::npos) << cfg.out;
    EXPECT_NE(run({"describe", "pushpull"}, dir).out.find("us.safeguard_budget"), std::string::npos);

    const auto base = run_small(dir, "base", {});
    // Every other safeguard key set, the budget left at 0: the same run, dataset for dataset.
    const auto idle = run_small(dir, "idle", {"--set", "us.safeguard_effect=1", "--set", "us.safeguard_targeting=random",
                                              "--set", "us.safeguard_start_year=2008", "--set", "us.safeguard_decay=1"});
    expect_same_datasets(base, idle);
    // Switched on (every country, every quarter, full effect), contestation changes.
    const auto on = run_small(dir, "on", {"--set", "us.safeguard_budget=1000", "--set", "us.safeguard_effect=1",
                                          "--set", "us.safeguard_start_year=2008", "--set", "zeta_dp=5"});
    auto contests = [](const sim::out::Group& t) {
        const auto* s = find_group(t, "series");
        const auto* d = s ? find_dataset(*s, "contests") : nullptr;
        return d ? std::get<std::vector<std::int32_t>>(d->data).back() : -1;
    };
    EXPECT_GT(contests(on), contests(base));
}

TEST(UsLevers, SanctionStartInAQuarter) {
    const auto dir = fresh_dir("levers-sanctions");
    const auto base = run_small(dir, "base", {});
    // a start after the run ends changes nothing
    expect_same_datasets(base, run_small(dir, "late", {"--set", "vendors.hikvision.sanction_start=2019Q4"}));
    auto both = run({"run", scenario("test_small.toml").string(), "-o", (dir / "x.h5").string(), "--set",
                     "vendors.hikvision.sanction_start=2019Q4", "--set", "vendors.hikvision.sanction_year=2019"},
                    dir);
    EXPECT_EQ(both.exit_code, 2);
    EXPECT_NE(both.err.find("not both"), std::string::npos) << both.err;
}

}  // namespace
}  // namespace pushpull::cli
