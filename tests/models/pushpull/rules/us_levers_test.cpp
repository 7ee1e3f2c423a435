// U.S. levers beyond messaging (MODEL.md §4.12): legal-safeguard assistance moves contestation in
// the countries it reaches and nowhere else, and is off by default; sanctions start in a quarter.
#include <gtest/gtest.h>

#include <filesystem>
#include <numeric>

#include "models/pushpull/rules/rules.hpp"
#include "tests/models/pushpull/synthetic_world.hpp"

namespace pushpull {
namespace {

constexpr std::int8_t kHw = static_cast<std::int8_t>(kHuawei);

struct Bench {
    Params params;
    World world;
    State state;
    Scratch scratch;
    Bench(const test::SyntheticSpec& spec, const Params& p) : params(p), world(test::synthetic_world(spec, p)) {
        state.cities.resize(world.cities.size());
        state.countries.resize(world.countries.size());
        scratch.prepare(world);
    }
    StepContext ctx(std::size_t step) { return StepContext{world, params, state, scratch, step}; }
};

/// Four countries of one city; countries 0 and 1 have strong veto players (the "veto" targeting
/// serves them first); veto itself does not enter contestation here (zeta_veto = 0).
Params lever_params(double budget) {
    auto p = test::quiet_params();
    p.zeta0 = -2.0;
    p.zeta_dp = 3.0;
    p.us.safeguard_budget = budget;  // countries per year: 8 -> 2 per quarter
    p.us.safeguard_targeting = Targeting::Veto;
    p.us.safeguard_start_year = 2008;
    p.us.safeguard_effect = 0.5;
    p.us.safeguard_decay = 1.0;
    return p;
}

Bench lever_bench(double budget) {
    Bench b({.countries = 4, .cities_per_country = 1, .steps = 401}, lever_params(budget));
    b.world.countries.veto = {1.0, 0.9, 0.0, 0.0};
    return b;
}

/// Contest outcomes of one awarded Chinese project per country, over `trials` steps (one fresh
/// award per step, so each trial has its own Contest draw); 1 = contested.
std::vector<std::vector<int>> contest_outcomes(Bench& b, std::size_t trials) {
    std::vector<std::vector<int>> out(b.world.countries.size());
    for (std::size_t t = 1; t <= trials; ++t) {
        const auto ctx = b.ctx(t);
        for (std::size_t i = 0; i < b.world.cities.size(); ++i) {
            auto& cs = b.state.cities;
            cs.status[i] = Status::Awarded;
            cs.vendor[i] = kHw;
            cs.loan[i] = 0;  // local, no gate
            cs.award_step[i] = -1;
            std::vector<Event> log;
            rules::approve_and_contest(ctx, i);
            b.scratch.city_events.flush_into(log);
            int contested = 0;
            for (const auto& e : log) contested |= e.kind == EventKind::Contest;
            out[i].push_back(contested);
        }
    }
    return out;
}

TEST(SafeguardAssistance, OffByDefault) {
    const Params defaults;
    EXPECT_EQ(defaults.us.safeguard_budget, 0.0);
    Bench b({.countries = 3, .cities_per_country = 1}, defaults);
    const std::vector<double> dp = {0.1, 0.5, 1.0};
    for (std::size_t s = 0; s < 48; ++s)
        for (std::size_t c = 0; c < 3; ++c) b.world.exo.data_protection[s * 3 + c] = dp[c];
    for (std::size_t step = 0; step < 48; ++step) rules::assist_safeguards(b.ctx(step));
    for (std::size_t c = 0; c < 3; ++c) {
        EXPECT_EQ(b.state.countries.safeguard[c], 0.0);
        EXPECT_EQ(b.ctx(47).data_protection(c), dp[c]);  // bit for bit
    }
}

TEST(SafeguardAssistance, RaisesDataProtectionOfTargetedCountriesOnly) {
    auto b = lever_bench(8.0);
    rules::assist_safeguards(b.ctx(0));  // 2008Q1: 8 x 0.25 = 2 countries, the two with veto players
    EXPECT_EQ(b.state.countries.safeguard[0], 0.5);
    EXPECT_EQ(b.state.countries.safeguard[1], 0.5);
    EXPECT_EQ(b.state.countries.safeguard[2], 0.0);
    EXPECT_EQ(b.state.countries.safeguard[3], 0.0);
    rules::assist_safeguards(b.ctx(1));
    EXPECT_EQ(b.ctx(1).data_protection(0), 1.0);  // 0 + 0.5 + 0.5, capped at 1
    b.state.countries.safeguard[0] = 5.0;
    EXPECT_EQ(b.ctx(1).data_protection(0), 1.0);  // the cap
    EXPECT_EQ(b.ctx(1).data_protection(2), 0.0);
}

TEST(SafeguardAssistance, DecaysAndStartsInItsYear) {
    auto p = lever_params(8.0);
    p.us.safeguard_start_year = 2009;
    p.us.safeguard_decay = 0.5;
    Bench b({.countries = 4, .cities_per_country = 1}, p);
    b.world.countries.veto = {1.0, 0.9, 0.0, 0.0};
    for (std::size_t step = 0; step < 4; ++step) rules::assist_safeguards(b.ctx(step));  // 2008: nothing
    for (double g : b.state.countries.safeguard) EXPECT_EQ(g, 0.0);
    rules::assist_safeguards(b.ctx(4));  // 2009Q1
    EXPECT_EQ(b.state.countries.safeguard[0], 0.5);
    b.params.us.safeguard_budget = 1e-9;  // next step: decay, (almost surely) no new assistance
    rules::assist_safeguards(b.ctx(5));
    EXPECT_EQ(b.state.countries.safeguard[0], 0.25);
}

TEST(SafeguardAssistance, MovesContestationInTargetedCountriesOnly) {
    constexpr std::size_t trials = 400;
    auto off = lever_bench(0.0);
    const auto base = contest_outcomes(off, trials);

    auto on = lever_bench(8.0);
    rules::assist_safeguards(on.ctx(0));
    on.params.us.safeguard_budget = 0.0;  // freeze the stock: no decay, no new targets
    const auto lever = contest_outcomes(on, trials);

    auto rate = [](const std::vector<int>& v) { return static_cast<double>(std::accumulate(v.begin(), v.end(), 0)) / static_cast<double>(v.size()); };
    // targeted (D_c 0 -> 0.5, zeta_dp 3): pi = sigma(-2) = 0.12 -> sigma(-0.5) = 0.38
    for (std::size_t c : {0u, 1u}) {
        SCOPED_TRACE(c);
        EXPECT_NEAR(rate(base[c]), 0.119, 0.05);
        EXPECT_NEAR(rate(lever[c]), 0.378, 0.07);
        EXPECT_GT(rate(lever[c]), rate(base[c]) + 0.15);
    }
    // not targeted: the very same outcomes, draw for draw (common random numbers)
    EXPECT_EQ(lever[2], base[2]);
    EXPECT_EQ(lever[3], base[3]);
}

TEST(Sanctions, StartInTheirQuarter) {
    auto p = test::quiet_params();
    p.vendors[kHuawei].sanction_year = 2019;
    p.vendors[kHuawei].sanction_quarter = 4;
    p.vendors[1].sanction_year = 2019;  // annual form: from 2019Q1
    Bench b({.countries = 1, .cities_per_country = 1, .steps = 48}, p);
    EXPECT_FALSE(b.ctx(43).sanctioned(kHuawei));  // 2018Q4
    EXPECT_FALSE(b.ctx(46).sanctioned(kHuawei));  // 2019Q3
    EXPECT_TRUE(b.ctx(47).sanctioned(kHuawei));   // 2019Q4
    EXPECT_FALSE(b.ctx(43).sanctioned(1));
    EXPECT_TRUE(b.ctx(44).sanctioned(1));         // 2019Q1
    EXPECT_FALSE(b.ctx(47).sanctioned(2));        // never
}

TEST(Sanctions, StartKeyParsesAQuarterAndExcludesTheYearKey) {
    const auto file = std::filesystem::path(PUSHPULL_SOURCE_DIR) / "scenarios" / "test_small.toml";
    const auto sch = schema();
    auto cfg = sim::config::load_scenario(file, sch, {"vendors.hikvision.sanction_start=2019Q4"});
    ASSERT_TRUE(cfg) << cfg.error().message();
    auto p = params_from_config(*cfg);
    ASSERT_TRUE(p) << p.error().message();
    EXPECT_EQ(p->vendors[2].sanction_year, 2019);
    EXPECT_EQ(p->vendors[2].sanction_quarter, 4);
    EXPECT_EQ(p->vendors[3].sanction_year, 0);

    auto both = sim::config::load_scenario(file, sch, {"vendors.hikvision.sanction_start=2019Q4", "vendors.hikvision.sanction_year=2019"});
    ASSERT_TRUE(both);
    auto pb = params_from_config(*both);
    ASSERT_FALSE(pb);
    EXPECT_NE(pb.error().message().find("not both"), std::string::npos) << pb.error().message();

    auto bad = sim::config::load_scenario(file, sch, {"vendors.dahua.sanction_start=2019-10"});
    ASSERT_TRUE(bad);
    auto pbad = params_from_config(*bad);
    ASSERT_FALSE(pbad);
    EXPECT_NE(pbad.error().message().find("vendors.dahua.sanction_start"), std::string::npos) << pbad.error().message();
}

}  // namespace
}  // namespace pushpull
