// Scenario loading: includes, validation messages, --set overrides, path resolution, to_toml.
#include "sim/config/scenario.hpp"

#include <gtest/gtest.h>

#include <fstream>
#include <stdexcept>

namespace fs = std::filesystem;
using sim::config::Config;
using sim::config::KeySpec;
using sim::config::Schema;
using sim::config::Type;

namespace {

KeySpec key(std::string path, Type type, sim::config::Value default_value) {
    KeySpec k;
    k.path = std::move(path);
    k.type = type;
    k.default_value = std::move(default_value);
    return k;
}

KeySpec bounded(KeySpec k, std::optional<double> min, std::optional<double> max, std::string unit = "") {
    k.min = min;
    k.max = max;
    k.unit = std::move(unit);
    return k;
}

Schema test_schema() {
    Schema s;
    auto seed = bounded(key("seed", Type::Int, std::int64_t{42}), 0.0, std::nullopt);
    seed.doc = "random seed";
    s.add(seed);
    s.add(key("model.name", Type::String, std::string("pushpull")));
    auto mode = key("run.mode", Type::String, std::string("full"));
    mode.choices = {"fast", "full"};
    mode.doc = "how much to record";
    s.add(mode);
    auto beta = bounded(key("params.beta_crime", Type::Float, 0.5), 0.0, 1.0, "per SD");
    beta.doc = "crime effect";
    beta.prior = "U(0, 1)";
    s.add(beta);
    s.add(bounded(key("params.deploy_years", Type::Int, std::int64_t{5}), 1.0, 50.0, "years"));
    s.add(key("params.enabled", Type::Bool, true));
    s.add(bounded(key("vendors.huawei.capacity", Type::Float, 10.0), 0.0, std::nullopt, "units/year"));
    // An integer default for a Float key: the loader stores it as a double.
    s.add(bounded(key("vendors.zte.capacity", Type::Float, std::int64_t{5}), 0.0, std::nullopt));
    s.add(key("data.cities", Type::Path, std::string("data/cities.csv")));
    return s;
}

/// A fresh directory for the running test under the build tree's temp dir.
fs::path test_dir() {
    const auto* info = ::testing::UnitTest::GetInstance()->current_test_info();
    const fs::path dir = fs::path(PUSHPULL_TEST_TMP) / "scenario_test" / info->name();
    fs::remove_all(dir);
    fs::create_directories(dir);
    return dir;
}

fs::path write(const fs::path& file, const std::string& text) {
    fs::create_directories(file.parent_path());
    std::ofstream(file) << text;
    return file;
}

std::string abs_normal(const fs::path& p) { return fs::absolute(p).lexically_normal().string(); }

/// The diagnostics of a failed load, as "where: what" lines.
std::string messages(const sim::Result<Config>& r) { return r ? std::string("<loaded>") : r.error().message(); }

}  // namespace

TEST(Scenario, DefaultsFillEveryKey) {
    const Schema schema = test_schema();
    const auto dir = test_dir();
    const auto cfg = sim::config::load_scenario_text("", dir, schema);
    ASSERT_TRUE(cfg) << messages(cfg);
    EXPECT_EQ(cfg->values().size(), schema.keys().size());
    EXPECT_EQ(cfg->get_int("seed"), 42);
    EXPECT_DOUBLE_EQ(cfg->get_double("params.beta_crime"), 0.5);
    EXPECT_DOUBLE_EQ(cfg->get_double("vendors.zte.capacity"), 5.0);  // integer default of a Float key
    EXPECT_DOUBLE_EQ(cfg->get_double("params.deploy_years"), 5.0);   // get_double reads Int keys too
    EXPECT_TRUE(cfg->get_bool("params.enabled"));
    EXPECT_EQ(cfg->get_string("run.mode"), "full");
    EXPECT_EQ(cfg->get_string("data.cities"), abs_normal(dir / "data/cities.csv"));
    EXPECT_EQ(cfg->sources(), std::vector<std::string>{"<text>"});
}

