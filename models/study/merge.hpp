#pragma once
/// `pushpull merge`: joins the shard files of one sweep (`pushpull sweep --shard i/N`, e.g. a Slurm
/// job array) into the file the single-process sweep would have written: the same header, rows in
/// run order, appended in the same blocks, so the content (and the bytes) match.
#include <filesystem>
#include <vector>

#include "sim/error.hpp"

namespace study {

/// Errors: BadInput when the files are not shards of one sweep (different fingerprints, a shard
/// missing or given twice, gaps); Io for unreadable files or an existing output without `force`.
sim::Result<std::size_t> merge_shards(const std::vector<std::filesystem::path>& shards,
                                      const std::filesystem::path& output, bool force);

}  // namespace study
