#include <cmath>

#include "models/pushpull/rules/rules.hpp"

namespace pushpull::rules {

/// Bid capacity K_v(t) (§4.4, R8): for Chinese vendors with structure.supply = footprint,
/// capacity_2018 x the relative footprint path (Huawei's reported Safe City cities, zero before
/// market_entry_year, held at its last level after the last anchor); otherwise capacity per quarter
/// in 2008 growing at capacity_growth per year. Cut by sanctions, scaled to the step length; the
/// fractional part is rounded by a draw.
/// Phase: China, per vendor.  Writes: scratch.capacity[v].  Draws: CapacityRound.
void set_vendor_capacity(const StepContext& ctx, std::size_t v) {
    const auto& vendor = ctx.world.vendors[v];
    const double years = ctx.world.time.time_years(ctx.step) - 2008.0;
    const bool footprint = vendor.chinese && ctx.params.structure.supply == Supply::Footprint;
    double k = (footprint ? vendor.capacity_2018 * ctx.world.exo.supply[ctx.step]
                          : vendor.capacity * std::pow(1.0 + vendor.capacity_growth, years)) *
               (ctx.world.time.months_per_step / 3.0);
    if (ctx.sanctioned(v)) k *= ctx.params.sanction_capacity;
    const double whole = std::floor(k);
    auto rng = ctx.rng(v, Stream::CapacityRound);
    ctx.scratch.capacity[v] = static_cast<std::uint32_t>(whole) + (rng.bernoulli(k - whole) ? 1u : 0u);
}

/// China's loan budget (§4.10, R8, structure.loan_budget = drawn_down).   Phase: vendors, serial
/// The year's budget L(t) (loan_budget_musd, x loan_step_2013 from 2013) is reset at the first step
/// of each year; loan-backed offers, in city order, draw loan_share x price x project cost from it;
/// an offer the remaining budget cannot cover goes out without a loan. Never negative.
/// Reads/Writes: scratch.offer (loan flags), state.loan_remaining_musd.
void draw_loan_budget(const StepContext& ctx) {
    if (ctx.params.structure.loan_budget != LoanBudget::DrawnDown) return;
    auto& st = ctx.state;
    const int year = ctx.year();
    if (st.loan_year != year) {
        st.loan_year = year;
        st.loan_remaining_musd = ctx.world.exo.loan_budget_musd[ctx.step];
        st.loan_spent_musd_year = 0.0;
    }
    const auto& w = ctx.world;
    for (std::size_t i = 0; i < w.cities.size(); ++i)
        for (std::size_t v = 0; v < kVendors; ++v) {
            auto& o = ctx.scratch.offer[i * kVendors + v];
            if (o != 2) continue;
            const double cost = ctx.params.loan_share * w.vendors[v].price * w.cities.cost_usd[i] / 1e6;
            if (cost <= st.loan_remaining_musd) {
                st.loan_remaining_musd -= cost;
                st.loan_spent_musd_year += cost;
            } else {
                o = 1;
            }
        }
}

}  // namespace pushpull::rules