TEST(Scenario, IncludeChainOverridesKeyByKey) {
    const auto dir = test_dir();
    write(dir / "base/base.toml", "seed = 1\n[params]\nbeta_crime = 0.1\ndeploy_years = 10\nenabled = false\n");
    write(dir / "mid.toml", "include = \"base/base.toml\"\n[params]\nbeta_crime = 0.2\n");
    const auto top = write(dir / "top.toml", "include = \"mid.toml\"\nparams.deploy_years = 20\n");
    const Schema schema = test_schema();
    const auto cfg = sim::config::load_scenario(top, schema);
    ASSERT_TRUE(cfg) << messages(cfg);
    EXPECT_EQ(cfg->get_int("seed"), 1);                             // only in base
    EXPECT_DOUBLE_EQ(cfg->get_double("params.beta_crime"), 0.2);    // mid over base
    EXPECT_EQ(cfg->get_int("params.deploy_years"), 20);             // top over base
    EXPECT_FALSE(cfg->get_bool("params.enabled"));                  // table merged, not replaced
    ASSERT_EQ(cfg->sources().size(), 3u);
    EXPECT_EQ(cfg->sources()[0], top.string());
    EXPECT_EQ(cfg->sources()[2], (dir / "base/base.toml").string());
}

TEST(Scenario, IncludeCycleIsAnErrorNamingTheChain) {
    const auto dir = test_dir();
    const auto a = write(dir / "a.toml", "include = \"b.toml\"\n");
    write(dir / "b.toml", "include = \"a.toml\"\n");
    const Schema schema = test_schema();
    const auto cfg = sim::config::load_scenario(a, schema);
    ASSERT_FALSE(cfg);
    ASSERT_EQ(cfg.error().diagnostics.size(), 1u);
    const auto& d = cfg.error().diagnostics[0];
    EXPECT_EQ(d.where, (dir / "b.toml").string() + ": include");
    EXPECT_EQ(d.what, "include cycle: " + a.string() + " -> " + (dir / "b.toml").string() + " -> " + a.string());
}

TEST(Scenario, UnknownKeySuggestsTheNearestSchemaKey) {
    const Schema schema = test_schema();
    const auto cfg = sim::config::load_scenario_text("beta_crime = 0.3\n[params]\nbeta_crme = 0.3\nzzz = 1\n",
                                                     test_dir(), schema);
    ASSERT_FALSE(cfg);
    EXPECT_EQ(messages(cfg),
              "<text>: beta_crime: unknown key \"beta_crime\"; did you mean \"params.beta_crime\"?\n"
              "<text>: params.beta_crme: unknown key \"params.beta_crme\"; did you mean \"params.beta_crime\"?\n"
              "<text>: params.zzz: unknown key \"params.zzz\"");
}

TEST(Scenario, WrongTypesAreReported) {
    const Schema schema = test_schema();
    const auto cfg = sim::config::load_scenario_text(
        "seed = 1.0\nparams = 3\n[run]\nmode = 2\n[model.name]\nx = 1\n[vendors.huawei]\ncapacity = [1]\n",
        test_dir(), schema);
    ASSERT_FALSE(cfg);
    EXPECT_EQ(messages(cfg),
              "<text>: model.name: expected a string, got a table\n"
              "<text>: params: expected a table, got an integer\n"
              "<text>: run.mode: expected a string, got an integer\n"
              "<text>: seed: expected an integer, got a float\n"
              "<text>: vendors.huawei.capacity: expected a float, got an array");
}

TEST(Scenario, IntegerIsAcceptedForFloat) {
    const Schema schema = test_schema();
    const auto cfg = sim::config::load_scenario_text("params.beta_crime = 1\n", test_dir(), schema);
    ASSERT_TRUE(cfg) << messages(cfg);
    EXPECT_EQ(cfg->values().at("params.beta_crime"), sim::config::Value{1.0});
}

