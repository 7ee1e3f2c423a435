#pragma once
/// The official's utility of an offer (MODEL.md §4.5) and the electoral deliverability term (§4.2),
/// shared by the tender hazard, the vendors' expected value and the choice.
#include "models/pushpull/rules/context.hpp"

namespace pushpull {

/// g(tau, d) = sigma((tau - d - b) / s): can the incumbent show results before the vote?
inline double deliverability(double tau_years, double deploy_years, const Params& p) {
    return logistic((tau_years - deploy_years - p.election_b) / p.election_s);
}

/// Net cost of vendor v's project for city i, as a share of the city's annual budget: the loan
/// covers loan_share of the cost, of which the grant element is a subsidy.
inline double net_cost_share(const StepContext& ctx, std::size_t i, std::size_t v, bool with_loan) {
    const auto& w = ctx.world;
    double cost = w.cities.cost_usd[i] * w.vendors[v].price * (ctx.sanctioned(v) ? ctx.params.sanction_cost : 1.0);
    if (with_loan) cost *= 1.0 - w.grant_element * ctx.params.loan_share;
    return cost / w.cities.budget_usd[i];
}

/// V_iv (MODEL.md §4.5). Push terms (strategic importance, visit window) and U.S. messages act on
/// Chinese vendors only; democracy enters only through beta_democracy (0 by default).
inline double utility(const StepContext& ctx, std::size_t i, std::size_t v, bool with_loan) {
    const auto& p = ctx.params;
    const auto& w = ctx.world;
    const auto c = ctx.country_of(i);
    const auto& vendor = w.vendors[v];
    const bool tender = ctx.state.cities.status[i] == Status::Tendering;
    double u = p.alpha0 + (tender ? p.beta_tender_open : 0.0) + p.beta_crime * ctx.crime(i) +
               p.beta_election * deliverability(ctx.years_to_election(i), vendor.deploy_years, p) +
               p.beta_peer * ctx.scratch.exposure[i] + p.beta_imitation * ctx.scratch.imitation[i] -
               p.beta_price * net_cost_share(ctx, i, v, with_loan) +
               p.gamma_installed * std::log1p(ctx.state.countries.installed[c][v]) -
               p.beta_opposition * w.countries.veto[c] + p.beta_democracy * w.countries.polyarchy[c];
    if (vendor.chinese)
        u += p.beta_strategic * w.countries.strategic[c] + p.beta_visit * ctx.visit(c) - ctx.state.cities.msg[i];
    return u;
}

}  // namespace pushpull
