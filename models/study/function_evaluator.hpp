#pragma once
/// The analytic test functions (sim/study/test_functions.hpp) as Evaluators, so users and tests can
/// push a known function through exactly the sweep → sensitivity path the model uses and compare
/// with known indices: "ishigami" (args a, b), "gfunction" (args a_1..a_d), "linear" (coefficients).
#include <memory>

#include "models/study/evaluator.hpp"

namespace study {

class FunctionEvaluator final : public Evaluator {
public:
    /// Errors: BadInput for an unknown name or a parameter/argument count that does not fit.
    static sim::Result<std::unique_ptr<FunctionEvaluator>> create(const std::string& name, std::vector<double> args,
                                                                  std::vector<std::string> parameters);
    /// The names create() accepts.
    static const std::vector<std::string>& names();

    [[nodiscard]] const std::vector<std::string>& parameters() const override { return parameters_; }
    [[nodiscard]] const std::vector<std::string>& statistics() const override { return statistics_; }
    [[nodiscard]] const std::vector<std::string>& series_names() const override { return none_; }
    [[nodiscard]] std::size_t series_length() const override { return 0; }
    [[nodiscard]] sim::Result<Outcome> evaluate(const std::vector<double>& values, std::uint64_t seed,
                                                bool with_series) const override;
    [[nodiscard]] std::string rerun_command(const std::vector<double>&, std::uint64_t) const override { return ""; }

private:
    FunctionEvaluator() = default;
    std::string name_;
    std::vector<double> args_;
    std::vector<std::string> parameters_, statistics_{"y"}, none_;
};

}  // namespace study
