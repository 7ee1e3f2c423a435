#pragma once
/// Which countries U.S. targeting may reach (MODEL.md §4.11: restricted by region, income group or
/// a country list). Built with the world so a misspelt name is an error before the run.
#include <cstdint>
#include <vector>

#include "models/pushpull/params.hpp"
#include "models/pushpull/world/world.hpp"
#include "sim/error.hpp"

namespace pushpull {

/// 1 per country matching every non-empty filter of us.target_regions / target_income /
/// target_countries (comma-separated lists). Errors: BadInput naming the key and the unknown value.
sim::Result<std::vector<std::uint8_t>> us_target_mask(const CountryTable& countries, const UsPolicy& us);

}  // namespace pushpull
