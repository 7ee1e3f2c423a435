#include <algorithm>
#include <cmath>
#include <cstring>
#include <optional>

#include "models/pushpull/rules/rules.hpp"
#include "models/pushpull/rules/utility.hpp"

namespace pushpull::rules {

namespace {
/// Does any vendor make city i an offer? Most cities have none in a step: the row's bytes are
/// tested at once instead of one by one.
bool has_offer(const Scratch& x, std::size_t i) {
    static_assert(kVendors <= sizeof(std::uint64_t));
    std::uint64_t row = 0;
    std::memcpy(&row, &x.offer[i * kVendors], kVendors);
    return row != 0;
}
}  // namespace

/// Cities propose themselves to vendors (§4.4, R1).                      Phase: vendors, per city
/// A city with an open tender is a candidate for every vendor; an uncommitted city without a
/// tender is a candidate for an unsolicited offer at rate unsolicited_rate x unsolicited_v x
/// (1 + omega_V Visit) — every city (structure.city_access = all_cities) or only leader cities
/// (capital_entry, the first build). EV_iv = P(accept v) x value_i^nu x (1 + chi S_c(t)) x
/// (1 + omega_V Visit) x (1 + psi_loan q) for Chinese vendors, x (1 + eta_new_market) where the
/// vendor has no operating city in the country yet (value = project cost; the exponent
/// ev_size_exponent < 1 spreads bids beyond the megacities; q = phi_v x loan availability, the
/// chance the deal is financed by a policy bank, which pays the vendor: R8). P(accept) leaves out local opposition unless
/// structure.rank_sees_opposition (R7). Chinese vendors do not bid where the country cannot adopt.
/// Reads: own state, utilities, this step's country tables (prepare_country_terms) and bid_value.
/// Writes: scratch.ev[i, .].  Draws: Unsolicited (one sub-stream per vendor).
void propose_bids(const StepContext& ctx, std::size_t i) {
    double* ev = &ctx.scratch.ev[i * kVendors];
    std::fill(ev, ev + kVendors, 0.0);
    const Status s = ctx.state.cities.status[i];
    if (s != Status::None && s != Status::Tendering) return;
    const auto& p = ctx.params;
    const bool capital_entry = p.structure.city_access == CityAccess::CapitalEntry;
    if (s == Status::None && capital_entry && ctx.world.cities.capital[i] == 0) return;  // no tender, no market entry
    const auto c = ctx.country_of(i);
    // No offers, solicited or not, before the country's national programme (rules/programme.cpp).
    if (p.structure.entry_decision == EntryDecision::CountryProgramme && ctx.state.countries.programme_step[c] < 0) return;
    const bool can_adopt = ctx.world.countries.can_adopt[c] != 0;
    const double visit = ctx.visit(c);
    const double country_g = ctx.scratch.country_g[c];
    std::optional<CityTerms> terms;  // made for the first vendor that bids: most cities get no offer
    for (std::size_t v = 0; v < kVendors; ++v) {
        const auto& vendor = ctx.world.vendors[v];
        if (ctx.scratch.capacity[v] == 0 || (vendor.chinese && !can_adopt)) continue;
        const double push = vendor.chinese ? (1.0 + p.omega_visit * visit) : 1.0;
        if (s == Status::None) {
            // The country's 1 - exp(-rate dt) (prepare_country_terms); 0 also stands for rate <= 0,
            // where no draw can succeed (uniform() > 0).
            const double chance = ctx.scratch.unsolicited_p[c * kVendors + v];
            if (chance <= 0.0) continue;
            auto rng = ctx.rng(i, Stream::Unsolicited, static_cast<std::uint32_t>(v));
            if (!rng.bernoulli(chance)) continue;
        }
        if (!terms) terms = city_terms(ctx, i);
        // g(tau, d_v): the country's value where its election calendar is known.
        const int level = ctx.scratch.vendor_level[v];
        const double g = !std::isnan(country_g) && level >= 0 ? ctx.scratch.level_g[c * kVendors + static_cast<std::size_t>(level)]
                                                              : deliverability(terms->tau, vendor.deploy_years, p);
        const double log_installed = log1p_count(ctx.state.countries.installed[c][v]);
        const auto value_of = [&](std::uint8_t code) {
            return logistic(utility_of(ctx, *terms, i, v, offer_terms(ctx, v, code), g, log_installed,
                                       p.structure.rank_sees_opposition));
        };
        // R8: the vendor expects a loan with probability phi_v x availability, which raises acceptance.
        const double q = vendor.finance_access * ctx.world.exo.at(ctx.world.exo.loan_availability, ctx.step, c);
        double accept = value_of(kOffer);
        if (q > 0.0 && p.structure.loan_budget == LoanBudget::DrawnDown) accept = (1.0 - q) * accept + q * value_of(kOfferWithLoan);
        // Diminishing value of size (ev_size_exponent < 1): vendors pitch widely, not only to megacities.
        const double value = ctx.scratch.bid_value[i * kVendors + v];
        const double strategic = vendor.chinese ? std::max(0.0, 1.0 + p.chi_strategic * ctx.strategic(c)) : 1.0;
        const double entry = ctx.state.countries.installed[c][v] == 0 ? 1.0 + p.eta_new_market : 1.0;
        ev[v] = accept * value * strategic * push * entry * (1.0 + p.psi_loan * q);
    }
}

/// Vendor v keeps its top K_v candidates by EV, ties broken by city id (§4.4), and attaches a
/// policy-bank loan with probability phi_v x loan availability in the city's country.
/// Phase: vendors, per vendor.  Reads: scratch.ev.  Writes: scratch.offer[., v].  Draws: Loan (per city, sub-stream v).
void resolve_bids(const StepContext& ctx, std::size_t v, std::vector<std::uint32_t>& candidates) {
    const auto& ev = ctx.scratch.ev;
    const std::size_t n = ctx.world.cities.size();
    candidates.clear();
    for (std::uint32_t i = 0; i < n; ++i)
        if (ev[i * kVendors + v] > 0.0) candidates.push_back(i);
    const std::size_t keep = std::min<std::size_t>(ctx.scratch.capacity[v], candidates.size());
    const auto better = [&](std::uint32_t a, std::uint32_t b) {
        const double ea = ev[a * kVendors + v], eb = ev[b * kVendors + v];
        return ea != eb ? ea > eb : a < b;
    };
    std::partial_sort(candidates.begin(), candidates.begin() + static_cast<std::ptrdiff_t>(keep), candidates.end(), better);
    const double phi = ctx.world.vendors[v].finance_access;
    for (std::size_t k = 0; k < keep; ++k) {
        const auto i = candidates[k];
        const double avail = ctx.world.exo.at(ctx.world.exo.loan_availability, ctx.step, ctx.country_of(i));
        auto rng = ctx.rng(i, Stream::Loan, static_cast<std::uint32_t>(v));
        ctx.scratch.offer[i * kVendors + v] = rng.bernoulli(phi * avail) ? kOfferWithLoan : kOffer;
    }
}

/// Offer events, and whether a Chinese offer reached the city (U.S. targeting).  Phase: vendors, per city
void record_offers(const StepContext& ctx, std::size_t i) {
    bool chinese = false;
    const bool any = has_offer(ctx.scratch, i);
    for (std::size_t v = 0; any && v < kVendors; ++v) {
        if (ctx.scratch.offer[i * kVendors + v] == 0) continue;
        chinese = chinese || ctx.world.vendors[v].chinese;
        ctx.scratch.city_events.push(i, {static_cast<std::int32_t>(ctx.step), static_cast<std::int32_t>(i),
                                         static_cast<std::int32_t>(ctx.country_of(i)), static_cast<std::int8_t>(v),
                                         EventKind::Offer});
    }
    ctx.state.cities.chinese_offer_last_step[i] = chinese ? 1 : 0;
    if (chinese) ctx.state.cities.last_chinese_offer_step[i] = static_cast<std::int16_t>(ctx.step);
}

}  // namespace pushpull::rules
