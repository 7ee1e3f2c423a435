#pragma once
/// Parsed input data cached per process, so that repeated runs in one process (pushpull.run,
/// run_many, experiments and sweeps from Python) read, checksum and parse data/ once. An entry is
/// keyed by (canonical data directory, city set) and is reused only while every regular file under
/// the directory keeps its size and modification time; otherwise the directory is loaded again.
/// Thread-safe. Entries are immutable and shared.
#include <filesystem>
#include <memory>

#include "models/pushpull/data/input_data.hpp"

namespace pushpull::data {

/// load_input_data through the cache; with `data_until` != 0, the data truncated after that year
/// (truncate.hpp), cached as its own entry. Errors: as load_input_data (failures are not cached).
sim::Result<std::shared_ptr<const InputData>> cached_input_data(const std::filesystem::path& dir, CitySet cities,
                                                                int data_until = 0);

}  // namespace pushpull::data
