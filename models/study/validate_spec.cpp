// Parsing a validate file (see validate.hpp for the format).
#include <algorithm>

#include "models/study/validate.hpp"
#include "sim/config/toml_reader.hpp"

namespace study {

namespace fs = std::filesystem;
using sim::config::TableReader;

namespace {

const std::set<std::string> kTop = {"validate"};
const std::set<std::string> kValidate = {"compare", "draws",         "accept",    "seed",
                                         "bootstrap", "checks",      "holdout_after", "region_by",
                                         "forecast_through", "truncate_data"};
const std::set<std::string> kChecks = {"temporal", "region", "after2019"};

}  // namespace

sim::Result<ValidateSpec> parse_validate_spec_text(const std::string& text, const fs::path& base_dir,
                                                   const std::string& where) {
    auto root = sim::config::parse_toml(text, where);
    if (!root) return std::unexpected(root.error());
    sim::DiagnosticList problems;
    ValidateSpec spec;
    spec.file = where;
    spec.text = text;
    spec.checks = {"temporal", "region", "after2019"};
    TableReader(*root, "", where, problems).allow(kTop);
    const auto* v = root->get("validate") ? root->get("validate")->as_table() : nullptr;
    if (!v) {
        problems.add(where, "[validate]: missing (a table naming the compare file whose models are validated)");
        return std::unexpected(problems.to_error());
    }
    TableReader r(*v, "validate.", where, problems);
    r.allow(kValidate);
    r.require("compare", "the compare file (models and priors), relative to this file");
    std::optional<CompareSpec> compare;
    if (auto c = r.string("compare")) {
        const fs::path file = fs::path(*c).is_absolute() ? fs::path(*c) : base_dir / *c;
        auto parsed = parse_compare_spec(file);
        if (!parsed) {
            for (const auto& d : parsed.error().diagnostics)
                problems.add(where, "validate.compare: " + (d.where.empty() ? d.what : d.where + ": " + d.what));
        } else {
            compare = std::move(*parsed);
        }
    }
    if (compare) {
        spec.compare = std::move(*compare);
        if (!spec.compare.pseudo_model.empty())
            r.problem("compare", "the compare file sets pseudo_model; validate scores the documented record only");
        if (spec.compare.holdout_after)
            r.problem("compare", "the compare file sets holdout_after; validate's checks set their own hold-outs");
        if (!spec.compare.data_sets.empty())
            r.problem("compare", "the compare file sets data_until; validate's truncate_data sets each check's data");
    }
    auto& st = spec.compare.settings;
    if (auto x = r.integer("draws", 10, 10'000'000)) st.draws = static_cast<std::size_t>(*x);
    if (auto x = r.number("accept", 1e-6, 1)) st.accept = *x;
    if (auto x = r.integer("seed", 0, std::int64_t{9000000000000000})) st.seed = static_cast<std::uint64_t>(*x);
    if (auto x = r.integer("bootstrap", 0, 100'000)) st.bootstrap = static_cast<std::size_t>(*x);
    if (auto x = r.strings("checks")) {
        spec.checks.clear();
        for (const auto& c : *x) {
            if (!kChecks.count(c))
                r.problem("checks", "'" + c + "': expected temporal, region or after2019");
            else if (std::find(spec.checks.begin(), spec.checks.end(), c) != spec.checks.end())
                r.problem("checks", "'" + c + "' appears twice");
            else
                spec.checks.push_back(c);
        }
        if (x->empty()) r.problem("checks", "empty (name at least one of temporal, region, after2019)");
    }
    if (auto x = r.integers("holdout_after", 2009, 2018)) {
        spec.holdout_after.assign(x->begin(), x->end());
        if (spec.holdout_after.empty()) r.problem("holdout_after", "empty (name at least one year 2009..2018)");
        std::vector<int> sorted = spec.holdout_after;
        std::sort(sorted.begin(), sorted.end());
        if (std::adjacent_find(sorted.begin(), sorted.end()) != sorted.end())
            r.problem("holdout_after", "a year appears twice");
    }
    if (auto x = r.string("region_by", {"region_un", "region_wb"})) spec.region_by = *x;
    if (auto x = r.integer("forecast_through", 2020, 2030)) spec.forecast_through = static_cast<int>(*x);
    if (auto x = r.string("truncate_data", {"all", "covariates", "none"})) spec.truncate_data = *x;
    if (!problems.empty()) return std::unexpected(problems.to_error());
    return spec;
}

sim::Result<ValidateSpec> parse_validate_spec(const fs::path& file) {
    auto text = sim::config::read_text_file(file.string(), "validate file");
    if (!text) return std::unexpected(text.error());
    auto spec = parse_validate_spec_text(*text, file.parent_path(), file.string());
    if (spec) spec->file = file;
    return spec;
}

}  // namespace study
