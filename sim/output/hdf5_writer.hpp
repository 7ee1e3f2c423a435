#pragma once
/// Writes and reads an out::Group tree as an HDF5 file (HDF5's C API behind a thin RAII wrapper).
/// The file is built in memory (HDF5's core driver), written under a temporary name in the target
/// directory and renamed at the end under the target's lock (sim/io/output_target.hpp), so a
/// failed or concurrent run never leaves a partial or clobbered file, and a full disk is an Io
/// error, never a crash in HDF5. Large datasets are chunked and deflate-compressed.
/// Object timestamps are switched off so identical trees give identical bytes.
#include <filesystem>

#include "sim/error.hpp"
#include "sim/output/tree.hpp"

namespace sim::out {

struct WriteOptions {
    bool overwrite = false;          ///< refuse (Io error) when the target exists and this is false
    std::size_t compress_above = 4096;  ///< datasets with more elements are chunked + deflate(4) + shuffle
};

/// Errors: Io (locked by another process, cannot write/rename, disk full, target exists without
/// overwrite), BadInput (target is `-`, a directory, symlink, device or FIFO), Internal (HDF5 refused a call).
/// Error `where` is the target path for file-level problems and "<path>:/group/object" for an object
/// HDF5 refused (Internal: duplicate or invalid name, shape not matching the data, NUL in a string).
/// The root group's name is not stored. Creation order of links and attributes is tracked.
/// Not thread-safe (serial HDF5): call from one thread at a time.
Result<void> write_hdf5(const Group& root, const std::filesystem::path& path, const WriteOptions& opts = {});

/// Reads back a whole file written by write_hdf5. Errors: BadInput naming the file and object for a
/// foreign or damaged file (not HDF5, unreadable object, unsupported type or shape, a soft/external
/// link, a second link to an object already read such as a hard-link cycle, groups nested deeper
/// than 32, a dataset over 2^31 values or 8 GiB); Io when the file is missing or cannot be read.
/// Order: datasets, groups and attributes come back in creation order (write_hdf5 tracks it), so
/// a written tree reads back equal element by element; files without creation-order tracking
/// (e.g. h5py defaults) come back alphabetical. Integer attributes read as int64; integer datasets
/// as int32 when stored as signed <= 4 bytes, else int64; floats as double; strings (variable- or
/// fixed-length) as UTF-8. Rank-0 or rank > 2 datasets are an Io error; named datatypes are skipped.
Result<Group> read_hdf5(const std::filesystem::path& path);

/// read_hdf5 for a file that may be damaged or hostile (report, sensitivity, merge, calibrate
/// --resume, posterior draws): the file is first read in a forked child process, because libhdf5
/// itself can crash on corrupted metadata; a child killed by a signal becomes a BadInput error
/// ("damaged HDF5 file") instead of a crash of this process, and so does a child that has not
/// finished after 20 s + 1 s per 20 MB (a damaged file can loop libhdf5 forever). Then it is read
/// here as by read_hdf5.
/// Without fork (error), it reads directly.
Result<Group> read_untrusted_hdf5(const std::filesystem::path& path);

}  // namespace sim::out
