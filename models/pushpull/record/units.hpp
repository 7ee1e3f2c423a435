#pragma once
/// Units and one-line descriptions of every dataset a push–pull run or experiment writes, stored as
/// the HDF5 attributes `units` and `description` on each dataset (output/README.md is the long
/// form). Readers (pushpull.read, pushpull export) turn them into column metadata. Dimensionless
/// quantities say what they count ("countries", "index", "share 0-1", "1 = yes").
#include "sim/output/tree.hpp"

namespace pushpull {

/// Adds `units` and `description` to every dataset of a run tree (make_output_tree) that the
/// table knows; datasets it does not know get `units` = "" so the attribute is always present.
void add_units(sim::out::Group& run_tree);

/// The same for an experiment tree (experiment_tree): /runs statistics, /contrasts, /headline,
/// /draws and /trajectories.
void add_experiment_units(sim::out::Group& tree);

}  // namespace pushpull
