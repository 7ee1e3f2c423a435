#pragma once
/// Supply that grows as reported (Revision 2 R8): the Chinese vendors' bid capacity follows the
/// growth of Huawei's reported Safe City footprint (cities served, data/vendor_footprints.csv),
/// log-linear through the dated anchors, zero before a calibrated market-entry year and held at
/// its last anchored level in projections (a ceiling, not extrapolated growth).
#include <vector>

namespace pushpull {

/// A reported footprint: `cities` served at fractional year `year`.
struct FootprintAnchor {
    double year = 0.0;
    double cities = 0.0;
};

/// The footprint path F(t): log-linear interpolation between anchors (sorted by year, at least
/// two, cities > 0), extended before the first anchor at the first segment's growth rate down to
/// `entry_year` (F = 0 before it), and held at the last anchor after it.
class FootprintPath {
public:
    FootprintPath(std::vector<FootprintAnchor> anchors, double entry_year);
    [[nodiscard]] double footprint(double t) const;
    /// Relative capacity at t: F(t) / F(last anchor), in [0, 1]; 1 from the last anchor on.
    [[nodiscard]] double relative_capacity(double t) const;
    [[nodiscard]] const std::vector<FootprintAnchor>& anchors() const { return anchors_; }

private:
    std::vector<FootprintAnchor> anchors_;
    double entry_year_;
};

}  // namespace pushpull
