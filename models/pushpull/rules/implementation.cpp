#include <algorithm>
#include <cmath>

#include "models/pushpull/rules/utility.hpp"

#include "models/pushpull/rules/rules.hpp"

namespace pushpull::rules {

/// Go-live (§4.9).                                                     Phase: implement, per city
/// Reads/Writes: own state.
void progress_implementation(const StepContext& ctx, std::size_t i) {
    auto& cs = ctx.state.cities;
    if (cs.status[i] != Status::Implementing || static_cast<long>(ctx.step) < cs.live_step[i]) return;
    cs.status[i] = Status::Operating;
    if (ctx.world.vendors[static_cast<std::size_t>(cs.vendor[i])].chinese && cs.first_chinese_live_step[i] < 0)
        cs.first_chinese_live_step[i] = static_cast<std::int16_t>(ctx.step);
    ctx.scratch.city_events.push(i, {static_cast<std::int32_t>(ctx.step), static_cast<std::int32_t>(i),
                                     static_cast<std::int32_t>(ctx.country_of(i)), cs.vendor[i], EventKind::GoLive});
}

namespace {

/// The expansion draws of country c this step (§4.9): each vendor operating in the country wins,
/// at hazard lambda_expansion, a contract in the largest city with no project (cities are stored
/// largest first), with a loan at the vendor's finance access x availability. Calls
/// on_contract(city, vendor, loan) for each. Draws: Expansion (sub-stream per vendor).
template <class OnContract>
void expansion_draws(const StepContext& ctx, std::size_t c, OnContract&& on_contract) {
    const auto& p = ctx.params;
    if (p.lambda_expansion <= 0.0) return;
    const auto& ct = ctx.world.countries;
    const auto& installed = ctx.state.countries.installed[c];
    const auto& cs = ctx.state.cities;
    for (std::size_t v = 0; v < kVendors; ++v) {
        if (installed[v] == 0 || ctx.sanctioned(v)) continue;
        if (ctx.world.vendors[v].chinese && ct.can_adopt[c] == 0) continue;
        auto rng = ctx.rng(c, Stream::Expansion, static_cast<std::uint32_t>(v));
        if (!rng.bernoulli(1.0 - std::exp(-p.lambda_expansion * ctx.dt()))) continue;
        std::size_t target = ct.city_end[c];
        for (std::size_t i = ct.city_begin[c]; i < ct.city_end[c]; ++i)
            if (cs.status[i] == Status::None || cs.status[i] == Status::Tendering) {
                target = i;
                break;
            }
        if (target == ct.city_end[c]) return;
        const double avail = ctx.world.exo.at(ctx.world.exo.loan_availability, ctx.step, c);
        const bool loan = rng.bernoulli(ctx.world.vendors[v].finance_access * avail);
        ctx.scratch.city_events.push(target, {static_cast<std::int32_t>(ctx.step), static_cast<std::int32_t>(target),
                                              static_cast<std::int32_t>(c), static_cast<std::int8_t>(v),
                                              EventKind::Expansion});
        if (!on_contract(target, v, loan)) return;
    }
}

}  // namespace

/// Expansion offers (R1, structure.expansion = choice).            Phase: vendors, per country
/// An operating vendor's expansion contract is an offer to the largest uncommitted city, which its
/// decider then accepts or declines in the choice phase like any other offer.
/// Reads: installed base.  Writes: scratch.offer of the country's own cities.  Draws: Expansion.
void offer_expansion(const StepContext& ctx, std::size_t c) {
    if (ctx.params.structure.expansion != ExpansionRule::Choice) return;
    expansion_draws(ctx, c, [&](std::size_t target, std::size_t v, bool loan) {
        auto& o = ctx.scratch.offer[target * kVendors + v];
        o = std::max<std::uint8_t>(o, loan ? kOfferWithLoan : kOffer);
        return true;
    });
}

/// Expansion contracts signed directly (structure.expansion = direct, the first build).
/// Phase: implement, per country.  Writes: the country's own cities.  Draws: Expansion, Loan.
void sign_expansion(const StepContext& ctx, std::size_t c) {
    if (ctx.params.structure.expansion != ExpansionRule::Direct) return;
    expansion_draws(ctx, c, [&](std::size_t target, std::size_t v, bool loan) {
        sign_agreement(ctx, target, v, loan);
        return true;
    });
}

}  // namespace pushpull::rules
