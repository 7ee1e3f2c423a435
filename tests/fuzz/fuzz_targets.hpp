#pragma once
/// The fuzz targets: each takes one input and must return without crashing, hanging or throwing,
/// whatever the bytes are (errors come back as values). Used by the plain mutation driver
/// (fuzz_main.cpp) and, when built with clang, by libFuzzer entry points (libfuzzer_entry.cpp).
#include <cstddef>
#include <cstdint>
#include <string_view>

namespace pushpull::fuzz {

/// A scenario file's text through the scenario loader and validation (push-pull schema).
void scenario(std::string_view bytes);
/// A CSV file's bytes through the CSV parser, the targets loader and the edge-list parser.
void csv(std::string_view bytes);
/// An edge list's bytes through both edge-list readers; aborts (a failed run) if the integer fast
/// path and the general reader disagree on the adjacency, the names or the diagnostics.
void edges(std::string_view bytes);
/// An HDF5 file's bytes through the untrusted reader and every file reader's schema checks
/// (sensitivity of a sweep, calibration report, experiment report).
void hdf5(std::string_view bytes);

}  // namespace pushpull::fuzz
