#include "models/pushpull/world/officials.hpp"

namespace pushpull {

namespace {
std::array<double, kSalienceDims> normalised(std::array<double, kSalienceDims> m) {
    double total = 0.0;
    for (double x : m) total += x;
    for (auto& x : m) x /= total;
    return m;
}
}  // namespace

std::array<double, kSalienceDims> city_salience_mean(const Params& p) {
    return normalised({p.sal_city_crime, p.sal_city_speed, p.sal_city_cost, p.sal_city_security, p.sal_city_sovereignty});
}

std::array<double, kSalienceDims> national_salience_mean(const Params& p) {
    return normalised({p.sal_nat_crime, p.sal_nat_speed, p.sal_nat_cost, p.sal_nat_security, p.sal_nat_sovereignty});
}

std::array<double, kSalienceDims> draw_salience(sim::Rng& rng, const std::array<double, kSalienceDims>& mean,
                                                double concentration) {
    std::array<double, kSalienceDims> s{};
    double total = 0.0;
    for (std::size_t k = 0; k < kSalienceDims; ++k) {
        s[k] = rng.gamma(concentration * mean[k]);
        total += s[k];
    }
    for (auto& x : s) x /= total;
    return s;
}

}  // namespace pushpull
