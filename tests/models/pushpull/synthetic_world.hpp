#pragma once
/// A push–pull World built in code for rule and docking tests: N cities split evenly over a few
/// countries, a chosen city network, every covariate zero, every exogenous array fixed, no visits,
/// no loans. Params from `quiet_params()` switch every term off except what a test turns on.
#include <cmath>
#include <cstdint>
#include <limits>
#include <string>
#include <vector>

#include "models/pushpull/params.hpp"
#include "models/pushpull/world/world.hpp"
#include "sim/graph/network.hpp"

namespace pushpull::test {

enum class Net { None, Complete };

struct SyntheticSpec {
    std::size_t countries = 1;
    std::size_t cities_per_country = 10;
    std::size_t steps = 48;
    Net net = Net::None;
    bool all_capital = true;  ///< every city is a leader city (no tender_secondary, unsolicited allowed)
};

/// Params with every driver off: only the baseline terms alpha_tender / alpha0 remain. Vendors have
/// no capacity, no finance and no unsolicited offers; no shocks, no expansion, no U.S. action.
inline Params quiet_params() {
    Params p;
    p.alpha0 = 0.0;
    p.beta_tender_open = 0.0;
    p.beta_crime = p.beta_election = p.beta_peer = p.beta_imitation = 0.0;
    p.beta_price = p.beta_strategic = p.beta_visit = p.gamma_installed = 0.0;
    p.beta_opposition = p.beta_democracy = 0.0;
    p.beta_security = p.beta_sovereignty = 0.0;
    p.shock_rate = 0.0;
    p.tender_secondary = 0.0;
    p.unsolicited_rate = 0.0;
    p.lambda_expansion = 0.0;
    p.kappa0 = 50.0;  // the gate always approves
    p.kappa_strategic = p.kappa_visit = p.kappa_gate_msg = p.kappa_debt = 0.0;
    p.zeta0 = -50.0;  // never contested
    p.zeta_veto = p.zeta_dp = p.zeta_salience = p.zeta_msg = 0.0;
    p.us.content = UsContent::None;
    // Capacity set per test through vendors[v].capacity (the exponential path with growth 0), and
    // loans only where a test makes them available.
    p.structure.supply = Supply::Exponential;
    for (auto& v : p.vendors) {
        v.capacity = 0.0;
        v.capacity_growth = 0.0;
        v.finance_access = 0.0;
        v.unsolicited = 0.0;
        v.sanction_year = 0;
    }
    return p;
}

inline World synthetic_world(const SyntheticSpec& spec, const Params& p) {
    World w;
    const std::size_t nc = spec.countries, n = spec.countries * spec.cities_per_country;
    w.time.start_year = 2008;
    w.time.start_quarter = 1;
    w.time.months_per_step = 3;
    w.time.steps = spec.steps;
    w.time.dt_years = 0.25;

    auto& c = w.countries;
    for (std::size_t k = 0; k < nc; ++k) {
        c.iso3.push_back("X" + std::to_string(k));
        c.name.push_back("Country " + std::to_string(k));
        c.region_un.push_back("Asia");
        c.region_wb.push_back("East Asia & Pacific");
        c.income_group.push_back("Lower middle income");
        c.regime.push_back(Regime::PartlyFree);
        c.city_begin.push_back(static_cast<std::uint32_t>(k * spec.cities_per_country));
        c.city_end.push_back(static_cast<std::uint32_t>((k + 1) * spec.cities_per_country));
        c.leader_city.push_back(static_cast<std::uint32_t>(k * spec.cities_per_country));
        c.first_bri_year.push_back(0);
        c.homicide_imputed.push_back(0);
    }
    c.strategic.assign(nc, 0.0);
    c.polyarchy.assign(nc, 0.5);
    c.veto.assign(nc, 0.0);
    c.data_protection.assign(nc, 0.0);
    c.debt.assign(nc, 0.0);
    c.homicide.assign(nc, 5.0);
    c.population.assign(nc, 1e7);
    c.gdp_pc_usd.assign(nc, 5000.0);
    c.salience.assign(nc, {0.2, 0.2, 0.2, 0.2, 0.2});
    c.can_adopt.assign(nc, 1);
    c.us_target.assign(nc, 1);

    auto& ci = w.cities;
    for (std::size_t i = 0; i < n; ++i) {
        const std::size_t k = i / spec.cities_per_country;
        ci.name.push_back("City " + std::to_string(i));
        ci.country.push_back(static_cast<std::uint32_t>(k));
        ci.capital.push_back(spec.all_capital || i % spec.cities_per_country == 0 ? 1 : 0);
        ci.salience.push_back({0.2, 0.2, 0.2, 0.2, 0.2});
    }
    ci.lat.assign(n, 0.0);
    ci.lng.assign(n, 0.0);
    ci.population.assign(n, 1e6);
    ci.budget_usd.assign(n, 1e9);
    ci.cost_usd.assign(n, 2e7);
    ci.crime_dev.assign(n, 0.0);
    ci.election_phase_years.assign(n, 0.0);
    ci.local_decision.assign(n, 1);
    ci.synthetic.assign(n, 0);
    ci.centrality.assign(n, 1.0);

    set_vendors(w, p.vendors);
    w.grant_element = 0.0;

    std::vector<sim::graph::WeightedEdge> edges;
    if (spec.net == Net::Complete)
        for (std::uint32_t a = 0; a < n; ++a)
            for (std::uint32_t b = a + 1; b < n; ++b) edges.push_back({a, b, 1.0});
    w.city_net = sim::graph::Network(n, std::move(edges), true);
    w.country_net = sim::graph::Network(nc, {}, true);

    auto& e = w.exo;
    e.steps = spec.steps;
    e.countries = nc;
    e.crime_z.assign(spec.steps * nc, 0.0);
    // A known calendar far away: deliverability is then a constant the tests switch off anyway.
    e.years_to_election.assign(spec.steps * nc, 10.0);
    e.visit.assign(spec.steps * nc, 0.0);
    e.visit_start.assign(spec.steps * nc, 0);
    e.bri.assign(spec.steps * nc, 0);
    e.loan_availability.assign(spec.steps * nc, 0.0);
    e.salience.assign(spec.steps, 0.0);
    for (auto* v : {&e.strategic, &e.debt, &e.veto, &e.data_protection, &e.polyarchy}) v->assign(spec.steps * nc, 0.0);
    e.polyarchy.assign(spec.steps * nc, 0.5);
    e.supply.assign(spec.steps, 1.0);  // capacity_2018 in every step
    e.loan_budget_musd.assign(spec.steps, 1e9);
    return w;
}

}  // namespace pushpull::test
