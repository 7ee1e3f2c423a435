#include <algorithm>
#include <cmath>
#include <numeric>
#include <vector>

#include "models/pushpull/rules/rules.hpp"
#include "sim/parallel.hpp"

namespace pushpull::rules {

namespace {

/// Response of a decider with salience s to one message (R4), before the strength kappa:
/// generic r = s_security - rho_G s_sovereignty (the China-risk message speaks to security-minded
/// deciders); tailored r = s_crime + s_speed - rho_T s_sovereignty (it speaks to their own
/// priorities; foreign advice can be resented). Neither dominates for every decider.
double message_effect(const UsPolicy& us, const std::array<double, kSalienceDims>& s) {
    if (us.content == UsContent::Generic) return us.kappa_generic * (s[kSalSecurity] - us.backfire_generic * s[kSalSovereignty]);
    if (us.content == UsContent::Tailored)
        return us.kappa_tailored * (s[kSalCrime] + s[kSalSpeed] - us.backfire_tailored * s[kSalSovereignty]);
    return 0.0;
}

double message_cost(const UsPolicy& us) {
    if (us.content == UsContent::Generic) return us.cost_generic_usd;
    if (us.content == UsContent::Tailored) return us.cost_tailored_usd;
    return 0.0;
}

/// U.S. cost of one alternative offer for a project of `project_cost_usd` (R5): preparation plus
/// the financing's subsidy (grant element x financed share x price).
double alternative_cost(const StepContext& ctx, double project_cost_usd) {
    const auto& us = ctx.params.us;
    return us.alt_prep_cost_usd + ctx.world.alt_grant_element * us.alt_loan_share * us.alt_price * project_cost_usd;
}

/// Has the U.S. seen a Chinese offer made at `offer_step` to `agent`? After detect_lag_steps, for as
/// long as a tender stays open, with probability detect_prob drawn once per offer (keyed by its step).
bool offer_seen(const StepContext& ctx, long offer_step, std::size_t agent, std::uint32_t sub) {
    if (offer_step < 0) return false;
    const long age = static_cast<long>(ctx.step) - offer_step;
    const long lag = ctx.params.us.detect_lag_steps;
    if (age < lag || age >= lag + ctx.params.tender_duration) return false;
    auto rng = ctx.rng_at(static_cast<std::size_t>(offer_step), agent, Stream::UsDetect, sub);
    return rng.bernoulli(ctx.params.us.detect_prob);
}

/// Targeting score: higher is reached first; a per-agent draw breaks ties and makes "random" random.
double target_score(const StepContext& ctx, std::size_t agent, bool chinese_offer_seen, double centrality) {
    auto rng = ctx.rng(agent, Stream::UsReach);
    const double u = rng.uniform();
    const Targeting t = ctx.params.us.targeting;
    if (t == Targeting::ChineseOffer) return (chinese_offer_seen ? 1.0 : 0.0) + u;
    if (t == Targeting::Centrality) return centrality + 1e-6 * u;
    return u;
}

/// Agents by descending score, ties by index.
std::vector<std::uint32_t> ranked(std::vector<std::pair<double, std::uint32_t>> scored) {
    std::sort(scored.begin(), scored.end(),
              [](const auto& a, const auto& b) { return a.first != b.first ? a.first > b.first : a.second < b.second; });
    std::vector<std::uint32_t> out;
    out.reserve(scored.size());
    for (const auto& s : scored) out.push_back(s.second);
    return out;
}

/// The `count` highest-scoring eligible agents, ties by index.
std::vector<std::uint32_t> top_agents(std::vector<std::pair<double, std::uint32_t>> scored, std::size_t count) {
    count = std::min(count, scored.size());
    std::partial_sort(scored.begin(), scored.begin() + static_cast<std::ptrdiff_t>(count), scored.end(),
                      [](const auto& a, const auto& b) { return a.first != b.first ? a.first > b.first : a.second < b.second; });
    std::vector<std::uint32_t> out;
    for (std::size_t k = 0; k < count; ++k) out.push_back(scored[k].second);
    return out;
}

}  // namespace

/// U.S. messaging and alternative offers (§4.11, R4, R5).           Phase: United States
/// Stocks decay by lambda_M each step. From the start year, budget_musd x dt is added to the
/// U.S. funds; deciders eligible under the targeting filters are ranked by the targeting score and
/// reached in order while the funds cover their cost (message cost c_G or c_T, plus the cost of an
/// alternative offer when us.alternative); unspent funds carry over. Subnational: uncommitted city
/// officials (their stock M_i). National: national officials (M_c, acting on their own choice of
/// national projects and on the gate) and the legislature (M_c^leg, contestation), with the
/// national official's salience. An alternative stays in the decider's choice set for
/// alt_window_steps. Serial (a deterministic ranking); draws: UsReach, UsDetect.
void send_us_messages(const StepContext& ctx, const sim::Executor& ex) {
    const auto& us = ctx.params.us;
    if (us.content == UsContent::None && !us.alternative) return;
    auto& cs = ctx.state.cities;
    auto& ks = ctx.state.countries;
    sim::parallel_for_index(ex, cs.msg.size(), [&](std::size_t i) { cs.msg[i] *= us.msg_decay; });
    for (auto& m : ks.msg_official) m *= us.msg_decay;
    for (auto& m : ks.msg_legislature) m *= us.msg_decay;
    if (ctx.year() < us.start_year || us.budget_musd <= 0.0) return;
    ctx.state.us_funds_usd += us.budget_musd * 1e6 * ctx.dt();

    const auto& w = ctx.world;
    const bool subnational = us.level == UsLevel::Subnational;
    std::vector<std::pair<double, std::uint32_t>> scored;
    if (subnational) {
        for (std::uint32_t i = 0; i < w.cities.size(); ++i) {
            const auto c = w.cities.country[i];
            if (committed(cs.status[i]) || !w.countries.can_adopt[c] || !w.countries.us_target[c]) continue;
            scored.emplace_back(target_score(ctx, i, offer_seen(ctx, cs.last_chinese_offer_step[i], i, 0), w.cities.centrality[i]), i);
        }
    } else {
        for (std::uint32_t c = 0; c < w.countries.size(); ++c) {
            if (!w.countries.can_adopt[c] || !w.countries.us_target[c]) continue;
            const double centrality = w.cities.centrality[w.countries.leader_city[c]];
            scored.emplace_back(target_score(ctx, c, offer_seen(ctx, ks.last_chinese_offer_step[c], c, 1), centrality), c);
        }
    }
    const auto alt_until = static_cast<std::int16_t>(ctx.step + static_cast<std::size_t>(us.alt_window_steps) - 1);
    for (const auto agent : ranked(std::move(scored))) {
        const auto city = subnational ? agent : w.countries.leader_city[agent];
        const double cost = message_cost(us) + (us.alternative ? alternative_cost(ctx, w.cities.cost_usd[city]) : 0.0);
        if (cost > ctx.state.us_funds_usd) break;
        ctx.state.us_funds_usd -= cost;
        ctx.state.us_spent_usd += cost;
        const auto country = subnational ? w.cities.country[agent] : agent;
        const std::int32_t event_city = subnational ? static_cast<std::int32_t>(agent) : -1;
        auto& slots = subnational ? ctx.scratch.city_events : ctx.scratch.country_events;
        if (us.content != UsContent::None) {
            if (subnational) {
                cs.msg[agent] += message_effect(us, w.cities.salience[agent]);
            } else {
                const double m = message_effect(us, w.countries.salience[agent]);
                ks.msg_official[agent] += m;
                ks.msg_legislature[agent] += us.legislature_weight * m;
            }
            slots.push(agent, {static_cast<std::int32_t>(ctx.step), event_city, static_cast<std::int32_t>(country), -1,
                               EventKind::Message});
        }
        if (us.alternative) {
            (subnational ? cs.alt_until[agent] : ks.alt_until[agent]) = alt_until;
            ++ctx.state.us_alt_offers;
            slots.push(agent, {static_cast<std::int32_t>(ctx.step), event_city, static_cast<std::int32_t>(country),
                               static_cast<std::int8_t>(kVendors - 1), EventKind::Alternative});
        }
    }
}

/// U.S. legal-safeguard assistance (MODEL.md §4.12).             Phase: United States
/// Programmes for legislatures and data-protection bodies raise a country's data-protection strength
/// D_c in contestation (§4.8) through a stock G_c (D_c units): G_c decays by safeguard_decay each
/// step; from safeguard_start_year, safeguard_budget x dt countries (fraction rounded by a draw) are
/// assisted, ranked by the targeting score (random: U; chinese_offer: 1 if a Chinese offer reached the
/// country last step, + U; centrality: the leader city's centrality; veto: veto-player strength L_c),
/// and each adds safeguard_effect to G_c. Off (no state change, no draw) while the budget is 0.
/// Reads: country offers, centrality, veto.  Writes: G_c.  Draws: SafeguardBudget, SafeguardReach.
void assist_safeguards(const StepContext& ctx) {
    const auto& us = ctx.params.us;
    if (us.safeguard_budget <= 0.0) return;
    auto& g = ctx.state.countries.safeguard;
    for (auto& x : g) x *= us.safeguard_decay;
    if (ctx.year() < us.safeguard_start_year) return;

    const double r = us.safeguard_budget * ctx.dt();
    const double whole = std::floor(r);
    auto budget_rng = ctx.rng(0, Stream::SafeguardBudget);
    const std::size_t reach = static_cast<std::size_t>(whole) + (budget_rng.bernoulli(r - whole) ? 1u : 0u);
    if (reach == 0) return;

    const auto& w = ctx.world;
    const auto& ks = ctx.state.countries;
    std::vector<std::pair<double, std::uint32_t>> scored;
    scored.reserve(w.countries.size());
    for (std::uint32_t c = 0; c < w.countries.size(); ++c) {
        auto rng = ctx.rng(c, Stream::SafeguardReach);
        const double u = rng.uniform();
        const Targeting t = us.safeguard_targeting;
        double score = u;
        if (t == Targeting::ChineseOffer) score = (ks.chinese_offer_last_step[c] != 0 ? 1.0 : 0.0) + u;
        else if (t == Targeting::Centrality) score = w.cities.centrality[w.countries.leader_city[c]] + 1e-6 * u;
        else if (t == Targeting::Veto) score = w.countries.veto[c] + 1e-6 * u;
        scored.emplace_back(score, c);
    }
    for (auto c : top_agents(std::move(scored), reach)) g[c] += us.safeguard_effect;
}

}  // namespace pushpull::rules
