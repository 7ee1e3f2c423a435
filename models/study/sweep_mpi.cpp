#include "models/study/sweep_mpi.hpp"

#include <algorithm>
#include <cstdlib>
#include <utility>

#if defined(PUSHPULL_WITH_MPI)
#define OMPI_SKIP_MPICXX 1  // the C API only: the deprecated C++ bindings warn and are not used
#define MPICH_SKIP_MPICXX 1
#include <mpi.h>

#include <algorithm>
#include <array>
#include <atomic>
#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <cstring>
#include <map>
#include <mutex>
#include <optional>
#include <thread>
#include <utility>
#include <vector>

#include "sim/io/row_journal.hpp"
#include "sim/log.hpp"
#endif

namespace study::mpi {

bool launched_by_mpi() {
    // Open MPI, MPICH/Hydra and Slurm's PMI/PMIx launchers.
    for (const char* v : {"OMPI_COMM_WORLD_SIZE", "PMIX_RANK", "PMI_SIZE", "PMI_RANK"})
        if (std::getenv(v) != nullptr) return true;
    return false;
}

#if defined(PUSHPULL_WITH_MPI)

bool built_with_mpi() { return true; }

Session::Session() {
    if (!launched_by_mpi()) return;
    int provided = 0;
    // FUNNELED: rank 0 computes on a second thread, but only main threads call MPI.
    MPI_Init_thread(nullptr, nullptr, MPI_THREAD_FUNNELED, &provided);
    MPI_Comm_rank(MPI_COMM_WORLD, &rank_);
    MPI_Comm_size(MPI_COMM_WORLD, &size_);
    active_ = true;
}

Session::~Session() {
    if (active_) MPI_Finalize();
}

sim::Result<void> agree(bool ok, const std::string& fingerprint) {
    constexpr int kLen = 65;  // ok flag + a SHA-256 in hex
    int rank = 0, size = 1;
    MPI_Comm_rank(MPI_COMM_WORLD, &rank);
    MPI_Comm_size(MPI_COMM_WORLD, &size);
    std::array<char, kLen> mine{};
    mine[0] = ok ? 1 : 0;
    std::copy_n(fingerprint.begin(), std::min<std::size_t>(fingerprint.size(), kLen - 1), mine.begin() + 1);
    std::vector<char> all(rank == 0 ? static_cast<std::size_t>(size) * kLen : 0);
    MPI_Gather(mine.data(), kLen, MPI_CHAR, all.data(), kLen, MPI_CHAR, 0, MPI_COMM_WORLD);
    sim::DiagnosticList problems;
    int verdict = ok ? 0 : 1;
    if (rank == 0)
        for (int r = 1; r < size; ++r) {
            const char* theirs = all.data() + static_cast<std::size_t>(r) * kLen;
            const std::string where = "mpi rank " + std::to_string(r);
            if (theirs[0] == 0)
                problems.add(where, "could not plan the sweep (run it without mpirun on that node to see why)");
            else if (!std::equal(mine.begin() + 1, mine.end(), theirs + 1))
                problems.add(where, "planned a different sweep (other files, data or pushpull version on that node?)");
            if (!problems.empty()) verdict = 1;
        }
    MPI_Bcast(&verdict, 1, MPI_INT, 0, MPI_COMM_WORLD);
    if (verdict == 0) return {};
    if (!problems.empty()) return std::unexpected(problems.to_error(sim::ErrorKind::BadInput));
    return sim::bad_input("mpi", "another rank could not plan the sweep (see rank 0)");
}

#else

bool built_with_mpi() { return false; }

Session::Session() {
    // No MPI here: read the launcher's variables only so that N copies of one sweep are refused.
    for (const auto& [size_var, rank_var] : {std::pair{"OMPI_COMM_WORLD_SIZE", "OMPI_COMM_WORLD_RANK"},
                                             std::pair{"PMI_SIZE", "PMI_RANK"}})
        if (const char* s = std::getenv(size_var)) {
            size_ = std::max(1, std::atoi(s));
            if (const char* r = std::getenv(rank_var)) rank_ = std::atoi(r);
            return;
        }
}
Session::~Session() = default;
sim::Result<void> agree(bool /*ok*/, const std::string& /*fingerprint*/) { return {}; }

#endif

}  // namespace study::mpi

