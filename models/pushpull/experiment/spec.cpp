#include "models/pushpull/experiment/spec.hpp"

#include <algorithm>
#include <cmath>
#include <fstream>
#include <set>
#include <sstream>

#include <toml++/toml.h>

#include "models/pushpull/experiment/run.hpp"
#include "sim/config/key_lookup.hpp"
#include "sim/config/nesting.hpp"
#include "sim/config/scenario.hpp"
#include "sim/config/value_text.hpp"
#include "sim/io/input_file.hpp"
#include "sim/study/design.hpp"
#include "sim/study/distribution.hpp"

namespace pushpull::experiment {

namespace fs = std::filesystem;

namespace {

const std::set<std::string> kTopKeys = {"base", "experiment", "arm", "priors", "structure"};
const std::set<std::string> kExperimentKeys = {"horizon",  "draws",    "replicates", "seed",   "reference",         "posterior",
                                               "headline", "outcome", "rank_by",    "priors", "unidentified_draws"};
const std::set<std::string> kArmKeys = {"name", "set", "cost_musd"};
const std::set<std::string> kStructureKeys = {"name", "set"};

/// [priors] as (dotted key, text): nested tables (`us.kappa_generic = ...` unquoted) are flattened.
void flatten_priors(const toml::table& t, const std::string& prefix, const std::string& where,
                    std::vector<PriorSpec>& out, sim::DiagnosticList& problems) {
    for (const auto& [k, v] : t) {
        const std::string key = prefix + std::string(k.str());
        if (const auto* sub = v.as_table()) flatten_priors(*sub, key + ".", where, out, problems);
        else if (const auto* str = v.as_string()) out.push_back({key, str->get()});
        else
            problems.add(where, "priors." + key + ": expected a distribution as text (\"U(0, 6)\", \"N(0.5, 0.2)\", ...) or \"prior\" for the key's stated prior");
    }
}

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
        if (auto v = get_int(*exp, "unidentified_draws", 1, 100000, where, problems)) spec.unidentified_draws = static_cast<int>(*v);
        if (auto o = get_string(*exp, "outcome", "experiment.", where, problems)) spec.outcome = *o;
        spec.rank_by = get_strings(*exp, "rank_by", "experiment.", where, problems);
        if (const auto* pr = exp->get("priors")) {
            if (const auto* t = pr->as_table()) flatten_priors(*t, "", where, spec.priors, problems);
            else problems.add(where, "experiment.priors: expected a table {key = \"distribution\"}");
        }
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
            if (const auto* c = t->get("cost_musd")) {
                const auto v = c->value<double>();
                if (!v || !(c->is_floating_point() || c->is_integer()) || !std::isfinite(*v) || *v < 0)
                    problems.add(where, arm_where + ": cost_musd: expected a number >= 0 (USD million per year)");
                else arm.cost_musd = *v;
            }
            for (const auto& s : arm.sets)
                if (s.find('=') == std::string::npos) problems.add(where, arm_where + ": override '" + s + "' is not key=value");
            if (!arm.name.empty() && !names.insert(arm.name).second) problems.add(where, arm_where + ": duplicate arm name");
            spec.arms.push_back(std::move(arm));
        }
    }
    if (const auto* pr = root.get("priors")) {
        if (const auto* t = pr->as_table()) flatten_priors(*t, "", where, spec.priors, problems);
        else problems.add(where, "priors: expected a table [priors] of key = \"distribution\"");
    }
    {
        std::set<std::string> seen;
        for (const auto& p : spec.priors)
            if (!seen.insert(p.key).second) problems.add(where, "priors." + p.key + ": given twice");
    }
    if (!is_experiment_statistic(spec.outcome))
        problems.add(where, "experiment.outcome: '" + spec.outcome + "' is not an experiment statistic (e.g. countries_adopted_horizon, countries_active_horizon)");
    for (const auto& r : spec.rank_by)
        if (!is_experiment_statistic(r)) problems.add(where, "experiment.rank_by: '" + r + "' is not an experiment statistic");
    if (!spec.priors.empty() && !(exp && exp->contains("unidentified_draws")))
        problems.add(where, "experiment.unidentified_draws: missing (how many draws of the [priors] parameters each cell takes)");
    if (spec.priors.empty() && spec.unidentified_draws > 1)
        problems.add(where, "experiment.unidentified_draws: " + std::to_string(spec.unidentified_draws) +
                                " draws of nothing (add a [priors] table of the parameters to draw)");
    if (const auto* st_node = root.get("structure")) {
        const auto* st = st_node->as_array();
        if (!st) problems.add(where, "structure: expected [[structure]] tables (name, set)");
        std::set<std::string> snames;
        for (std::size_t i = 0; st && i < st->size(); ++i) {
            const auto* t = (*st)[i].as_table();
            const std::string label = "structure #" + std::to_string(i + 1);
            if (!t) {
                problems.add(where, label + ": expected a table");
                continue;
            }
            Universe u;
            if (auto n = get_string(*t, "name", label + ": ", where, problems)) u.name = *n;
            else problems.add(where, label + ": name missing");
            const std::string uw = u.name.empty() ? label : "structure '" + u.name + "'";
            check_keys(*t, kStructureKeys, uw + ": ", where, problems);
            u.sets = get_strings(*t, "set", uw + ": ", where, problems);
            for (const auto& s : u.sets) {
                if (s.find('=') == std::string::npos) problems.add(where, uw + ": override '" + s + "' is not key=value");
                else if (s.rfind("structure.", 0) != 0)
                    problems.add(where, uw + ": override '" + s + "': a universe sets structure.* switches only (parameters go in [priors] or the arms)");
            }
            if (!u.name.empty() && !snames.insert(u.name).second) problems.add(where, uw + ": duplicate structure name");
            spec.structures.push_back(std::move(u));
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

namespace {

std::string diag_text(const sim::Diagnostic& d) { return d.where.empty() ? d.what : d.where + ": " + d.what; }

/// Applies "key=value" overrides to `cfg`; every failure is added to `problems` under `label`.
bool apply_sets(sim::config::Config& cfg, const std::vector<std::string>& sets, const std::string& where,
                const std::string& label, sim::DiagnosticList& problems) {
    bool ok = true;
    for (const auto& s : sets) {
        const auto eq = s.find('=');
        if (auto r = cfg.set(s.substr(0, eq), s.substr(eq + 1)); !r) {
            for (const auto& d : r.error().diagnostics) problems.add(where, label + "'" + s + "': " + diag_text(d));
            ok = false;
        }
    }
    return ok;
}

/// The canonical keys a list of overrides sets.
std::vector<std::string> keys_of(const std::vector<std::string>& sets, const sim::config::Schema& sch) {
    std::vector<std::string> out;
    for (const auto& s : sets) {
        auto k = sim::config::find_key_by_name(s.substr(0, s.find('=')), sch);
        if (k) out.push_back((*k)->path);
    }
    return out;
}

constexpr std::uint64_t kUnidentifiedTag = 0x756e6964656e7466ULL;  // "unidentf": the LHS seed of the prior draws

/// [priors]: resolve each key and distribution, then U Latin-hypercube draws mapped through the
/// inverse CDFs (one stratum per draw in every parameter, whatever U is).
UnidentifiedDraws draw_unidentified(const Spec& spec, const sim::config::Schema& sch, const std::string& where,
                                    sim::DiagnosticList& problems) {
    UnidentifiedDraws out;
    std::vector<sim::study::Distribution> dists;
    std::vector<const sim::config::KeySpec*> specs;
    for (const auto& p : spec.priors) {
        const std::string pw = "priors." + p.key;
        auto key = sim::config::find_key_by_name(p.key, sch);
        if (!key) {
            problems.add(where, pw + ": " + key.error());
            continue;
        }
        const auto* ks = *key;
        if (ks->path.rfind("run.", 0) == 0 || ks->path.rfind("structure.", 0) == 0 || ks->path == "model.name") {
            problems.add(where, pw + ": run.* and structure.* keys cannot be drawn from a prior (structures go in [[structure]])");
            continue;
        }
        if (ks->type != sim::config::Type::Float && ks->type != sim::config::Type::Int) {
            problems.add(where, pw + ": not a numeric key");
            continue;
        }
        std::string text = p.prior;
        if (text == "prior") {
            text = ks->prior;
            if (text.empty() || text == "grid") {
                problems.add(where, pw + ": \"prior\": the key states no prior (`pushpull describe`); give a distribution");
                continue;
            }
        }
        auto d = sim::study::parse_distribution(text);
        if (!d) {
            problems.add(where, pw + ": " + d.error().message());
            continue;
        }
        const double lo = ks->min.value_or(-HUGE_VAL), hi = ks->max.value_or(HUGE_VAL);
        auto t = d->lo() < lo || d->hi() > hi ? d->truncated(lo, hi) : sim::Result<sim::study::Distribution>(*d);
        if (!t) {
            problems.add(where, pw + ": " + text + " has no mass inside the key's range: " + t.error().message());
            continue;
        }
        out.keys.push_back(ks->path);
        out.priors.push_back(t->to_string());
        dists.push_back(*t);
        specs.push_back(ks);
    }
    if (!problems.empty() || out.keys.empty()) return out;
    // Canonical key order, so the draws depend on which keys are drawn, not on how the file spells them.
    std::vector<std::size_t> order(out.keys.size());
    for (std::size_t j = 0; j < order.size(); ++j) order[j] = j;
    std::sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) { return out.keys[a] < out.keys[b]; });
    {
        UnidentifiedDraws sorted;
        std::vector<sim::study::Distribution> d2;
        std::vector<const sim::config::KeySpec*> s2;
        for (std::size_t j : order) {
            sorted.keys.push_back(out.keys[j]);
            sorted.priors.push_back(out.priors[j]);
            d2.push_back(dists[j]);
            s2.push_back(specs[j]);
        }
        out = std::move(sorted);
        dists = std::move(d2);
        specs = std::move(s2);
    }
    const auto U = static_cast<std::size_t>(spec.unidentified_draws);
    auto lhs = sim::study::latin_hypercube(U, out.keys.size(), spec.seed ^ kUnidentifiedTag);
    if (!lhs) {
        problems.append(lhs.error());
        return out;
    }
    for (std::size_t u = 0; u < U; ++u) {
        std::vector<std::string> sets;
        for (std::size_t j = 0; j < out.keys.size(); ++j) {
            // A unit coordinate of exactly 0 or 1 would map to an infinite tail: keep it inside.
            const double unit = std::clamp(lhs->at(u, j), 1e-12, 1.0 - 1e-12);
            double v = dists[j].quantile(unit);
            if (specs[j]->type == sim::config::Type::Int) v = std::round(v);
            out.values.push_back(v);
            sets.push_back(out.keys[j] + "=" + (specs[j]->type == sim::config::Type::Int ? std::to_string(std::llround(v))
                                                                                          : sim::config::format_number(v)));
        }
        out.sets.push_back(std::move(sets));
    }
    return out;
}

}  // namespace

