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
/// Error `where` is the target path for file-level problems and "<path>:/group/object" for an object
/// HDF5 refused (Internal: duplicate or invalid name, shape not matching the data, NUL in a string).
/// The root group's name is not stored. Creation order of links and attributes is tracked.
/// Not thread-safe (serial HDF5): call from one thread at a time.
Result<void> write_hdf5(const Group& root, const std::filesystem::path& path, const WriteOptions& opts = {});

/// Reads back a whole file written by write_hdf5 (for tests and tools). Errors: Io.
/// Order: datasets, groups and attributes come back in creation order (write_hdf5 tracks it), so
/// a written tree reads back equal element by element; files without creation-order tracking
/// (e.g. h5py defaults) come back alphabetical. Integer attributes read as int64; integer datasets
/// as int32 when stored as signed <= 4 bytes, else int64; floats as double; strings (variable- or
/// fixed-length) as UTF-8. Rank-0 or rank > 2 datasets are an Io error; named datatypes are skipped.
Result<Group> read_hdf5(const std::filesystem::path& path);

}  // namespace sim::out
