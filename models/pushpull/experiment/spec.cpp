#include "models/pushpull/experiment/spec.hpp"

#include <fstream>
#include <set>
#include <sstream>

#include <toml++/toml.h>

#include "sim/config/key_lookup.hpp"
#include "sim/config/nesting.hpp"
#include "sim/config/scenario.hpp"
#include "sim/config/value_text.hpp"
#include "sim/io/input_file.hpp"

namespace pushpull::experiment {

namespace fs = std::filesystem;

namespace {

const std::set<std::string> kTopKeys = {"base", "experiment", "arm"};
const std::set<std::string> kExperimentKeys = {"horizon", "draws", "replicates", "seed", "reference", "posterior", "headline"};
const std::set<std::string> kArmKeys = {"name", "set"};

std::string known(const std::set<std::string>& keys) {
    std::string s;
    for (const auto& k : keys) s += (s.empty() ? "" : ", ") + k;
    return s;
}

void check_keys(const toml::table& t, const std::set<std::string>& allowed, const std::string& prefix,
                const std::string& where, sim::DiagnosticList& problems) {
    for (const auto& [k, v] : t) {
        const std::string key(k.str());
        if (!allowed.contains(key))
            problems.add(where, "unknown key '" + prefix + key + "' (known: " + known(allowed) + ")");
    }
}

std::optional<std::int64_t> get_int(const toml::table& t, const char* key, std::int64_t min, std::int64_t max,
                                    const std::string& where, sim::DiagnosticList& problems) {
    const auto* node = t.get(key);
    if (!node) return std::nullopt;
    const auto v = node->value<std::int64_t>();
    if (!v || !node->is_integer()) {
        problems.add(where, std::string("experiment.") + key + ": expected an integer");
        return std::nullopt;
    }
    if (*v < min || *v > max) {
        problems.add(where, std::string("experiment.") + key + ": " + std::to_string(*v) + " is outside [" +
                                std::to_string(min) + ", " + std::to_string(max) + "]");
        return std::nullopt;
    }
    return v;
}

std::optional<std::string> get_string(const toml::table& t, const char* key, const std::string& prefix,
                                      const std::string& where, sim::DiagnosticList& problems) {
    const auto* node = t.get(key);
    if (!node) return std::nullopt;
    if (!node->is_string()) {
        problems.add(where, prefix + key + ": expected a string");
        return std::nullopt;
    }
    return node->value<std::string>();
}

std::vector<std::string> get_strings(const toml::table& t, const char* key, const std::string& prefix,
                                     const std::string& where, sim::DiagnosticList& problems) {
    std::vector<std::string> out;
    const auto* node = t.get(key);
    if (!node) return out;
    const auto* arr = node->as_array();
    if (!arr) {
        problems.add(where, prefix + key + ": expected an array of strings");
        return out;
    }
    for (const auto& e : *arr) {
        if (!e.is_string()) {
            problems.add(where, prefix + key + ": expected an array of strings");
            return {};
        }
        out.push_back(*e.value<std::string>());
    }
    return out;
}

bool valid_quarter(const std::string& s) {
    return s.size() == 6 && std::isdigit(static_cast<unsigned char>(s[0])) && s[4] == 'Q' && s[5] >= '1' && s[5] <= '4';
}

}  // namespace

sim::Result<Spec> parse_spec_text(const std::string& text, const fs::path& base_dir, const std::string& where) {
    toml::table root;
    if (auto deep = sim::config::nesting_problem(text, where)) return sim::bad_input(deep->where, deep->what);
    try {
        root = toml::parse(text, where);
    } catch (const toml::parse_error& e) {
        const auto& at = e.source().begin;
        return sim::bad_input(where + ":" + std::to_string(at.line) + ":" + std::to_string(at.column),
                              std::string(e.description()));
    }
    sim::DiagnosticList problems;
    Spec spec;
    spec.file = where;
    spec.text = text;
    check_keys(root, kTopKeys, "", where, problems);

    if (auto base = get_string(root, "base", "", where, problems)) {
        spec.base = fs::path(*base).is_absolute() ? fs::path(*base) : base_dir / *base;
        std::error_code ec;
        if (!fs::is_regular_file(spec.base, ec)) problems.add(where, "base: scenario file '" + spec.base.string() + "' not found");
    } else if (!root.contains("base")) {
        problems.add(where, "base: missing (the base scenario, relative to the experiment file)");
    }

    const auto* exp_node = root.get("experiment");
    const toml::table* exp = exp_node ? exp_node->as_table() : nullptr;
    if (exp_node && !exp) problems.add(where, "experiment: expected a table");
    if (!exp_node) problems.add(where, "[experiment]: missing");
    if (exp) {
        check_keys(*exp, kExperimentKeys, "experiment.", where, problems);
        if (auto h = get_string(*exp, "horizon", "experiment.", where, problems)) {
            if (!valid_quarter(*h)) problems.add(where, "experiment.horizon: expected YYYYQn, got '" + *h + "'");
            spec.horizon = *h;
        }
        if (auto v = get_int(*exp, "draws", 1, 100000, where, problems)) spec.draws = static_cast<int>(*v);
        if (auto v = get_int(*exp, "replicates", 1, 100000, where, problems)) spec.replicates = static_cast<int>(*v);
        if (auto v = get_int(*exp, "seed", 0, std::int64_t{9000000000000000}, where, problems))
            spec.seed = static_cast<std::uint64_t>(*v);
        if (auto r = get_string(*exp, "reference", "experiment.", where, problems)) spec.reference = *r;
        else if (!exp->contains("reference")) problems.add(where, "experiment.reference: missing (the arm contrasts are taken against)");
        if (auto post = get_string(*exp, "posterior", "experiment.", where, problems)) {
            spec.posterior = fs::path(*post).is_absolute() ? fs::path(*post) : base_dir / *post;
            std::error_code ec;
            if (post->empty()) problems.add(where, "experiment.posterior: empty path");
            else if (!fs::is_regular_file(spec.posterior, ec))
                problems.add(where, "experiment.posterior: posterior file '" + spec.posterior.string() +
                                        "' not found (written by `pushpull calibrate`; remove the key to run draws of the base parameters)");
        }
        spec.headline = get_strings(*exp, "headline", "experiment.", where, problems);
        if (!spec.headline.empty() && spec.headline.size() != 2)
            problems.add(where, "experiment.headline: expected two arm names [a, b] (the contrast a - b)");
    }

    const auto* arms_node = root.get("arm");
    const toml::array* arms = arms_node ? arms_node->as_array() : nullptr;
    if (arms_node && !arms) problems.add(where, "arm: expected [[arm]] tables");
    if (!arms_node) problems.add(where, "[[arm]]: no arms");
    std::set<std::string> names;
    if (arms) {
        std::size_t i = 0;
        for (const auto& node : *arms) {
            ++i;
            const auto* t = node.as_table();
            const std::string label = "arm #" + std::to_string(i);
            if (!t) {
                problems.add(where, label + ": expected a table");
                continue;
            }
            Arm arm;
            if (auto n = get_string(*t, "name", label + ": ", where, problems)) arm.name = *n;
            else problems.add(where, label + ": name missing");
            const std::string arm_where = arm.name.empty() ? label : "arm '" + arm.name + "'";
            check_keys(*t, kArmKeys, arm_where + ": ", where, problems);
            arm.sets = get_strings(*t, "set", arm_where + ": ", where, problems);
            for (const auto& s : arm.sets)
                if (s.find('=') == std::string::npos) problems.add(where, arm_where + ": override '" + s + "' is not key=value");
            if (!arm.name.empty() && !names.insert(arm.name).second) problems.add(where, arm_where + ": duplicate arm name");
            spec.arms.push_back(std::move(arm));
        }
    }
    if (!spec.reference.empty() && arms && !names.contains(spec.reference))
        problems.add(where, "experiment.reference: '" + spec.reference + "' is not an arm");
    for (const auto& h : spec.headline)
        if (arms && !names.contains(h)) problems.add(where, "experiment.headline: '" + h + "' is not an arm");
    if (!problems.empty()) return std::unexpected(problems.to_error());
    return spec;
}

sim::Result<Spec> parse_spec(const fs::path& file) {
    auto text = sim::io::read_input_file(file, std::size_t{16} << 20);
    if (!text) {
        const auto& d = text.error().diagnostics;
        return std::unexpected(sim::Error(sim::ErrorKind::BadInput, file.string(),
                                          "experiment file not found or unreadable: " + (d.empty() ? "" : d.front().what)));
    }
    auto spec = parse_spec_text(*text, file.parent_path(), file.string());
    if (spec) spec->file = file;
    return spec;
}

sim::Result<Plan> make_plan(Spec spec) {
    const std::string where = spec.file.string();
    auto model = sim::config::peek_string(spec.base, "model.name", "pushpull");
    if (!model) return std::unexpected(model.error());
    if (*model != "pushpull")
        return sim::bad_input(where, "base: experiments run the pushpull model; '" + spec.base.string() + "' is model '" + *model + "'");
    const auto sch = schema();
    auto base = sim::config::load_scenario(spec.base, sch, {"run.end=" + spec.horizon});
    if (!base) {
        auto err = base.error();
        for (auto& d : err.diagnostics) d.what = "(base scenario) " + d.what;
        return std::unexpected(err);
    }
    Plan plan;
    plan.base_resolved_toml = base->to_toml();
    plan.sources = base->sources();
    sim::DiagnosticList problems;

    // Posterior draws: read the file, draw, and check each draw's overrides on the base once.
    std::vector<std::string> post_keys;  // canonical scenario keys of the posterior parameters
    if (!spec.posterior.empty()) {
        auto post = read_posterior(spec.posterior);
        if (!post) {
            auto err = post.error();
            for (auto& d : err.diagnostics) d.where = where + ": experiment.posterior: " + d.where;
            return std::unexpected(err);
        }
        const std::string post_where = where + ": posterior '" + spec.posterior.string() + "'";
        for (const auto& name : post->parameters) {
            auto key = sim::config::find_key_by_name(name, sch);
            if (!key) problems.add(post_where, "parameter '" + name + "': " + key.error());
            else if ((*key)->path.rfind("run.", 0) == 0 || (*key)->path == "model.name")
                problems.add(post_where, "parameter '" + name + "': run.* keys cannot be posterior parameters");
            else post_keys.push_back((*key)->path);
        }
        if (!problems.empty()) return std::unexpected(problems.to_error());
        plan.posterior = PosteriorInfo{spec.posterior, post->sha256, post->parameters, post->size()};
        plan.draws = posterior_draws(*post, static_cast<std::size_t>(spec.draws), spec.seed);
        for (std::size_t d = 0; d < plan.draws.size(); ++d) {
            sim::config::Config cfg = *base;
            for (const auto& s : plan.draws[d].sets) {
                const auto eq = s.find('=');
                if (auto r = cfg.set(s.substr(0, eq), s.substr(eq + 1)); !r)
                    for (const auto& diag : r.error().diagnostics)
                        problems.add(post_where, "draw " + std::to_string(d) + " (particle " + std::to_string(plan.draws[d].particle) +
                                                     "): '" + s + "': " + (diag.where.empty() ? diag.what : diag.where + ": " + diag.what));
            }
            if (!problems.empty()) continue;
            if (auto params = params_from_config(cfg); !params)
                for (const auto& diag : params.error().diagnostics)
                    problems.add(post_where, "draw " + std::to_string(d) + " (particle " + std::to_string(plan.draws[d].particle) +
                                                 "): " + (diag.where.empty() ? diag.what : diag.where + ": " + diag.what));
        }
        if (!problems.empty()) return std::unexpected(problems.to_error());
    }
    for (std::size_t a = 0; a < spec.arms.size(); ++a) {
        const auto& arm = spec.arms[a];
        const std::string arm_where = where + ": arm '" + arm.name + "'";
        sim::config::Config cfg = *base;
        bool ok = true;
        for (const auto& s : arm.sets) {
            const auto eq = s.find('=');
            const std::string key = s.substr(0, eq), value = s.substr(eq + 1);
            if (key.rfind("run.", 0) == 0) {
                problems.add(arm_where, "override '" + s + "': run.* keys are set by the experiment (horizon, seeds, data)");
                ok = false;
                continue;
            }
            if (auto r = cfg.set(key, value); !r) {
                for (const auto& d : r.error().diagnostics)
                    problems.add(arm_where, "override '" + s + "': " + (d.where.empty() ? d.what : d.where + ": " + d.what));
                ok = false;
            }
        }
        if (!ok) continue;
        auto params = params_from_config(cfg);
        if (!params) {
            for (const auto& d : params.error().diagnostics) problems.add(arm_where, d.where.empty() ? d.what : d.where + ": " + d.what);
            continue;
        }
        ResolvedArm resolved{arm.name, arm.sets, *params, cfg.to_toml(), {}};
        // Under each posterior draw: base + draw + arm overrides (the draw was validated above).
        for (std::size_t d = 0; d < plan.draws.size() && ok; ++d) {
            sim::config::Config dcfg = *base;
            for (const auto& s : plan.draws[d].sets) {
                const auto eq = s.find('=');
                (void)dcfg.set(s.substr(0, eq), s.substr(eq + 1));
            }
            const auto drawn = dcfg.values();
            for (const auto& s : arm.sets) {
                const auto eq = s.find('=');
                (void)dcfg.set(s.substr(0, eq), s.substr(eq + 1));
            }
            for (const auto& k : post_keys)
                if (dcfg.values().at(k) != drawn.at(k)) {
                    problems.add(arm_where, "overrides posterior parameter '" + k + "' (drawn from the posterior in every arm)");
                    ok = false;
                }
            if (!ok) break;
            auto dp = params_from_config(dcfg);
            if (!dp) {
                for (const auto& diag : dp.error().diagnostics)
                    problems.add(arm_where, "under posterior draw " + std::to_string(d) + ": " +
                                                (diag.where.empty() ? diag.what : diag.where + ": " + diag.what));
                ok = false;
                break;
            }
            resolved.draw_params.push_back(std::move(*dp));
        }
        if (!ok) continue;
        plan.arms.push_back(std::move(resolved));
        if (arm.name == spec.reference) plan.reference = plan.arms.size() - 1;
        if (spec.headline.size() == 2) {
            if (arm.name == spec.headline[0]) plan.headline_a = static_cast<long>(plan.arms.size() - 1);
            if (arm.name == spec.headline[1]) plan.headline_b = static_cast<long>(plan.arms.size() - 1);
        }
    }
    if (!problems.empty()) return std::unexpected(problems.to_error());
    plan.spec = std::move(spec);
    return plan;
}

std::uint64_t run_seed(std::uint64_t master, int draw, int replicate) {
    // splitmix64 finaliser over a sequential combination: well-mixed, cheap, fixed forever.
    auto mix = [](std::uint64_t z) {
        z += 0x9e3779b97f4a7c15ULL;
        z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
        z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
        return z ^ (z >> 31);
    };
    std::uint64_t h = mix(master);
    h = mix(h ^ static_cast<std::uint64_t>(draw));
    h = mix(h ^ (static_cast<std::uint64_t>(replicate) << 32));
    return h % 9000000000000000ULL;  // within run.seed's documented range
}

std::string describe_plan(const Plan& plan) {
    std::ostringstream o;
    const auto& s = plan.spec;
    o << "experiment " << s.file.string() << "\n"
      << "  base        " << s.base.string() << "\n"
      << "  horizon     " << s.horizon << "\n"
      << "  draws       " << s.draws;
    if (plan.posterior) {
        const auto& post = *plan.posterior;
        o << " from posterior " << post.file.string() << " (" << post.particles << " particles, " << post.parameters.size()
          << " parameters; systematic resampling seeded by the experiment seed)\n";
        for (std::size_t d = 0; d < plan.draws.size(); ++d) {
            o << "    draw " << d << ": particle " << plan.draws[d].particle << ":";
            for (const auto& x : plan.draws[d].sets) o << " " << x;
            o << "\n";
        }
    } else {
        o << " (base parameters)\n";
    }
    o
      << "  replicates  " << s.replicates << "\n"
      << "  seed        " << s.seed << "\n"
      << "  reference   " << s.reference << "\n";
    if (plan.headline_a >= 0)
        o << "  headline    " << s.headline[0] << " - " << s.headline[1] << "\n";
    o << "  arms        " << plan.arms.size() << ", runs " << plan.total_runs() << "\n";
    for (const auto& a : plan.arms) {
        o << "    " << a.name << ":";
        for (const auto& x : a.sets) o << " " << x;
        if (a.sets.empty()) o << " (base)";
        o << "\n";
    }
    return o.str();
}

}  // namespace pushpull::experiment
