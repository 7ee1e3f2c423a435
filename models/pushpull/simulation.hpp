#pragma once
/// The schedule of the push–pull model (MODEL.md §3): one explicit ordered list of phases, each run
/// over countries, cities or vendors through the parallel seam, events flushed in (phase, agent)
/// order after each phase, a recorder called after each step.
#include <span>
#include <string>
#include <vector>

#include "models/pushpull/events.hpp"
#include "models/pushpull/rules/context.hpp"
#include "sim/parallel.hpp"
#include "sim/recorder.hpp"

namespace pushpull {

/// What a recorder sees after a step.
struct Snapshot {
    const World& world;
    const State& state;
    std::span<const Event> step_events;  ///< events of this step, in log order
};

struct PhaseTiming {
    std::string name;
    double seconds = 0.0;
};

class Simulation {
public:
    Simulation(const World& world, const Params& params, const sim::Executor& executor);

    /// Runs every step of the time axis.
    void run(sim::Recorder<Snapshot>* recorder = nullptr);
    /// Runs one step (the next one).
    void step(sim::Recorder<Snapshot>* recorder = nullptr);

    [[nodiscard]] const State& state() const { return state_; }
    [[nodiscard]] const std::vector<Event>& events() const { return events_; }
    [[nodiscard]] const std::vector<PhaseTiming>& timings() const { return timings_; }
    [[nodiscard]] std::size_t steps_done() const { return next_step_; }

private:
    void run_phase(std::size_t phase, const StepContext& ctx);

    const World& world_;
    const Params& params_;
    const sim::Executor& executor_;
    State state_;
    Scratch scratch_;
    std::vector<std::vector<std::uint32_t>> candidates_;  // per vendor, reused
    std::vector<Event> events_;
    std::vector<PhaseTiming> timings_;
    std::size_t next_step_ = 0;
};

}  // namespace pushpull
