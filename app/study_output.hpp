#pragma once
/// The steps every study command (compare, validate, calibrate) shares around its computation:
/// where the output goes, how many threads run, and how a finished tree reaches the user.
#include <filesystem>
#include <functional>
#include <string>

#include "sim/error.hpp"
#include "sim/output/tree.hpp"

namespace app {

/// `output`, or output/<stem of spec_file>.h5 with its directory created when `output` is empty.
std::filesystem::path study_output_path(const std::string& output, const std::string& spec_file);

/// `requested` if positive, else the machine's hardware threads (at least 1).
int study_threads(int requested);

using ReportFn = std::function<sim::Result<std::string>(const sim::out::Group&)>;

/// Writes `tree` to `out` (already claimed by the caller, so overwriting is allowed), reads the
/// file back and prints `report` of what was read. The report is first made from the tree in
/// memory, so a tree its own reader would reject never reaches the final name.
sim::Result<void> write_and_report(const sim::out::Group& tree, const std::filesystem::path& out,
                                   const ReportFn& report);

}  // namespace app
