#pragma once
/// Turns a finished run into the output tree (layout documented in output/README.md) and a
/// readable summary for the terminal.
#include <string>

#include "models/pushpull/record/summary.hpp"
#include "sim/output/tree.hpp"

namespace pushpull {

inline constexpr std::int64_t kSchemaVersion = 1;

struct RunResult {
    const World& world;
    const State& state;
    const std::vector<Event>& events;
    const Series& series;
    const std::vector<Statistic>& summary;
    const std::vector<data::Target>& targets;
    std::uint64_t seed = 0;
};

/// Groups: /time, /countries, /cities, /vendors, /series, /events, /summary, /network.
sim::out::Group make_output_tree(const RunResult& run);

/// Per-year table (countries, cities, agreements, vendor shares) and targets beside simulated values.
std::string make_summary_text(const RunResult& run);

/// Whether a simulated value meets a target of the given kind ("lower_bound", "upper_bound",
/// "share"/"point" within 0.1 absolute or 25% relative, "sign"). Returns "yes", "no" or "n/a".
std::string target_met(const data::Target& t, double simulated);

}  // namespace pushpull
