#include "models/pushpull/world/supply.hpp"

#include <algorithm>
#include <cmath>

namespace pushpull {

FootprintPath::FootprintPath(std::vector<FootprintAnchor> anchors, double entry_year)
    : anchors_(std::move(anchors)), entry_year_(entry_year) {
    std::sort(anchors_.begin(), anchors_.end(), [](const auto& a, const auto& b) { return a.year < b.year; });
}

double FootprintPath::footprint(double t) const {
    const auto& a = anchors_;
    if (a.empty()) return 0.0;
    if (t < entry_year_) return 0.0;
    if (t >= a.back().year) return a.back().cities;
    // The segment containing t; before the first anchor, the first segment extended backwards.
    std::size_t k = 0;
    while (k + 2 < a.size() && t >= a[k + 1].year) ++k;
    if (a.size() == 1) return a[0].cities;
    const double rate = std::log(a[k + 1].cities / a[k].cities) / (a[k + 1].year - a[k].year);
    return a[k].cities * std::exp(rate * (t - a[k].year));
}

double FootprintPath::relative_capacity(double t) const {
    if (anchors_.empty()) return 1.0;
    return std::clamp(footprint(t) / anchors_.back().cities, 0.0, 1.0);
}

}  // namespace pushpull
