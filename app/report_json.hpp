#pragma once
/// `pushpull report FILE --json`: the report of an experiment or calibration file as one JSON
/// object (schema in docs/EXPERIMENTS.md, "Machine-readable report"). Reads the tree only.
#include <string>

#include "sim/error.hpp"
#include "sim/output/tree.hpp"

namespace app {

/// Errors: BadInput when the tree is neither an experiment nor a complete calibration file, or
/// lacks a dataset the report needs (the message names it).
sim::Result<std::string> report_json(const sim::out::Group& root, const std::string& file);

}  // namespace app
