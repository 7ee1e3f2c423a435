#include "models/classic/common.hpp"

#include <cmath>

namespace classic {

InfluenceCounter::InfluenceCounter(const sim::graph::Csr& g) : g_(&g), count_(g.num_vertices(), 0) {
    if (!g.weighted()) {
        if (g.directed) {
            in_total_ = sim::graph::in_degrees(g);
        } else {  // in-degree = out-degree: O(n), no pass over the arcs
            in_total_.resize(g.num_vertices());
            for (std::uint32_t v = 0; v < g.num_vertices(); ++v) in_total_[v] = static_cast<std::uint32_t>(g.degree(v));
        }
        return;
    }
    scale_ = sim::graph::in_strengths(g);
    for (auto& s : scale_) s = s > 0.0 ? kUnit / s : 0.0;
}

std::uint64_t InfluenceCounter::needed(std::uint32_t k, double theta) const {
    const double total = g_->weighted() ? (scale_[k] > 0.0 ? kUnit : 0.0) : static_cast<double>(in_total_[k]);
    return needed_for(theta, total);
}

std::uint64_t InfluenceCounter::needed_for(double theta, double total) {
    if (theta <= 0.0) return 0;
    if (total == 0.0) return 1;  // no in-weight: fraction stays 0 < theta, never reached
    if (theta > 1.0) return static_cast<std::uint64_t>(total) + 2;
    // Smallest integer c with c / total >= theta.
    auto c = static_cast<std::uint64_t>(std::ceil(theta * total));
    if (c > 0 && static_cast<double>(c - 1) / total >= theta) --c;
    while (static_cast<double>(c) / total < theta) ++c;
    return c;
}

}  // namespace classic
