#pragma once
/// Distributed sweeps: `mpirun -np N pushpull sweep ...` (build with -DPUSHPULL_MPI=ON).
///
/// Master–worker. Rank 0 hands out small chunks of run indices on request (dynamic, so a slow run
/// stalls only its own chunk), computes runs itself on a second thread, gathers the encoded rows
/// (encode_row, a few hundred bytes each), reorders them and alone writes the file through
/// SweepWriter: the same calls to HDF5 as the single-process run_sweep, hence the same bytes, with
/// serial HDF5 and no shard files to merge. Workers keep one chunk prefetched so they never idle.
/// Only rank 0's main thread and the workers' main threads call MPI (MPI_THREAD_FUNNELED).
///
/// Without PUSHPULL_WITH_MPI these compile to stubs: Session is inactive (rank 0 of 1) and
/// run_sweep_mpi returns an Internal error.
#include <string>

#include "models/study/sweep_run.hpp"

namespace study::mpi {

/// True when built with MPI support.
[[nodiscard]] bool built_with_mpi();

/// True when this process was started by an MPI launcher (mpirun/mpiexec/srun set these variables),
/// so a plain `pushpull sweep` never initialises MPI.
[[nodiscard]] bool launched_by_mpi();

/// MPI for the lifetime of the object: MPI_Init_thread when built with MPI and launched_by_mpi(),
/// MPI_Finalize on destruction. Inactive otherwise (rank 0 of 1).
class Session {
public:
    Session();
    ~Session();
    Session(const Session&) = delete;
    Session& operator=(const Session&) = delete;
    [[nodiscard]] bool active() const { return active_; }
    [[nodiscard]] int rank() const { return rank_; }
    [[nodiscard]] int size() const { return size_; }

private:
    bool active_ = false;
    int rank_ = 0, size_ = 1;
};

/// Collective: every rank says whether it planned its job (`ok`) and with which fingerprint. Returns
/// an error on every rank when any rank failed or planned a different job (rank 0's error names the
/// ranks), so no rank is left waiting for the others.
sim::Result<void> agree(bool ok, const std::string& fingerprint);

}  // namespace study

namespace study {

/// Collective over MPI_COMM_WORLD (size > 1): runs the whole job, rank 0 writes opts.output exactly
/// as run_sweep would. `executor` is this rank's (threads per rank). Rank 0 returns the summary
/// of the file (as run_sweep), workers the number of runs they computed. Errors on rank 0 (those of
/// run_sweep) stop every rank after its current chunk; workers then return an error of the same kind.
/// opts.shard_count must be 1; opts.progress is called on rank 0 only.
sim::Result<SweepSummary> run_sweep_mpi(const SweepJob& job, const SweepOptions& opts, const sim::Executor& executor);

}  // namespace study
