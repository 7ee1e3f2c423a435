#pragma once
/// The experiment's output tree (/experiment, /runs, /contrasts, /headline) and the readable report
/// made from a file read back. The CLI adds provenance and writes the tree; models never see HDF5.
#include <string>

#include "models/pushpull/experiment/contrast.hpp"
#include "sim/output/tree.hpp"

namespace pushpull::experiment {

/// /experiment (attributes: the experiment text, base, horizon, draws, replicates, seed, reference,
/// headline, arms and their overrides, the base's resolved configuration, the posterior file and
/// its SHA-256 when there is one), /draws (with a posterior only: draw, particle, parameter, and
/// values, draws x parameters, the values draw d applied to every arm), /runs (arm, draw,
/// replicate, seed, one column per statistic), /contrasts (each arm minus the reference) and
/// /headline (headline[0] minus headline[1], when named): arm, against, statistic, mean, q05, q50,
/// q95, sd_paired, sd_unpaired, variance_ratio, n.
sim::out::Group experiment_tree(const Plan& plan, const Results& results);

/// The report `pushpull report` prints: contrasts against the reference as tables sorted by the
/// effect on countries adopting at the horizon (most negative first), the regional effects, the
/// CRN variance ratios and the headline contrast. `all`: also every contrast in long form.
/// Errors: BadInput if the tree is not an experiment file.
sim::Result<std::string> format_report(const sim::out::Group& root, bool all = false);

}  // namespace pushpull::experiment
