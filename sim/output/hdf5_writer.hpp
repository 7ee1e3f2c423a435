#pragma once
/// Writes and reads an out::Group tree as an HDF5 file (HDF5's C API behind a thin RAII wrapper).
/// The file is written under a temporary name in the target directory and renamed at the end, so a
/// failed run never leaves a partial file. Large datasets are chunked and deflate-compressed.
/// Object timestamps are switched off so identical trees give identical bytes.
#include <filesystem>

#include "sim/error.hpp"
#include "sim/output/tree.hpp"

namespace sim::out {

struct WriteOptions {
    bool overwrite = false;          ///< refuse (Io error) when the target exists and this is false
    std::size_t compress_above = 4096;  ///< datasets with more elements are chunked + deflate(4) + shuffle
};

/// Errors: Io (cannot create/rename, target exists without overwrite), Internal (HDF5 refused a call).
Result<void> write_hdf5(const Group& root, const std::filesystem::path& path, const WriteOptions& opts = {});

/// Reads back a whole file written by write_hdf5 (for tests and tools). Errors: Io.
Result<Group> read_hdf5(const std::filesystem::path& path);

}  // namespace sim::out
