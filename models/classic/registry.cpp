#include "models/classic/registry.hpp"

#include "models/classic/models.hpp"
#include "models/classic/network_source.hpp"
#include "models/classic/output.hpp"
#include "models/classic/seeding.hpp"

namespace classic {

namespace {

using sim::config::KeySpec;
using sim::config::Schema;
using sim::config::Type;
using sim::config::Value;

KeySpec key(std::string path, Type type, Value def, std::string unit, std::string doc,
            std::optional<double> lo = std::nullopt, std::optional<double> hi = std::nullopt,
            std::vector<std::string> choices = {}) {
    KeySpec k;
    k.path = std::move(path);
    k.type = type;
    k.default_value = std::move(def);
    k.min = lo;
    k.max = hi;
    k.choices = std::move(choices);
    k.unit = std::move(unit);
    k.doc = std::move(doc);
    return k;
}

/// Keys every classic model shares: model, run, network and seeds tables.
Schema common_schema(const std::string& model, std::int64_t default_steps) {
    Schema s;
    s.add(key("model.name", Type::String, std::string(model), "", "the model to run", {}, {}, {model}));
    s.add(key("run.seed", Type::Int, std::int64_t{1}, "", "seed of every random draw of the run", 0.0));
    s.add(key("run.steps", Type::Int, default_steps, "steps", "maximum number of steps", 0.0, 2.0e9));
    s.add(key("network.source", Type::String, std::string("gnm"), "",
              "where the network comes from: an edge-list file or a generator", {}, {},
              {"file", "complete", "gnp", "gnm", "ba", "ws"}));
    s.add(key("network.file", Type::Path, std::string(""), "",
              "edge list (CSV or whitespace; source target [weight]); relative to the scenario file"));
    s.add(key("network.directed", Type::Bool, false, "", "edges are directed (source influences target)"));
    s.add(key("network.allow_self_loops", Type::Bool, false, "", "accept self-loops in the edge list"));
    s.add(key("network.duplicates", Type::String, std::string("error"), "",
              "repeated edges in the file: error, keep the first, or sum their weights", {}, {},
              {"error", "first", "sum"}));
    s.add(key("network.n", Type::Int, std::int64_t{1000}, "nodes", "generators: number of nodes (at most 10^7)", 1.0, 1e7));
    s.add(key("network.p", Type::Float, 0.01, "probability", "gnp: probability of each pair", 0.0, 1.0));
    s.add(key("network.m", Type::Int, std::int64_t{5000}, "edges", "gnm: number of edges", 0.0));
    s.add(key("network.attach", Type::Int, std::int64_t{3}, "edges", "ba: edges of each new node", 1.0));
    s.add(key("network.k", Type::Int, std::int64_t{4}, "neighbours", "ws: lattice degree (even)", 2.0));
    s.add(key("network.rewire", Type::Float, 0.1, "probability", "ws: rewiring probability per edge", 0.0, 1.0));
    s.add(key("network.seed", Type::Int, std::int64_t{1}, "", "generator seed (independent of run.seed)", 0.0));
    s.add(key("seeds.method", Type::String, std::string("random"), "",
              "initial adopters: random fraction, listed nodes, or top-k by degree", {}, {},
              {"random", "list", "top_degree"}));
    s.add(key("seeds.fraction", Type::Float, 0.01, "fraction of nodes", "random: share of nodes seeded", 0.0, 1.0));
    s.add(key("seeds.nodes", Type::String, std::string(""), "", "list: node names separated by commas or spaces"));
    s.add(key("seeds.file", Type::Path, std::string(""), "", "list: file with one node name per line (instead of seeds.nodes)"));
    s.add(key("seeds.k", Type::Int, std::int64_t{10}, "nodes", "top_degree: number of seeds", 0.0));
    return s;
}

sim::Result<NetworkSpec> network_spec(const sim::config::Config& c) {
    NetworkSpec s;
    s.source = c.get_string("network.source");
    s.file = c.get_string("network.file");
    s.directed = c.get_bool("network.directed");
    s.allow_self_loops = c.get_bool("network.allow_self_loops");
    auto dup = sim::graph::parse_duplicate_policy(c.get_string("network.duplicates"));
    if (!dup) return std::unexpected(dup.error());
    s.duplicates = *dup;
    s.n = static_cast<std::size_t>(c.get_int("network.n"));
    s.p = c.get_double("network.p");
    s.m = static_cast<std::size_t>(c.get_int("network.m"));
    s.attach = static_cast<std::size_t>(c.get_int("network.attach"));
    s.k = static_cast<std::size_t>(c.get_int("network.k"));
    s.rewire = c.get_double("network.rewire");
    s.seed = static_cast<std::uint64_t>(c.get_int("network.seed"));
    if (s.source == "file" && s.file.empty())
        return sim::bad_input("network.file", "required when network.source = \"file\"");
    // Resource budget: at most 10^8 edges from a generator, refused before anything is allocated.
    constexpr long double kMaxEdges = 1e8L;
    const auto n = static_cast<long double>(s.n);
    const long double pairs = n * (n - 1) / 2;
    long double edges = 0;
    std::string key = "network.n";
    if (s.source == "complete") {
        edges = pairs;
    } else if (s.source == "gnp") {
        edges = pairs * static_cast<long double>(s.p);
        key = "network.p";
    } else if (s.source == "gnm") {
        edges = static_cast<long double>(s.m);
        key = "network.m";
    } else if (s.source == "ba") {
        edges = n * static_cast<long double>(s.attach);
        key = "network.attach";
    } else if (s.source == "ws") {
        edges = n * static_cast<long double>(s.k) / 2;
        key = "network.k";
    }
    if (edges > kMaxEdges)
        return sim::bad_input(key, "the " + s.source + " network would have about " +
                                       std::to_string(static_cast<double>(edges)) + " edges, over the limit of 10^8");
    if (s.source == "gnm" && static_cast<long double>(s.m) > pairs)
        return sim::bad_input("network.m", "more edges than node pairs (" + std::to_string(static_cast<double>(pairs)) + ")");
    return s;
}

sim::Result<std::vector<std::uint32_t>> pick_seeds(const sim::config::Config& c, const LoadedNetwork& net,
                                                   std::uint64_t seed, const sim::RunContext& ctx) {
    const auto& method = c.get_string("seeds.method");
    const std::size_t n = net.graph.num_vertices();
    if (method == "random") return seeds_random_fraction(n, c.get_double("seeds.fraction"), seed);
    if (method == "top_degree") return seeds_top_degree(net.graph, static_cast<std::size_t>(c.get_int("seeds.k")));
    const auto& file = c.get_string("seeds.file");
    if (!file.empty()) return seeds_from_file(net.names, n, file);
    const std::string where = (ctx.scenario_file.empty() ? std::string("scenario") : ctx.scenario_file.string()) + ": seeds.nodes";
    return seeds_from_list(net.names, n, c.get_string("seeds.nodes"), where);
}

/// What every run does first: network, seeds, executor, common attributes.
struct Prepared {
    LoadedNetwork net;
    std::vector<std::uint32_t> seeds;
    std::uint64_t seed = 0;
    std::int32_t steps = 0;
    sim::out::Attributes attrs;
};

sim::Result<Prepared> prepare(const sim::config::Config& c, const sim::RunContext& ctx) {
    auto spec = network_spec(c);
    if (!spec) return std::unexpected(spec.error());
    auto net = build_network(*spec);
    if (!net) return std::unexpected(net.error());
    Prepared p;
    p.net = std::move(*net);
    p.seed = static_cast<std::uint64_t>(c.get_int("run.seed"));
    p.steps = static_cast<std::int32_t>(c.get_int("run.steps"));
    auto seeds = pick_seeds(c, p.net, p.seed, ctx);
    if (!seeds) return std::unexpected(seeds.error());
    p.seeds = std::move(*seeds);
    for (const auto& [k, v] : c.values()) {
        if (k.rfind("params.", 0) != 0 && k.rfind("seeds.", 0) != 0) continue;
        std::visit(
            [&](const auto& x) {
                using T = std::decay_t<decltype(x)>;
                if constexpr (std::is_same_v<T, bool>) p.attrs.emplace_back(k, std::int64_t{x ? 1 : 0});
                else p.attrs.emplace_back(k, x);
            },
            v);
    }
    return p;
}

const sim::Executor& executor_of(const sim::RunContext& ctx) {
    static const sim::Executor serial = sim::Executor::serial();
    return ctx.executor ? *ctx.executor : serial;
}

sim::Result<sim::ModelOutput> run_bass_entry(const sim::config::Config& c, const sim::RunContext& ctx) {
    auto p = prepare(c, ctx);
    if (!p) return std::unexpected(p.error());
    BassParams bp{c.get_double("params.p"), c.get_double("params.q"), p->steps, p->seed};
    const auto run = run_bass(p->net.graph, p->seeds, bp, executor_of(ctx));
    return adoption_output("bass", run, p->net, std::move(p->attrs));
}

sim::Result<sim::ModelOutput> run_threshold_entry(const sim::config::Config& c, const sim::RunContext& ctx) {
    auto p = prepare(c, ctx);
    if (!p) return std::unexpected(p.error());
    const auto& d = c.get_string("params.distribution");
    ThresholdSpec spec{d == "uniform" ? ThresholdDist::Uniform : d == "normal" ? ThresholdDist::Normal : ThresholdDist::Fixed,
                       c.get_double("params.a"), c.get_double("params.b")};
    if (spec.dist == ThresholdDist::Uniform && spec.b < spec.a)
        return sim::bad_input("params.b", "uniform thresholds need b >= a");
    const auto& ex = executor_of(ctx);
    const auto th = draw_thresholds(spec, p->net.graph.num_vertices(), p->seed, ex);
    const auto run = run_threshold(p->net.graph, p->seeds, th, ThresholdParams{p->steps}, ex);
    return adoption_output("threshold", run, p->net, std::move(p->attrs));
}

sim::Result<sim::ModelOutput> run_cascade_entry(const sim::config::Config& c, const sim::RunContext& ctx) {
    auto p = prepare(c, ctx);
    if (!p) return std::unexpected(p.error());
    CascadeParams cp{c.get_double("params.p"), c.get_bool("params.use_weights"), p->steps, p->seed};
    if (cp.use_weights && p->net.graph.weighted())
        for (const double w : p->net.graph.weights)
            if (w > 1.0) return sim::bad_input("params.use_weights", "edge weights are used as probabilities but one is " + std::to_string(w) + " > 1");
    const auto run = run_cascade(p->net.graph, p->seeds, cp, executor_of(ctx));
    return adoption_output("cascade", run, p->net, std::move(p->attrs));
}

sim::Result<sim::ModelOutput> run_sir_entry(const sim::config::Config& c, const sim::RunContext& ctx) {
    auto p = prepare(c, ctx);
    if (!p) return std::unexpected(p.error());
    SirParams sp{c.get_double("params.beta"), c.get_double("params.gamma"), c.get_bool("params.use_weights"), p->steps, p->seed};
    if (sp.use_weights && p->net.graph.weighted())
        for (const double w : p->net.graph.weights)
            if (w > 1.0) return sim::bad_input("params.use_weights", "edge weights are used as probabilities but one is " + std::to_string(w) + " > 1");
    const auto run = run_sir(p->net.graph, p->seeds, sp, executor_of(ctx));
    return sir_output(run, p->net, std::move(p->attrs));
}

Schema bass_schema() {
    auto s = common_schema("bass", 100);
    s.add(key("params.p", Type::Float, 0.01, "1/step", "innovation: probability per step of adopting unprompted", 0.0, 1.0));
    s.add(key("params.q", Type::Float, 0.3, "1/step", "imitation: extra probability per step times the adopted share of in-neighbours", 0.0, 1.0));
    return s;
}

Schema threshold_schema() {
    auto s = common_schema("threshold", 1000);
    s.add(key("params.distribution", Type::String, std::string("fixed"), "",
              "threshold of each node: fixed = a; uniform on [a, b]; normal with mean a and sd b", {}, {},
              {"fixed", "uniform", "normal"}));
    s.add(key("params.a", Type::Float, 0.5, "fraction of in-weight", "fixed value, uniform lower bound or normal mean"));
    s.add(key("params.b", Type::Float, 0.0, "fraction of in-weight", "uniform upper bound or normal sd (unused for fixed)"));
    return s;
}

Schema cascade_schema() {
    auto s = common_schema("cascade", 1000);
    s.add(key("params.p", Type::Float, 0.1, "probability", "activation probability of each arc (one chance)", 0.0, 1.0));
    s.add(key("params.use_weights", Type::Bool, false, "", "use edge weights (in [0, 1]) as arc probabilities instead of p"));
    return s;
}

Schema sir_schema() {
    auto s = common_schema("sir", 1000);
    s.add(key("params.beta", Type::Float, 0.05, "1/step", "infection probability per contact (arc) and step", 0.0, 1.0));
    s.add(key("params.gamma", Type::Float, 0.2, "1/step", "recovery probability per step (mean infectious period 1/gamma)", 0.0, 1.0));
    s.add(key("params.use_weights", Type::Bool, false, "", "use edge weights (in [0, 1]) as per-contact probabilities instead of beta"));
    return s;
}

}  // namespace

std::vector<sim::ModelEntry> classic_models() {
    return {
        {"bass", "Bass diffusion on a network: p + q * adopted share of neighbours", bass_schema, run_bass_entry},
        {"threshold", "linear threshold (Granovetter, Watts), synchronous", threshold_schema, run_threshold_entry},
        {"cascade", "independent cascade (Kempe, Kleinberg, Tardos)", cascade_schema, run_cascade_entry},
        {"sir", "discrete-time SIR with per-contact infection and per-step recovery", sir_schema, run_sir_entry},
    };
}

}  // namespace classic

