#include <algorithm>
#include <cmath>
#include <numeric>

#include "models/pushpull/rules/rules.hpp"
#include "sim/parallel.hpp"

namespace pushpull::rules {

namespace {

/// Effect of one message on an official with salience s (§4.11), in utility units against Chinese
/// vendors. Generic: kappa (s_security - rho s_sovereignty) — may backfire. Tailored:
/// kappa (s_security + omega_T s_crime + omega_A alt).
double message_effect(const UsPolicy& us, const std::array<double, kSalienceDims>& s) {
    if (us.content == "generic") return us.kappa_msg * (s[kSalSecurity] - us.backfire * s[kSalSovereignty]);
    return us.kappa_msg * (s[kSalSecurity] + us.omega_tailored * s[kSalCrime] + us.omega_alt * us.alt);
}

/// Officials reached this step: budget x dt, the fraction rounded by a draw.
std::size_t reach_this_step(const StepContext& ctx) {
    const double r = ctx.params.us.budget * ctx.dt();
    const double whole = std::floor(r);
    auto rng = ctx.rng(0, Stream::UsBudget);
    return static_cast<std::size_t>(whole) + (rng.bernoulli(r - whole) ? 1u : 0u);
}

/// Targeting score: higher is reached first; a per-agent draw breaks ties and makes "random" random.
double target_score(const StepContext& ctx, std::size_t agent, bool chinese_offer, double centrality) {
    auto rng = ctx.rng(agent, Stream::UsReach);
    const double u = rng.uniform();
    const auto& t = ctx.params.us.targeting;
    if (t == "chinese_offer") return (chinese_offer ? 1.0 : 0.0) + u;
    if (t == "centrality") return centrality + 1e-6 * u;
    return u;
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

/// U.S. messaging (§4.11).                                        Phase: United States
/// Stocks decay by lambda_M each step; from the start year the budget reaches officials chosen by
/// the targeting rule — subnational: uncommitted city officials (M_i); national: governments (M_c,
/// with the leader city's official's salience). Selection is a serial deterministic top-k over
/// per-agent scores; the stock updates run per agent. Draws: UsBudget, UsReach.
void send_us_messages(const StepContext& ctx, const sim::Executor& ex) {
    const auto& us = ctx.params.us;
    if (us.content == "none") return;
    auto& cs = ctx.state.cities;
    auto& ks = ctx.state.countries;
    sim::parallel_for_index(ex, cs.msg.size(), [&](std::size_t i) { cs.msg[i] *= us.msg_decay; });
    for (auto& m : ks.msg_national) m *= us.msg_decay;
    if (ctx.year() < us.start_year || us.budget <= 0.0) return;

    const std::size_t reach = reach_this_step(ctx);
    const auto& w = ctx.world;
    std::vector<std::pair<double, std::uint32_t>> scored;
    if (us.level == "subnational") {
        for (std::uint32_t i = 0; i < w.cities.size(); ++i)
            if (!committed(cs.status[i]))
                scored.emplace_back(target_score(ctx, i, cs.chinese_offer_last_step[i] != 0, w.cities.centrality[i]), i);
        for (auto i : top_agents(std::move(scored), reach)) {
            cs.msg[i] += message_effect(us, w.cities.salience[i]);
            ctx.scratch.city_events.push(i, {static_cast<std::int32_t>(ctx.step), static_cast<std::int32_t>(i),
                                             static_cast<std::int32_t>(w.cities.country[i]), -1, EventKind::Message});
        }
        return;
    }
    for (std::uint32_t c = 0; c < w.countries.size(); ++c) {
        const double centrality = w.cities.centrality[w.countries.leader_city[c]];
        scored.emplace_back(target_score(ctx, c, ks.chinese_offer_last_step[c] != 0, centrality), c);
    }
    for (auto c : top_agents(std::move(scored), reach)) {
        ks.msg_national[c] += message_effect(us, w.cities.salience[w.countries.leader_city[c]]);
        ctx.scratch.country_events.push(c, {static_cast<std::int32_t>(ctx.step), -1, static_cast<std::int32_t>(c), -1,
                                            EventKind::Message});
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
        const auto& t = us.safeguard_targeting;
        double score = u;
        if (t == "chinese_offer") score = (ks.chinese_offer_last_step[c] != 0 ? 1.0 : 0.0) + u;
        else if (t == "centrality") score = w.cities.centrality[w.countries.leader_city[c]] + 1e-6 * u;
        else if (t == "veto") score = w.countries.veto[c] + 1e-6 * u;
        scored.emplace_back(score, c);
    }
    for (auto c : top_agents(std::move(scored), reach)) g[c] += us.safeguard_effect;
}

}  // namespace pushpull::rules