TEST(Scenario, OutOfRangeStatesRangeAndUnit) {
    const Schema schema = test_schema();
    const auto cfg = sim::config::load_scenario_text(
        "seed = -1\n[params]\nbeta_crime = 1.5\ndeploy_years = 0\n", test_dir(), schema);
    ASSERT_FALSE(cfg);
    EXPECT_EQ(messages(cfg),
              "<text>: params.beta_crime: 1.5 is out of range: allowed [0, 1] per SD\n"
              "<text>: params.deploy_years: 0 is out of range: allowed [1, 50] years\n"
              "<text>: seed: -1 is out of range: allowed [0, inf)");
}

TEST(Scenario, BadChoiceListsTheChoices) {
    const Schema schema = test_schema();
    const auto cfg = sim::config::load_scenario_text("run.mode = \"slow\"\n", test_dir(), schema);
    ASSERT_FALSE(cfg);
    EXPECT_EQ(messages(cfg), "<text>: run.mode: \"slow\" is not an allowed choice; expected one of \"fast\", \"full\"");
}

TEST(Scenario, AllProblemsInAllFilesAndOverridesAtOnce) {
    const auto dir = test_dir();
    write(dir / "base.toml", "seeed = 1\nparams.beta_crime = \"x\"\n");
    const auto top = write(dir / "top.toml", "include = \"base.toml\"\nparams.beta_crime = 2.0\nrun.mode = \"x\"\n");
    const Schema schema = test_schema();
    const auto cfg = sim::config::load_scenario(top, schema, {"seed=abc", "nothing", "capacity=1"});
    ASSERT_FALSE(cfg);
    EXPECT_EQ(cfg.error().kind, sim::ErrorKind::BadInput);
    // top: 2 (range, choice); base: 2 (unknown, type, even though top overrides it); --set: 3.
    EXPECT_EQ(cfg.error().diagnostics.size(), 7u) << messages(cfg);
    EXPECT_EQ(cfg.error().diagnostics[2].where, (dir / "base.toml").string() + ": params.beta_crime");
    EXPECT_EQ(cfg.error().diagnostics[3].where, (dir / "base.toml").string() + ": seeed");
}

TEST(Scenario, SetOverridesByFullPathAndBareName) {
    const Schema schema = test_schema();
    const auto cfg = sim::config::load_scenario_text(
        "params.beta_crime = 0.1\n", test_dir(), schema,
        {"params.beta_crime=0.25", "deploy_years = 7", "enabled=false", "mode=\"fast\"", "huawei.capacity=3",
         "model.name=other"});
    ASSERT_TRUE(cfg) << messages(cfg);
    EXPECT_DOUBLE_EQ(cfg->get_double("params.beta_crime"), 0.25);
    EXPECT_EQ(cfg->get_int("params.deploy_years"), 7);
    EXPECT_FALSE(cfg->get_bool("params.enabled"));
    EXPECT_EQ(cfg->get_string("run.mode"), "fast");
    EXPECT_DOUBLE_EQ(cfg->get_double("vendors.huawei.capacity"), 3.0);
    EXPECT_EQ(cfg->get_string("model.name"), "other");
}

TEST(Scenario, SetErrors) {
    const Schema schema = test_schema();
    const auto cfg = sim::config::load_scenario_text(
        "", test_dir(), schema,
        {"capacity=1", "beta_crime=abc", "seed=1.5", "enabled=yes", "beta_crime", "params.beta_crim=1", "=3"});
    ASSERT_FALSE(cfg);
    EXPECT_EQ(messages(cfg),
              "--set capacity: ambiguous key \"capacity\" matches vendors.huawei.capacity, vendors.zte.capacity; "
              "give the full path\n"
              "--set params.beta_crime: expected a float, got \"abc\"\n"
              "--set seed: expected an integer, got \"1.5\"\n"
              "--set params.enabled: expected true or false, got \"yes\"\n"
              "--set beta_crime: expected key=value\n"
              "--set params.beta_crim: unknown key \"params.beta_crim\"; did you mean \"params.beta_crime\"?\n"
              "--set =3: expected key=value");
}

