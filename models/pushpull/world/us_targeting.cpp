#include "models/pushpull/world/us_targeting.hpp"

#include <algorithm>
#include <set>
#include <string>

namespace pushpull {

namespace {

std::vector<std::string> split_list(const std::string& text) {
    std::vector<std::string> out;
    std::size_t start = 0;
    while (start <= text.size()) {
        const auto comma = text.find(',', start);
        std::string item = text.substr(start, comma == std::string::npos ? std::string::npos : comma - start);
        const auto b = item.find_first_not_of(" \t"), e = item.find_last_not_of(" \t");
        if (b != std::string::npos) out.push_back(item.substr(b, e - b + 1));
        if (comma == std::string::npos) break;
        start = comma + 1;
    }
    return out;
}

/// Applies one filter: keeps countries whose `attribute` is listed. Unknown names are errors.
sim::Result<void> apply_filter(const char* key, const std::string& list, const std::vector<std::string>& attribute,
                         std::vector<std::uint8_t>& mask) {
    const auto wanted = split_list(list);
    if (wanted.empty()) return {};
    const std::set<std::string> known(attribute.begin(), attribute.end());
    for (const auto& w : wanted)
        if (!known.contains(w)) {
            std::string expected;
            std::size_t shown = 0;
            for (const auto& k : known) {
                if (k.empty()) continue;
                if (shown++ == 8) {
                    expected += ", ...";
                    break;
                }
                expected += (expected.empty() ? "" : ", ") + k;
            }
            return sim::bad_input(key, "unknown value '" + w + "'; expected a comma-separated list of: " + expected);
        }
    for (std::size_t c = 0; c < attribute.size(); ++c)
        if (std::find(wanted.begin(), wanted.end(), attribute[c]) == wanted.end()) mask[c] = 0;
    return {};
}

}  // namespace

sim::Result<std::vector<std::uint8_t>> us_target_mask(const CountryTable& countries, const UsPolicy& us) {
    std::vector<std::uint8_t> mask(countries.size(), 1);
    if (auto s = apply_filter("us.target_regions", us.target_regions, countries.region_un, mask); !s) return std::unexpected(s.error());
    if (auto s = apply_filter("us.target_income", us.target_income, countries.income_group, mask); !s) return std::unexpected(s.error());
    if (auto s = apply_filter("us.target_countries", us.target_countries, countries.iso3, mask); !s) return std::unexpected(s.error());
    return mask;
}

}  // namespace pushpull
