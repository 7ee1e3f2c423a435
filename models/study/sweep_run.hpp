#pragma once
/// Running a sweep: every (point, replicate) of a plan through an Evaluator, concurrently, with
/// rows streamed in run order to an extendible HDF5 table (sim/output/table_stream.hpp) and to a
/// journal (sim/io/row_journal.hpp) so an interrupted sweep can resume. Rows are appended in
/// blocks whose boundaries are multiples of kBlockRows from run 0, so the file's bytes do not
/// depend on the thread count, the finishing order, sharding or MPI (the same calls reach HDF5).
#include <cstdint>
#include <filesystem>
#include <functional>
#include <memory>
#include <string>
#include <vector>

#include "models/study/evaluator.hpp"
#include "sim/output/table_stream.hpp"
#include "sim/parallel.hpp"

namespace study {

inline constexpr std::size_t kBlockRows = 256;

/// Everything that fixes a sweep's content.
struct SweepJob {
    const Evaluator* evaluator = nullptr;
    std::vector<std::vector<double>> points;  ///< parameter values per point
    int replicates = 1;
    std::uint64_t seed = 1;
    bool common_random_numbers = false;  ///< seeds depend on the replicate only, not the point
    bool keep_series = false;
    sim::out::Group header;           ///< written first (design, sweep text, ...)
    sim::out::Attributes root_attrs;  ///< provenance, written last
    std::string fingerprint;          ///< identifies the job (journal check, shard check)

    [[nodiscard]] std::size_t total_runs() const { return points.size() * static_cast<std::size_t>(replicates); }
    [[nodiscard]] std::uint64_t seed_of(std::size_t run) const;
};

/// One finished run, as stored in a row of /runs.
struct RunRow {
    std::uint64_t seed = 0;
    bool ok = false;
    std::string error;
    std::vector<double> statistics;  ///< NaN when !ok
    std::vector<std::vector<double>> series;
};

struct SweepOptions {
    std::filesystem::path output;
    bool resume = false;
    bool force = false;
    std::size_t shard_index = 0, shard_count = 1;
    /// Called from the writing thread after each run: (runs done in this process, runs to do).
    std::function<void(std::size_t, std::size_t)> progress;
};

struct SweepSummary {
    std::size_t runs = 0, failed = 0, resumed = 0;  ///< rows written, failed rows, rows taken from the journal
    std::size_t begin = 0, end = 0;                 ///< the run range of this shard
    double seconds = 0;
};

/// The runs [begin, end) of shard i of n (contiguous, sizes differ by at most one).
std::pair<std::size_t, std::size_t> shard_range(std::size_t total, std::size_t index, std::size_t count);

/// The columns of /runs for a job (shared by the runner, MPI and merge).
std::vector<sim::out::StreamColumn> run_columns(const SweepJob& job);

/// Writes rows in order and flushes at block boundaries; the journal (if any) gets every new row.
class RowSink {
public:
    RowSink(sim::out::TableStream& table, const SweepJob& job, std::size_t begin);
    /// Adds row `run` (runs must arrive in ascending order, starting at `begin`).
    sim::Result<void> add(std::size_t run, const RunRow& row);
    /// Appends what is buffered.
    sim::Result<void> close_block();

private:
    sim::out::TableStream& table_;
    const SweepJob& job_;
    sim::out::RowBlock block_;
    std::size_t next_;
};

/// Runs one row (never throws; failures become !ok rows).
RunRow run_one(const SweepJob& job, std::size_t run);

/// Journal payload of a row, and back.
std::string encode_row(const RunRow& row);
sim::Result<RunRow> decode_row(const std::string& payload, const SweepJob& job);

/// The writing end of a sweep, shared by run_sweep and run_sweep_mpi so that both issue the very
/// same calls to HDF5 and to the journal (hence the same bytes): checks --resume/--force, reads the
/// journal, opens the table, then takes rows in run order. Not thread-safe (serial HDF5).
class SweepWriter {
public:
    /// Errors: as run_sweep.
    static sim::Result<std::unique_ptr<SweepWriter>> open(const SweepJob& job, const SweepOptions& opts);
    SweepWriter(const SweepWriter&) = delete;
    SweepWriter& operator=(const SweepWriter&) = delete;
    ~SweepWriter();

    [[nodiscard]] std::size_t begin() const { return summary_.begin; }
    [[nodiscard]] std::size_t end() const { return summary_.end; }
    /// The journal payload of `run` when it finished before an interruption, else nullptr.
    [[nodiscard]] const std::string* journaled(std::size_t run) const;
    /// Writes row `run` (ascending from begin()); journals it unless it came from the journal
    /// (`payload`, when given, is its encode_row), then reports progress.
    sim::Result<void> put(std::size_t run, const RunRow& row, const std::string* payload = nullptr);
    /// Appends the last block, writes the provenance, renames the file onto opts.output and deletes
    /// the journal.
    sim::Result<SweepSummary> finish();

private:
    struct State;
    explicit SweepWriter(std::unique_ptr<State> s);
    std::unique_ptr<State> state_;
    SweepSummary summary_;
};

/// Runs the job (or its shard) on `executor` and writes opts.output.
/// Errors: Io (output exists without --force/--resume, unwritable), BadInput (journal of another
/// job, --resume without a journal).
sim::Result<SweepSummary> run_sweep(const SweepJob& job, const SweepOptions& opts, const sim::Executor& executor);

}  // namespace study
