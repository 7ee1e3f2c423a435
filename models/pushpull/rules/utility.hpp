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

/// V_iv (MODEL.md §4.5 with R2): crime by s_crime, deliverability by s_speed, net price by s_cost,
/// a security-risk and a data-sovereignty penalty on Chinese offers by s_security, s_sovereignty.
/// Push terms (strategic importance, visit window) and the decider's U.S. message stock act on
/// Chinese vendors only. Democracy enters through opposition (unless `with_opposition` is false:
/// vendors' ranking, R7) and beta_democracy (0 by default).
inline double utility(const StepContext& ctx, std::size_t i, std::size_t v, std::uint8_t code,
                      bool with_opposition = true) {
    const auto& p = ctx.params;
    const auto& w = ctx.world;
    const auto c = ctx.country_of(i);
    const auto terms = offer_terms(ctx, v, code);
    const auto s = choice_weights(ctx, i);
    const bool tender = ctx.state.cities.status[i] == Status::Tendering;
    const double crime = p.structure.crime_channels == CrimeChannels::Tender ? 0.0 : p.beta_crime * s[kSalCrime] * ctx.crime(i);
    double u = p.alpha0 + (tender ? p.beta_tender_open : 0.0) + crime +
               p.beta_election * s[kSalSpeed] * deliverability(ctx.years_to_election(i), terms.deploy_years, p) +
               p.beta_peer * ctx.scratch.exposure[i] + p.beta_imitation * ctx.scratch.imitation[i] -
               p.beta_price * s[kSalCost] * net_cost_share(ctx, i, terms) +
               p.gamma_installed * std::log1p(ctx.state.countries.installed[c][v]) +
               p.beta_democracy * ctx.polyarchy(c);
    if (with_opposition) u -= p.beta_opposition * ctx.veto(c);
    if (w.vendors[v].chinese)
        u += p.beta_strategic * ctx.strategic(c) + p.beta_visit * ctx.visit(c) - p.beta_security * s[kSalSecurity] -
             p.beta_sovereignty * s[kSalSovereignty] - ctx.decider_msg(i);
    return u;
}

}  // namespace pushpull
