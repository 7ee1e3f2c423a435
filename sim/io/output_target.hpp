#pragma once
/// The one discipline every writer of a final output file follows (run, sweep, merge, sensitivity,
/// calibrate, experiment):
///   1. claim_output(): refuse a target that is not a file name we may write (`-`, a directory, a
///      symlink, a device, a FIFO: BadInput), take an exclusive lock on the target (flock on
///      `.<name>.lock` beside it) before anything is created, then check for an existing target
///      (Io without overwrite) and remove stale temporaries of that target (a temporary can only
///      exist while its writer holds the lock, so any found now belongs to a dead writer);
///   2. write to temporary_path() (same directory, so the rename stays on one file system);
///   3. commit_output(): rename the temporary onto the target, refusing atomically to replace a
///      target that appeared meanwhile (renameat2 RENAME_NOREPLACE, else link + unlink);
///   4. the lock is released (and its file removed) when the last OutputLock for the target dies.
/// A second process claiming the same target fails at once with an Io error and touches nothing.
/// Within one process, claims of the same target share the lock (a command may claim early and
/// the writer claims again), so the lock is held from the command's start to the rename.
#include <filesystem>
#include <memory>
#include <string>

#include "sim/error.hpp"

namespace sim::io {

/// Holds the exclusive lock on one output target while alive (copies share it).
class OutputLock {
public:
    struct State;
    OutputLock() = default;
    explicit OutputLock(std::shared_ptr<State> s) : state_(std::move(s)) {}
    [[nodiscard]] bool held() const { return state_ != nullptr; }
    /// Releases this share of the lock now (the lock goes when the last share does).
    void release() { state_.reset(); }

private:
    std::shared_ptr<State> state_;
};

/// BadInput for `-`, an empty name, or an existing target that is not a regular file (directory,
/// symlink, device, FIFO, socket); Io when the directory is missing or not writable, or the target
/// exists and !overwrite. Does not lock (for early checks before a long job).
Result<void> check_output_path(const std::filesystem::path& target, bool overwrite);

/// check_output_path, then the lock (Io if another process holds it), then the checks again under
/// the lock, then stale temporaries of this target removed.
Result<OutputLock> claim_output(const std::filesystem::path& target, bool overwrite);

/// A fresh temporary name ".<name>.tmp-<pid>-<n>" beside the target.
std::filesystem::path temporary_path(const std::filesystem::path& target);

/// Moves `tmp` onto `target`. Without overwrite the no-replace check and the rename are one atomic
/// step (Io "appeared while writing" when the target exists; the temporary is left for the caller
/// to remove). With overwrite, an atomic replace.
Result<void> commit_output(const std::filesystem::path& tmp, const std::filesystem::path& target, bool overwrite);

/// Writes `bytes` to `path` (created exclusively, mode 0644) and fsyncs it. On any failure (ENOSPC,
/// EIO, ...) the file is removed and an Io error names `target` and the system's reason.
Result<void> write_bytes_file(const std::filesystem::path& path, const void* bytes, std::size_t n,
                              const std::filesystem::path& target);

/// Removes ".<name>.tmp-*" files of `target` (call only while holding its lock). Returns how many.
std::size_t remove_stale_temporaries(const std::filesystem::path& target);

/// The lock file's path for a target: ".<name>.lock" beside it.
std::filesystem::path lock_path(const std::filesystem::path& target);

}  // namespace sim::io
