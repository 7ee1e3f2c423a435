#include <cmath>

#include "models/pushpull/rules/rules.hpp"

namespace pushpull::rules {

/// Go-live (§4.9).                                                     Phase: implement, per city
/// Reads/Writes: own state.
void progress_implementation(const StepContext& ctx, std::size_t i) {
    auto& cs = ctx.state.cities;
    if (cs.status[i] != Status::Implementing || static_cast<long>(ctx.step) < cs.live_step[i]) return;
    cs.status[i] = Status::Operating;
    ctx.scratch.city_events.push(i, {static_cast<std::int32_t>(ctx.step), static_cast<std::int32_t>(i),
                                     static_cast<std::int32_t>(ctx.country_of(i)), cs.vendor[i], EventKind::GoLive});
}

/// Expansion contracts to an operating vendor (§4.9, the Pakistan tail).  Phase: implement, per country
/// Each vendor operating in the country wins, at hazard lambda_expansion, a contract in the largest
/// city with no project. Reads: installed base.  Writes: the country's own cities.
/// Draws: Expansion (sub-stream per vendor), Loan.
void offer_expansion(const StepContext& ctx, std::size_t c) {
    const auto& p = ctx.params;
    if (p.lambda_expansion <= 0.0) return;
    const auto& ct = ctx.world.countries;
    const auto& installed = ctx.state.countries.installed[c];
    auto& cs = ctx.state.cities;
    for (std::size_t v = 0; v < kVendors; ++v) {
        if (installed[v] == 0 || ctx.sanctioned(v)) continue;
        auto rng = ctx.rng(c, Stream::Expansion, static_cast<std::uint32_t>(v));
        if (!rng.bernoulli(1.0 - std::exp(-p.lambda_expansion * ctx.dt()))) continue;
        // Cities are stored largest first within a country.
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
        sign_agreement(ctx, target, v, loan);
    }
}

}  // namespace pushpull::rules
