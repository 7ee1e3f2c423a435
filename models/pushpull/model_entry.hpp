#pragma once
/// The push–pull model as the CLI sees it, and the run pipeline reused by tests and benchmarks:
/// config -> params -> data -> world -> simulation -> summary -> output tree.
#include <memory>

#include "models/pushpull/record/output.hpp"
#include "models/pushpull/simulation.hpp"
#include "sim/model_api.hpp"

namespace pushpull {

/// The "pushpull" entry of the model registry.
sim::ModelEntry model_entry();

/// Everything a finished run holds (the world is kept for output and analysis).
struct FinishedRun {
    Params params;
    std::unique_ptr<World> world;
    State state;
    std::vector<Event> events;
    Series series;
    std::vector<Statistic> summary;
    std::vector<PhaseTiming> timings;
};

/// Runs the model on an already loaded world (what benchmarks and sweeps time).
FinishedRun run_on_world(std::unique_ptr<World> world, const Params& params, const data::InputData& input,
                         const sim::Executor& executor);

/// Loads data and builds the world for `params`. Errors: BadInput / Io from the data layer.
sim::Result<std::unique_ptr<World>> load_world(const Params& params, data::InputData& input_out);

}  // namespace pushpull
