#pragma once
/// Named spdlog loggers: "sim" (engine), "io" (files, HDF5), "model" (the push–pull model).
/// No per-agent logging: log once per run or per phase summary.
#include <spdlog/spdlog.h>

#include <memory>
#include <string>

namespace sim {

/// Returns the named logger, creating it (stderr, colour when a terminal) on first use.
std::shared_ptr<spdlog::logger> logger(const std::string& name);

/// Sets the level of every pushpull logger ("trace", "debug", "info", "warn", "error", "off").
void set_log_level(const std::string& level);

}  // namespace sim
