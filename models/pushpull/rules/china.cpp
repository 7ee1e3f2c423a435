#include <cmath>

#include "models/pushpull/rules/rules.hpp"

namespace pushpull::rules {

/// Bid capacity K_v(t) (§4.4): capacity per quarter in 2008 growing at capacity_growth per year,
/// cut by sanctions, scaled to the step length; the fractional part is rounded by a draw.
/// Phase: China, per vendor.  Writes: scratch.capacity[v].  Draws: CapacityRound.
void set_vendor_capacity(const StepContext& ctx, std::size_t v) {
    const auto& vendor = ctx.world.vendors[v];
    const double years = ctx.world.time.time_years(ctx.step) - 2008.0;
    double k = vendor.capacity * std::pow(1.0 + vendor.capacity_growth, years) * (ctx.world.time.months_per_step / 3.0);
    if (ctx.sanctioned(v)) k *= ctx.params.sanction_capacity;
    const double whole = std::floor(k);
    auto rng = ctx.rng(v, Stream::CapacityRound);
    ctx.scratch.capacity[v] = static_cast<std::uint32_t>(whole) + (rng.bernoulli(k - whole) ? 1u : 0u);
}

}  // namespace pushpull::rules
