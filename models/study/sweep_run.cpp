#include "models/study/sweep_run.hpp"

#include <chrono>
#include <cmath>
#include <exception>
#include <limits>
#include <map>
#include <optional>
#include <system_error>

#include "models/pushpull/experiment/spec.hpp"
#include "sim/io/output_target.hpp"
#include "sim/io/row_journal.hpp"

namespace study {

namespace fs = std::filesystem;
using sim::out::StreamColumn;

namespace {

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

fs::path journal_path(const fs::path& output) {
    fs::path p = output;
    p += ".journal";
    return p;
}

template <class T>
std::vector<T>& col(sim::out::RowBlock& b, std::size_t c) {
    return std::get<std::vector<T>>(b.columns[c]);
}

}  // namespace

std::uint64_t SweepJob::seed_of(std::size_t run) const {
    const auto reps = static_cast<std::size_t>(replicates);
    const int point = common_random_numbers ? 0 : static_cast<int>(run / reps);
    return pushpull::experiment::run_seed(seed, point, static_cast<int>(run % reps));
}

std::pair<std::size_t, std::size_t> shard_range(std::size_t total, std::size_t index, std::size_t count) {
    return {total * index / count, total * (index + 1) / count};
}

std::vector<StreamColumn> run_columns(const SweepJob& job) {
    const auto& ev = *job.evaluator;
    std::vector<StreamColumn> cols = {
        {"run", StreamColumn::Kind::Int64, 0, {{"doc", std::string("run index = point * replicates + replicate")}}},
        {"point", StreamColumn::Kind::Int64, 0, {{"doc", std::string("row of /design/values")}}},
        {"replicate", StreamColumn::Kind::Int64, 0, {}},
        {"seed", StreamColumn::Kind::Int64, 0, {{"doc", std::string("run.seed of this run (pushpull run --seed)")}}},
        {"ok", StreamColumn::Kind::Int64, 0, {{"doc", std::string("1 ran, 0 failed (see error)")}}},
        {"error", StreamColumn::Kind::String, 0, {}},
        {"parameters", StreamColumn::Kind::Double, ev.parameters().size(), {{"columns", ev.parameters()}}},
        {"statistics", StreamColumn::Kind::Double, ev.statistics().size(), {{"columns", ev.statistics()}}},
    };
    if (job.keep_series)
        for (const auto& name : ev.series_names())
            cols.push_back({"series_" + name,
                            StreamColumn::Kind::Double,
                            ev.series_length(),
                            {{"doc", std::string("one value per step")}}});
    return cols;
}

RowSink::RowSink(sim::out::TableStream& table, const SweepJob& job, std::size_t begin)
    : table_(table), job_(job), next_(begin) {}

sim::Result<void> RowSink::add(std::size_t run, const RunRow& row) {
    if (run != next_) return std::unexpected(sim::Error(sim::ErrorKind::Internal, "sweep", "rows out of order"));
    if (block_.rows == 0) {
        block_.columns.clear();
        for (const auto& c : run_columns(job_)) {
            if (c.kind == StreamColumn::Kind::Int64)
                block_.columns.emplace_back(std::vector<std::int64_t>{});
            else if (c.kind == StreamColumn::Kind::Double)
                block_.columns.emplace_back(std::vector<double>{});
            else
                block_.columns.emplace_back(std::vector<std::string>{});
        }
    }
    const auto reps = static_cast<std::size_t>(job_.replicates);
    const auto& ev = *job_.evaluator;
    col<std::int64_t>(block_, 0).push_back(static_cast<std::int64_t>(run));
    col<std::int64_t>(block_, 1).push_back(static_cast<std::int64_t>(run / reps));
    col<std::int64_t>(block_, 2).push_back(static_cast<std::int64_t>(run % reps));
    col<std::int64_t>(block_, 3).push_back(static_cast<std::int64_t>(row.seed));
    col<std::int64_t>(block_, 4).push_back(row.ok ? 1 : 0);
    col<std::string>(block_, 5).push_back(row.error);
    const auto& p = job_.points[run / reps];
    col<double>(block_, 6).insert(col<double>(block_, 6).end(), p.begin(), p.end());
    auto& stats = col<double>(block_, 7);
    if (row.statistics.size() == ev.statistics().size())
        stats.insert(stats.end(), row.statistics.begin(), row.statistics.end());
    else
        stats.insert(stats.end(), ev.statistics().size(), kNaN);
    if (job_.keep_series)
        for (std::size_t s = 0; s < ev.series_names().size(); ++s) {
            auto& out = col<double>(block_, 8 + s);
            if (s < row.series.size() && row.series[s].size() == ev.series_length())
                out.insert(out.end(), row.series[s].begin(), row.series[s].end());
            else
                out.insert(out.end(), ev.series_length(), kNaN);
        }
    ++block_.rows;
    ++next_;
    if (next_ % kBlockRows == 0) return close_block();
    return {};
}

sim::Result<void> RowSink::close_block() {
    if (block_.rows == 0) return {};
    if (auto ok = table_.append(block_); !ok) return ok;
    block_.rows = 0;
    return table_.flush();
}

RunRow run_one(const SweepJob& job, std::size_t run) {
    RunRow row;
    row.seed = job.seed_of(run);
    try {
        const auto& p = job.points[run / static_cast<std::size_t>(job.replicates)];
        auto out = job.evaluator->evaluate(p, row.seed, job.keep_series);
        if (out) {
            row.ok = true;
            row.statistics = std::move(out->statistics);
            row.series = std::move(out->series);
        } else {
            row.error = out.error().message();
        }
    } catch (const std::exception& e) {
        row.error = std::string("internal error: ") + e.what();
    }
    return row;
}

std::string encode_row(const RunRow& row) {
    sim::io::PayloadWriter w;
    w.put(row.seed);
    w.put(static_cast<std::uint8_t>(row.ok));
    w.put_string(row.error);
    w.put(static_cast<std::uint32_t>(row.statistics.size()));
    for (double x : row.statistics) w.put(x);
    w.put(static_cast<std::uint32_t>(row.series.size()));
    for (const auto& s : row.series) {
        w.put(static_cast<std::uint32_t>(s.size()));
        for (double x : s) w.put(x);
    }
    return w.take();
}

sim::Result<RunRow> decode_row(const std::string& payload, const SweepJob& /*job*/) {
    sim::io::PayloadReader r(payload);
    RunRow row;
    std::uint8_t ok = 0;
    std::uint32_t n = 0, ns = 0;
    bool good = r.get(row.seed) && r.get(ok) && r.get_string(row.error) && r.get(n);
    row.ok = ok != 0;
    for (std::uint32_t i = 0; good && i < n; ++i) good = r.get(row.statistics.emplace_back());
    good = good && r.get(ns);
    for (std::uint32_t s = 0; good && s < ns; ++s) {
        std::uint32_t len = 0;
        good = r.get(len);
        auto& v = row.series.emplace_back();
        for (std::uint32_t i = 0; good && i < len; ++i) good = r.get(v.emplace_back());
    }
    if (!good || !r.done()) return sim::bad_input("journal", "a journal record is malformed");
    return row;
}

struct SweepWriter::State {
    const SweepJob& job;
    const SweepOptions& opts;
    std::chrono::steady_clock::time_point t0;
    std::map<std::size_t, std::string> done_before;  // rows finished before an interruption, by run
    sim::io::OutputLock lock;  // taken before the journal or the table is touched
    std::optional<sim::io::RowJournal> journal;
    std::optional<sim::out::TableStream> table;
    std::optional<RowSink> sink;
    std::size_t written = 0;
};

SweepWriter::SweepWriter(std::unique_ptr<State> s) : state_(std::move(s)) {}
SweepWriter::~SweepWriter() = default;

sim::Result<std::unique_ptr<SweepWriter>> SweepWriter::open(const SweepJob& job, const SweepOptions& opts) {
    auto st = std::make_unique<State>(State{job, opts, std::chrono::steady_clock::now(), {}, {}, {}, {}, {}, 0});
    const fs::path jpath = journal_path(opts.output);
    std::error_code ec;
    if (opts.resume && fs::exists(opts.output, ec))
        return sim::io_error(opts.output.string(), "--resume: the output file already exists (the sweep finished)");
    auto lock = sim::io::claim_output(opts.output, opts.force || opts.resume);
    if (!lock) return std::unexpected(lock.error());
    st->lock = std::move(*lock);
    const bool journal_exists = fs::exists(jpath, ec);
    if (opts.resume && !journal_exists)
        return sim::bad_input(opts.output.string(),
                              "--resume: no interrupted sweep to resume (" + jpath.string() + " not found)");
    if (!opts.resume && !opts.force && journal_exists)
        return sim::io_error(opts.output.string(), "an interrupted sweep left " + jpath.string() +
                                                       "; use --resume to continue it or --force to start over");

    SweepSummary summary;
    std::tie(summary.begin, summary.end) = shard_range(job.total_runs(), opts.shard_index, opts.shard_count);

    if (opts.resume) {
        std::vector<sim::io::JournalRecord> records;
        auto j = sim::io::RowJournal::resume(jpath, job.fingerprint, records);
        if (!j) return std::unexpected(j.error());
        st->journal.emplace(std::move(*j));
        for (auto& r : records) st->done_before[r.index] = std::move(r.payload);
    }

    sim::out::Group header = job.header;
    sim::out::WriteOptions wopts;
    wopts.overwrite = opts.force || opts.resume;
    auto table = sim::out::TableStream::create(opts.output, header, "runs", run_columns(job), wopts);
    if (!table) return std::unexpected(table.error());
    st->table.emplace(std::move(*table));
    if (!st->journal) {
        auto j = sim::io::RowJournal::create(jpath, job.fingerprint);
        if (!j) return std::unexpected(j.error());
        st->journal.emplace(std::move(*j));
    }
    st->sink.emplace(*st->table, job, summary.begin);
    std::unique_ptr<SweepWriter> w(new SweepWriter(std::move(st)));
    w->summary_ = summary;
    return w;
}

const std::string* SweepWriter::journaled(std::size_t run) const {
    const auto it = state_->done_before.find(run);
    return it == state_->done_before.end() ? nullptr : &it->second;
}

sim::Result<void> SweepWriter::put(std::size_t run, const RunRow& row, const std::string* payload) {
    auto& st = *state_;
    if (!st.done_before.contains(run)) {
        if (auto ok = st.journal->append(run, payload ? *payload : encode_row(row)); !ok) return ok;
    } else {
        ++summary_.resumed;
    }
    if (auto ok = st.sink->add(run, row); !ok) return ok;
    summary_.failed += row.ok ? 0 : 1;
    ++st.written;
    if (st.opts.progress) st.opts.progress(st.written, summary_.end - summary_.begin);
    return {};
}

sim::Result<SweepSummary> SweepWriter::finish() {
    auto& st = *state_;
    if (auto ok = st.sink->close_block(); !ok) return std::unexpected(ok.error());
    sim::out::Attributes root = st.job.root_attrs;
    root.emplace_back("runs_total", static_cast<std::int64_t>(st.job.total_runs()));
    root.emplace_back("runs_failed", static_cast<std::int64_t>(summary_.failed));
    if (st.opts.shard_count > 1) {
        root.emplace_back("shard_index", static_cast<std::int64_t>(st.opts.shard_index));
        root.emplace_back("shard_count", static_cast<std::int64_t>(st.opts.shard_count));
        root.emplace_back("run_begin", static_cast<std::int64_t>(summary_.begin));
        root.emplace_back("run_end", static_cast<std::int64_t>(summary_.end));
    }
    if (auto ok = st.table->finish(root); !ok) return std::unexpected(ok.error());
    st.journal->remove();
    summary_.runs = summary_.end - summary_.begin;
    summary_.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - st.t0).count();
    return summary_;
}

sim::Result<SweepSummary> run_sweep(const SweepJob& job, const SweepOptions& opts, const sim::Executor& executor) {
    auto writer = SweepWriter::open(job, opts);
    if (!writer) return std::unexpected(writer.error());
    SweepWriter& w = **writer;
    std::optional<sim::Error> failure;
    sim::parallel_ordered<RunRow>(
        executor, w.end() - w.begin(),
        [&](std::size_t k) -> RunRow {
            const std::size_t run = w.begin() + k;
            if (const auto* payload = w.journaled(run)) {
                if (auto row = decode_row(*payload, job)) return *row;
            }
            return run_one(job, run);
        },
        [&](std::size_t k, RunRow&& row) {
            if (failure) return;
            if (auto ok = w.put(w.begin() + k, row); !ok) failure = ok.error();
        },
        0, [&] { return failure.has_value(); });
    if (failure) return std::unexpected(*failure);
    return w.finish();
}

}  // namespace study
