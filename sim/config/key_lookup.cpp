#include "sim/config/key_lookup.hpp"

#include <algorithm>
#include <numeric>
#include <vector>

namespace sim::config {

std::size_t edit_distance(std::string_view a, std::string_view b) {
    std::vector<std::size_t> row(b.size() + 1);
    std::iota(row.begin(), row.end(), std::size_t{0});
    for (std::size_t i = 1; i <= a.size(); ++i) {
        std::size_t diagonal = row[0];
        row[0] = i;
        for (std::size_t j = 1; j <= b.size(); ++j) {
            const std::size_t above = row[j];
            const std::size_t substitute = diagonal + (a[i - 1] == b[j - 1] ? 0 : 1);
            row[j] = std::min({above + 1, row[j - 1] + 1, substitute});
            diagonal = above;
        }
    }
    return row[b.size()];
}

namespace {

std::string_view last_component(std::string_view path) {
    const auto dot = path.rfind('.');
    return dot == std::string_view::npos ? path : path.substr(dot + 1);
}

// Small enough that the suggestion is plausibly the intended key, not a random neighbour.
std::size_t max_typo_distance(std::string_view s) { return std::clamp<std::size_t>(s.size() / 3, 1, 3); }

const KeySpec* nearest(std::string_view target, const Schema& schema, bool by_last_component) {
    const KeySpec* best = nullptr;
    std::size_t best_distance = max_typo_distance(target) + 1;
    for (const auto& key : schema.keys()) {
        const std::string_view candidate = by_last_component ? last_component(key.path) : key.path;
        const std::size_t d = edit_distance(target, candidate);
        if (d < best_distance) {
            best = &key;
            best_distance = d;
        }
    }
    return best;
}

bool ends_with_component(std::string_view path, std::string_view name) {
    if (path.size() <= name.size() || !path.ends_with(name)) return false;
    return path[path.size() - name.size() - 1] == '.';
}

}  // namespace

std::optional<std::string> suggest_key(std::string_view path, const Schema& schema) {
    if (const auto* k = nearest(path, schema, false)) return k->path;
    // Right name in the wrong table, e.g. `beta_crime` at top level instead of under [params].
    if (const auto* k = nearest(last_component(path), schema, true)) return k->path;
    return std::nullopt;
}

std::string unknown_key_message(std::string_view path, const Schema& schema) {
    std::string msg = "unknown key \"" + std::string(path) + "\"";
    if (const auto s = suggest_key(path, schema)) msg += "; did you mean \"" + *s + "\"?";
    return msg;
}

std::expected<const KeySpec*, std::string> find_key_by_name(std::string_view name, const Schema& schema) {
    if (const auto* exact = schema.find(std::string(name))) return exact;
    std::vector<const KeySpec*> matches;
    for (const auto& key : schema.keys())
        if (ends_with_component(key.path, name)) matches.push_back(&key);
    if (matches.size() == 1) return matches.front();
    if (matches.empty()) return std::unexpected(unknown_key_message(name, schema));
    std::string msg = "ambiguous key \"" + std::string(name) + "\" matches ";
    for (std::size_t i = 0; i < matches.size(); ++i) msg += (i ? ", " : "") + matches[i]->path;
    return std::unexpected(msg + "; give the full path");
}

}  // namespace sim::config
