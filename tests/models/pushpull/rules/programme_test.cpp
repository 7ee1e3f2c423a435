// The national programme decision (structure.entry_decision = country_programme,
// models/pushpull/rules/programme.cpp) on synthetic worlds: a country decides at most once, its
// cities get no tender, offer or contract before it, and a run is the same with 1 or 2 threads.
#include <gtest/gtest.h>

#include <cmath>
#include <vector>

#include "models/pushpull/rules/rules.hpp"
#include "models/pushpull/simulation.hpp"
#include "sim/parallel.hpp"
#include "tests/models/pushpull/synthetic_world.hpp"

namespace pushpull {
namespace {

/// A market where every tendering city is answered and signs: vendors with capacity for every
/// city, an overwhelming utility, unsolicited offers, and the gate and contestation off.
Params busy_params() {
    auto p = test::quiet_params();
    p.structure.entry_decision = EntryDecision::CountryProgramme;
    p.alpha0 = 40.0;
    p.alpha_tender = std::log(0.3);
    p.unsolicited_rate = 0.2;
    p.programme_alpha = std::log(0.2);
    for (auto& v : p.vendors) {
        v.capacity = 5000.0;
        v.unsolicited = 1.0;
    }
    return p;
}

State run_state(const World& w, const Params& p, const sim::Executor& ex, std::vector<Event>* events = nullptr) {
    Simulation sim(w, p, ex);
    sim.run();
    if (events) *events = sim.events();
    return sim.state();
}

TEST(Programme, ACountryDecidesAtMostOnce) {
    auto p = busy_params();
    p.programme_alpha = 5.0;  // h ~ 1 per step: a rule deciding again would move the step forward
    const World w = test::synthetic_world({.countries = 20, .cities_per_country = 5, .steps = 40, .all_capital = false}, p);
    std::vector<Event> events;
    const State s = run_state(w, p, sim::Executor::serial(), &events);
    for (std::size_t c = 0; c < w.countries.size(); ++c) EXPECT_EQ(s.countries.programme_step[c], 0) << "country " << c;
    // Calling the rule again after the decision leaves it where it was.
    auto p2 = busy_params();
    p2.programme_alpha = std::log(0.5);
    const World w2 = test::synthetic_world({.countries = 50, .cities_per_country = 2, .steps = 80}, p2);
    State st;
    st.cities.resize(w2.cities.size());
    st.countries.resize(w2.countries.size());
    Scratch x;
    x.prepare(w2);
    std::vector<std::int16_t> first(w2.countries.size(), -1);
    for (std::size_t step = 0; step < 80; ++step) {
        const StepContext ctx{w2, p2, st, x, step};
        for (std::size_t c = 0; c < w2.countries.size(); ++c) {
            rules::prepare_country_terms(ctx, c);
            rules::decide_programme(ctx, c);
            if (first[c] < 0) first[c] = st.countries.programme_step[c];
            EXPECT_EQ(st.countries.programme_step[c], first[c]) << "country " << c << " decided again at step " << step;
        }
    }
    std::size_t decided = 0;
    for (auto f : first) decided += f >= 0;
    EXPECT_GT(decided, 40u);  // the rule does decide (P(decided by 80 steps) = 1 - e^-10 each)
}

TEST(Programme, CitiesOfACountryWithoutAProgrammeGetNoTenderOfferOrContract) {
    auto p = busy_params();
    p.programme_alpha = std::log(0.05);  // about half the countries decide in 12 years
    const World w = test::synthetic_world({.countries = 40, .cities_per_country = 6, .steps = 48, .all_capital = false}, p);
    std::vector<Event> events;
    const State s = run_state(w, p, sim::Executor::serial(), &events);
    std::size_t with = 0, without = 0;
    for (std::size_t c = 0; c < w.countries.size(); ++c) (s.countries.programme_step[c] >= 0 ? with : without)++;
    ASSERT_GT(with, 0u);
    ASSERT_GT(without, 0u);
    for (const auto& e : events) {
        const auto c = static_cast<std::size_t>(e.country);
        if (e.kind != EventKind::Tender && e.kind != EventKind::Offer && e.kind != EventKind::Award) continue;
        ASSERT_GE(s.countries.programme_step[c], 0) << "country " << c << " without a programme had an event";
        EXPECT_GE(e.step, s.countries.programme_step[c]) << "an event before the programme in country " << c;
    }
    for (std::size_t i = 0; i < w.cities.size(); ++i) {
        const auto c = w.cities.country[i];
        if (s.countries.programme_step[c] >= 0) continue;
        EXPECT_EQ(s.cities.agreements[i], 0) << "city " << i;
        EXPECT_EQ(s.cities.status[i], Status::None) << "city " << i;
    }
    // Where there is a programme, its leader city tendered in the step of the decision.
    for (std::size_t c = 0; c < w.countries.size(); ++c) {
        const auto d = s.countries.programme_step[c];
        if (d < 0) continue;
        bool leader = false;
        for (const auto& e : events)
            leader = leader || (e.kind == EventKind::Tender && e.step == d && static_cast<std::uint32_t>(e.city) == w.countries.leader_city[c]);
        EXPECT_TRUE(leader) << "country " << c;
    }
}

TEST(Programme, TheDefaultEntryLetsCitiesTenderWithoutAProgramme) {
    auto p = busy_params();
    p.structure.entry_decision = EntryDecision::City;
    p.programme_alpha = -50.0;
    const World w = test::synthetic_world({.countries = 5, .cities_per_country = 4, .steps = 40}, p);
    std::vector<Event> events;
    const State s = run_state(w, p, sim::Executor::serial(), &events);
    for (auto d : s.countries.programme_step) EXPECT_EQ(d, -1);
    std::size_t agreements = 0;
    for (auto a : s.cities.agreements) agreements += a;
    EXPECT_GT(agreements, 0u);
}

/// Countries (programme step) whose leader city got a Chinese offer in the step of the decision.
std::size_t leaders_offered_at_decision(const World& w, const State& s, const std::vector<Event>& events,
                                        std::size_t* decided) {
    std::size_t offered = 0;
    *decided = 0;
    for (std::size_t c = 0; c < w.countries.size(); ++c) {
        const auto d = s.countries.programme_step[c];
        if (d < 0) continue;
        ++*decided;
        bool hit = false;
        for (const auto& e : events)
            hit = hit || (e.kind == EventKind::Offer && e.step == d &&
                          static_cast<std::uint32_t>(e.city) == w.countries.leader_city[c] &&
                          w.vendors[static_cast<std::size_t>(e.vendor)].chinese);
        offered += hit;
    }
    return offered;
}

TEST(Programme, TheLeaderOfferReachesEveryProgrammeCapitalAtOnceWhateverTheCapacity) {
    auto p = busy_params();
    p.programme_alpha = std::log(0.8);  // several countries decide in the same step
    p.unsolicited_rate = 0.0;
    for (auto& v : p.vendors) v.capacity = 1.0;  // every vendor ranks the same best city: one city per step
    const World w =
        test::synthetic_world({.countries = 60, .cities_per_country = 3, .steps = 24, .all_capital = false}, p);
    std::vector<Event> ranked_events, leader_events;
    const State ranked = run_state(w, p, sim::Executor::serial(), &ranked_events);
    std::size_t decided = 0;
    const std::size_t ranked_offered = leaders_offered_at_decision(w, ranked, ranked_events, &decided);
    ASSERT_GT(decided, 30u);
    EXPECT_LT(ranked_offered, decided) << "the capacity ranking should miss some programme capitals";

    p.structure.programme_offer = ProgrammeOffer::Leader;
    const State leader = run_state(w, p, sim::Executor::serial(), &leader_events);
    EXPECT_EQ(leader.countries.programme_step, ranked.countries.programme_step);  // the decision draws are untouched
    EXPECT_EQ(leaders_offered_at_decision(w, leader, leader_events, &decided), decided);

    // No Chinese vendor in the market (capacity 0): the programme makes no offer of its own.
    for (auto& v : p.vendors)
        if (v.chinese) v.capacity = 0.0;
    const World w0 =
        test::synthetic_world({.countries = 60, .cities_per_country = 3, .steps = 24, .all_capital = false}, p);
    std::vector<Event> none_events;
    const State none = run_state(w0, p, sim::Executor::serial(), &none_events);
    EXPECT_EQ(leaders_offered_at_decision(w0, none, none_events, &decided), 0u);
    EXPECT_GT(decided, 30u);
}

TEST(Programme, SameRunWithOneOrTwoThreads) {
    auto p = busy_params();
    p.programme_alpha = std::log(0.1);
    // Above the grains (256 countries, 2,048 cities): country and city phases split into tasks.
    const World w = test::synthetic_world({.countries = 300, .cities_per_country = 8, .steps = 40, .all_capital = false}, p);
    std::vector<Event> e1, e2;
    const State s1 = run_state(w, p, sim::Executor::serial(), &e1);
    const State s2 = run_state(w, p, sim::Executor(2), &e2);
    EXPECT_EQ(s1.countries.programme_step, s2.countries.programme_step);
    EXPECT_EQ(s1.cities.first_chinese_step, s2.cities.first_chinese_step);
    EXPECT_EQ(s1.cities.agreements, s2.cities.agreements);
    ASSERT_EQ(e1.size(), e2.size());
    for (std::size_t k = 0; k < e1.size(); ++k) {
        EXPECT_EQ(e1[k].step, e2[k].step);
        EXPECT_EQ(e1[k].city, e2[k].city);
        EXPECT_EQ(e1[k].kind, e2[k].kind);
    }
    std::size_t decided = 0;
    for (auto d : s1.countries.programme_step) decided += d >= 0;
    EXPECT_GT(decided, 50u);
    EXPECT_LT(decided, 300u);
}

}  // namespace
}  // namespace pushpull
