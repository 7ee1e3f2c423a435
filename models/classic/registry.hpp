#pragma once
/// The classic diffusion models as CLI entries: `bass`, `threshold`, `cascade`, `sir`.
/// Each entry's schema has model.name, run.seed, run.steps, network.*, seeds.* and params.*;
/// its run() builds the network, picks the seeds, runs the model on RunContext::executor (serial
/// if null) and returns /series, /nodes and attributes (see output.hpp).
#include <vector>

#include "sim/model_api.hpp"

namespace classic {

/// Entries named bass, threshold, cascade, sir (in that order).
[[nodiscard]] std::vector<sim::ModelEntry> classic_models();

}  // namespace classic