TEST(Scenario, PathsResolveRelativeToTheFileThatSetThem) {
    const auto dir = test_dir();
    write(dir / "sub/base.toml", "data.cities = \"tables/c.csv\"\n");
    const auto top = write(dir / "top.toml", "include = \"sub/base.toml\"\n");
    const Schema schema = test_schema();
    const auto from_include = sim::config::load_scenario(top, schema);
    ASSERT_TRUE(from_include) << messages(from_include);
    EXPECT_EQ(from_include->get_string("data.cities"), abs_normal(dir / "sub/tables/c.csv"));

    const auto from_default = sim::config::load_scenario(write(dir / "empty.toml", ""), schema);
    ASSERT_TRUE(from_default) << messages(from_default);
    EXPECT_EQ(from_default->get_string("data.cities"), abs_normal(dir / "data/cities.csv"));

    const auto from_set = sim::config::load_scenario(top, schema, {"cities=../x.csv"});
    ASSERT_TRUE(from_set) << messages(from_set);
    EXPECT_EQ(from_set->get_string("data.cities"), abs_normal(fs::current_path().parent_path() / "x.csv"));
}

TEST(Scenario, ToTomlRoundTrips) {
    const Schema schema = test_schema();
    const auto dir = test_dir();
    auto cfg = sim::config::load_scenario_text(
        "", dir, schema, {"beta_crime=0.1", "huawei.capacity=1e-300", "zte.capacity=1e22", "mode=fast"});
    ASSERT_TRUE(cfg) << messages(cfg);
    ASSERT_TRUE(cfg->set("model.name", "say \"hi\"\\ now\ttab"));
    ASSERT_TRUE(cfg->set("params.beta_crime", "0.3333333333333333"));
    const std::string text = cfg->to_toml();
    EXPECT_NE(text.find("[params]\nbeta_crime = 0.3333333333333333  # per SD — crime effect; prior: U(0, 1)\n"),
              std::string::npos)
        << text;
    EXPECT_LT(text.find("seed = 42"), text.find("[model]")) << text;  // top-level keys first
    EXPECT_NE(text.find("[vendors.huawei]\ncapacity = 1e-300"), std::string::npos) << text;
    const auto again = sim::config::load_scenario_text(text, fs::path("/elsewhere"), schema);
    ASSERT_TRUE(again) << messages(again) << "\n" << text;
    EXPECT_EQ(again->values(), cfg->values());
}

TEST(Scenario, SyntaxErrorReportsFileLineColumn) {
    const auto dir = test_dir();
    const auto base = write(dir / "base.toml", "seed = 1\nparams.beta_crime = = 2\n");
    const auto top = write(dir / "top.toml", "include = \"base.toml\"\nzzz = 1\n");
    const Schema schema = test_schema();
    const auto cfg = sim::config::load_scenario(top, schema);
    ASSERT_FALSE(cfg);
    ASSERT_EQ(cfg.error().diagnostics.size(), 2u) << messages(cfg);  // the other file is still checked
    EXPECT_EQ(cfg.error().diagnostics[0].where.rfind(base.string() + ":2:", 0), 0u) << messages(cfg);
    EXPECT_FALSE(cfg.error().diagnostics[0].what.empty());

    const auto text = sim::config::load_scenario_text("a = [\n", dir, schema);
    ASSERT_FALSE(text);
    EXPECT_EQ(text.error().diagnostics[0].where.rfind("<text>:", 0), 0u) << messages(text);
}

