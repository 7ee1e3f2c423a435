#include <cmath>

#include "models/pushpull/rules/rules.hpp"
#include "models/pushpull/rules/utility.hpp"

namespace pushpull::rules {

/// A national Safe City programme is one decision per country (structure.entry_decision =
/// country_programme): the country's number of cities no longer sets when it enters. Log-hazard
///   eta_P = programme_alpha + beta_C (crime_z + shock) + beta_S S_c(t) + beta_V Visit_c
///           + beta_E g_c + programme_beta_loan q_c + programme_beta_bri BRI_c
/// with g_c = max_v g(tau_c, d_v) where the country's election calendar is known (else 0), q_c the
/// country's policy-bank loan availability (its share of China's budget, R8), BRI_c its BRI flag.
/// The push and pull coefficients are the tender's (§4.3); crime is left out under
/// structure.crime_channels = choice, as in the tender. Reads prepare_country_terms' country_g.
double programme_log_hazard(const StepContext& ctx, std::size_t c) {
    const auto& p = ctx.params;
    const auto& exo = ctx.world.exo;
    const double crime = p.structure.crime_channels == CrimeChannels::Choice
                             ? 0.0
                             : exo.at(exo.crime_z, ctx.step, c) + ctx.state.countries.shock[c];
    const double g = std::isnan(ctx.scratch.country_g[c]) ? 0.0 : ctx.scratch.country_g[c];
    const double bri = exo.bri[ctx.step * exo.countries + c] ? 1.0 : 0.0;
    return p.programme_alpha + p.beta_crime * crime + p.beta_strategic * ctx.strategic(c) + p.beta_visit * ctx.visit(c) +
           p.beta_election * g + p.programme_beta_loan * exo.at(exo.loan_availability, ctx.step, c) +
           p.programme_beta_bri * bri;
}

/// The national programme decision.                                     Phase: programme, per country
/// A country that can adopt, has cities and no programme yet decides with h = 1 - exp(-exp(eta_P) dt);
/// it decides at most once. Its cities tender only after it (open_tender): the leader city at once,
/// the others at the tender hazard plus programme_secondary, and every contract still goes through
/// the deciding official's choice (R1). Off under structure.entry_decision = city.
/// Reads: country covariates, scratch.country_g.  Writes: countries.programme_step[c].  Draws: Programme.
void decide_programme(const StepContext& ctx, std::size_t c) {
    if (ctx.params.structure.entry_decision != EntryDecision::CountryProgramme) return;
    auto& ps = ctx.state.countries.programme_step;
    if (ps[c] >= 0 || !ctx.world.countries.can_adopt[c]) return;
    if (ctx.world.countries.city_begin[c] == ctx.world.countries.city_end[c]) return;
    const double h = 1.0 - std::exp(-std::exp(programme_log_hazard(ctx, c)) * ctx.dt());
    auto rng = ctx.rng(c, Stream::Programme);
    if (rng.bernoulli(h)) ps[c] = static_cast<std::int16_t>(ctx.step);
}

/// The programme's first project is offered at once (structure.programme_offer = leader).
/// Phase: vendors, per country, after the capacity ranking and before the loan budget.
/// In the step of its programme decision the leader city's tender gets an offer from the Chinese
/// vendor with the highest expected value (propose_bids; ties to the lower vendor index) unless the
/// ranking already gave it a Chinese offer: a programme is a government-to-government deal, so it
/// does not compete for the vendor's marketing capacity. The loan is drawn as resolve_bids draws it
/// (phi_v x availability, stream Loan of that city and vendor, unused by the ranking in this step).
/// Reads: scratch.ev, programme_step.  Writes: scratch.offer of the leader city.  Draws: Loan.
void offer_programme(const StepContext& ctx, std::size_t c) {
    const auto& p = ctx.params;
    if (p.structure.entry_decision != EntryDecision::CountryProgramme ||
        p.structure.programme_offer != ProgrammeOffer::Leader)
        return;
    // Only countries with cities decide (decide_programme), so the leader city exists.
    if (ctx.state.countries.programme_step[c] != static_cast<std::int64_t>(ctx.step)) return;
    const std::size_t i = ctx.world.countries.leader_city[c];
    if (ctx.state.cities.status[i] != Status::Tendering) return;
    std::size_t best = kVendors;
    double best_ev = 0.0;
    for (std::size_t v = 0; v < kVendors; ++v) {
        if (!ctx.world.vendors[v].chinese) continue;
        if (ctx.scratch.offer[i * kVendors + v] != 0) return;  // the ranking already made a Chinese offer
        const double ev = ctx.scratch.ev[i * kVendors + v];
        if (ev > best_ev) best = v, best_ev = ev;
    }
    if (best == kVendors) return;  // no Chinese vendor in the market (capacity 0 before market entry)
    const double avail = ctx.world.exo.at(ctx.world.exo.loan_availability, ctx.step, c);
    auto rng = ctx.rng(i, Stream::Loan, static_cast<std::uint32_t>(best));
    ctx.scratch.offer[i * kVendors + best] =
        rng.bernoulli(ctx.world.vendors[best].finance_access * avail) ? kOfferWithLoan : kOffer;
}

}  // namespace pushpull::rules