std::vector<std::string> Plan::cell_sets(std::size_t cell) const {
    const auto D = static_cast<std::size_t>(spec.draws), U = static_cast<std::size_t>(spec.unidentified_draws);
    const std::size_t d = cell % D, u = (cell / D) % U, s = cell / (D * U);
    std::vector<std::string> out;
    if (!spec.structures.empty()) out = spec.structures[s].sets;
    if (!draws.empty()) out.insert(out.end(), draws[d * U + u].sets.begin(), draws[d * U + u].sets.end());
    if (!unidentified.sets.empty()) out.insert(out.end(), unidentified.sets[u].begin(), unidentified.sets[u].end());
    return out;
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
    plan.spec = spec;  // cells(), cell_sets() read it while the plan is built
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
        // D draws per unidentified draw, each unidentified draw its own (nested, so the draws u are
        // independent units of the confidence interval): cell (s, u, d) takes draw d * U + u.
        plan.draws = posterior_draws(*post, static_cast<std::size_t>(spec.draws) * static_cast<std::size_t>(spec.unidentified_draws), spec.seed);
        for (std::size_t d = 0; d < plan.draws.size(); ++d) {
            sim::config::Config cfg = *base;
            const std::string label = "draw " + std::to_string(d) + " (particle " + std::to_string(plan.draws[d].particle) + "): ";
            if (!apply_sets(cfg, plan.draws[d].sets, post_where, label, problems)) continue;
            if (auto params = params_from_config(cfg); !params)
                for (const auto& diag : params.error().diagnostics) problems.add(post_where, label + diag_text(diag));
        }
        if (!problems.empty()) return std::unexpected(problems.to_error());
    }

    // Unidentified parameters (R14): never the posterior's, drawn in every cell.
    plan.unidentified = draw_unidentified(spec, sch, where, problems);
    for (const auto& k : plan.unidentified.keys)
        if (std::find(post_keys.begin(), post_keys.end(), k) != post_keys.end())
            problems.add(where, "priors." + k + ": is a posterior parameter (drawn from the posterior; remove it from [priors])");
    // Structures: each universe on the base alone.
    std::vector<std::string> structure_keys;
    for (const auto& u : spec.structures) {
        sim::config::Config cfg = *base;
        if (apply_sets(cfg, u.sets, where, "structure '" + u.name + "': override ", problems)) {
            if (auto params = params_from_config(cfg); !params)
                for (const auto& diag : params.error().diagnostics) problems.add(where, "structure '" + u.name + "': " + diag_text(diag));
        }
        for (const auto& k : keys_of(u.sets, sch))
            if (std::find(structure_keys.begin(), structure_keys.end(), k) == structure_keys.end()) structure_keys.push_back(k);
    }
    if (!problems.empty()) return std::unexpected(problems.to_error());

    // Keys the cells own (an arm may not change them: the draw or the universe would silently be lost).
    std::vector<std::string> owned = post_keys;
    owned.insert(owned.end(), plan.unidentified.keys.begin(), plan.unidentified.keys.end());
    owned.insert(owned.end(), structure_keys.begin(), structure_keys.end());
    auto owner_of = [&](const std::string& k) -> std::string {
        if (std::find(post_keys.begin(), post_keys.end(), k) != post_keys.end()) return "posterior parameter";
        if (std::find(structure_keys.begin(), structure_keys.end(), k) != structure_keys.end()) return "structural switch of a [[structure]]";
        return "unidentified parameter of [priors]";
    };
    // Keys with a stated prior nothing draws: held at the base value (said by --dry-run, stored).
    for (const auto& ks : sch.keys())
        if (!ks.prior.empty() && ks.prior != "grid" && std::find(owned.begin(), owned.end(), ks.path) == owned.end())
            plan.fixed_with_prior.push_back(ks.path);

    const bool celled = !owned.empty();
    const std::size_t cells = plan.cells();
    if (celled)
        for (std::size_t c = 0; c < cells; ++c) {  // every combination must be a valid model
            sim::config::Config cfg = *base;
            const auto sets = plan.cell_sets(c);
            if (!apply_sets(cfg, sets, where, "cell " + std::to_string(c) + ": ", problems)) continue;
            if (auto params = params_from_config(cfg); !params)
                for (const auto& diag : params.error().diagnostics)
                    problems.add(where, "cell " + std::to_string(c) + " (structure x unidentified x posterior draw): " + diag_text(diag));
        }
    if (!problems.empty()) return std::unexpected(problems.to_error());

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
                for (const auto& d : r.error().diagnostics) problems.add(arm_where, "override '" + s + "': " + diag_text(d));
                ok = false;
            }
        }
        if (!ok) continue;
        auto params = params_from_config(cfg);
        if (!params) {
            for (const auto& d : params.error().diagnostics) problems.add(arm_where, diag_text(d));
            continue;
        }
        for (const auto& k : keys_of(arm.sets, sch))
            if (std::find(owned.begin(), owned.end(), k) != owned.end()) {
                problems.add(arm_where, "overrides " + owner_of(k) + " '" + k + "' (set by the experiment in every arm)");
                ok = false;
            }
        if (!ok) continue;
        ResolvedArm resolved{arm.name, arm.sets, *params, cfg.to_toml(), {}, arm.cost_musd};
        // In each cell: base + cell overrides + arm overrides (the cell was validated above).
        for (std::size_t c = 0; celled && c < cells && ok; ++c) {
            sim::config::Config dcfg = *base;
            for (const auto& s : plan.cell_sets(c)) {
                const auto eq = s.find('=');
                (void)dcfg.set(s.substr(0, eq), s.substr(eq + 1));
            }
            const auto drawn = dcfg.values();
            for (const auto& s : arm.sets) {
                const auto eq = s.find('=');
                (void)dcfg.set(s.substr(0, eq), s.substr(eq + 1));
            }
            for (const auto& k : owned)
                if (dcfg.values().at(k) != drawn.at(k)) {
                    problems.add(arm_where, "overrides " + owner_of(k) + " '" + k + "' (set by the experiment in every arm)");
                    ok = false;
                }
            if (!ok) break;
            auto dp = params_from_config(dcfg);
            if (!dp) {
                for (const auto& diag : dp.error().diagnostics)
                    problems.add(arm_where, "in cell " + std::to_string(c) + ": " + diag_text(diag));
                ok = false;
                break;
            }
            resolved.cell_params.push_back(std::move(*dp));
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

std::uint64_t run_seed(std::uint64_t master, int cell, int replicate) {
    // splitmix64 finaliser over a sequential combination: well-mixed, cheap, fixed forever.
    auto mix = [](std::uint64_t z) {
        z += 0x9e3779b97f4a7c15ULL;
        z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
        z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
        return z ^ (z >> 31);
    };
    std::uint64_t h = mix(master);
    h = mix(h ^ static_cast<std::uint64_t>(cell));
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
    if (!plan.unidentified.keys.empty()) {
        const auto& un = plan.unidentified;
        o << "  unidentified " << s.unidentified_draws << " draws (Latin hypercube seeded by the experiment seed) of "
          << un.keys.size() << " parameters from their priors:\n";
        for (std::size_t j = 0; j < un.keys.size(); ++j) o << "    " << un.keys[j] << " ~ " << un.priors[j] << "\n";
        for (std::size_t u = 0; u < un.sets.size(); ++u) {
            o << "    draw " << u << ":";
            for (const auto& x : un.sets[u]) o << " " << x;
            o << "\n";
        }
    } else {
        o << "  unidentified none drawn ([priors] absent)\n";
    }
    if (!s.structures.empty()) {
        o << "  structures  " << s.structures.size() << " (multiverse)\n";
        for (const auto& u : s.structures) {
            o << "    " << u.name << ":";
            for (const auto& x : u.sets) o << " " << x;
            if (u.sets.empty()) o << " (base)";
            o << "\n";
        }
    } else {
        o << "  structures  1 (the base's [structure] switches)\n";
    }
    o << "  cells       " << plan.cells() << " = " << plan.structures() << " structure(s) x " << s.unidentified_draws
      << " unidentified draw(s) x " << s.draws << " calibrated draw(s)\n";
    if (!plan.fixed_with_prior.empty()) {
        o << "  held fixed  " << plan.fixed_with_prior.size() << " keys with a stated prior stay at the base value:";
        for (const auto& k : plan.fixed_with_prior) o << " " << k;
        o << "\n";
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
