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
/// values, (draws x unidentified draws) x parameters, row d * U + u applied in cell (s, u, d) of
/// every arm), /unidentified, /structures, /ranking, /runs (arm, structure, unidentified, draw,
/// replicate, seed, one column per statistic), /contrasts (each arm minus the reference) and
/// /headline (headline[0] minus headline[1], when named): arm, against, statistic, mean, q05, q50,
/// q95, sd_paired, sd_unpaired, variance_ratio, n and the R14 columns (r14_columns(), units).
sim::out::Group experiment_tree(const Plan& plan, const Results& results);

/// The R14 columns of a contrast table (/contrasts, /headline): files written before R14 lack them.
const std::vector<std::string>& r14_columns();

/// Checks what the readers use beyond the pre-R14 columns: every R14 column of /contrasts and
/// /headline that is present is a double column of the table's length, and /ranking, when present,
/// has statistic, arm (strings), mean, p_best, p_best_cell (doubles) of one length.
/// Errors: BadInput naming the object ("/contrasts/ci_lo: ...").
sim::Result<void> check_r14(const sim::out::Group& root);

/// The report `pushpull report` prints: contrasts against the reference as tables sorted by the
/// effect on countries adopting at the horizon (most negative first), the regional effects, the
/// CRN variance ratios and the headline contrast. `all`: also every contrast in long form.
/// Errors: BadInput if the tree is not an experiment file.
sim::Result<std::string> format_report(const sim::out::Group& root, bool all = false);

}  // namespace pushpull::experiment