TEST(Scenario, MissingFilesAreErrors) {
    const auto dir = test_dir();
    const Schema schema = test_schema();
    const auto missing = sim::config::load_scenario(dir / "nope.toml", schema);
    ASSERT_FALSE(missing);
    EXPECT_EQ(messages(missing), (dir / "nope.toml").string() + ": cannot open file: no such file");

    const auto top = write(dir / "top.toml", "include = \"gone.toml\"\n");
    const auto bad_include = sim::config::load_scenario(top, schema);
    ASSERT_FALSE(bad_include);
    EXPECT_EQ(messages(bad_include),
              top.string() + ": include: cannot open file: no such file \"" + (dir / "gone.toml").string() + "\"");
}

TEST(Scenario, PeekStringFollowsIncludesOuterFirst) {
    const auto dir = test_dir();
    write(dir / "base.toml", "[model]\nname = \"base_model\"\n");
    const auto mid = write(dir / "mid.toml", "include = \"base.toml\"\n");
    const auto top = write(dir / "top.toml", "include = \"mid.toml\"\nmodel.name = \"top_model\"\n");
    const auto none = write(dir / "none.toml", "seed = 3\n");
    EXPECT_EQ(sim::config::peek_string(mid, "model.name", "fb").value(), "base_model");
    EXPECT_EQ(sim::config::peek_string(top, "model.name", "fb").value(), "top_model");
    EXPECT_EQ(sim::config::peek_string(none, "model.name", "fb").value(), "fb");

    const auto wrong = sim::config::peek_string(none, "seed", "fb");
    ASSERT_FALSE(wrong);
    EXPECT_EQ(wrong.error().message(), none.string() + ": seed: expected a string, got an integer");
    EXPECT_FALSE(sim::config::peek_string(dir / "missing.toml", "model.name", "fb"));
    const auto syntax = write(dir / "syntax.toml", "model.name = \n");
    const auto bad = sim::config::peek_string(syntax, "model.name", "fb");
    ASSERT_FALSE(bad);
    EXPECT_EQ(bad.error().diagnostics[0].where.rfind(syntax.string() + ":1:", 0), 0u) << bad.error().message();
    write(dir / "c1.toml", "include = \"c2.toml\"\n");
    write(dir / "c2.toml", "include = \"c1.toml\"\n");
    const auto cycle = sim::config::peek_string(dir / "c1.toml", "model.name", "fb");
    ASSERT_FALSE(cycle);
    EXPECT_NE(cycle.error().message().find("include cycle"), std::string::npos);
}

TEST(Scenario, GettersThrowLogicErrorOnMisuse) {
    const Schema schema = test_schema();
    const auto cfg = sim::config::load_scenario_text("", test_dir(), schema);
    ASSERT_TRUE(cfg);
    EXPECT_THROW((void)cfg->get_double("params.nope"), std::logic_error);
    EXPECT_THROW((void)cfg->get_int("params.beta_crime"), std::logic_error);
    EXPECT_THROW((void)cfg->get_bool("seed"), std::logic_error);
    EXPECT_THROW((void)cfg->get_string("seed"), std::logic_error);
    try {
        (void)cfg->get_double("params.nope");
    } catch (const std::logic_error& e) {
        EXPECT_NE(std::string(e.what()).find("params.nope"), std::string::npos);
    }
}

TEST(Scenario, SetValidatesLikeCommandLine) {
    const Schema schema = test_schema();
    auto cfg = sim::config::load_scenario_text("", test_dir(), schema);
    ASSERT_TRUE(cfg);
    ASSERT_TRUE(cfg->set("beta_crime", "0.75"));
    EXPECT_DOUBLE_EQ(cfg->get_double("params.beta_crime"), 0.75);
    const auto bad = cfg->set("params.beta_crime", "7");
    ASSERT_FALSE(bad);
    EXPECT_EQ(bad.error().message(), "set params.beta_crime: 7 is out of range: allowed [0, 1] per SD");
    EXPECT_DOUBLE_EQ(cfg->get_double("params.beta_crime"), 0.75);  // unchanged on error
}
