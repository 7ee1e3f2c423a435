#include <gtest/gtest.h>

#include "models/classic/registry.hpp"
#include "sim/config/scenario.hpp"

namespace {

/// Loads scenarios/classic_<name>.toml with the model's schema and runs it serially.
sim::Result<sim::ModelOutput> run_scenario(const std::string& name, const std::vector<std::string>& set = {}) {
    for (const auto& entry : classic::classic_models()) {
        if (entry.name != name) continue;
        const auto schema = entry.schema();
        const auto file = std::filesystem::path(PUSHPULL_SOURCE_DIR) / "scenarios" / ("classic_" + name + ".toml");
        auto cfg = sim::config::load_scenario(file, schema, set);
        if (!cfg) return std::unexpected(cfg.error());
        const sim::Executor ex(2);
        return entry.run(*cfg, sim::RunContext{1, &ex, file});
    }
    return sim::bad_input(name, "no such model");
}

}  // namespace

TEST(ClassicScenarios, EveryShippedScenarioRuns) {
    for (const std::string name : {"bass", "threshold", "cascade", "sir"}) {
        const auto out = run_scenario(name);
        ASSERT_TRUE(out) << name << ": " << out.error().message();
        EXPECT_FALSE(out->summary_text.empty());
        EXPECT_EQ(out->tree.groups.size(), 2U) << name;  // /series and /nodes
    }
}

TEST(ClassicScenarios, UnknownSeedNodeIsBadInput) {
    const auto out = run_scenario("cascade", {"seeds.nodes=ana,zed"});
    ASSERT_FALSE(out);
    EXPECT_EQ(out.error().kind, sim::ErrorKind::BadInput);
    EXPECT_NE(out.error().message().find("zed"), std::string::npos);
}
