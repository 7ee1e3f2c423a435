#include "models/classic/output.hpp"

#include <numeric>
#include <sstream>

namespace classic {

namespace {

void network_attrs(sim::out::Group& root, const LoadedNetwork& net) {
    root.attr("network", net.description);
    root.attr("nodes", static_cast<std::int64_t>(net.graph.num_vertices()));
    root.attr("edges", static_cast<std::int64_t>(net.graph.num_edges()));
    root.attr("directed", static_cast<std::int64_t>(net.graph.directed ? 1 : 0));
}

std::vector<std::int64_t> steps(std::size_t count) {
    std::vector<std::int64_t> s(count);
    std::iota(s.begin(), s.end(), std::int64_t{0});
    return s;
}

std::string percent(std::int64_t a, std::size_t n) {
    std::ostringstream o;
    o.precision(3);
    o << (n == 0 ? 0.0 : 100.0 * static_cast<double>(a) / static_cast<double>(n)) << "%";
    return o.str();
}

}  // namespace

sim::ModelOutput adoption_output(const std::string& model, const AdoptionRun& run, const LoadedNetwork& net,
                                 sim::out::Attributes params) {
    sim::ModelOutput out;
    auto& root = out.tree;
    root.attr("model", model);
    network_attrs(root, net);
    root.attr("steps", static_cast<std::int64_t>(run.steps));
    root.attr("final_adopters", run.final_adopters());
    root.attr("edge_visits", static_cast<std::int64_t>(run.edge_visits));
    for (auto& kv : params) root.attrs.push_back(std::move(kv));
    auto& series = root.group("series");
    series.add("step", steps(run.cumulative.size()));
    series.add("new", run.new_adopters);
    series.add("cumulative", run.cumulative);
    auto& nodes = root.group("nodes");
    nodes.add("adoption_step", run.adoption_step);
    if (!net.names.empty()) nodes.add("name", net.names);

    const std::size_t n = net.graph.num_vertices();
    std::ostringstream s;
    s << model << " on " << net.description << ": " << run.final_adopters() << " of " << n << " adopted ("
      << percent(run.final_adopters(), n) << ") after " << run.steps << " steps; seeds "
      << (run.new_adopters.empty() ? 0 : run.new_adopters.front());
    if (!run.new_adopters.empty()) {
        const auto first = run.new_adopters.size() > 1 ? run.new_adopters.begin() + 1 : run.new_adopters.begin();
        const auto peak = std::max_element(first, run.new_adopters.end());
        s << "; peak " << *peak << " new adopters at step " << (peak - run.new_adopters.begin());
    }
    out.summary_text = s.str();
    return out;
}

sim::ModelOutput sir_output(const SirRun& run, const LoadedNetwork& net, sim::out::Attributes params) {
    sim::ModelOutput out;
    auto& root = out.tree;
    root.attr("model", std::string("sir"));
    network_attrs(root, net);
    root.attr("steps", static_cast<std::int64_t>(run.steps));
    root.attr("ever_infected", run.ever_infected());
    root.attr("edge_visits", static_cast<std::int64_t>(run.edge_visits));
    for (auto& kv : params) root.attrs.push_back(std::move(kv));
    auto& series = root.group("series");
    series.add("step", steps(run.infected.size()));
    series.add("new", run.new_infections);
    series.add("susceptible", run.susceptible);
    series.add("infected", run.infected);
    series.add("recovered", run.recovered);
    auto& nodes = root.group("nodes");
    nodes.add("infection_step", run.infection_step);
    nodes.add("recovery_step", run.recovery_step);
    if (!net.names.empty()) nodes.add("name", net.names);

    const std::size_t n = net.graph.num_vertices();
    std::ostringstream s;
    const auto peak = std::max_element(run.infected.begin(), run.infected.end());
    s << "sir on " << net.description << ": " << run.ever_infected() << " of " << n << " ever infected ("
      << percent(run.ever_infected(), n) << ") after " << run.steps << " steps; peak " << *peak
      << " infected at step " << (peak - run.infected.begin());
    out.summary_text = s.str();
    return out;
}

}  // namespace classic
