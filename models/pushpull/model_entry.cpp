#include "models/pushpull/model_entry.hpp"

#include "models/pushpull/data/input_cache.hpp"
#include "models/pushpull/record/units.hpp"
#include "sim/log.hpp"

namespace pushpull {

sim::Result<std::unique_ptr<World>> load_world(const Params& params, data::InputData& input) {
    const auto set = params.city_set == "all50k" ? data::CitySet::All50k : data::CitySet::Wup300k;
    auto loaded = data::load_input_data(params.data_dir, set);
    if (!loaded) return std::unexpected(loaded.error());
    input = std::move(*loaded);
    auto world = build_world(input, params);
    if (!world) return std::unexpected(world.error());
    return std::make_unique<World>(std::move(*world));
}

FinishedRun run_on_world(std::unique_ptr<World> world, const Params& params, const data::InputData& input,
                         const sim::Executor& executor) {
    FinishedRun run;
    run.params = params;
    Simulation sim(*world, run.params, executor);
    TrajectoryRecorder recorder(*world);
    sim.run(&recorder);
    run.state = sim.state();
    run.events = sim.events();
    run.series = recorder.series();
    run.timings = sim.timings();
    run.summary = summarise(*world, run.state, run.events, run.series, input.documented, run.params);
    run.world = std::move(world);
    return run;
}

sim::ModelEntry model_entry() {
    sim::ModelEntry e;
    e.name = "pushpull";
    e.description = "push–pull diffusion of Chinese public-security platforms (MODEL.md)";
    e.schema = schema;
    e.run = [](const sim::config::Config& cfg, const sim::RunContext& ctx) -> sim::Result<sim::ModelOutput> {
        auto params = params_from_config(cfg);
        if (!params) return std::unexpected(params.error());
        params->seed = ctx.seed;
        const auto set = params->city_set == "all50k" ? data::CitySet::All50k : data::CitySet::Wup300k;
        auto cached = data::cached_input_data(params->data_dir, set, params->data_until);  // read once per process
        if (!cached) return std::unexpected(cached.error());
        const data::InputData& input = **cached;
        auto built = build_world(input, *params);
        if (!built) return std::unexpected(built.error());
        auto world = std::make_unique<World>(std::move(*built));
        sim::logger("model")->info("world: {} countries, {} cities, {} steps; country network {} edges, city network {} edges",
                                   world->countries.size(), world->cities.size(), world->time.steps,
                                   world->country_net.num_edges() / 2, world->city_net.num_edges() / 2);
        const auto run = run_on_world(std::move(world), *params, input, *ctx.executor);
        const RunResult result{*run.world, run.state, run.events, run.series, run.summary, input.targets, run.params.seed};
        sim::ModelOutput out;
        out.tree = make_output_tree(result);
        add_units(out.tree);
        out.summary_text = make_summary_text(result);
        out.checksums = input.checksums;
        return out;
    };
    return e;
}

}  // namespace pushpull
