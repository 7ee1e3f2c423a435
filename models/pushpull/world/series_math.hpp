#pragma once
/// Small numeric helpers over yearly series and cross-country vectors (NaN = missing).
#include <cmath>
#include <vector>

#include "models/pushpull/data/input_data.hpp"

namespace pushpull {

/// Mean of the non-missing values of `s` for years [y0, y1]; NaN if none.
double mean_over_years(const data::YearSeries& s, int y0, int y1);

/// Value at fractional year `t`: linear between reported years, flat before the first and after the
/// last report (MODEL.md §4.1); NaN if the series has no report at all.
double interpolate_flat(const data::YearSeries& s, double t);

/// Value of the year nearest to `year` that is reported; NaN if none.
double nearest_reported(const data::YearSeries& s, int year);

/// Replaces NaN by `fill`.
void fill_missing(std::vector<double>& v, double fill);

/// Median of the non-missing values; NaN if none.
double median(std::vector<double> v);

/// Standardises in place to mean 0, SD 1 over non-missing values (SD 0 -> all zero).
void standardise(std::vector<double>& v);

}  // namespace pushpull
