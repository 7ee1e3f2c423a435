#pragma once
/// Wall-clock durations in output files. They differ between two otherwise identical runs (and
/// between a resumed and a clean run), so files promised to be byte-identical cannot hold them:
/// when SOURCE_DATE_EPOCH is set (the reproducible-builds convention, which also fixes
/// `created_utc`), every recorded duration is written as 0. Logs still show the real times.
#include <cstdlib>

namespace sim {

[[nodiscard]] inline bool reproducible_output() { return std::getenv("SOURCE_DATE_EPOCH") != nullptr; }

/// `seconds` as it may be recorded in an output file: itself, or 0 under SOURCE_DATE_EPOCH.
[[nodiscard]] inline double recorded_seconds(double seconds) { return reproducible_output() ? 0.0 : seconds; }

}  // namespace sim