namespace study {

#if defined(PUSHPULL_WITH_MPI)

namespace {

enum Tag : int {
    kRequest = 1,  // worker -> 0: int threads; "send me a chunk"
    kChunk = 2,    // 0 -> worker: uint64 run indices; none = stop
    kRows = 3,     // worker -> 0: ([u64 run][u32 bytes][encode_row])...
    kDone = 4,     // worker -> 0: the worker's last message before the final broadcast
};

// A chunk holds at most this many runs per thread of the requesting rank: small enough that a slow
// run holds back few others in the reorder buffer, large enough that one request per chunk is noise
// next to the runs (each is milliseconds or more).
constexpr std::size_t kMaxRunsPerThread = 4;

/// Runs still to hand out, in ascending order; taken by rank 0's main thread (for workers) and by
/// its compute thread.
class Dispenser {
public:
    explicit Dispenser(std::vector<std::size_t> todo) : todo_(std::move(todo)) {}

    /// Guided self-scheduling: chunks shrink as the sweep nears its end so all ranks finish together.
    std::vector<std::uint64_t> take(int ranks, int threads) {
        const std::lock_guard lock(m_);
        const std::size_t left = todo_.size() - next_;
        const auto t = static_cast<std::size_t>(std::max(1, threads));
        const std::size_t per_thread =
            std::clamp<std::size_t>(left / (4 * static_cast<std::size_t>(ranks) * t), 1, kMaxRunsPerThread);
        const std::size_t n = std::min(left, per_thread * t);
        std::vector<std::uint64_t> chunk(todo_.begin() + static_cast<std::ptrdiff_t>(next_),
                                         todo_.begin() + static_cast<std::ptrdiff_t>(next_ + n));
        next_ += n;
        return chunk;
    }
    void close() {
        const std::lock_guard lock(m_);
        next_ = todo_.size();
    }

private:
    std::mutex m_;
    std::vector<std::size_t> todo_;
    std::size_t next_ = 0;
};

std::vector<std::string> compute(const SweepJob& job, const std::vector<std::uint64_t>& chunk,
                                 const sim::Executor& executor) {
    std::vector<std::string> rows(chunk.size());
    sim::parallel_for_index(
        executor, chunk.size(), [&](std::size_t i) { rows[i] = encode_row(run_one(job, chunk[i])); }, 1);
    return rows;
}

sim::Result<SweepSummary> coordinate(const SweepJob& job, const SweepOptions& opts, const sim::Executor& executor,
                                     int size) {
    std::optional<sim::Error> failure;
    std::unique_ptr<SweepWriter> writer;
    if (auto w = SweepWriter::open(job, opts))
        writer = std::move(*w);
    else
        failure = w.error();

    // Resume: runs in the journal are not handed out (unless their record does not decode, as in run_sweep).
    std::vector<std::size_t> todo;
    if (writer)
        for (std::size_t run = writer->begin(); run < writer->end(); ++run) {
            const auto* p = writer->journaled(run);
            if (!p || !decode_row(*p, job)) todo.push_back(run);
        }
    Dispenser dispenser(std::move(todo));

    // Rank 0 computes too, on a second thread, so its main thread answers requests within ~1 ms
    // instead of after its own run.
    std::mutex m;
    std::condition_variable cv;
    std::vector<std::pair<std::size_t, std::string>> local_rows;
    bool local_done = !writer;
    std::atomic<bool> stop{false};
    std::thread local;
    if (writer)
        local = std::thread([&] {
            while (!stop) {
                const auto chunk = dispenser.take(size, executor.threads());
                if (chunk.empty()) break;
                auto rows = compute(job, chunk, executor);
                const std::lock_guard lock(m);
                for (std::size_t i = 0; i < chunk.size(); ++i) local_rows.emplace_back(chunk[i], std::move(rows[i]));
                cv.notify_one();
            }
            const std::lock_guard lock(m);
            local_done = true;
            cv.notify_one();
        });

    std::map<std::size_t, std::string> pending;  // reorder buffer: encoded rows not yet written
    std::vector<std::size_t> per_rank(static_cast<std::size_t>(size), 0);
    const std::size_t end = writer ? writer->end() : 0;
    std::size_t next = writer ? writer->begin() : 0;
    int workers = size - 1;
    bool local_finished = !writer;
    auto fail = [&](sim::Error e) {
        if (!failure) failure = std::move(e);
        stop = true;
        dispenser.close();
    };
    std::vector<char> buf;
    for (;;) {
        bool busy = false;
        for (;;) {
            int flag = 0;
            MPI_Status st;
            MPI_Iprobe(MPI_ANY_SOURCE, MPI_ANY_TAG, MPI_COMM_WORLD, &flag, &st);
            if (!flag) break;
            busy = true;
            int bytes = 0;
            MPI_Get_count(&st, MPI_BYTE, &bytes);
            buf.resize(static_cast<std::size_t>(std::max(bytes, 1)));
            MPI_Recv(buf.data(), bytes, MPI_BYTE, st.MPI_SOURCE, st.MPI_TAG, MPI_COMM_WORLD, MPI_STATUS_IGNORE);
            if (st.MPI_TAG == kRequest) {
                int threads = 1;
                if (bytes == static_cast<int>(sizeof threads)) std::memcpy(&threads, buf.data(), sizeof threads);
                const auto chunk = dispenser.take(size, threads);
                MPI_Send(chunk.data(), static_cast<int>(chunk.size()), MPI_UINT64_T, st.MPI_SOURCE, kChunk,
                         MPI_COMM_WORLD);
            } else if (st.MPI_TAG == kRows) {
                if (failure) continue;
                const std::string msg(buf.data(), static_cast<std::size_t>(bytes));
                sim::io::PayloadReader r(msg);
                while (!r.done()) {
                    std::uint64_t run = 0;
                    std::string row;
                    if (!r.get(run) || !r.get_string(row) || run < next || run >= end) {
                        fail(sim::Error(sim::ErrorKind::Internal, "mpi", "malformed rows from rank " +
                                                                              std::to_string(st.MPI_SOURCE)));
                        break;
                    }
                    pending.emplace(run, std::move(row));
                    ++per_rank[static_cast<std::size_t>(st.MPI_SOURCE)];
                }
            } else if (st.MPI_TAG == kDone) {
                --workers;
            }
        }
        {
            const std::lock_guard lock(m);
            for (auto& [run, row] : local_rows) pending.emplace(run, std::move(row));
            per_rank[0] += local_rows.size();
            busy = busy || !local_rows.empty();
            local_rows.clear();
            local_finished = local_done;
        }
        // Rows in run order, from the journal or the reorder buffer: the same calls as run_sweep.
        while (!failure && next < end) {
            std::optional<RunRow> row;
            if (const auto* j = writer->journaled(next))
                if (auto r = decode_row(*j, job)) row = std::move(*r);
            const std::string* payload = nullptr;
            auto it = pending.end();
            if (!row) {
                it = pending.find(next);
                if (it == pending.end()) break;
                auto r = decode_row(it->second, job);
                if (!r) {
                    fail(r.error());
                    break;
                }
                row = std::move(*r);
                payload = &it->second;
            }
            if (auto ok = writer->put(next, *row, payload); !ok) {
                fail(ok.error());
                break;
            }
            if (it != pending.end()) pending.erase(it);
            ++next;
            busy = true;
        }
        if (failure) pending.clear();
        if (workers == 0 && local_finished) break;
        if (!busy) {
            std::unique_lock lock(m);
            cv.wait_for(lock, std::chrono::milliseconds(1),
                        [&] { return !local_rows.empty() || local_done != local_finished; });
        }
    }
    if (local.joinable()) local.join();
    if (!failure && next != end)
        failure = sim::Error(sim::ErrorKind::Internal, "mpi", "run " + std::to_string(next) + " never came back");

    sim::Result<SweepSummary> result = failure ? sim::Result<SweepSummary>(std::unexpected(*failure)) : writer->finish();
    int status = result ? 0 : 1 + static_cast<int>(result.error().kind);
    MPI_Bcast(&status, 1, MPI_INT, 0, MPI_COMM_WORLD);
    if (result) {
        std::string counts;
        for (std::size_t r = 0; r < per_rank.size(); ++r)
            counts += (r ? ", " : "") + std::to_string(r) + ": " + std::to_string(per_rank[r]);
        sim::logger("sim")->info("mpi: {} ranks; runs computed by rank: {}", size, counts);
    }
    return result;
}

sim::Result<SweepSummary> work(const SweepJob& job, const sim::Executor& executor) {
    const auto t0 = std::chrono::steady_clock::now();
    const int threads = executor.threads();
    const std::size_t cap = kMaxRunsPerThread * static_cast<std::size_t>(std::max(1, threads));
    std::vector<std::uint64_t> incoming(cap);
    MPI_Request rq = MPI_REQUEST_NULL;
    auto request = [&] {
        MPI_Send(&threads, static_cast<int>(sizeof threads), MPI_BYTE, 0, kRequest, MPI_COMM_WORLD);
        MPI_Irecv(incoming.data(), static_cast<int>(cap), MPI_UINT64_T, 0, kChunk, MPI_COMM_WORLD, &rq);
    };
    SweepSummary summary;
    request();
    for (;;) {
        MPI_Status st;
        MPI_Wait(&rq, &st);
        int n = 0;
        MPI_Get_count(&st, MPI_UINT64_T, &n);
        if (n == 0) break;
        const std::vector<std::uint64_t> chunk(incoming.begin(), incoming.begin() + n);
        request();  // prefetch: the next chunk arrives while this one runs
        const auto rows = compute(job, chunk, executor);
        sim::io::PayloadWriter w;
        for (std::size_t i = 0; i < chunk.size(); ++i) {
            w.put(chunk[i]);
            w.put_string(rows[i]);
        }
        const std::string msg = w.take();
        MPI_Send(msg.data(), static_cast<int>(msg.size()), MPI_BYTE, 0, kRows, MPI_COMM_WORLD);
        summary.runs += chunk.size();
    }
    MPI_Send(nullptr, 0, MPI_BYTE, 0, kDone, MPI_COMM_WORLD);
    int status = 0;
    MPI_Bcast(&status, 1, MPI_INT, 0, MPI_COMM_WORLD);
    if (status != 0)
        return std::unexpected(sim::Error(static_cast<sim::ErrorKind>(status - 1), "mpi",
                                          "rank 0 stopped the sweep (see its message)"));
    summary.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
    return summary;
}

}  // namespace

sim::Result<SweepSummary> run_sweep_mpi(const SweepJob& job, const SweepOptions& opts, const sim::Executor& executor) {
    if (opts.shard_count != 1) return sim::bad_input("--shard", "cannot be combined with mpirun");
    int rank = 0, size = 1;
    MPI_Comm_rank(MPI_COMM_WORLD, &rank);
    MPI_Comm_size(MPI_COMM_WORLD, &size);
    return rank == 0 ? coordinate(job, opts, executor, size) : work(job, executor);
}

#else

sim::Result<SweepSummary> run_sweep_mpi(const SweepJob& /*job*/, const SweepOptions& /*opts*/,
                                        const sim::Executor& /*executor*/) {
    return std::unexpected(sim::Error(sim::ErrorKind::Internal, "mpi", "pushpull was built without MPI (PUSHPULL_MPI=OFF)"));
}

#endif

}  // namespace study
