#pragma once
/// Pieces of the HDF5 writer shared with the streaming table writer (table_stream.hpp), so both
/// make files the same way: same property lists, no timestamps, same attribute and tree encoding.
/// Not a public API: only sim/output uses it.
#include <hdf5.h>

#include <filesystem>

#include "sim/error.hpp"
#include "sim/io/hdf5_handle.hpp"
#include "sim/output/hdf5_writer.hpp"
#include "sim/output/tree.hpp"

namespace sim::out::detail {

/// Property lists and types shared by every object of one file.
struct WriteContext {
    std::filesystem::path target;  // named in errors (the temporary file is an implementation detail)
    WriteOptions opts;
    io::H5Handle string_type;  // variable-length UTF-8
    io::H5Handle gcpl;         // groups: creation order tracked, no timestamps
    io::H5Handle lcpl;         // links: UTF-8 names
    io::H5Handle acpl;         // attributes: UTF-8 names
};

Result<WriteContext> new_context(const std::filesystem::path& target, const WriteOptions& opts);
/// Writes g's attributes, datasets and subgroups into the open group `gid` (g's own name ignored).
Result<void> write_tree(const WriteContext& ctx, hid_t gid, const Group& g);
Result<void> write_attrs(const WriteContext& ctx, hid_t obj, const std::string& object, const Attributes& attrs);
/// No timestamps, creation order tracked (file- and group-creation property lists).
bool deterministic_group_properties(hid_t plist);
/// Io error unless the target may be written (writable directory; absent, or overwrite allowed).
Result<void> check_output_target(const std::filesystem::path& path, const WriteOptions& opts);
/// An error for a failed HDF5 call naming "file:/object", with HDF5's innermost message.
std::unexpected<Error> failure(ErrorKind kind, const std::filesystem::path& file, const std::string& object,
                               std::string what);

}  // namespace sim::out::detail
