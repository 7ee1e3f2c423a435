#include "models/study/function_evaluator.hpp"

#include "sim/study/test_functions.hpp"

namespace study {

const std::vector<std::string>& FunctionEvaluator::names() {
    static const std::vector<std::string> n = {"ishigami", "gfunction", "linear"};
    return n;
}

sim::Result<std::unique_ptr<FunctionEvaluator>> FunctionEvaluator::create(const std::string& name,
                                                                          std::vector<double> args,
                                                                          std::vector<std::string> parameters) {
    std::unique_ptr<FunctionEvaluator> ev(new FunctionEvaluator());
    ev->name_ = name;
    const std::size_t d = parameters.size();
    if (name == "ishigami") {
        if (args.empty()) args = {7.0, 0.1};
        if (args.size() != 2) return sim::bad_input("function_args", "ishigami takes [a, b], e.g. [7, 0.1]");
        if (d != 3)
            return sim::bad_input("parameter", "ishigami has 3 inputs; " + std::to_string(d) + " parameters given");
    } else if (name == "gfunction" || name == "linear") {
        if (args.size() != d)
            return sim::bad_input("function_args", name + " takes one argument per parameter (" + std::to_string(d) +
                                                       "); " + std::to_string(args.size()) + " given");
    } else {
        return sim::bad_input("function", "unknown function '" + name + "' (known: ishigami, gfunction, linear)");
    }
    ev->args_ = std::move(args);
    ev->parameters_ = std::move(parameters);
    return ev;
}

sim::Result<Outcome> FunctionEvaluator::evaluate(const std::vector<double>& x, std::uint64_t /*seed*/,
                                                 bool /*with_series*/) const {
    if (x.size() != parameters_.size())
        return sim::bad_input("evaluate", "expected " + std::to_string(parameters_.size()) + " values");
    double y = 0;
    if (name_ == "ishigami")
        y = sim::study::ishigami(x, args_[0], args_[1]);
    else if (name_ == "gfunction")
        y = sim::study::g_function(x, args_);
    else
        y = sim::study::linear(x, args_);
    return Outcome{{y}, {}};
}

}  // namespace study
