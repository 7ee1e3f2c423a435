#include "sim/config/scenario.hpp"

#include <algorithm>
#include <cerrno>
#include <fstream>
#include <initializer_list>
#include <optional>
#include <set>
#include <sstream>
#include <stdexcept>
#include <string_view>
#include <system_error>
#include <utility>

#include <toml++/toml.h>

#include "sim/config/key_lookup.hpp"
#include "sim/config/nesting.hpp"
#include "sim/io/input_file.hpp"
#include "sim/config/value_check.hpp"
#include "sim/config/value_text.hpp"

namespace fs = std::filesystem;

namespace sim::config {
namespace {

constexpr std::string_view kIncludeKey = "include";
constexpr std::string_view kTextSourceName = "<text>";

// ---- reading files ------------------------------------------------------------------------------

/// Scenario files are small: 16 MiB is far above any real one.
constexpr std::size_t kMaxScenarioBytes = std::size_t{16} << 20;
/// Files in one include chain (the outermost file counts as one).
constexpr std::size_t kMaxIncludeDepth = 32;

std::expected<std::string, std::string> read_text(const fs::path& path) {
    auto text = io::read_input_file(path, kMaxScenarioBytes);
    if (!text) {
        const auto& d = text.error().diagnostics;
        return std::unexpected("cannot open file: " + (d.empty() ? std::string("unreadable") : d.front().what));
    }
    return std::move(*text);
}

// toml++ reports syntax errors by exception; they stop here as a file:line:column diagnostic.
std::expected<toml::table, Diagnostic> parse_toml(const std::string& text, const std::string& name) {
    if (auto deep = nesting_problem(text, name)) return std::unexpected(*deep);
    try {
        return toml::parse(text, name);
    } catch (const toml::parse_error& e) {
        const auto& at = e.source().begin;
        return std::unexpected(Diagnostic{name + ":" + std::to_string(at.line) + ":" + std::to_string(at.column),
                                          std::string(e.description())});
    }
}

// The same file reached by two spellings must be recognised, so cycles compare canonical paths.
fs::path file_identity(const fs::path& path) {
    std::error_code ec;
    auto canonical = fs::weakly_canonical(path, ec);
    if (!ec) return canonical;
    auto abs = fs::absolute(path, ec);
    return (ec ? path : abs).lexically_normal();
}

std::string node_kind(const toml::node& n) {
    switch (n.type()) {
        case toml::node_type::boolean: return "a boolean";
        case toml::node_type::integer: return "an integer";
        case toml::node_type::floating_point: return "a float";
        case toml::node_type::string: return "a string";
        case toml::node_type::array: return "an array";
        case toml::node_type::table: return "a table";
        case toml::node_type::date: return "a date";
        case toml::node_type::time: return "a time";
        case toml::node_type::date_time: return "a date-time";
        case toml::node_type::none: break;
    }
    return "nothing";
}

// ---- the include chain --------------------------------------------------------------------------

/// One parsed file of an include chain.
struct SourceFile {
    std::string name;  // as shown in messages
    fs::path dir;      // relative includes and Path values are resolved against it
    toml::table table;
};

/// The files read so far (outermost first) and the chain being followed, for cycle detection.
struct ChainState {
    std::vector<SourceFile> files;
    std::vector<fs::path> chain_ids;
    std::vector<std::string> chain_names;
    DiagnosticList* diags = nullptr;
};

void read_chain(ChainState& st, const std::string& name, const fs::path& dir, const std::string& text,
                const fs::path& id);

std::string cycle_text(const std::vector<std::string>& chain, const std::string& back_to) {
    std::string out;
    for (const auto& n : chain) out += n + " -> ";
    return out + back_to;
}

void read_include(ChainState& st, const std::string& from, const fs::path& dir, const std::string& include) {
    const fs::path target = dir / include;
    const std::string target_name = target.lexically_normal().string();
    const fs::path id = file_identity(target);
    const std::string where = from + ": " + std::string(kIncludeKey);
    if (std::ranges::find(st.chain_ids, id) != st.chain_ids.end()) {
        st.diags->add(where, "include cycle: " + cycle_text(st.chain_names, target_name));
        return;
    }
    if (st.chain_ids.size() >= kMaxIncludeDepth) {
        st.diags->add(where, "include chain deeper than " + std::to_string(kMaxIncludeDepth) + " files");
        return;
    }
    const auto text = read_text(target);
    if (!text) {
        st.diags->add(where, text.error() + " \"" + target_name + "\"");
        return;
    }
    read_chain(st, target_name, target.parent_path(), *text, id);
}

/// The include target named by a parsed file, if any; a non-string `include` is reported.
std::optional<std::string> include_of(const toml::table& table, const std::string& name, DiagnosticList& diags) {
    const toml::node* inc = table.get(kIncludeKey);
    if (!inc) return std::nullopt;
    if (const auto* s = inc->as_string()) return s->get();
    diags.add(name + ": " + std::string(kIncludeKey), "expected a string (file path), got " + node_kind(*inc));
    return std::nullopt;
}

void read_chain(ChainState& st, const std::string& name, const fs::path& dir, const std::string& text,
                const fs::path& id) {
    auto table = parse_toml(text, name);
    if (!table) {
        st.diags->add(table.error().where, table.error().what);
        return;
    }
    const auto include = include_of(*table, name, *st.diags);
    st.files.push_back({name, dir, std::move(*table)});
    if (!include) return;
    st.chain_ids.push_back(id);
    st.chain_names.push_back(name);
    read_include(st, name, dir, *include);
    st.chain_ids.pop_back();
    st.chain_names.pop_back();
}

// ---- validating one file's keys -----------------------------------------------------------------

/// A value or an empty table at a dotted path (non-empty tables are descended into).
struct Leaf {
    std::string path;
    const toml::node* node;
};

void collect_leaves(const toml::table& table, const std::string& prefix, std::vector<Leaf>& out) {
    for (auto&& [key, node] : table) {
        if (prefix.empty() && key.str() == kIncludeKey) continue;  // a directive, not a schema key
        std::string path = prefix.empty() ? std::string(key.str()) : prefix + "." + std::string(key.str());
        const auto* sub = node.as_table();
        if (sub && !sub->empty())
            collect_leaves(*sub, path, out);
        else
            out.push_back({std::move(path), &node});
    }
}

std::expected<Value, std::string> node_value(const toml::node& n) {
    switch (n.type()) {
        case toml::node_type::boolean: return Value{n.as_boolean()->get()};
        case toml::node_type::integer: return Value{n.as_integer()->get()};
        case toml::node_type::floating_point: return Value{n.as_floating_point()->get()};
        case toml::node_type::string: return Value{n.as_string()->get()};
        default: return std::unexpected(node_kind(n));
    }
}

/// The schema key that is a proper prefix of `path` (a table was given where it expects a value).
const KeySpec* value_key_above(const std::string& path, const Schema& schema) {
    for (const auto& key : schema.keys())
        if (path.size() > key.path.size() && path.starts_with(key.path) && path[key.path.size()] == '.')
            return &key;
    return nullptr;
}

/// Whether `path` names a table of the schema, e.g. "params" for "params.beta_crime".
bool is_table_path(const std::string& path, const Schema& schema) {
    return std::ranges::any_of(schema.keys(), [&](const KeySpec& key) {
        return key.path.size() > path.size() && key.path.starts_with(path) && key.path[path.size()] == '.';
    });
}

/// Validated values of the files; the first file to set a key (the outermost) wins.
struct Validation {
    const Schema* schema = nullptr;
    std::map<std::string, Value> values;
    DiagnosticList* diags = nullptr;
};

void validate_value(Validation& v, const KeySpec& spec, const Leaf& leaf, const SourceFile& file) {
    const std::string where = file.name + ": " + leaf.path;
    const auto raw = node_value(*leaf.node);
    if (!raw) {
        v.diags->add(where, "expected " + type_name(spec.type) + ", got " + raw.error());
        return;
    }
    auto checked = check_value(spec, *raw);
    if (!checked) {
        v.diags->add(where, checked.error());
        return;
    }
    v.values.try_emplace(spec.path, resolve_path_value(spec, std::move(*checked), file.dir));
}

void validate_file(Validation& v, const SourceFile& file) {
    std::vector<Leaf> leaves;
    collect_leaves(file.table, "", leaves);
    std::set<std::string> tables_reported;  // one message per key, however many sub-keys it was given
    for (const auto& leaf : leaves) {
        if (const auto* spec = v.schema->find(leaf.path)) {
            validate_value(v, *spec, leaf, file);
        } else if (const auto* above = value_key_above(leaf.path, *v.schema)) {
            if (tables_reported.insert(above->path).second)
                v.diags->add(file.name + ": " + above->path, "expected " + type_name(above->type) + ", got a table");
        } else if (is_table_path(leaf.path, *v.schema)) {
            if (!leaf.node->is_table())
                v.diags->add(file.name + ": " + leaf.path, "expected a table, got " + node_kind(*leaf.node));
        } else {
            v.diags->add(file.name + ": " + leaf.path, unknown_key_message(leaf.path, *v.schema));
        }
    }
}

// ---- --set overrides ----------------------------------------------------------------------------

/// A validated override; Path values resolved against the working directory.
std::expected<std::pair<const KeySpec*, Value>, Diagnostic> parse_override(std::string_view name,
                                                                          std::string_view text,
                                                                          const Schema& schema,
                                                                          const std::string& label) {
    const auto spec = find_key_by_name(trim(name), schema);
    if (!spec) return std::unexpected(Diagnostic{label + " " + std::string(trim(name)), spec.error()});
    const std::string where = label + " " + (*spec)->path;
    auto parsed = parse_value_text(text, (*spec)->type);
    if (!parsed) return std::unexpected(Diagnostic{where, parsed.error()});
    auto checked = check_value(**spec, std::move(*parsed));
    if (!checked) return std::unexpected(Diagnostic{where, checked.error()});
    return std::pair{*spec, resolve_path_value(**spec, std::move(*checked), fs::path{})};
}

void apply_overrides(const std::vector<std::string>& overrides, Validation& v) {
    for (const auto& text : overrides) {
        const auto eq = text.find('=');
        if (eq == std::string::npos || trim(std::string_view(text).substr(0, eq)).empty()) {
            v.diags->add("--set " + text, "expected key=value");
            continue;
        }
        auto parsed = parse_override(std::string_view(text).substr(0, eq), std::string_view(text).substr(eq + 1),
                                     *v.schema, "--set");
        if (!parsed) {
            v.diags->add(parsed.error().where, parsed.error().what);
            continue;
        }
        v.values.insert_or_assign(parsed->first->path, std::move(parsed->second));
    }
}

// ---- assembling the Config ----------------------------------------------------------------------

// A schema may write an integer default for a Float key; store it as the type says.
Value normalised_default(const KeySpec& spec) {
    if (spec.type == Type::Float)
        if (const auto* i = std::get_if<std::int64_t>(&spec.default_value)) return static_cast<double>(*i);
    return spec.default_value;
}

void fill_defaults(Validation& v, const fs::path& top_dir) {
    for (const auto& spec : v.schema->keys())
        if (!v.values.contains(spec.path))
            v.values.emplace(spec.path, resolve_path_value(spec, normalised_default(spec), top_dir));
}

Result<Config> load_chain(const std::string& name, const fs::path& dir, const std::string& text,
                          const fs::path& id, const Schema& schema, const std::vector<std::string>& overrides) {
    DiagnosticList diags;
    ChainState chain;
    chain.diags = &diags;
    read_chain(chain, name, dir, text, id);
    Validation v{&schema, {}, &diags};
    for (const auto& file : chain.files) validate_file(v, file);
    apply_overrides(overrides, v);
    if (!diags.empty()) return std::unexpected(diags.to_error());
    fill_defaults(v, dir);
    std::vector<std::string> sources;
    for (const auto& file : chain.files) sources.push_back(file.name);
    return Config(&schema, std::move(v.values), std::move(sources));
}

// Nothing may escape the public functions; what remains is e.g. bad_alloc or a filesystem error.
template <class F>
auto never_throw(const std::string& where, F&& f) -> decltype(f()) {
    try {
        return f();
    } catch (const std::exception& e) {
        return std::unexpected(Error(ErrorKind::Internal, where, e.what()));
    }
}

// ---- Config access ------------------------------------------------------------------------------

[[noreturn]] void misuse(std::string_view fn, const std::string& path, const std::string& why) {
    throw std::logic_error("Config::" + std::string(fn) + "(\"" + path + "\"): " + why);
}

const Value& checked_get(const Schema* schema, const std::map<std::string, Value>& values, const std::string& path,
                         std::initializer_list<Type> types, std::string_view fn) {
    const KeySpec* spec = schema ? schema->find(path) : nullptr;
    if (!spec) misuse(fn, path, "not a key of the schema");
    if (std::ranges::find(types, spec->type) == types.end())
        misuse(fn, path, "the key holds " + type_name(spec->type));
    const auto it = values.find(path);
    if (it == values.end()) misuse(fn, path, "the key has no value");
    return it->second;
}

template <class T>
const T& held(const Value& v, std::string_view fn, const std::string& path) {
    const auto* x = std::get_if<T>(&v);
    if (!x) misuse(fn, path, "the stored value is " + value_type_name(v));
    return *x;
}

std::string one_line(std::string s) {
    // TOML comments may not hold control characters other than tab.
    for (auto& c : s)
        if ((static_cast<unsigned char>(c) < 0x20 && c != '\t') || c == '\x7f') c = ' ';
    return s;
}

std::string key_comment(const KeySpec& spec) {
    std::string c = spec.unit;
    if (!spec.doc.empty()) c += (c.empty() ? "" : " — ") + spec.doc;
    if (!spec.prior.empty()) c += (c.empty() ? "" : "; ") + std::string("prior: ") + spec.prior;
    return c.empty() ? "" : "  # " + one_line(c);
}

std::pair<std::string, std::string> split_last(const std::string& path) {
    const auto dot = path.rfind('.');
    if (dot == std::string::npos) return {"", path};
    return {path.substr(0, dot), path.substr(dot + 1)};
}

std::string table_header(const std::string& table) {
    std::string out;
    std::size_t start = 0;
    while (true) {
        const auto dot = table.find('.', start);
        out += format_toml_key(std::string_view(table).substr(start, dot - start));
        if (dot == std::string::npos) break;
        out += '.';
        start = dot + 1;
    }
    return "[" + out + "]";
}

/// Schema keys grouped by table: top level first, then tables in order of first appearance.
std::vector<std::pair<std::string, std::vector<const KeySpec*>>> keys_by_table(const Schema& schema) {
    std::vector<std::pair<std::string, std::vector<const KeySpec*>>> groups{{"", {}}};
    for (const auto& key : schema.keys()) {
        const std::string table = split_last(key.path).first;
        auto it = std::ranges::find(groups, table, &std::pair<std::string, std::vector<const KeySpec*>>::first);
        if (it == groups.end()) it = groups.insert(groups.end(), {table, {}});
        it->second.push_back(&key);
    }
    return groups;
}

}  // namespace

// ---- public API ---------------------------------------------------------------------------------

double Config::get_double(const std::string& path) const {
    const Value& v = checked_get(schema_, values_, path, {Type::Float, Type::Int}, "get_double");
    if (const auto* i = std::get_if<std::int64_t>(&v)) return static_cast<double>(*i);
    return held<double>(v, "get_double", path);
}

std::int64_t Config::get_int(const std::string& path) const {
    return held<std::int64_t>(checked_get(schema_, values_, path, {Type::Int}, "get_int"), "get_int", path);
}

bool Config::get_bool(const std::string& path) const {
    return held<bool>(checked_get(schema_, values_, path, {Type::Bool}, "get_bool"), "get_bool", path);
}

const std::string& Config::get_string(const std::string& path) const {
    const Value& v = checked_get(schema_, values_, path, {Type::String, Type::Path}, "get_string");
    return held<std::string>(v, "get_string", path);
}

Result<void> Config::set(const std::string& path, const std::string& value_text) {
    if (!schema_) return std::unexpected(Error(ErrorKind::Internal, "set " + path, "the Config has no schema"));
    return never_throw("set " + path, [&]() -> Result<void> {
        auto parsed = parse_override(path, value_text, *schema_, "set");
        if (!parsed) return bad_input(parsed.error().where, parsed.error().what);
        values_.insert_or_assign(parsed->first->path, std::move(parsed->second));
        return {};
    });
}

std::string Config::to_toml() const {
    std::string out = "# Resolved configuration.";
    if (!sources_.empty()) {
        out += " Sources:";
        for (const auto& s : sources_) out += " " + one_line(s);
    }
    out += "\n";
    if (!schema_) return out;
    for (const auto& [table, keys] : keys_by_table(*schema_)) {
        if (keys.empty()) continue;
        if (!table.empty()) out += "\n" + table_header(table) + "\n";
        for (const KeySpec* key : keys) {
            const auto it = values_.find(key->path);
            if (it == values_.end()) continue;
            out += format_toml_key(split_last(key->path).second) + " = " + format_toml_value(it->second) +
                   key_comment(*key) + "\n";
        }
    }
    return out;
}

Result<Config> load_scenario(const fs::path& file, const Schema& schema, const std::vector<std::string>& set_overrides) {
    const std::string name = file.string();
    return never_throw(name, [&]() -> Result<Config> {
        const auto text = read_text(file);
        if (!text) return bad_input(name, text.error());
        return load_chain(name, file.parent_path(), *text, file_identity(file), schema, set_overrides);
    });
}

Result<Config> load_scenario_text(const std::string& toml_text, const fs::path& base_dir, const Schema& schema,
                                  const std::vector<std::string>& set_overrides) {
    const std::string name(kTextSourceName);
    return never_throw(name, [&]() -> Result<Config> {
        return load_chain(name, base_dir, toml_text, fs::path{}, schema, set_overrides);
    });
}

namespace {

/// peek_string's step: the key's value in one file, or the file it includes to look in next.
struct PeekStep {
    std::optional<std::string> value;
    std::optional<std::string> include;
};

Result<PeekStep> peek_one(const fs::path& file, const std::string& key_path) {
    const std::string name = file.lexically_normal().string();
    const auto text = read_text(file);
    if (!text) return bad_input(name, text.error());
    const auto table = parse_toml(*text, name);
    if (!table) return bad_input(table.error().where, table.error().what);
    if (const auto node = table->at_path(key_path)) {
        if (const auto* s = node.as_string()) return PeekStep{s->get(), std::nullopt};
        return bad_input(name + ": " + key_path, "expected a string, got " + node_kind(*node.node()));
    }
    const toml::node* inc = table->get(kIncludeKey);
    if (!inc) return PeekStep{};
    if (const auto* s = inc->as_string()) return PeekStep{std::nullopt, s->get()};
    return bad_input(name + ": " + std::string(kIncludeKey), "expected a string (file path), got " + node_kind(*inc));
}

}  // namespace

Result<std::string> peek_string(const fs::path& file, const std::string& key_path, const std::string& fallback) {
    return never_throw(file.string(), [&]() -> Result<std::string> {
        std::vector<fs::path> seen;
        std::vector<std::string> names;
        fs::path current = file;
        while (true) {
            seen.push_back(file_identity(current));
            names.push_back(current.lexically_normal().string());
            auto step = peek_one(current, key_path);
            if (!step) {
                // An include that cannot be read is the including file's problem: name it and the key.
                if (names.size() >= 2 && step.error().diagnostics.size() == 1 &&
                    step.error().diagnostics[0].where == names.back())
                    return bad_input(names[names.size() - 2] + ": " + std::string(kIncludeKey),
                                     step.error().diagnostics[0].what + " \"" + names.back() + "\"");
                return std::unexpected(step.error());
            }
            if (step->value) return *step->value;
            if (!step->include) return fallback;
            const fs::path next = current.parent_path() / *step->include;
            if (std::ranges::find(seen, file_identity(next)) != seen.end())
                return bad_input(names.back() + ": " + std::string(kIncludeKey),
                                 "include cycle: " + cycle_text(names, next.lexically_normal().string()));
            if (seen.size() >= kMaxIncludeDepth)
                return bad_input(names.back() + ": " + std::string(kIncludeKey),
                                 "include chain deeper than " + std::to_string(kMaxIncludeDepth) + " files");
            current = next;
        }
    });
}

}  // namespace sim::config
