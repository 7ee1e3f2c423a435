#pragma once
/// The deciders' salience weights (MODEL.md §2, Revision 2 R2): one official per city and one
/// national official per country, each with weights (crime, speed, cost, security, sovereignty)
/// summing to 1, drawn from a Dirichlet around the mean of their level.
#include <array>

#include "models/pushpull/params.hpp"
#include "models/pushpull/world/world.hpp"
#include "sim/rng.hpp"

namespace pushpull {

/// Mean weights of city officials (params.sal_city_*), normalised to sum 1.
std::array<double, kSalienceDims> city_salience_mean(const Params& p);
/// Mean weights of national officials (params.sal_nat_*), normalised to sum 1.
std::array<double, kSalienceDims> national_salience_mean(const Params& p);

/// Dirichlet(concentration x mean) draw.
std::array<double, kSalienceDims> draw_salience(sim::Rng& rng, const std::array<double, kSalienceDims>& mean,
                                                double concentration);

}  // namespace pushpull
