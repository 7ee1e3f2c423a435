#pragma once
/// The input data as a forecaster at the end of a year would have had them (`run.data_until`,
/// for temporal hold-outs): every dated record after the year is removed, so a run cannot see
/// covariates from the years it is asked to predict.
///
/// Removed after `last_year`: every yearly series of a country (population, homicide, V-Dem,
/// GDP, engagement days, UN votes, Chinese investment and finance) and of a city (population)
/// becomes unreported; leader visits; a first Belt-and-Road year. Records are dated by the year
/// they describe, not the year they were published.
/// Kept: election years (scheduled in advance), geography (CEPII dyads), the country and city
/// universe, the observations (documented adoptions, targets), which the study commands hold
/// out themselves, and the vendor footprints: whether the supply path may use the anchors after
/// the year is the switch run.data_until_footprints, applied where the path is built. How the world is built from what
/// is left (projections after the year) is in world/exogenous.cpp and docs/ODD.md, "Data vintage".
#include "models/pushpull/data/input_data.hpp"

namespace pushpull::data {

/// A copy of `in` with everything dated after `last_year` removed, marked `data_until = last_year`.
[[nodiscard]] InputData truncated_after(const InputData& in, int last_year);

}  // namespace pushpull::data
