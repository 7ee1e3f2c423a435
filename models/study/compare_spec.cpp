// Parsing a compare file (see compare.hpp for the format).
#include <algorithm>

#include "models/study/compare.hpp"
#include "models/study/rivals/curve_rivals.hpp"
#include "sim/config/toml_reader.hpp"

namespace study {

namespace fs = std::filesystem;
using sim::config::TableReader;

namespace {

const std::set<std::string> kTop = {"compare", "model"};
const std::set<std::string> kCompare = {"base",          "draws",           "accept",       "seed",       "bootstrap",
                                        "holdout_after", "exclude_targets", "pseudo_model", "pseudo_seed",
                                        "data_until",    "data_until_footprints"};
const std::set<std::string> kModel = {"name", "kind", "base", "set", "parameter"};
const std::set<std::string> kParameter = {"key", "prior"};

bool valid_name(const std::string& n) {
    return !n.empty() && std::all_of(n.begin(), n.end(), [](char c) {
        return std::isalnum(static_cast<unsigned char>(c)) != 0 || c == '_' || c == '-';
    });
}

fs::path relative_to(const std::string& p, const fs::path& dir) {
    return fs::path(p).is_absolute() ? fs::path(p) : dir / p;
}

void read_model(const toml::table& t, std::size_t i, const fs::path& base_dir, const std::string& where,
                sim::DiagnosticList& problems, CompareSpec& spec) {
    CompareModelSpec m;
    const std::string label = "model #" + std::to_string(i + 1) + ".";
    TableReader r(t, label, where, problems);
    r.allow(kModel);
    r.require("name", "the model's name in the results");
    r.require("kind", "pushpull, bass or logit");
    if (auto v = r.string("name")) {
        m.name = *v;
        if (!valid_name(m.name)) r.problem("name", "'" + m.name + "': use letters, digits, '_' and '-' only");
        for (const auto& other : spec.models)
            if (other.name == m.name) r.problem("name", "'" + m.name + "' appears twice");
    }
    if (auto v = r.string("kind", {"pushpull", "bass", "logit"})) m.kind = *v;
    const bool pushpull = m.kind == "pushpull";
    if (r.has("base") && !pushpull) r.problem("base", "only a pushpull model takes a base scenario");
    if (r.has("set") && !pushpull) r.problem("set", "only a pushpull model takes overrides");
    m.base = spec.base;
    if (auto b = r.string("base")) m.base = relative_to(*b, base_dir);
    if (pushpull && !m.base.empty()) {
        std::error_code ec;
        if (!fs::is_regular_file(m.base, ec)) r.problem("base", "scenario file '" + m.base.string() + "' not found");
    }
    if (auto s = r.strings("set")) m.sets = *s;
    const auto* params = t.get("parameter") ? t.get("parameter")->as_array() : nullptr;
    if (t.get("parameter") && !params) r.problem("parameter", "expected [[model.parameter]] tables");
    if (pushpull && (!params || params->empty()))
        r.problem("parameter", "none (a pushpull model needs the parameters its ABC draws)");
    const auto names = rivals::CurveRival::parameters_of(m.kind);
    if (params)
        for (std::size_t j = 0; j < params->size(); ++j) {
            const std::string plabel = label + "parameter #" + std::to_string(j + 1) + ".";
            const auto* pt = (*params)[j].as_table();
            if (!pt) {
                problems.add(where, plabel + ": expected a table");
                continue;
            }
            TableReader p(*pt, plabel, where, problems);
            p.allow(kParameter);
            p.require("key", pushpull ? "the scenario key, e.g. params.alpha0" : "the rival's parameter name");
            CalibrationParameter cp;
            if (auto k = p.string("key")) cp.key = *k;
            if (!pushpull && !cp.key.empty() && !m.kind.empty() &&
                std::find(names.begin(), names.end(), cp.key) == names.end()) {
                std::string list;
                for (const auto& n : names) list += (list.empty() ? "" : ", ") + n;
                p.problem("key", "'" + cp.key + "' is not a parameter of the " + m.kind + " rival (" + list + ")");
            }
            if (auto pr = p.string("prior")) {
                cp.prior = *pr;
                if (auto d = sim::study::parse_distribution(*pr); !d) p.problem("prior", d.error().message());
            }
            for (const auto& other : m.parameters)
                if (!cp.key.empty() && other.key == cp.key) p.problem("key", "'" + cp.key + "' appears twice");
            m.parameters.push_back(std::move(cp));
        }
    spec.models.push_back(std::move(m));
}

}  // namespace

std::string default_rival_prior(const std::string& kind, const std::string& parameter) {
    if (kind == "bass") {
        if (parameter == "m") return "U(20, 199)";
        if (parameter == "p") return "U(0, 0.05)";
        if (parameter == "q") return "U(0, 1)";
    }
    if (kind == "logit") {
        if (parameter == "alpha") return "U(-8, -2)";
        if (parameter == "trend") return "U(0, 0.6)";
        return "U(-1.5, 1.5)";
    }
    return "";
}

sim::Result<CompareSpec> parse_compare_spec_text(const std::string& text, const fs::path& base_dir,
                                                 const std::string& where) {
    auto root = sim::config::parse_toml(text, where);
    if (!root) return std::unexpected(root.error());
    sim::DiagnosticList problems;
    CompareSpec spec;
    spec.file = where;
    spec.text = text;
    TableReader(*root, "", where, problems).allow(kTop);
    const auto* cmp = root->get("compare") ? root->get("compare")->as_table() : nullptr;
    if (!cmp) {
        problems.add(where, "[compare]: missing (a table naming the base scenario and the draws per model)");
        return std::unexpected(problems.to_error());
    }
    TableReader r(*cmp, "compare.", where, problems);
    r.allow(kCompare);
    r.require("base", "the scenario whose data and targets every model uses, relative to this file");
    if (auto b = r.string("base")) {
        spec.base = relative_to(*b, base_dir);
        std::error_code ec;
        if (!fs::is_regular_file(spec.base, ec))
            r.problem("base", "scenario file '" + spec.base.string() + "' not found");
    }
    auto& st = spec.settings;
    if (auto v = r.integer("draws", 10, 10'000'000)) st.draws = static_cast<std::size_t>(*v);
    if (auto v = r.number("accept", 1e-6, 1)) st.accept = *v;
    if (auto v = r.integer("seed", 0, std::int64_t{9000000000000000})) st.seed = static_cast<std::uint64_t>(*v);
    if (auto v = r.integer("bootstrap", 0, 100'000)) st.bootstrap = static_cast<std::size_t>(*v);
    if (auto v = r.integer("holdout_after", 2009, 2018)) spec.holdout_after = static_cast<int>(*v);
    if (auto v = r.strings("exclude_targets")) spec.exclude_targets = *v;
    if (auto v = r.integer("data_until", 2005, 2030)) {
        spec.data_sets = {"run.data_until=" + std::to_string(*v)};
        if (auto f = r.string("data_until_footprints", {"cut", "keep"}))
            spec.data_sets.push_back("run.data_until_footprints=" + *f);
    } else if (r.string("data_until_footprints", {"cut", "keep"})) {
        r.problem("data_until_footprints", "needs compare.data_until");
    }
    if (auto v = r.string("pseudo_model")) spec.pseudo_model = *v;
    if (auto v = r.integer("pseudo_seed", 0, std::int64_t{9000000000000000}))
        spec.pseudo_seed = static_cast<std::uint64_t>(*v);
    const auto* models = root->get("model") ? root->get("model")->as_array() : nullptr;
    if (!models || models->size() < 2) problems.add(where, "[[model]]: name at least two rival models");
    if (models)
        for (std::size_t i = 0; i < models->size(); ++i) {
            const auto* t = (*models)[i].as_table();
            if (!t) {
                problems.add(where, "model #" + std::to_string(i + 1) + ": expected a [[model]] table");
                continue;
            }
            read_model(*t, i, base_dir, where, problems, spec);
        }
    if (!spec.pseudo_model.empty() && std::none_of(spec.models.begin(), spec.models.end(),
                                                   [&](const auto& m) { return m.name == spec.pseudo_model; }))
        problems.add(where, "compare.pseudo_model: '" + spec.pseudo_model + "' is not a [[model]] of this file");
    if (!problems.empty()) return std::unexpected(problems.to_error());
    return spec;
}

sim::Result<CompareSpec> parse_compare_spec(const fs::path& file) {
    auto text = sim::config::read_text_file(file.string(), "compare file");
    if (!text) return std::unexpected(text.error());
    auto spec = parse_compare_spec_text(*text, file.parent_path(), file.string());
    if (spec) spec->file = file;
    return spec;
}

}  // namespace study
