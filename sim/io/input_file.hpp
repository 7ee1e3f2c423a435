#pragma once
/// Reading an input file (scenario, sweep, experiment, calibration, data CSV, edge list) safely:
/// only a regular file is opened (a directory, FIFO, device or socket is refused before open, and
/// the open is non-blocking and checked again on the descriptor, so a FIFO cannot hang the reader);
/// it is read with read(2), so a read error is reported instead of yielding an empty text (e.g.
/// /proc/self/mem), and its size is limited.
#include <cstddef>
#include <filesystem>
#include <functional>
#include <string>
#include <string_view>

#include "sim/error.hpp"

namespace sim::io {

/// 256 MiB: far above any shipped input, far below what would exhaust memory.
constexpr std::size_t kMaxInputBytes = std::size_t{256} << 20;

/// The bytes of `path`. Errors: BadInput (not a regular file, larger than max_bytes), Io (missing,
/// open or read failed, naming the system's reason). `where` names the file in errors ("" = path).
Result<std::string> read_input_file(const std::filesystem::path& path, std::size_t max_bytes = kMaxInputBytes,
                                    const std::string& where = "");

/// The same checks and errors as read_input_file, but the bytes go to `sink` piece by piece (each
/// at most 1 MiB, cut anywhere) instead of into one string, so a large file is never held whole.
/// `sink` returns false to stop reading early; that is not an error.
Result<void> read_input_chunks(const std::filesystem::path& path, const std::function<bool(std::string_view)>& sink,
                               std::size_t max_bytes = kMaxInputBytes, const std::string& where = "");

}  // namespace sim::io
