#include "models/pushpull/world/series_math.hpp"

#include <algorithm>
#include <cmath>

namespace pushpull {

namespace {
double at_year(const data::YearSeries& s, int y) {
    const int i = y - data::kFirstYear;
    if (i < 0 || i >= static_cast<int>(s.size())) return data::kMissing;
    return s[static_cast<std::size_t>(i)];
}
}  // namespace

double mean_over_years(const data::YearSeries& s, int y0, int y1) {
    double sum = 0.0;
    int n = 0;
    for (int y = y0; y <= y1; ++y) {
        const double v = at_year(s, y);
        if (!std::isnan(v)) {
            sum += v;
            ++n;
        }
    }
    return n > 0 ? sum / n : data::kMissing;
}

double interpolate_flat(const data::YearSeries& s, double t) {
    // The last reported year <= t and the first >= t, walking out from t (called per step and
    // country when a world is built: no scan of the whole series).
    const int n = static_cast<int>(s.size());
    const double from_first = t - data::kFirstYear;
    int before = -1, after = -1;
    if (from_first >= 0.0)  // else t is before the first year (or NaN): nothing at or before it
        for (int i = static_cast<int>(std::min<double>(std::floor(from_first), n - 1)); i >= 0; --i)
            if (!std::isnan(s[static_cast<std::size_t>(i)])) {
                before = i;
                break;
            }
    if (!std::isnan(from_first))
        for (int i = static_cast<int>(std::max(0.0, std::min<double>(std::ceil(from_first), n))); i < n; ++i)
            if (!std::isnan(s[static_cast<std::size_t>(i)])) {
                after = i;
                break;
            }
    if (before < 0 && after < 0) return data::kMissing;
    if (before < 0) return s[static_cast<std::size_t>(after)];
    if (after < 0 || after == before) return s[static_cast<std::size_t>(before)];
    const double y0 = data::kFirstYear + before, y1 = data::kFirstYear + after;
    const double w = (t - y0) / (y1 - y0);
    return (1.0 - w) * s[static_cast<std::size_t>(before)] + w * s[static_cast<std::size_t>(after)];
}

double nearest_reported(const data::YearSeries& s, int year) {
    for (int d = 0; d < data::kYears; ++d) {
        const double a = at_year(s, year - d);
        if (!std::isnan(a)) return a;
        const double b = at_year(s, year + d);
        if (!std::isnan(b)) return b;
    }
    return data::kMissing;
}

void fill_missing(std::vector<double>& v, double fill) {
    for (auto& x : v)
        if (std::isnan(x)) x = fill;
}

double median(std::vector<double> v) {
    std::erase_if(v, [](double x) { return std::isnan(x); });
    if (v.empty()) return data::kMissing;
    std::sort(v.begin(), v.end());
    const std::size_t n = v.size();
    return n % 2 ? v[n / 2] : 0.5 * (v[n / 2 - 1] + v[n / 2]);
}

void standardise(std::vector<double>& v) {
    double sum = 0.0, sq = 0.0;
    int n = 0;
    for (double x : v)
        if (!std::isnan(x)) {
            sum += x;
            ++n;
        }
    if (n == 0) return;
    const double mean = sum / n;
    for (double x : v)
        if (!std::isnan(x)) sq += (x - mean) * (x - mean);
    const double sd = n > 1 ? std::sqrt(sq / (n - 1)) : 0.0;
    for (auto& x : v)
        if (!std::isnan(x)) x = sd > 0.0 ? (x - mean) / sd : 0.0;
}

}  // namespace pushpull
