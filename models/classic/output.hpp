#pragma once
/// Turning classic-model runs into the engine's output tree (/series, /nodes, attributes) and a
/// readable summary. Layout:
///   /            attrs: model, network, nodes, edges, directed, steps, final_adopters, edge_visits,
///                plus every model parameter (params.*, seeds.*)
///   /series      step, new, cumulative                         (bass, threshold, cascade)
///                step, new, susceptible, infected, recovered   (sir)
///   /nodes       adoption_step (or infection_step, recovery_step; -1 = never), and `name` when
///                the network came from a file (otherwise a node's id is its row)
#include <string>
#include <vector>

#include "models/classic/models.hpp"
#include "models/classic/network_source.hpp"
#include "sim/model_api.hpp"

namespace classic {

[[nodiscard]] sim::ModelOutput adoption_output(const std::string& model, const AdoptionRun& run,
                                               const LoadedNetwork& net, sim::out::Attributes params);

[[nodiscard]] sim::ModelOutput sir_output(const SirRun& run, const LoadedNetwork& net, sim::out::Attributes params);

}  // namespace classic
