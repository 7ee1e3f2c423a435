#include "app/sweep_command.hpp"

#include "models/study/contrast_evaluator.hpp"

#include <charconv>
#include <cstdlib>
#include <filesystem>
#include <iostream>
#include <optional>
#include <thread>

#include "app/progress.hpp"
#include "app/provenance.hpp"
#include "models/study/merge.hpp"
#include "models/study/sweep_mpi.hpp"
#include "models/study/sweep_spec.hpp"
#include "sim/log.hpp"

namespace app {

namespace fs = std::filesystem;

namespace {

struct ShardId {
    std::size_t index = 0, count = 1;
};

sim::Result<ShardId> parse_shard(const std::string& text) {
    ShardId s;
    if (text.empty()) return s;
    const auto slash = text.find('/');
    auto num = [](std::string_view v, std::size_t& out) {
        const auto r = std::from_chars(v.data(), v.data() + v.size(), out);
        return r.ec == std::errc() && r.ptr == v.data() + v.size() && !v.empty();
    };
    if (slash == std::string::npos || !num(std::string_view(text).substr(0, slash), s.index) ||
        !num(std::string_view(text).substr(slash + 1), s.count) || s.count == 0 || s.index >= s.count)
        return sim::bad_input("--shard", "expected i/N with 0 <= i < N (e.g. 0/4), got '" + text + "'");
    return s;
}

std::string join(const std::vector<std::string>& v) {
    std::string s;
    for (const auto& x : v) s += (s.empty() ? "" : "; ") + x;
    return s;
}

std::string describe(const study::SweepPlan& plan, const ShardId& shard) {
    const auto& s = plan.spec;
    std::string out = "sweep " + s.file.string() + "\n";
    std::string model = "pushpull (" + s.base.string() + ")";
    if (!s.function.empty()) model = "function " + s.function;
    if (!s.experiment.empty()) model = "contrast " + s.contrast[0] + " - " + s.contrast[1] + " of " + s.experiment.string();
    out += "  model       " + model + "\n";
    out += "  design      " + plan.design.kind + ", " + std::to_string(plan.design.rows()) + " points x " +
           std::to_string(s.replicates) + " replicate(s) = " + std::to_string(plan.job.total_runs()) + " runs\n";
    if (shard.count > 1) {
        const auto [b, e] = study::shard_range(plan.job.total_runs(), shard.index, shard.count);
        out += "  shard       " + std::to_string(shard.index) + "/" + std::to_string(shard.count) + ": runs [" +
               std::to_string(b) + ", " + std::to_string(e) + ")\n";
    }
    out += "  statistics  " + std::to_string(plan.evaluator->statistics().size()) + "\n";
    if (const auto* ce = dynamic_cast<const study::ContrastEvaluator*>(plan.evaluator.get())) out += ce->describe_draws();
    for (std::size_t j = 0; j < s.parameters.size(); ++j)
        out += "  " + s.parameters[j].key + "  " +
               (j < plan.marginals.size() ? plan.marginals[j].to_string() : "list") + "\n";
    return out;
}

}  // namespace

sim::Result<void> sweep_command(const SweepOptions& opts) {
    auto log = sim::logger("sim");
    // Every rank sees the same arguments, so these refusals need no communication.
    if (opts.mpi && !study::mpi::built_with_mpi())
        return sim::bad_input("mpirun", "this pushpull was built without MPI (configure with -DPUSHPULL_MPI=ON); "
                                        "each rank would run the whole sweep");
    auto shard = parse_shard(opts.shard);
    if (!shard) return std::unexpected(shard.error());
    if (opts.mpi && shard->count > 1)
        return sim::bad_input("--shard", "cannot be combined with mpirun: the ranks share one sweep and rank 0 "
                                         "writes one file (use --shard for separate jobs, mpirun for one job)");
    auto plan = [&]() -> sim::Result<study::SweepPlan> {
        auto spec = study::parse_sweep_spec(opts.sweep);
        if (!spec) return std::unexpected(spec.error());
        return study::make_sweep_plan(std::move(*spec));
    }();
    if (opts.mpi) {  // collective: a rank that failed must not leave the others waiting
        auto agreed = study::mpi::agree(plan.has_value(), plan ? plan->job.fingerprint : std::string());
        if (plan && !agreed) return std::unexpected(agreed.error());
    }
    if (!plan) return std::unexpected(plan.error());
    plan->job.root_attrs = study_provenance(opts.sweep, join(plan->sources), plan->checksums);
    if (opts.rank > 0 && (opts.dry_run || opts.print_run >= 0)) return {};

    if (opts.dry_run) {
        std::cout << describe(*plan, *shard);
        return {};
    }
    if (opts.print_run >= 0) {
        const auto run = static_cast<std::size_t>(opts.print_run);
        if (run >= plan->job.total_runs())
            return sim::bad_input("--print-run", "run " + std::to_string(run) + " does not exist (the sweep has " +
                                                     std::to_string(plan->job.total_runs()) + " runs)");
        const auto& values = plan->job.points[run / static_cast<std::size_t>(plan->job.replicates)];
        const std::string cmd = plan->evaluator->rerun_command(values, plan->job.seed_of(run));
        if (cmd.empty()) return sim::bad_input("--print-run", "test functions have no `pushpull run` equivalent");
        std::cout << cmd << "\n";
        return {};
    }

    fs::path out = opts.output;
    if (out.empty()) {
        std::string name = fs::path(opts.sweep).stem().string();
        if (shard->count > 1) name += ".shard" + std::to_string(shard->index) + "of" + std::to_string(shard->count);
        out = fs::path("output") / (name + ".h5");
        std::error_code ec;
        fs::create_directories(out.parent_path(), ec);
    }
    int threads = opts.threads > 0 ? opts.threads : static_cast<int>(std::max(1u, std::thread::hardware_concurrency()));
    if (opts.mpi && opts.threads <= 0)  // share the node's cores among its ranks
        for (const char* v : {"OMPI_COMM_WORLD_LOCAL_SIZE", "MPI_LOCALNRANKS"})
            if (const char* n = std::getenv(v)) {
                threads = std::max(1, threads / std::max(1, std::atoi(n)));
                break;
            }
    const sim::Executor executor(threads);
    const auto [begin, end] = study::shard_range(plan->job.total_runs(), shard->index, shard->count);
    if (opts.rank == 0)
        log->info("sweep {}: {} points x {} replicate(s), runs [{}, {}) on {}{} {} thread(s) -> {}", opts.sweep,
                  plan->design.rows(), plan->spec.replicates, begin, end,
                  opts.mpi ? std::to_string(opts.ranks) + " MPI ranks x " : "", threads, sim::Executor::backend_name(),
                  out.string());

    std::optional<Progress> progress;
    study::SweepOptions sopts;
    sopts.output = out;
    sopts.resume = opts.resume;
    sopts.force = opts.force;
    sopts.shard_index = shard->index;
    sopts.shard_count = shard->count;
    if (opts.rank == 0) {
        progress.emplace("sweep", end - begin);
        sopts.progress = [&](std::size_t done, std::size_t) { progress->update(done); };
    }
    auto result = opts.mpi ? study::run_sweep_mpi(plan->job, sopts, executor) : study::run_sweep(plan->job, sopts, executor);
    if (progress) progress->finish();
    if (!result) return std::unexpected(result.error());
    if (opts.rank > 0) {
        log->debug("mpi rank {}: {} runs in {:.1f} s", opts.rank, result->runs, result->seconds);
        return {};
    }
    log->info("sweep finished: {} runs ({} from the journal, {} failed) in {:.1f} s, {:.1f} runs/s; wrote {}",
              result->runs, result->resumed, result->failed, result->seconds,
              result->seconds > 0 ? static_cast<double>(result->runs - result->resumed) / result->seconds : 0.0,
              out.string());
    return {};
}

sim::Result<void> merge_command(const MergeOptions& opts) {
    std::vector<fs::path> files(opts.shards.begin(), opts.shards.end());
    auto n = study::merge_shards(files, opts.output, opts.force);
    if (!n) return std::unexpected(n.error());
    sim::logger("io")->info("merged {} shard(s), {} runs, into {}", files.size(), *n, opts.output);
    return {};
}

}  // namespace app
