#pragma once
#include <vector>

#include "models/pushpull/data/input_data.hpp"
#include "models/pushpull/params.hpp"

namespace pushpull {

/// Strategic importance S_c (MODEL.md §4.10): a weighted sum of standardised components —
/// Belt-and-Road deal (AEI flag, any year), log leader engagement days per year (2003–2018), UNGA
/// voting agreement with China (mean 2000–2019), log Chinese investment plus official finance
/// (2000–2018), and closeness to China (−log distance) — standardised again. Missing components are
/// set to the cross-country mean (0 after standardising), so they neither raise nor lower S_c.
std::vector<double> strategic_importance(const std::vector<data::Country>& countries, const Params& p);

}  // namespace pushpull
