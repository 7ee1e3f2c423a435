#include <algorithm>
#include <cmath>

#include "models/pushpull/rules/rules.hpp"

namespace pushpull::rules {

namespace {

Event event_of(const StepContext& ctx, std::size_t i, EventKind kind) {
    return {static_cast<std::int32_t>(ctx.step), static_cast<std::int32_t>(i),
            static_cast<std::int32_t>(ctx.country_of(i)), ctx.state.cities.vendor[i], kind};
}

/// Steps from approval to go-live: lognormal around the vendor's median deployment time (§4.9).
std::int16_t go_live_step(const StepContext& ctx, std::size_t i, double extra_steps) {
    const auto& vendor = ctx.world.vendors[static_cast<std::size_t>(ctx.state.cities.vendor[i])];
    const double median = ctx.state.cities.alternative[i] ? ctx.params.us.alt_deploy_years : vendor.deploy_years;
    auto rng = ctx.rng(i, Stream::Deploy);
    const double years = rng.lognormal(std::log(median), ctx.params.deploy_sigma);
    const double steps = std::max(1.0, std::round(years / ctx.dt()));
    return static_cast<std::int16_t>(static_cast<double>(ctx.step) + extra_steps + steps);
}

/// A signed project stops (lapsed approval or contest): the city may tender again after a cooldown.
void cancel(const StepContext& ctx, std::size_t i) {
    auto& cs = ctx.state.cities;
    if (ctx.world.vendors[static_cast<std::size_t>(cs.vendor[i])].chinese && cs.first_chinese_cancel_step[i] < 0)
        cs.first_chinese_cancel_step[i] = static_cast<std::int16_t>(ctx.step);
    cs.status[i] = Status::Cancelled;
    cs.timer[i] = static_cast<std::int16_t>(ctx.params.cancel_cooldown);
    ctx.scratch.city_events.push(i, event_of(ctx, i, EventKind::Cancel));
}

void start_implementation(const StepContext& ctx, std::size_t i, double extra_steps) {
    auto& cs = ctx.state.cities;
    cs.status[i] = Status::Implementing;
    cs.live_step[i] = go_live_step(ctx, i, extra_steps);
    cs.timer[i] = cs.live_step[i];
}

/// Contestation (§4.8) of an approved project where veto players exist:
/// pi = sigma(zeta0 + zeta_L L_c + zeta_D D_c + zeta_G Salience(t) + zeta_M M_c); outcome
/// proceed / delay / downscale / cancel by the configured weights. D_c includes the U.S.
/// safeguard-assistance stock (StepContext::data_protection).
void contest(const StepContext& ctx, std::size_t i, sim::Rng& rng) {
    const auto& p = ctx.params;
    const auto& w = ctx.world;
    auto& cs = ctx.state.cities;
    const auto c = ctx.country_of(i);
    const bool chinese = w.vendors[static_cast<std::size_t>(cs.vendor[i])].chinese;
    double eta = p.zeta0 + p.zeta_veto * ctx.veto(c) + p.zeta_dp * ctx.data_protection(c);
    if (chinese) eta += p.zeta_salience * w.exo.salience[ctx.step] + p.zeta_msg * ctx.state.countries.msg_legislature[c];
    if (!rng.bernoulli(logistic(eta))) {
        start_implementation(ctx, i, 0.0);
        return;
    }
    ctx.scratch.city_events.push(i, event_of(ctx, i, EventKind::Contest));
    const double weights[4] = {p.contest_w_proceed, p.contest_w_delay, p.contest_w_downscale, p.contest_w_cancel};
    double u = rng.uniform() * (weights[0] + weights[1] + weights[2] + weights[3]);
    int outcome = 0;
    while (outcome < 3 && u >= weights[outcome]) u -= weights[outcome++];
    switch (outcome) {
        case 0:
            start_implementation(ctx, i, 0.0);
            break;
        case 1:
            cs.status[i] = Status::Delayed;
            cs.timer[i] = static_cast<std::int16_t>(1 + rng.poisson(p.delay_mean_steps));
            ctx.scratch.city_events.push(i, event_of(ctx, i, EventKind::Delay));
            break;
        case 2:
            if (!w.vendors[static_cast<std::size_t>(cs.vendor[i])].facial_recognition) {  // nothing to drop
                start_implementation(ctx, i, 0.0);
                break;
            }
            cs.downscaled[i] = 1;
            ctx.scratch.city_events.push(i, event_of(ctx, i, EventKind::Downscale));
            start_implementation(ctx, i, 0.0);
            break;
        default:
            cancel(ctx, i);
            break;
    }
}

}  // namespace

/// National approval after signature (§4.7, R3) and contestation (§4.8).  Phase: approve, per city
/// A Chinese loan-backed or national project needs a sovereign approval after the contract too
/// (financing, guarantee), granted per step with P = sigma(approval_log_odds) — the national
/// official's message stock acts here; an award not approved within approval_timeout steps lapses
/// (cancel). Approved projects face contestation, where the legislature's stock acts. A delayed
/// project resumes when its delay ends.
/// Reads: own state, country covariates and stocks.  Writes: own state.  Draws: Approval, Contest, Deploy.
void approve_and_contest(const StepContext& ctx, std::size_t i) {
    auto& cs = ctx.state.cities;
    if (cs.status[i] == Status::Delayed) {
        if (--cs.timer[i] <= 0) start_implementation(ctx, i, 0.0);
        return;
    }
    if (cs.status[i] != Status::Awarded || cs.award_step[i] == static_cast<std::int16_t>(ctx.step)) return;
    const auto& p = ctx.params;
    const auto v = static_cast<std::size_t>(cs.vendor[i]);
    if (needs_national_approval(ctx, i, v, cs.loan[i] != 0)) {
        auto rng = ctx.rng(i, Stream::Approval);
        if (!rng.bernoulli(logistic(approval_log_odds(ctx, i)))) {
            if (++cs.timer[i] >= p.approval_timeout) cancel(ctx, i);
            return;
        }
    }
    if (ctx.world.vendors[v].chinese && cs.first_chinese_approve_step[i] < 0)
        cs.first_chinese_approve_step[i] = static_cast<std::int16_t>(ctx.step);
    ctx.scratch.city_events.push(i, event_of(ctx, i, EventKind::Approve));
    auto rng = ctx.rng(i, Stream::Contest);
    contest(ctx, i, rng);
}

}  // namespace pushpull::rules
