#include <array>

#include "models/pushpull/rules/rules.hpp"
#include "models/pushpull/rules/utility.hpp"

namespace pushpull::rules {

/// The official's choice among this step's offers and the outside option (§4.5):
/// P(v) = exp(V_iv) / (1 + sum_v' exp(V_iv')).                            Phase: choose, per city
/// Reads: own state, offers, utilities.  Writes: own state (via sign_agreement), clears own offers.
/// Draws: Choice.
void choose_offer(const StepContext& ctx, std::size_t i) {
    std::uint8_t* offer = &ctx.scratch.offer[i * kVendors];
    std::array<double, kVendors> weight{};
    double total = 1.0;  // the outside option, V_i0 = 0
    bool any = false;
    for (std::size_t v = 0; v < kVendors; ++v) {
        if (offer[v] == 0) continue;
        any = true;
        weight[v] = std::exp(utility(ctx, i, v, offer[v] == 2));
        total += weight[v];
    }
    if (!any) return;
    auto rng = ctx.rng(i, Stream::Choice);
    double u = rng.uniform() * total;
    if (u < 1.0) u = total;  // the outside option: no vendor below matches
    else u -= 1.0;
    for (std::size_t v = 0; v < kVendors; ++v) {
        if (offer[v] == 0) continue;
        if (u < weight[v]) {
            sign_agreement(ctx, i, v, offer[v] == 2);
            break;
        }
        u -= weight[v];
    }
    std::fill(offer, offer + kVendors, std::uint8_t{0});
}

void sign_agreement(const StepContext& ctx, std::size_t i, std::size_t v, bool loan) {
    auto& cs = ctx.state.cities;
    const auto step = static_cast<std::int16_t>(ctx.step);
    cs.status[i] = Status::Awarded;
    cs.vendor[i] = static_cast<std::int8_t>(v);
    cs.timer[i] = 0;
    cs.award_step[i] = step;
    cs.live_step[i] = -1;
    cs.loan[i] = loan ? 1 : 0;
    cs.downscaled[i] = 0;
    cs.agreements[i] = static_cast<std::uint16_t>(cs.agreements[i] + 1);
    if (ctx.world.vendors[v].chinese && cs.first_chinese_step[i] < 0) {
        cs.first_chinese_step[i] = step;
        cs.first_chinese_vendor[i] = static_cast<std::int8_t>(v);
    }
    const Event e{static_cast<std::int32_t>(ctx.step), static_cast<std::int32_t>(i),
                  static_cast<std::int32_t>(ctx.country_of(i)), static_cast<std::int8_t>(v), EventKind::Award};
    ctx.scratch.city_events.push(i, e);
    if (loan) {
        Event l = e;
        l.kind = EventKind::Loan;
        ctx.scratch.city_events.push(i, l);
    }
}

}  // namespace pushpull::rules
