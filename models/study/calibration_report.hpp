#pragma once
/// The report of a calibration file as Markdown tables (what docs/CALIBRATION.md quotes): ABC
/// progress by generation, the posterior of every parameter with its identification (posterior
/// width over prior width), and every target's observed value against the posterior-predictive
/// median and 90% interval. Printed by `pushpull report POSTERIOR.h5`.
#include <string>

#include "sim/error.hpp"
#include "sim/output/tree.hpp"

namespace study {

/// True when the tree is a calibration file.
bool is_calibration_file(const sim::out::Group& root);

/// Errors: BadInput when the file is incomplete (no posterior) or lacks a dataset.
sim::Result<std::string> calibration_report(const sim::out::Group& root);

/// True when the tree is a simulation-based-calibration file (`pushpull calibrate` with [sbc]).
bool is_sbc_file(const sim::out::Group& root);

/// SBC rank histograms and χ² p-values per parameter as Markdown. Errors: BadInput for a missing
/// or inconsistent dataset.
sim::Result<std::string> sbc_report(const sim::out::Group& root);

}  // namespace study
