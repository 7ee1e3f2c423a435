// `pushpull calibrate` end to end: a small pseudo-data calibration writes its posterior, the
// calibrated scenario and a report; killed with SIGKILL after a generation and resumed, it ends
// with exactly the same posterior; bad calibration files exit 2 naming the key.

#include "tests/integration/cli.hpp"

namespace pushpull::cli {
namespace {

std::string small_calibration() {
    return "[calibration]\nbase = \"" + scenario("test_small.toml").string() +
           "\"\nseed = 9\nparticles = 40\npilot = 40\nmax_generations = 5\nmax_simulations = 5000\n"
           "[pseudo_data]\nseed = 4\nstatistics = [\"countries_adopted_2010\", \"countries_adopted_2011\", "
           "\"cities_adopted_horizon\"]\n[[parameter]]\nkey = \"params.alpha0\"\ntruth = -4.5\n"
           "[[parameter]]\nkey = \"params.alpha_tender\"\ntruth = -5.0\n";
}

std::size_t generations_in(const fs::path& part) {
    std::error_code ec;
    if (!fs::exists(part, ec)) return 0;
    auto tree = sim::out::read_hdf5(part);
    if (!tree) return 0;
    const auto* g = find_group(*tree, "generations");
    return g ? g->groups.size() : 0;
}

TEST(Calibrate, RunsWritesScenarioAndResumesAfterSigkillToTheSamePosterior) {
    ::setenv("SOURCE_DATE_EPOCH", "0", 1);
    const auto dir = fresh_dir("calibrate");
    const auto file = write_file(dir, "cal.toml", small_calibration());
    auto r = run({"calibrate", file.string(), "-o", (dir / "whole.h5").string(), "--scenario-out",
                  (dir / "calibrated.toml").string()},
                 dir);
    ASSERT_EQ(r.exit_code, 0) << r.err;
    EXPECT_NE(r.out.find("### Posterior"), std::string::npos);
    const std::string scenario_text = slurp(dir / "calibrated.toml");
    EXPECT_NE(scenario_text.find("alpha0 = "), std::string::npos) << scenario_text;
    auto again = run({"run", (dir / "calibrated.toml").string(), "-o", (dir / "run.h5").string(), "-q"}, dir);
    EXPECT_EQ(again.exit_code, 0) << again.err;
    auto report = run({"report", (dir / "whole.h5").string()}, dir);
    EXPECT_EQ(report.exit_code, 0) << report.err;
    EXPECT_NE(report.out.find("predictive median"), std::string::npos);

    // Interrupt after two generations, then resume.
    const std::string out = (dir / "killed.h5").string();
    const bool killed = run_and_kill_when({"calibrate", file.string(), "-o", out, "--threads", "1"},
                                          [&] { return generations_in(out + ".part") >= 2; });
    ASSERT_TRUE(killed) << "the calibration finished before it could be killed";
    auto refused = run({"calibrate", file.string(), "-o", out}, dir);
    EXPECT_EQ(refused.exit_code, 3) << refused.err;
    auto resumed = run({"calibrate", file.string(), "-o", out, "--resume"}, dir);
    ASSERT_EQ(resumed.exit_code, 0) << resumed.err;

    auto a = sim::out::read_hdf5(dir / "whole.h5"), b = sim::out::read_hdf5(out);
    ASSERT_TRUE(a && b);
    for (const char* g : {"posterior", "predictive", "targets", "pilot"}) {
        SCOPED_TRACE(g);
        const auto *ga = find_group(*a, g), *gb = find_group(*b, g);
        ASSERT_TRUE(ga && gb);
        ASSERT_EQ(ga->datasets.size(), gb->datasets.size());
        for (std::size_t i = 0; i < ga->datasets.size(); ++i)
            EXPECT_TRUE(same_column(ga->datasets[i].data, gb->datasets[i].data)) << ga->datasets[i].name;
    }
    // With SOURCE_DATE_EPOCH the files hold no wall-clock time: resumed equals clean, byte for byte.
    EXPECT_EQ(slurp(dir / "whole.h5"), slurp(out)) << "a resumed calibration differs from a clean run";
}

TEST(Calibrate, TheResimulatedPointIsTheCandidateWithTheSmallestMeanDistance) {
    const auto dir = fresh_dir("calibrate-point");
    std::string text = small_calibration();
    text.replace(text.find("[pseudo_data]"), 0, "point = \"resimulated\"\npoint_candidates = 5\npoint_seeds = 3\n");
    const auto file = write_file(dir, "cal.toml", text);
    auto r = run({"calibrate", file.string(), "-o", (dir / "p.h5").string(), "--scenario-out",
                  (dir / "calibrated.toml").string()},
                 dir);
    ASSERT_EQ(r.exit_code, 0) << r.err;
    auto tree = sim::out::read_hdf5(dir / "p.h5");
    ASSERT_TRUE(tree);
    const auto* point = find_group(*tree, "point");
    const auto* gens = find_group(*tree, "generations");
    ASSERT_TRUE(point && gens && !gens->groups.empty());
    const auto& last = gens->groups.back();
    const auto& distances = std::get<std::vector<double>>(find_dataset(last, "distances")->data);
    const auto& particles = std::get<std::vector<double>>(find_dataset(last, "particles")->data);
    const auto& candidates = std::get<std::vector<std::int64_t>>(find_dataset(*point, "candidates")->data);
    const auto& mean = std::get<std::vector<double>>(find_dataset(*point, "mean_distance")->data);
    const auto chosen = std::get<std::int64_t>(*find_attr(point->attrs, "chosen"));
    ASSERT_EQ(candidates.size(), 5u);
    ASSERT_EQ(mean.size(), 5u);
    // The candidates are the final particles with the smallest ABC distance, in that order.
    std::vector<double> sorted = distances;
    std::sort(sorted.begin(), sorted.end());
    for (std::size_t c = 0; c < 5; ++c) EXPECT_EQ(distances[static_cast<std::size_t>(candidates[c])], sorted[c]) << c;
    // The chosen one has the smallest mean distance over its fresh runs.
    const auto best = static_cast<std::size_t>(std::min_element(mean.begin(), mean.end()) - mean.begin());
    EXPECT_EQ(chosen, candidates[best]);
    // ... and the calibrated scenario holds its parameter values.
    auto calibrated = run({"run", (dir / "calibrated.toml").string(), "-o", (dir / "run.h5").string(), "-q"}, dir);
    ASSERT_EQ(calibrated.exit_code, 0) << calibrated.err;
    const std::string scenario_text = slurp(dir / "calibrated.toml");
    EXPECT_NE(scenario_text.find("(particle " + std::to_string(chosen) + ")"), std::string::npos) << scenario_text;
    const auto at = scenario_text.find("alpha0 = ");
    ASSERT_NE(at, std::string::npos);
    EXPECT_DOUBLE_EQ(std::stod(scenario_text.substr(at + 9)), particles[static_cast<std::size_t>(chosen) * 2]);

    std::string bad_text = small_calibration();
    bad_text.replace(bad_text.find("[pseudo_data]"), 0, "point = \"mode\"\n");
    auto report = run({"report", (dir / "p.h5").string()}, dir);
    ASSERT_EQ(report.exit_code, 0) << report.err;
    EXPECT_NE(report.out.find("particle " + std::to_string(chosen) + " has the smallest mean distance"),
              std::string::npos)
        << report.out;
    auto bad = write_file(dir, "bad.toml", bad_text);
    auto refused = run({"calibrate", bad.string(), "-o", (dir / "x.h5").string()}, dir);
    EXPECT_EQ(refused.exit_code, 2);
    EXPECT_NE(refused.err.find("calibration.point"), std::string::npos) << refused.err;
}

TEST(Calibrate, BadCalibrationFilesExitTwoNamingTheKey) {
    const auto dir = fresh_dir("calibrate-bad");
    auto bad = write_file(dir, "bad.toml",
                          "[calibration]\nbase = \"" + scenario("test_small.toml").string() +
                              "\"\nparticle = 10\n[[parameter]]\nkey = \"params.alpha0\"\nprior = \"U(1)\"\n"
                              "[[parameter]]\nkey = \"params.nope\"\n");
    auto r = run({"calibrate", bad.string(), "-o", (dir / "x.h5").string()}, dir);
    EXPECT_EQ(r.exit_code, 2);
    EXPECT_NE(r.err.find("unknown key 'calibration.particle'"), std::string::npos) << r.err;
    EXPECT_NE(r.err.find("prior"), std::string::npos) << r.err;
    EXPECT_FALSE(fs::exists(dir / "x.h5"));
    auto key = write_file(dir, "key.toml",
                          "[calibration]\nbase = \"" + scenario("test_small.toml").string() +
                              "\"\n[[parameter]]\nkey = \"params.nope\"\n");
    r = run({"calibrate", key.string(), "-o", (dir / "x.h5").string()}, dir);
    EXPECT_EQ(r.exit_code, 2);
    EXPECT_NE(r.err.find("params.nope"), std::string::npos) << r.err;
    auto shipped = run({"calibrate", scenario("calibration.toml").string(), "--dry-run"}, dir);
    EXPECT_EQ(shipped.exit_code, 0) << shipped.err;
    auto null_rival = run({"calibrate", scenario("calibration_null.toml").string(), "--dry-run"}, dir);
    EXPECT_EQ(null_rival.exit_code, 0) << null_rival.err;
    auto sbc = run({"calibrate", scenario("calibration_sbc_small.toml").string(), "--dry-run"}, dir);
    EXPECT_EQ(sbc.exit_code, 0) << sbc.err;
    EXPECT_NE(sbc.out.find("sbc         100 replicates"), std::string::npos) << sbc.out;
}

// The local kernel and adaptive scales (docs/CALIBRATION.md, "Sampler options"): every generation
// stores the statistics and scales the next one needs, so a killed run resumes to the same file.
TEST(Calibrate, AdaptiveNeighboursCalibrationResumesToTheSameFile) {
    ::setenv("SOURCE_DATE_EPOCH", "0", 1);
    const auto dir = fresh_dir("calibrate-adaptive");
    std::string text = small_calibration();
    text.replace(text.find("[pseudo_data]"), 0, "kernel = \"neighbours\"\nadaptive_distance = true\n");
    const auto file = write_file(dir, "cal.toml", text);
    auto whole = run({"calibrate", file.string(), "-o", (dir / "whole.h5").string()}, dir);
    ASSERT_EQ(whole.exit_code, 0) << whole.err;
    auto tree = sim::out::read_hdf5(dir / "whole.h5");
    ASSERT_TRUE(tree);
    const auto* g1 = find_group(*find_group(*tree, "generations"), "g001");
    ASSERT_TRUE(g1 && find_dataset(*g1, "scales") && find_dataset(*g1, "statistics"));

    const std::string out = (dir / "killed.h5").string();
    const bool killed = run_and_kill_when({"calibrate", file.string(), "-o", out, "--threads", "1"},
                                          [&] { return generations_in(out + ".part") >= 2; });
    ASSERT_TRUE(killed) << "the calibration finished before it could be killed";
    auto resumed = run({"calibrate", file.string(), "-o", out, "--resume"}, dir);
    ASSERT_EQ(resumed.exit_code, 0) << resumed.err;
    EXPECT_EQ(slurp(dir / "whole.h5"), slurp(out)) << "a resumed adaptive calibration differs from a clean run";
}

// [sbc]: simulation-based calibration of the sampler on the model, its file and its report.
TEST(Calibrate, SbcWritesRankHistogramsAndTheReportPrintsThem) {
    const auto dir = fresh_dir("calibrate-sbc");
    const auto file = write_file(
        dir, "sbc.toml",
        "[calibration]\nbase = \"" + scenario("test_small.toml").string() +
            "\"\nseed = 9\nparticles = 10\npilot = 10\nmax_generations = 2\nkernel = \"neighbours\"\n"
            "[pseudo_data]\nstatistics = [\"countries_adopted_2010\", \"cities_adopted_horizon\"]\n"
            "[sbc]\nreplicates = 4\ndraws = 9\nbins = 2\nseed = 3\n"
            "[[parameter]]\nkey = \"params.alpha0\"\n[[parameter]]\nkey = \"params.alpha_tender\"\n");
    auto r = run({"calibrate", file.string(), "-o", (dir / "sbc.h5").string()}, dir);
    ASSERT_EQ(r.exit_code, 0) << r.err;
    EXPECT_NE(r.out.find("### Simulation-based calibration"), std::string::npos) << r.out;
    auto tree = sim::out::read_hdf5(dir / "sbc.h5");
    ASSERT_TRUE(tree);
    const auto* sbc = find_group(*tree, "sbc");
    ASSERT_TRUE(sbc);
    const auto ints = [&](const char* name) {
        const auto* d = find_dataset(*sbc, name);
        return d ? std::get_if<std::vector<std::int64_t>>(&d->data) : nullptr;
    };
    const auto* ranks = ints("ranks");
    ASSERT_TRUE(ranks);
    EXPECT_EQ(ranks->size(), 8u);
    for (const auto k : *ranks) EXPECT_TRUE(k >= 0 && k <= 9) << k;
    const auto* hist = ints("histogram");
    ASSERT_TRUE(hist);
    EXPECT_EQ((*hist)[0] + (*hist)[1], 4);
    auto report = run({"report", (dir / "sbc.h5").string()}, dir);
    EXPECT_EQ(report.exit_code, 0) << report.err;
    EXPECT_NE(report.out.find("`params.alpha_tender`"), std::string::npos) << report.out;
    auto resume = run({"calibrate", file.string(), "-o", (dir / "sbc.h5").string(), "--resume"}, dir);
    EXPECT_EQ(resume.exit_code, 2) << resume.err;
}

TEST(Calibrate, BadSamplerOptionsExitTwoNamingTheKey) {
    const auto dir = fresh_dir("calibrate-bad-sampler");
    const std::string head = "[calibration]\nbase = \"" + scenario("test_small.toml").string() + "\"\n";
    const std::string param = "[[parameter]]\nkey = \"params.alpha0\"\n";
    struct Bad {
        std::string text, expect;
    };
    for (const Bad& b : {Bad{head + "kernel = \"gaussian\"\n" + param, "calibration.kernel"},
                         Bad{head + "neighbours = 1\n" + param, "calibration.neighbours"},
                         Bad{head + "adaptive_distance = 1\n" + param, "calibration.adaptive_distance"},
                         Bad{head + "[sbc]\nreplicates = 3\n" + param, "[pseudo_data]"},
                         Bad{head + "[pseudo_data]\nstatistics = [\"countries_adopted_2010\"]\n[sbc]\nbins = 7\n" + param,
                             "sbc.bins"},
                         Bad{head + "[pseudo_data]\nstatistics = [\"countries_adopted_2010\"]\n[sbc]\n" + param +
                                 "truth = -4\n",
                             "prior draws"}}) {
        const auto file = write_file(dir, "bad.toml", b.text);
        auto r = run({"calibrate", file.string(), "--dry-run"}, dir);
        EXPECT_EQ(r.exit_code, 2) << b.text;
        EXPECT_NE(r.err.find(b.expect), std::string::npos) << b.expect << "\n" << r.err;
    }
}

}  // namespace
}  // namespace pushpull::cli
