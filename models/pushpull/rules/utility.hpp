#pragma once
/// The decider's utility of an offer (MODEL.md §4.5, Revision 2 R2, R5) and the electoral
/// deliverability term (§4.2), shared by the tender hazard, the vendors' expected value and the choice.
#include "models/pushpull/rules/context.hpp"

namespace pushpull {

/// Offer codes in Scratch::offer.
inline constexpr std::uint8_t kNoOffer = 0, kOffer = 1, kOfferWithLoan = 2, kAlternativeOffer = 3;

/// g(tau, d) = sigma((tau - d - b) / s): can the incumbent show results before the vote?
inline double deliverability(double tau_years, double deploy_years, const Params& p) {
    return logistic((tau_years - deploy_years - p.election_b) / p.election_s);
}

/// Price, delivery time and subsidy (grant element x financed share) of an offer.
struct OfferTerms {
    double price = 1.0;
    double deploy_years = 1.5;
    double subsidy = 0.0;  ///< share of the cost the financing gives away
};

inline OfferTerms offer_terms(const StepContext& ctx, std::size_t v, std::uint8_t code) {
    const auto& w = ctx.world;
    const auto& vendor = w.vendors[v];
    if (code == kAlternativeOffer)  // R5: the U.S.-backed Western offer, with its own financing
        return {ctx.params.us.alt_price, ctx.params.us.alt_deploy_years, w.alt_grant_element * ctx.params.us.alt_loan_share};
    const double price = vendor.price * (ctx.sanctioned(v) ? ctx.params.sanction_cost : 1.0);
    return {price, vendor.deploy_years, code == kOfferWithLoan ? w.grant_element * ctx.params.loan_share : 0.0};
}

/// Net cost of an offer for city i as a share of the city's annual budget.
inline double net_cost_share(const StepContext& ctx, std::size_t i, const OfferTerms& t) {
    return ctx.world.cities.cost_usd[i] * t.price * (1.0 - t.subsidy) / ctx.world.cities.budget_usd[i];
}

/// Utility weights of the decider's salience (R2): 5 x s, so an official with equal weights has
/// weight 1 on every term. Without salience in the choice (first build): 1 on crime, speed and
/// cost, 0 on the security and sovereignty terms.
inline std::array<double, kSalienceDims> choice_weights(const StepContext& ctx, std::size_t i) {
    if (!ctx.params.structure.salience_in_choice) return {1.0, 1.0, 1.0, 0.0, 0.0};
    auto w = ctx.decider_salience(i);
    for (auto& x : w) x *= static_cast<double>(kSalienceDims);
    return w;
}

/// log1p of a count; 0 (exactly log1p(0)) without the libm call for the common empty count.
inline double log1p_count(std::uint32_t n) { return n == 0 ? 0.0 : std::log1p(static_cast<double>(n)); }

/// The terms of V_iv that do not depend on the vendor, for city i in this step: computed once
/// per city when several offers are valued (the vendors' bids), in the order the sum adds them.
struct CityTerms {
    std::array<double, kSalienceDims> s{};  ///< the decider's utility weights (choice_weights)
    double head = 0.0;         ///< alpha0 + tender bonus + crime term: the sum's first terms
    double tau = 0.0;          ///< years to the next election
    double peer = 0.0;         ///< beta_peer E_i
    double imitation = 0.0;    ///< beta_imitation Imitation_i
    double democracy = 0.0;    ///< beta_democracy polyarchy_c
    double opposition = 0.0;   ///< beta_opposition veto_c
    double chinese = 0.0;      ///< the push and risk terms of Chinese offers, summed
};

inline CityTerms city_terms(const StepContext& ctx, std::size_t i) {
    const auto& p = ctx.params;
    const auto c = ctx.country_of(i);
    CityTerms t;
    t.s = choice_weights(ctx, i);
    const bool tender = ctx.state.cities.status[i] == Status::Tendering;
    const double crime =
        p.structure.crime_channels == CrimeChannels::Tender ? 0.0 : p.beta_crime * t.s[kSalCrime] * ctx.crime(i);
    t.head = p.alpha0 + (tender ? p.beta_tender_open : 0.0) + crime;
    t.tau = ctx.years_to_election(i);
    t.peer = p.beta_peer * ctx.scratch.exposure[i];
    t.imitation = p.beta_imitation * ctx.scratch.imitation[i];
    t.democracy = p.beta_democracy * ctx.polyarchy(c);
    t.opposition = p.beta_opposition * ctx.veto(c);
    t.chinese = p.beta_strategic * ctx.strategic(c) + p.beta_visit * ctx.visit(c) - p.beta_security * t.s[kSalSecurity] -
                p.beta_sovereignty * t.s[kSalSovereignty] - ctx.decider_msg(i);
    return t;
}

/// V_iv from the city's terms, the offer's terms, g = deliverability(tau, d) and log1p(n_cv).
/// The sum runs in the same order as the single formula it replaced, so the value is the same
/// to the last bit however the caller obtained g and the log.
inline double utility_of(const StepContext& ctx, const CityTerms& t, std::size_t i, std::size_t v,
                         const OfferTerms& terms, double g, double log_installed, bool with_opposition) {
    const auto& p = ctx.params;
    double u = t.head + p.beta_election * t.s[kSalSpeed] * g + t.peer + t.imitation -
               p.beta_price * t.s[kSalCost] * net_cost_share(ctx, i, terms) + p.gamma_installed * log_installed +
               t.democracy;
    if (with_opposition) u -= t.opposition;
    if (ctx.world.vendors[v].chinese) u += t.chinese;
    return u;
}

/// V_iv (MODEL.md §4.5 with R2): crime by s_crime, deliverability by s_speed, net price by s_cost,
/// a security-risk and a data-sovereignty penalty on Chinese offers by s_security, s_sovereignty.
/// Push terms (strategic importance, visit window) and the decider's U.S. message stock act on
/// Chinese vendors only. Democracy enters through opposition (unless `with_opposition` is false:
/// vendors' ranking, R7) and beta_democracy (0 by default).
inline double utility(const StepContext& ctx, const CityTerms& t, std::size_t i, std::size_t v, std::uint8_t code,
                      bool with_opposition = true) {
    const auto terms = offer_terms(ctx, v, code);
    return utility_of(ctx, t, i, v, terms, deliverability(t.tau, terms.deploy_years, ctx.params),
                      log1p_count(ctx.state.countries.installed[ctx.country_of(i)][v]), with_opposition);
}
inline double utility(const StepContext& ctx, std::size_t i, std::size_t v, std::uint8_t code,
                      bool with_opposition = true) {
    return utility(ctx, city_terms(ctx, i), i, v, code, with_opposition);
}

}  // namespace pushpull
