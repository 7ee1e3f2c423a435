#pragma once
/// `pushpull export FILE.h5 --format csv|json -o DIR [--force]`: any output file as plain tables.
/// Every group with datasets becomes one table named by its path (`countries`, `network_cities`,
/// ...): its 1-D datasets of the group's row count as columns, and each 2-D dataset as a long table
/// `<group>_<dataset>` (row, column, value; `column` from the dataset's `columns` attribute). A
/// run's /series is written long: step, label, statistic, category, value. Beside the tables:
/// `units.csv|json` (table, column, units, description: the datasets' `units` / `description`
/// attributes) and `attributes.json` (root and group attributes, provenance included).
#include <string>

#include "sim/error.hpp"

namespace app {

struct ExportOptions {
    std::string file;
    std::string format = "csv";  ///< csv or json
    std::string output;          ///< directory (created); default: <file stem>_<format>/ beside the file
    bool force = false;          ///< write into an existing, non-empty directory
};

/// Errors: BadInput (file not found, unknown format), Io (unreadable file, directory not empty
/// without --force, cannot write).
sim::Result<void> export_command(const ExportOptions& opts);

}  // namespace app
