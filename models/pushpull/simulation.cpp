#include "models/pushpull/simulation.hpp"

#include <chrono>

#include "models/pushpull/rules/rules.hpp"

namespace pushpull {

namespace {

// Agents per parallel task. A rule costs ~0.1–0.5 µs per agent, so a phase over fewer agents than
// a grain runs serially: dispatching it would cost more than it saves (the 1,474-city world runs
// every phase serially; the 7,940-city world splits city phases into 4 tasks).
constexpr std::size_t kCityGrain = 2048;
constexpr std::size_t kCountryGrain = 256;

enum class Over { Countries, Cities, Vendors, UnitedStates, Bids, LoanBudget, PeerWeights };

using Rule = void (*)(const StepContext&, std::size_t);
using RangeRule = void (*)(const StepContext&, std::size_t, std::size_t);

/// Runs a per-agent rule over [begin, end) with a direct call per agent (no indirect call or
/// closure per city: the phases' bodies are often a few instructions for a committed city).
template <Rule R>
void each(const StepContext& ctx, std::size_t begin, std::size_t end) {
    for (std::size_t i = begin; i < end; ++i) R(ctx, i);
}

struct Phase {
    const char* name;
    Over over;
    RangeRule rule;
};

/// The schedule (MODEL.md §3), in order. Read this table to know what happens in a step.
constexpr Phase kSchedule[] = {
    {"1 exogenous: crime shocks", Over::Countries, each<rules::update_crime_shock>},
    {"1 exogenous: peer weights", Over::PeerWeights, nullptr},
    {"1 exogenous: peer signals", Over::Cities, each<rules::compute_peer_signals>},
    {"1 exogenous: visits", Over::Countries, each<rules::record_visit>},
    {"1 exogenous: country terms", Over::Countries, each<rules::prepare_country_terms>},
    {"2 china: vendor capacity", Over::Vendors, each<rules::set_vendor_capacity>},
    {"3 united states: messages", Over::UnitedStates, nullptr},
    {"4 countries: national programme", Over::Countries, each<rules::decide_programme>},
    {"4 cities: tenders", Over::Cities, each<rules::open_tender>},
    {"5 vendors: propose", Over::Cities, each<rules::propose_bids>},
    {"5 vendors: resolve capacity", Over::Bids, nullptr},
    {"5 vendors: programme offers", Over::Countries, each<rules::offer_programme>},
    {"5 vendors: loan budget", Over::LoanBudget, nullptr},
    {"5 vendors: expansion offers", Over::Countries, each<rules::offer_expansion>},
    {"5 vendors: offers", Over::Cities, each<rules::record_offers>},
    {"6 cities: choice", Over::Cities, each<rules::choose_offer>},
    {"7 national gate and contestation", Over::Cities, each<rules::approve_and_contest>},
    {"8 implementation: go-live", Over::Cities, each<rules::progress_implementation>},
    {"8 implementation: direct expansion", Over::Countries, each<rules::sign_expansion>},
    {"9 aggregate", Over::Countries, each<rules::aggregate_country>},
};

/// rule over [0, n): in this thread when the executor is serial or n is within one grain (as
/// parallel_for_index decides), else over the executor's ranges.
void run_ranges(const sim::Executor& ex, RangeRule rule, const StepContext& ctx, std::size_t n, std::size_t grain) {
    if (ex.mode() == sim::Executor::Mode::Serial || n <= grain) {
        rule(ctx, 0, n);
        return;
    }
    ex.for_ranges(n, [&](std::size_t b, std::size_t e) { rule(ctx, b, e); }, grain);
}

}  // namespace

Simulation::Simulation(const World& world, const Params& params, const sim::Executor& executor)
    : world_(world), params_(params), executor_(executor) {
    state_.cities.resize(world.cities.size());
    state_.countries.resize(world.countries.size());
    scratch_.prepare(world);
    scratch_.prepare_bid_values(world, params);
    candidates_.resize(kVendors);
    for (const auto& ph : kSchedule) timings_.push_back({ph.name, 0.0});
}

void Simulation::run_phase(std::size_t phase, const StepContext& ctx) {
    const Phase& ph = kSchedule[phase];
    switch (ph.over) {
        case Over::Countries:
            run_ranges(executor_, ph.rule, ctx, world_.countries.size(), kCountryGrain);
            break;
        case Over::Cities:
            run_ranges(executor_, ph.rule, ctx, world_.cities.size(), kCityGrain);
            break;
        case Over::Vendors:
            ph.rule(ctx, 0, kVendors);
            break;
        case Over::UnitedStates:
            rules::send_us_messages(ctx, executor_);
            rules::assist_safeguards(ctx);
            break;
        case Over::LoanBudget:
            rules::draw_loan_budget(ctx);
            break;
        case Over::PeerWeights:
            rules::update_peer_weights(ctx);
            break;
        case Over::Bids:
            // One task per vendor, each scanning every city: worth a thread only for large worlds.
            sim::parallel_for_index(
                executor_, kVendors, [&](std::size_t v) { rules::resolve_bids(ctx, v, candidates_[v]); },
                world_.cities.size() >= kCityGrain ? 1 : kVendors);
            break;
    }
    scratch_.country_events.flush_into(events_);
    scratch_.city_events.flush_into(events_);
}

void Simulation::step(sim::Recorder<Snapshot>* recorder) {
    const StepContext ctx{world_, params_, state_, scratch_, next_step_};
    const std::size_t first_event = events_.size();
    for (std::size_t phase = 0; phase < std::size(kSchedule); ++phase) {
        const auto t0 = std::chrono::steady_clock::now();
        run_phase(phase, ctx);
        timings_[phase].seconds += std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
    }
    if (recorder)
        recorder->record(next_step_, Snapshot{world_, state_,
                                              std::span<const Event>(events_).subspan(first_event)});
    ++next_step_;
}

void Simulation::run(sim::Recorder<Snapshot>* recorder) {
    while (next_step_ < world_.time.steps) step(recorder);
}

}  // namespace pushpull
