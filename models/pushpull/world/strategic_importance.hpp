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
/// The first build's static composite: it uses data up to 2018–2019 in every year (look-ahead).
std::vector<double> strategic_importance(const std::vector<data::Country>& countries, const Params& p);

/// S_c(t) without look-ahead (Revision 2, R9): Belt-and-Road status from the year of the first
/// flagged deal (BRI_c(t) = first year <= t), engagement days, UNGA agreement and Chinese finance
/// lagged (years before t only: engagement and UNGA means from 2003 / 2000 to t - 1, finance and
/// investment summed 2000 to t - 1), closeness to China; standardised across countries in year t.
/// Uses no datum of a year after t (tested by truncating the data).
std::vector<double> strategic_importance_at(const std::vector<data::Country>& countries, const Params& p, int year);

/// Chinese official finance 2000 to t - 1 relative to GDP (log, standardised in year t): the
/// gate's debt proxy without look-ahead (R9).
std::vector<double> debt_at(const std::vector<data::Country>& countries, const std::vector<double>& gdp_usd, int year);

}  // namespace pushpull
