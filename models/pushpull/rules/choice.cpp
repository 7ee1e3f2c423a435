#include <array>
#include <optional>

#include "models/pushpull/rules/rules.hpp"
#include "models/pushpull/rules/utility.hpp"

namespace pushpull::rules {

namespace {

Event city_event(const StepContext& ctx, std::size_t i, std::int8_t vendor, EventKind kind) {
    return {static_cast<std::int32_t>(ctx.step), static_cast<std::int32_t>(i), static_cast<std::int32_t>(ctx.country_of(i)),
            vendor, kind};
}

}  // namespace

bool needs_national_approval(const StepContext& ctx, std::size_t i, std::size_t v, bool loan) {
    return ctx.world.vendors[v].chinese && (loan || ctx.national_project(i));
}

double approval_log_odds(const StepContext& ctx, std::size_t i) {
    const auto& p = ctx.params;
    const auto c = ctx.country_of(i);
    return p.kappa0 + p.kappa_strategic * ctx.strategic(c) + p.kappa_visit * ctx.visit(c) -
           p.kappa_gate_msg * ctx.state.countries.msg_official[c] - p.kappa_debt * ctx.debt(c);
}

/// The decider's choice among this step's offers and the outside option (§4.5, R1–R5):
/// P(v) = exp(V_iv) / (1 + sum_v' exp(V_iv')). The decider is the city's official or, for a
/// national project, the national official (salience and message stock of the decider). A
/// U.S.-backed alternative in the decider's choice set takes the Western slot (R5). A Chinese
/// national or loan-backed project needs national approval before the contract
/// (structure.approval = before_and_after, R3): refused, nothing is signed this step.
/// Phase: choose, per city.  Reads: own state, offers, utilities, national stocks.
/// Writes: own state (via sign_agreement), clears own offers.  Draws: Choice, Gate.
void choose_offer(const StepContext& ctx, std::size_t i) {
    std::uint8_t* offer = &ctx.scratch.offer[i * kVendors];
    const Status status = ctx.state.cities.status[i];
    if (status != Status::None && status != Status::Tendering) {
        std::fill(offer, offer + kVendors, kNoOffer);
        return;
    }
    if (ctx.decider_has_alternative(i)) offer[kVendors - 1] = kAlternativeOffer;
    std::array<double, kVendors> weight{};
    double total = 1.0;  // the outside option, V_i0 = 0
    bool any = false;
    std::optional<CityTerms> terms;  // shared by every offer's utility; most cities have none
    for (std::size_t v = 0; v < kVendors; ++v) {
        if (offer[v] == kNoOffer) continue;
        any = true;
        if (!terms) terms = city_terms(ctx, i);
        weight[v] = std::exp(utility(ctx, *terms, i, v, offer[v]));
        total += weight[v];
    }
    if (!any) return;
    auto rng = ctx.rng(i, Stream::Choice);
    double u = rng.uniform() * total;
    if (u < 1.0) u = total;  // the outside option: no vendor below matches
    else u -= 1.0;
    for (std::size_t v = 0; v < kVendors; ++v) {
        if (offer[v] == kNoOffer) continue;
        if (u < weight[v]) {
            const bool loan = offer[v] == kOfferWithLoan;
            if (ctx.params.structure.approval == ApprovalRule::BeforeAndAfter && needs_national_approval(ctx, i, v, loan)) {
                auto gate = ctx.rng(i, Stream::Gate);
                if (!gate.bernoulli(logistic(approval_log_odds(ctx, i)))) {
                    ctx.scratch.city_events.push(i, city_event(ctx, i, static_cast<std::int8_t>(v), EventKind::Refuse));
                    break;
                }
            }
            sign_agreement(ctx, i, v, loan, offer[v] == kAlternativeOffer);
            break;
        }
        u -= weight[v];
    }
    std::fill(offer, offer + kVendors, kNoOffer);
}

void sign_agreement(const StepContext& ctx, std::size_t i, std::size_t v, bool loan, bool alternative) {
    auto& cs = ctx.state.cities;
    const auto step = static_cast<std::int16_t>(ctx.step);
    cs.status[i] = Status::Awarded;
    cs.vendor[i] = static_cast<std::int8_t>(v);
    cs.timer[i] = 0;
    cs.award_step[i] = step;
    cs.live_step[i] = -1;
    cs.loan[i] = loan ? 1 : 0;
    cs.alternative[i] = alternative ? 1 : 0;
    cs.downscaled[i] = 0;
    cs.agreements[i] = static_cast<std::uint16_t>(cs.agreements[i] + 1);
    if (ctx.world.vendors[v].chinese && cs.first_chinese_step[i] < 0) {
        cs.first_chinese_step[i] = step;
        cs.first_chinese_vendor[i] = static_cast<std::int8_t>(v);
        cs.first_chinese_level[i] = cs.level[i];
    }
    const Event e = city_event(ctx, i, static_cast<std::int8_t>(v), EventKind::Award);
    ctx.scratch.city_events.push(i, e);
    if (loan) {
        Event l = e;
        l.kind = EventKind::Loan;
        ctx.scratch.city_events.push(i, l);
    }
}

}  // namespace pushpull::rules
