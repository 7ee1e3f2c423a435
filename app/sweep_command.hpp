#pragma once
/// `pushpull sweep SWEEP.toml -o FILE.h5 [--threads N] [--resume] [--shard i/N] [--force]
/// [--dry-run] [--print-run RUN]` and `pushpull merge -o FILE.h5 SHARD.h5...`.
/// The logic lives in models/study; these wire options, progress and provenance.
#include <string>
#include <vector>

#include "sim/error.hpp"

namespace app {

struct SweepOptions {
    std::string sweep;
    std::string output;  ///< empty: output/<sweep stem>.h5 (with a shard suffix when sharded)
    int threads = 0;     ///< 0: all hardware threads
    bool resume = false;
    bool force = false;
    bool dry_run = false;
    long print_run = -1;  ///< >= 0: print the `pushpull run` command of that run and exit
    std::string shard;    ///< "i/N" or empty
    bool mpi = false;     ///< set by main when started under mpirun with more than one rank
    int rank = 0;         ///< this process's MPI rank (0 without MPI); only rank 0 prints and writes
    int ranks = 1;        ///< MPI ranks in the job (1 without MPI)
};

sim::Result<void> sweep_command(const SweepOptions& opts);

struct MergeOptions {
    std::vector<std::string> shards;
    std::string output;
    bool force = false;
};

sim::Result<void> merge_command(const MergeOptions& opts);

}  // namespace app
