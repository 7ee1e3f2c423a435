// Rules on a synthetic world (tests/models/pushpull/synthetic_world.hpp): each rule is called
// directly on a hand-set state, so a test sees exactly what one rule does in one step.
#include <gtest/gtest.h>

#include <cmath>

#include "models/pushpull/rules/rules.hpp"
#include "models/pushpull/rules/utility.hpp"
#include "tests/models/pushpull/synthetic_world.hpp"

namespace pushpull {
namespace {

constexpr std::int8_t kHw = static_cast<std::int8_t>(kHuawei);

/// A world, params, state and scratch wired together, with a context for any step.
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
    /// The tender rule reads country terms prepared earlier in the step.
    StepContext tender_ctx(std::size_t step) {
        const auto c = ctx(step);
        for (std::size_t k = 0; k < world.countries.size(); ++k) rules::prepare_country_terms(c, k);
        return c;
    }
    std::vector<Event> flush() {
        std::vector<Event> log;
        scratch.country_events.flush_into(log);
        scratch.city_events.flush_into(log);
        return log;
    }
};

TEST(ChooseOffer, CityWithoutOffersIsUnchanged) {
    Bench b({.countries = 1, .cities_per_country = 4}, test::quiet_params());
    b.params.alpha0 = 50.0;  // any offer would be taken
    b.state.cities.status[1] = Status::Tendering;
    b.state.cities.timer[1] = 3;
    const auto before = b.state.cities.status;
    for (std::size_t i = 0; i < 4; ++i) rules::choose_offer(b.ctx(5), i);
    EXPECT_EQ(b.state.cities.status, before);
    EXPECT_EQ(b.state.cities.timer[1], 3);
    for (auto v : b.state.cities.vendor) EXPECT_EQ(v, -1);
    for (auto a : b.state.cities.agreements) EXPECT_EQ(a, 0);
    EXPECT_TRUE(b.flush().empty());
}

TEST(ChooseOffer, AnOverwhelminglyGoodOfferIsSignedAndOffersAreCleared) {
    Bench b({.countries = 1, .cities_per_country = 2}, test::quiet_params());
    b.params.alpha0 = 50.0;
    b.scratch.offer[1 * kVendors + 2] = 1;  // hikvision offers to city 1
    rules::choose_offer(b.ctx(3), 1);
    EXPECT_EQ(b.state.cities.status[1], Status::Awarded);
    EXPECT_EQ(b.state.cities.vendor[1], 2);
    EXPECT_EQ(b.state.cities.award_step[1], 3);
    EXPECT_EQ(b.state.cities.first_chinese_step[1], 3);
    EXPECT_EQ(b.state.cities.agreements[1], 1);
    for (std::size_t v = 0; v < kVendors; ++v) EXPECT_EQ(b.scratch.offer[1 * kVendors + v], 0);
    const auto log = b.flush();
    ASSERT_EQ(log.size(), 1u);
    EXPECT_EQ(log[0].kind, EventKind::Award);
    EXPECT_EQ(log[0].vendor, 2);
}

TEST(ChooseOffer, AHopelessOfferIsDeclined) {
    Bench b({.countries = 1, .cities_per_country = 2}, test::quiet_params());
    b.params.alpha0 = -50.0;
    b.scratch.offer[0 * kVendors + kHuawei] = 2;
    rules::choose_offer(b.ctx(0), 0);
    EXPECT_EQ(b.state.cities.status[0], Status::None);
    EXPECT_EQ(b.scratch.offer[0 * kVendors + kHuawei], 0);
}

TEST(ApprovalGate, AwardNeverApprovedIsCancelledAfterTheTimeout) {
    auto p = test::quiet_params();
    p.kappa0 = -50.0;  // the gate never approves
    p.approval_timeout = 5;
    p.cancel_cooldown = 3;
    Bench b({.countries = 1, .cities_per_country = 1}, p);
    auto& cs = b.state.cities;
    cs.status[0] = Status::Awarded;
    cs.vendor[0] = kHw;
    cs.loan[0] = 1;  // loan-backed: needs a sovereign guarantee
    cs.award_step[0] = 0;
    cs.timer[0] = 0;
    std::size_t step = 1;
    for (; step < 5; ++step) {
        rules::approve_and_contest(b.ctx(step), 0);
        ASSERT_EQ(cs.status[0], Status::Awarded) << "step " << step;
    }
    EXPECT_TRUE(b.flush().empty());
    rules::approve_and_contest(b.ctx(step), 0);
    EXPECT_EQ(cs.status[0], Status::Cancelled);
    EXPECT_EQ(cs.timer[0], 3);  // cancel_cooldown: steps until the city may tender again
    const auto log = b.flush();
    ASSERT_EQ(log.size(), 1u);
    EXPECT_EQ(log[0].kind, EventKind::Cancel);
}

TEST(ApprovalGate, LocalProjectWithoutLoanSkipsTheGate) {
    auto p = test::quiet_params();
    p.kappa0 = -50.0;  // a gate would refuse
    Bench b({.countries = 1, .cities_per_country = 1}, p);
    auto& cs = b.state.cities;
    cs.status[0] = Status::Awarded;
    cs.vendor[0] = kHw;
    cs.loan[0] = 0;
    cs.award_step[0] = 0;
    rules::approve_and_contest(b.ctx(1), 0);
    EXPECT_EQ(cs.status[0], Status::Implementing);
    EXPECT_GT(cs.live_step[0], 1);
}

TEST(ApprovalGate, AwardOfThisStepWaitsForTheNextStep) {
    Bench b({.countries = 1, .cities_per_country = 1}, test::quiet_params());
    auto& cs = b.state.cities;
    cs.status[0] = Status::Awarded;
    cs.vendor[0] = kHw;
    cs.award_step[0] = 4;
    rules::approve_and_contest(b.ctx(4), 0);
    EXPECT_EQ(cs.status[0], Status::Awarded);
}

TEST(OpenTender, NeverOpensWhenTheHazardIsZero) {
    auto p = test::quiet_params();
    p.alpha_tender = -50.0;
    Bench b({.countries = 2, .cities_per_country = 50}, p);
    for (std::size_t step = 0; step < 48; ++step)
        for (std::size_t i = 0; i < b.world.cities.size(); ++i) rules::open_tender(b.tender_ctx(step), i);
    for (auto s : b.state.cities.status) EXPECT_EQ(s, Status::None);
    EXPECT_TRUE(b.flush().empty());
}

TEST(OpenTender, AlwaysOpensWhenTheHazardIsHugeAndSetsTheTimer) {
    auto p = test::quiet_params();
    p.alpha_tender = 20.0;
    p.tender_duration = 3;
    Bench b({.countries = 1, .cities_per_country = 10}, p);
    for (std::size_t i = 0; i < 10; ++i) rules::open_tender(b.tender_ctx(0), i);
    for (std::size_t i = 0; i < 10; ++i) {
        EXPECT_EQ(b.state.cities.status[i], Status::Tendering);
        EXPECT_EQ(b.state.cities.timer[i], 3);
    }
    EXPECT_EQ(b.flush().size(), 10u);
}

TEST(OpenTender, OpenTenderLapsesAfterItsDuration) {
    auto p = test::quiet_params();
    p.alpha_tender = -50.0;
    Bench b({.countries = 1, .cities_per_country = 1}, p);
    b.state.cities.status[0] = Status::Tendering;
    b.state.cities.timer[0] = 2;
    rules::open_tender(b.tender_ctx(1), 0);
    EXPECT_EQ(b.state.cities.status[0], Status::Tendering);
    rules::open_tender(b.tender_ctx(2), 0);
    EXPECT_EQ(b.state.cities.status[0], Status::None);
}

TEST(OpenTender, CommittedCityDoesNotTender) {
    auto p = test::quiet_params();
    p.alpha_tender = 20.0;
    Bench b({.countries = 1, .cities_per_country = 1}, p);
    b.state.cities.status[0] = Status::Operating;
    rules::open_tender(b.tender_ctx(0), 0);
    EXPECT_EQ(b.state.cities.status[0], Status::Operating);
}

TEST(Expansion, ThroughTheDecidersChoiceByDefault) {
    auto p = test::quiet_params();
    p.lambda_expansion = 1e6;  // a sure offer where the vendor operates
    Bench b({.countries = 3, .cities_per_country = 4}, p);
    b.state.cities.status[4] = Status::Operating;
    b.state.cities.vendor[4] = kHw;
    b.state.countries.installed[1][kHuawei] = 1;
    for (std::size_t c = 0; c < 3; ++c) rules::offer_expansion(b.ctx(2), c);
    // An offer to the largest city with no project, nothing signed: the decider chooses (R1).
    for (std::size_t i = 0; i < 12; ++i) {
        EXPECT_EQ(b.scratch.offer[i * kVendors + kHuawei] != 0, i == 5) << "city " << i;
        if (i != 4) {
            EXPECT_EQ(b.state.cities.status[i], Status::None) << "city " << i;
        }
    }
    for (std::size_t c = 0; c < 3; ++c) rules::sign_expansion(b.ctx(2), c);  // the direct rule is off
    EXPECT_EQ(b.state.cities.status[5], Status::None);
}

TEST(Expansion, DirectOnlyInCountriesWhereTheVendorOperates) {
    auto p = test::quiet_params();
    p.lambda_expansion = 1e6;  // a sure contract where the vendor operates
    p.structure.expansion = ExpansionRule::Direct;  // the first build's rule
    Bench b({.countries = 3, .cities_per_country = 4}, p);
    // Huawei operates in city 0 of country 1 only.
    b.state.cities.status[4] = Status::Operating;
    b.state.cities.vendor[4] = kHw;
    b.state.countries.installed[1][kHuawei] = 1;
    for (std::size_t c = 0; c < 3; ++c) rules::offer_expansion(b.ctx(2), c);  // off under "direct"
    for (std::size_t c = 0; c < 3; ++c) rules::sign_expansion(b.ctx(2), c);
    for (std::size_t i = 0; i < 12; ++i) {
        if (i >= 4 && i < 8) continue;
        EXPECT_EQ(b.state.cities.status[i], Status::None) << "city " << i;
    }
    EXPECT_EQ(b.state.cities.status[5], Status::Awarded);  // the largest city with no project
    EXPECT_EQ(b.state.cities.vendor[5], kHw);
    EXPECT_EQ(b.state.cities.status[6], Status::None);  // one contract per vendor per step
    const auto log = b.flush();
    ASSERT_EQ(log.size(), 2u);
    EXPECT_EQ(log[0].kind, EventKind::Expansion);
    EXPECT_EQ(log[0].country, 1);
    EXPECT_EQ(log[1].kind, EventKind::Award);
}

TEST(Expansion, SanctionedVendorGetsNoExpansion) {
    auto p = test::quiet_params();
    p.lambda_expansion = 1e6;
    p.vendors[kHuawei].sanction_year = 2008;
    Bench b({.countries = 1, .cities_per_country = 3}, p);
    b.state.cities.status[0] = Status::Operating;
    b.state.cities.vendor[0] = kHw;
    b.state.countries.installed[0][kHuawei] = 1;
    rules::offer_expansion(b.ctx(0), 0);
    EXPECT_EQ(b.state.cities.status[1], Status::None);
}

TEST(PeerSignals, ExposureIsTheCommittedShareOfNeighbours) {
    Bench b({.countries = 1, .cities_per_country = 5, .net = test::Net::Complete}, test::quiet_params());
    b.state.cities.status[1] = Status::Awarded;
    b.state.cities.status[2] = Status::Operating;
    b.state.cities.status[3] = Status::Tendering;  // not committed
    b.scratch.exposure[1] = -1.0;
    rules::update_peer_weights(b.ctx(0));
    rules::compute_peer_signals(b.ctx(0), 0);
    rules::compute_peer_signals(b.ctx(0), 1);
    rules::compute_peer_signals(b.ctx(0), 3);
    EXPECT_DOUBLE_EQ(b.scratch.exposure[0], 2.0 / 4.0);
    EXPECT_DOUBLE_EQ(b.scratch.exposure[3], 2.0 / 4.0);
    EXPECT_DOUBLE_EQ(b.scratch.exposure[1], -1.0);  // committed cities never read it: not computed
    // A city that stops counting (cancelled) is removed again.
    b.state.cities.status[2] = Status::Cancelled;
    rules::update_peer_weights(b.ctx(1));
    rules::compute_peer_signals(b.ctx(1), 0);
    EXPECT_DOUBLE_EQ(b.scratch.exposure[0], 1.0 / 4.0);
}

TEST(Utility, MatchesTheClosedFormOnAZeroedWorld) {
    auto p = test::quiet_params();
    p.alpha0 = 1.0;
    p.beta_price = 2.0;
    Bench b({.countries = 1, .cities_per_country = 1}, p);
    b.world.vendors[kHuawei].price = 0.5;
    b.world.cities.cost_usd[0] = b.world.cities.budget_usd[0];
    EXPECT_DOUBLE_EQ(utility(b.ctx(0), 0, kHuawei, false), 1.0 - 2.0 * 0.5);
}

}  // namespace
}  // namespace pushpull
