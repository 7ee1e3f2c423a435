#pragma once
/// Running an experiment: every arm × draw × replicate, in parallel over runs. Each run builds its
/// world from the shared input data with the (draw, replicate) seed, which is the same in every arm
/// (common random numbers), runs the model serially, and keeps only its statistics. Results are
/// stored by run index, so they do not depend on the thread count.
#include <functional>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "models/pushpull/experiment/spec.hpp"
#include "models/pushpull/record/summary.hpp"
#include "sim/parallel.hpp"

namespace pushpull::experiment {

/// One run's identity and statistics (values in the order of Results::statistics).
struct RunRecord {
    int arm = 0, draw = 0, replicate = 0;
    int structure = 0, unidentified = 0;  ///< the cell (structure, unidentified, draw) of the run
    std::uint64_t seed = 0;
    std::vector<double> values;
    std::vector<std::vector<double>> series;  ///< per Results::series_names, one value per step
};

struct Results {
    std::vector<std::string> statistics;  ///< column names, the same for every run
    std::vector<RunRecord> runs;          ///< index (arm * cells + cell) * replicates + replicate (Plan::cell_of)
    std::vector<std::string> series_names;  ///< the per-step series kept for every run (trajectory_names())
    std::vector<double> time_years;         ///< start of each step in fractional years
    std::map<std::string, std::string> checksums;  ///< input file -> SHA-256
    double seconds = 0.0;                 ///< wall time of the runs

    /// The values of statistic `s` of arm `a`, indexed cell * replicates + replicate.
    [[nodiscard]] std::vector<double> column(std::size_t arm, std::size_t s, std::size_t per_arm) const;
};

/// The experiment's statistics of a finished run (names stable across runs of the same data):
/// countries_adopted_{2019,horizon}, cities_adopted_{2019,horizon} (>= 1 agreement with a Chinese
/// vendor), chinese_vendor_share (Chinese share of all agreements to the horizon),
/// adoption_share_free (share of Free countries adopting), adoption_share_high_crime (countries
/// with homicide above the median), years_to_first_adoption (mean over countries of the years from
/// the start to the first Chinese agreement, censored at the horizon), countries_operating_horizon
/// and cities_operating_horizon (operating a Chinese platform), contests_horizon and
/// cancellations_horizon (cumulative events), cities_downscaled_horizon (current project without
/// facial recognition after a contest), and countries_adopted_region_<region_un> per region.
/// "2019" values are NaN before 2019.
std::vector<Statistic> experiment_statistics(const World& world, const State& state, const Series& series);

/// Whether `name` is one of experiment_statistics' names (a region statistic: any
/// countries_adopted_region_<slug>), so a spec's outcome and rank_by are checked before any run.
[[nodiscard]] bool is_experiment_statistic(const std::string& name);

/// The main series an experiment keeps per run, for the per-arm trajectories (/trajectories).
const std::vector<std::string>& trajectory_names();
/// How a run can be skipped and recorded, so an interrupted experiment resumes (`--resume`):
/// `done(i)` gives the statistics of run i finished before, if any; `record(i, stats)` is called
/// (from worker threads, one at a time) after a new run finishes. Either may be empty.
struct RunJournalHooks {
    std::function<std::optional<std::vector<Statistic>>(std::size_t)> done;
    std::function<sim::Result<void>(std::size_t, const std::vector<Statistic>&)> record;
};

/// Runs the plan. `progress(done, total)` is called (from worker threads) after each run.
/// Errors: BadInput / Io from loading the input data or building a world; a failed `record`.
sim::Result<Results> run_experiment(const Plan& plan, const sim::Executor& executor,
                                    const std::function<void(std::size_t, std::size_t)>& progress = {},
                                    const RunJournalHooks& journal = {});

}  // namespace pushpull::experiment
