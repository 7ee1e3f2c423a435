#pragma once
/// What a sweep or a calibration runs: a model seen as a function from parameter values and a
/// seed to a named vector of statistics (and, optionally, named time series). Sweeps, sensitivity
/// analysis and ABC only talk to this interface, so the same machinery runs the push–pull model
/// and the analytic test functions it is verified on.
#include <cstdint>
#include <string>
#include <vector>

#include "sim/error.hpp"

namespace study {

struct Outcome {
    std::vector<double> statistics;           ///< in the order of Evaluator::statistics()
    std::vector<std::vector<double>> series;  ///< in the order of Evaluator::series_names()
    /// Per country of Evaluator::countries(): when the simulated documented record first shows a
    /// Chinese platform there (fractional year), +infinity if not within the run; empty for a model
    /// without countries.
    std::vector<double> documented_at;
};

class Evaluator {
public:
    virtual ~Evaluator() = default;
    /// Names of the parameters, in the order evaluate() takes their values.
    [[nodiscard]] virtual const std::vector<std::string>& parameters() const = 0;
    [[nodiscard]] virtual const std::vector<std::string>& statistics() const = 0;
    /// Names and length of the series evaluate() returns when asked for them (may be empty).
    [[nodiscard]] virtual const std::vector<std::string>& series_names() const = 0;
    [[nodiscard]] virtual std::size_t series_length() const = 0;
    /// The countries (iso3) of Outcome::documented_at; empty for a model that simulates none.
    [[nodiscard]] virtual const std::vector<std::string>& countries() const {
        static const std::vector<std::string> none;
        return none;
    }
    /// One run. Thread-safe. Errors: BadInput when the model refuses the values (e.g. out of range).
    [[nodiscard]] virtual sim::Result<Outcome> evaluate(const std::vector<double>& values, std::uint64_t seed,
                                                        bool with_series) const = 0;
    /// The command that reproduces evaluate(values, seed) alone, for users ("" if none).
    [[nodiscard]] virtual std::string rerun_command(const std::vector<double>& values, std::uint64_t seed) const = 0;
};

/// Shortest text that parses back to exactly `x` (for --set overrides and printed commands).
std::string exact_text(double x);

}  // namespace study
