#include "models/pushpull/params.hpp"

#include <cmath>
#include <string_view>
#include <vector>

namespace pushpull {
namespace {

using sim::config::KeySpec;
using sim::config::Type;

// One table binds each numeric key to its field, so the schema and the extraction cannot drift.
// Defaults are the initialisers in params.hpp.
struct RealKey {
    const char* id;
    double Params::*field;
    double lo, hi;
    const char* unit;
    const char* doc;
    const char* prior;
};
struct IntKey {
    const char* id;
    int Params::*field;
    double lo, hi;
    const char* unit;
    const char* doc;
};

const std::vector<RealKey>& real_keys() {
    static const std::vector<RealKey> keys = {
        // choice (§4.5)
        {"alpha0", &Params::alpha0, -12, 4, "log-odds", "baseline utility of accepting an offer (per step)", "U(-8, -3)"},
        {"beta_tender_open", &Params::beta_tender_open, 0, 10, "log-odds", "extra utility when the city has an open tender (demand exists)", ""},
        {"beta_crime", &Params::beta_crime, -5, 5, "per SD", "crime pressure (standardised log homicide rate)", "N(0.5, 0.5^2)"},
        {"beta_election", &Params::beta_election, 0, 10, "per unit g", "electoral deliverability g(tau, d_v)", "U(0, 3)"},
        {"election_b", &Params::election_b, -5, 5, "years", "offset b in g = sigma((tau - d_v - b)/s)", ""},
        {"election_s", &Params::election_s, 0.01, 5, "years", "scale s in g = sigma((tau - d_v - b)/s)", ""},
        {"beta_peer", &Params::beta_peer, 0, 10, "per unit exposure", "peer exposure E_i on the city network", "U(0, 4)"},
        {"beta_imitation", &Params::beta_imitation, 0, 10, "per unit", "imitation of the country's capital or largest adopting city", "U(0, 3)"},
        {"imitation_decay", &Params::imitation_decay, 0.1, 100, "steps", "e-folding time of the imitation signal", "U(1, 12)"},
        {"beta_price", &Params::beta_price, 0, 20, "per budget share", "net price as a share of the annual city budget", "U(0, 5)"},
        {"beta_strategic", &Params::beta_strategic, -5, 5, "per SD", "strategic importance S_c", "N(0.5, 0.5^2)"},
        {"beta_visit", &Params::beta_visit, 0, 10, "per open window", "state-visit window", "U(0, 3)"},
        {"gamma_installed", &Params::gamma_installed, 0, 5, "per log(1+n)", "installed-base returns log(1 + n_vc)", "U(0, 2)"},
        {"beta_opposition", &Params::beta_opposition, 0, 10, "per unit", "local opposition O_i (V-Dem liberal democracy)", "U(0, 3)"},
        {"beta_democracy", &Params::beta_democracy, -5, 5, "per unit polyarchy", "direct democracy term (0 by design; the test of that choice)", "N(0, 0.5^2)"},
        {"budget_share", &Params::budget_share, 1e-5, 1, "share of city GDP per year", "public-safety budget B_i = share x population x GDP per capita", ""},
        {"cost_per_capita_usd", &Params::cost_per_capita_usd, 0.1, 1000, "USD per resident", "reference project cost (Islamabad ~60, Philippines ~27, Nairobi ~25)", ""},
        // crime (§4.1)
        {"crime_city_sd", &Params::crime_city_sd, 0, 5, "SD", "city deviation from the national crime z-score", ""},
        {"shock_rate", &Params::shock_rate, 0, 5, "per country-year", "rate of crime shocks (attacks, assassinations)", ""},
        {"shock_size", &Params::shock_size, 0, 10, "SD", "size of a crime shock", ""},
        {"crime_ar_rho", &Params::crime_ar_rho, 0, 1, "per step", "projections: AR(1) persistence of the crime deviation after 2019", ""},
        {"crime_ar_sd", &Params::crime_ar_sd, 0, 2, "SD per step", "projections: AR(1) innovation SD of the crime deviation after 2019", ""},
        {"shock_decay", &Params::shock_decay, 0, 20, "per year", "decay rate of the shock stock", ""},
        // tender (§4.3)
        {"alpha_tender", &Params::alpha_tender, -15, 5, "log(1/year)", "baseline tender log-hazard", "U(-8, -3)"},
        {"tender_secondary", &Params::tender_secondary, -15, 5, "log-hazard offset", "offset for cities other than the country's leader city (capitals move first)", ""},
        // national programme (structure.entry_decision = country_programme)
        {"programme_alpha", &Params::programme_alpha, -15, 5, "log(1/year)", "baseline log-hazard of a country's national Safe City programme decision", "U(-6, 0)"},
        {"programme_beta_loan", &Params::programme_beta_loan, -10, 20, "per unit availability", "programme hazard: the country's policy-bank loan availability (finance record share of China's budget)", "U(0, 8)"},
        {"programme_beta_bri", &Params::programme_beta_bri, -5, 5, "per BRI flag", "programme hazard: the country has a BRI-flagged deal", "U(0, 2)"},
        {"programme_secondary", &Params::programme_secondary, -15, 5, "log-hazard offset", "tender offset for cities other than the leader city once the country has a programme (expansion follows the programme)", "U(-4, 0)"},
        // vendors (§4.4)
        {"unsolicited_rate", &Params::unsolicited_rate, 0, 50, "per city-year", "rate at which a vendor considers an unsolicited offer to a city", ""},
        {"omega_visit", &Params::omega_visit, 0, 10, "multiplier", "offers raised during a visit window (+omega_V x K_v)", ""},
        {"chi_strategic", &Params::chi_strategic, 0, 5, "per SD", "vendor preference for strategic countries in EV", ""},
        {"ev_size_exponent", &Params::ev_size_exponent, 0, 1, "exponent", "nu in EV ~ (project value)^nu: 1 pitches to the largest cities, 0 to every city alike", "U(0, 1)"},
        {"eta_new_market", &Params::eta_new_market, 0, 50, "multiplier", "vendor preference in EV for a country where it has no operating city yet, x (1 + eta) (market entry)", "U(0, 10)"},
        {"psi_loan", &Params::psi_loan, 0, 50, "multiplier", "R8: vendor preference for a financed deal in EV, x (1 + psi q) with q the expected loan probability (a policy-bank loan pays the vendor)", "U(0, 50)"},
        {"sanction_cost", &Params::sanction_cost, 1, 10, "multiplier", "cost multiplier on a sanctioned vendor", ""},
        {"sanction_capacity", &Params::sanction_capacity, 0, 1, "multiplier", "capacity multiplier on a sanctioned vendor", ""},
        // electoral clock (§4.2)
        {"term_years", &Params::term_years, 1, 10, "years", "term length where no election years are known", ""},
        // China (§4.10) and finance (§4.6)
        {"loan_budget_musd", &Params::loan_budget_musd, 0, 1e6, "USD million per year", "policy-bank loan budget for security projects before 2013", ""},
        {"loan_step_2013", &Params::loan_step_2013, 0, 20, "multiplier", "Belt-and-Road step of the loan budget from 2013", "U(1, 4)"},
        {"loan_strategic_exponent", &Params::loan_strategic_exponent, 0, 10, "exponent", "zeta in share_c ~ exp(S_c)^zeta (1 + b_BRI BRI_c)", ""},
        {"loan_bri_bonus", &Params::loan_bri_bonus, 0, 20, "multiplier", "b_BRI: extra loan share once a country has a BRI deal", ""},
        {"loan_record_exponent", &Params::loan_record_exponent, 0, 10, "exponent", "lambda in share_c ~ (F_c + floor)^lambda (1 + b_BRI BRI_c), F_c the country's Chinese official finance record (structure.loan_allocation = finance_record)", ""},
        {"loan_record_floor_musd", &Params::loan_record_floor_musd, 0.001, 1e6, "USD million", "floor added to the lending record F_c, so a country China has not lent to keeps a small share", ""},
        {"loan_ref_project_musd", &Params::loan_ref_project_musd, 0.1, 1e5, "USD million", "project size converting a country allocation into a loan probability", ""},
        {"loan_share", &Params::loan_share, 0, 1, "share of cost", "share of the project cost a loan covers (Philippines: 80%)", ""},
        {"loan_rate", &Params::loan_rate, 0, 0.5, "per year", "loan interest rate (Islamabad 2010, Mauritius 2018: 2%)", ""},
        {"loan_maturity_years", &Params::loan_maturity_years, 1, 60, "years", "loan maturity", ""},
        {"loan_grace_years", &Params::loan_grace_years, 0, 30, "years", "grace period", ""},
        {"discount_rate", &Params::discount_rate, 0.001, 0.5, "per year", "discount rate of the grant element (OECD convention 10%)", ""},
        {"market_entry_year", &Params::market_entry_year, 2000, 2019, "year", "R8: Chinese platform offers start (footprint path zero before)", "U(2006, 2013)"},
        {"visit_window", &Params::visit_window, 0, 40, "steps", "k_V: steps a leader visit keeps a window open", "U(1, 8)"},
        {"visit_fm_weight", &Params::visit_fm_weight, 0, 1, "weight", "weight of a Foreign Minister trip relative to President/Premier", ""},
        {"si_w_bri", &Params::si_w_bri, 0, 10, "weight", "strategic importance: Belt-and-Road deal (AEI flag)", ""},
        {"si_w_engagement", &Params::si_w_engagement, 0, 10, "weight", "strategic importance: leader engagement days per year (log)", ""},
        {"si_w_unga", &Params::si_w_unga, 0, 10, "weight", "strategic importance: UNGA voting agreement with China", ""},
        {"si_w_finance", &Params::si_w_finance, 0, 10, "weight", "strategic importance: Chinese investment and official finance (log)", ""},
        {"si_w_distance", &Params::si_w_distance, 0, 10, "weight", "strategic importance: closeness to China (-log distance)", ""},
        // approval gate (§4.7)
        {"kappa0", &Params::kappa0, -10, 10, "log-odds per step", "baseline approval", ""},
        {"kappa_strategic", &Params::kappa_strategic, -5, 5, "per SD", "approval: strategic importance", ""},
        {"kappa_visit", &Params::kappa_visit, 0, 10, "per open window", "approval: visit window", ""},
        {"kappa_gate_msg", &Params::kappa_gate_msg, 0, 10, "per unit stock", "approval: national U.S. message stock M_c", ""},
        {"kappa_debt", &Params::kappa_debt, 0, 10, "per SD", "approval: Chinese official finance relative to GDP (debt proxy)", ""},
        {"subnational_share", &Params::subnational_share, 0, 1, "share", "probability that a project is decided by the city's official (else by the national official, through the national gate)", "U(0.2, 0.9)"},
        // contestation (§4.8)
        {"zeta0", &Params::zeta0, -10, 10, "log-odds", "baseline contestation", "N(-2, 1)"},
        {"zeta_veto", &Params::zeta_veto, 0, 10, "per unit", "veto-player strength L_c (V-Dem liberal democracy)", "U(0, 3)"},
        {"zeta_dp", &Params::zeta_dp, 0, 10, "per unit", "data-protection strength D_c", "U(0, 3)"},
        {"zeta_salience", &Params::zeta_salience, 0, 10, "per unit", "global salience of Huawei controversies", ""},
        {"zeta_msg", &Params::zeta_msg, 0, 10, "per unit stock", "national U.S. message stock reaching legislatures", ""},
        {"contest_w_proceed", &Params::contest_w_proceed, 0, 1, "weight", "contest outcome weight: proceed", ""},
        {"contest_w_delay", &Params::contest_w_delay, 0, 1, "weight", "contest outcome weight: delay", ""},
        {"contest_w_downscale", &Params::contest_w_downscale, 0, 1, "weight", "contest outcome weight: downscale (drop facial recognition)", ""},
        {"contest_w_cancel", &Params::contest_w_cancel, 0, 1, "weight", "contest outcome weight: cancel", ""},
        {"delay_mean_steps", &Params::delay_mean_steps, 0, 40, "steps", "mean extra delay (1 + Poisson) after a contest", ""},
        // implementation (§4.9)
        {"deploy_cn_years", &Params::deploy_cn_years, 0.1, 10, "years", "median deployment time, Chinese turnkey", "LogN(log 1.5, 0.3)"},
        {"deploy_west_years", &Params::deploy_west_years, 0.1, 10, "years", "median deployment time, Western open systems", "LogN(log 3, 0.3)"},
        {"deploy_sigma", &Params::deploy_sigma, 0, 3, "log SD", "dispersion of deployment times", ""},
        {"lambda_expansion", &Params::lambda_expansion, 0, 10, "per vendor-country-year", "expansion contracts to an operating vendor", ""},
        // officials (§2)
        {"salience_concentration", &Params::salience_concentration, 0.1, 1000, "Dirichlet total", "spread of officials' salience weights around the mean", ""},
        // R2: mean salience weights by decision level (normalised to sum 1), and the two terms only salience weights
        {"sal_city_crime", &Params::sal_city_crime, 0.001, 1, "weight", "city officials: mean salience of crime", "U(0.1, 0.5)"},
        {"sal_city_speed", &Params::sal_city_speed, 0.001, 1, "weight", "city officials: mean salience of speed (deliverability before the vote)", "U(0.05, 0.4)"},
        {"sal_city_cost", &Params::sal_city_cost, 0.001, 1, "weight", "city officials: mean salience of cost", "U(0.05, 0.4)"},
        {"sal_city_security", &Params::sal_city_security, 0.001, 1, "weight", "city officials: mean salience of national-security risk", "U(0.02, 0.4)"},
        {"sal_city_sovereignty", &Params::sal_city_sovereignty, 0.001, 1, "weight", "city officials: mean salience of data sovereignty", "U(0.02, 0.4)"},
        {"sal_nat_crime", &Params::sal_nat_crime, 0.001, 1, "weight", "national officials: mean salience of crime", "U(0.05, 0.4)"},
        {"sal_nat_speed", &Params::sal_nat_speed, 0.001, 1, "weight", "national officials: mean salience of speed", "U(0.02, 0.3)"},
        {"sal_nat_cost", &Params::sal_nat_cost, 0.001, 1, "weight", "national officials: mean salience of cost", "U(0.05, 0.4)"},
        {"sal_nat_security", &Params::sal_nat_security, 0.001, 1, "weight", "national officials: mean salience of national-security risk", "U(0.1, 0.5)"},
        {"sal_nat_sovereignty", &Params::sal_nat_sovereignty, 0.001, 1, "weight", "national officials: mean salience of data sovereignty", "U(0.05, 0.4)"},
        {"beta_security", &Params::beta_security, 0, 10, "per unit 5 s_security", "security-risk penalty on Chinese offers (R2)", "U(0, 2)"},
        {"beta_sovereignty", &Params::beta_sovereignty, 0, 10, "per unit 5 s_sovereignty", "data-sovereignty penalty on Chinese offers (R2)", "U(0, 2)"},
        // observation model (R10)
        {"obs_rate0", &Params::obs_rate0, 0, 10, "per year", "documentation hazard of an adoption in 2008 (public reporting finds it)", "U(0.02, 0.6)"},
        {"obs_growth", &Params::obs_growth, -1, 2, "per year", "growth rate of the documentation hazard (attention grows)", "U(0, 0.4)"},
        {"obs_boost_2018", &Params::obs_boost_2018, 0, 50, "multiplier", "extra documentation hazard from 2018 (Huawei controversies, think-tank reports)", "U(0, 5)"},
        {"obs_agreement_share", &Params::obs_agreement_share, 0, 1, "share", "share of single agreements that an agreement count (CSIS 2019) finds among those documented by the hazard; thins P4's documented agreements", "U(0.02, 1)"},
        {"capital_region_share", &Params::capital_region_share, 0.01, 1, "share of national population", "population of the capital-region agent of a country with no listed city", ""},
        // network (§2)
        {"net_contig_w", &Params::net_contig_w, 0, 10, "weight", "country network: contiguity", ""},
        {"net_comlang_w", &Params::net_comlang_w, 0, 10, "weight", "country network: common official language", ""},
        {"net_colony_w", &Params::net_colony_w, 0, 10, "weight", "country network: colonial tie", ""},
        {"net_unga_w", &Params::net_unga_w, 0, 10, "weight", "country network: UNGA voting similarity", ""},
        {"net_dist_w", &Params::net_dist_w, 0, 10, "weight", "country network: proximity exp(-d/scale)", ""},
        {"net_dist_scale_km", &Params::net_dist_scale_km, 1, 1e5, "km", "proximity scale", ""},
        {"net_dist_max_km", &Params::net_dist_max_km, 0, 1e5, "km", "pairs closer than this are linked even without other ties", ""},
        {"net_cross_border_w", &Params::net_cross_border_w, 0, 10, "weight", "city network: weight of cross-border links relative to the country tie", ""},
        // analysis
        {"regime_free_min", &Params::regime_free_min, 0, 1, "polyarchy", "polyarchy at or above which a country counts as free (Freedom House proxy)", ""},
        {"regime_not_free_max", &Params::regime_not_free_max, 0, 1, "polyarchy", "polyarchy below which a country counts as not free", ""},
    };
    return keys;
}

const std::vector<IntKey>& int_keys() {
    static const std::vector<IntKey> keys = {
        {"crime_base_year", &Params::crime_base_year, 2000, 2023, "year", "year whose cross-country distribution standardises crime"},
        {"visit_observed_until", &Params::visit_observed_until, 2000, 2030, "year", "last year of the observed visit calendar; later visits are drawn at each country's 2013-2019 rate"},
        {"tender_duration", &Params::tender_duration, 1, 40, "steps", "steps a tender stays open without an award"},
        {"approval_timeout", &Params::approval_timeout, 1, 80, "steps", "steps an award waits for national approval before it lapses"},
        {"cancel_cooldown", &Params::cancel_cooldown, 0, 80, "steps", "steps after a cancellation before the city may tender again"},
        {"salience_year", &Params::salience_year, 2000, 2100, "year", "year global salience of Huawei controversies switches on"},
        {"net_cross_border_cities", &Params::net_cross_border_cities, 0, 50, "cities", "largest cities per country linked across borders"},
        {"loan_record_years", &Params::loan_record_years, 1, 15, "years", "years of Chinese official finance (to the year before, or the last reported years) in a country's lending record F_c"},
    };
    return keys;
}

struct VendorRealKey {
    const char* id;
    double VendorParams::*field;
    double lo, hi;
    const char* unit;
    const char* doc;
};
const std::vector<VendorRealKey>& vendor_keys() {
    static const std::vector<VendorRealKey> keys = {
        {"price", &VendorParams::price, 0.01, 100, "multiplier", "price relative to the reference project cost"},
        {"capacity", &VendorParams::capacity, 0, 1000, "bids per step", "bid capacity K_v in 2008"},
        {"capacity_growth", &VendorParams::capacity_growth, -0.5, 2, "per year", "growth of bid capacity (structure.supply = exponential, and the Western aggregate)"},
        {"capacity_2018", &VendorParams::capacity_2018, 0, 1000, "bids per step", "bid capacity in 2018 on the footprint path (structure.supply = footprint; Chinese vendors)"},
        {"finance_access", &VendorParams::finance_access, 0, 1, "probability", "phi_v: access to policy-bank finance"},
        {"unsolicited", &VendorParams::unsolicited, 0, 100, "multiplier", "unsolicited-offer propensity (0: bids on tenders only)"},
        {"deploy_years", &VendorParams::deploy_years, 0, 10, "years", "median deployment time (0: use deploy_cn_years / deploy_west_years)"},
    };
    return keys;
}

}  // namespace

// Per-vendor defaults: CSIS counts Huawei as dominant; Western systems cost more and take longer.
std::array<VendorParams, kVendors> default_vendor_params() {
    std::array<VendorParams, kVendors> v{};
    //            chinese price cap  growth fin  unsol deploy fr    sanction
    v[0] = {true, 1.00, 3.0, 0.25, 0.9, 1.0, 0.0, true, 0, 1, 28.0};   // Huawei
    v[1] = {true, 0.95, 1.5, 0.10, 0.9, 0.6, 0.0, true, 0, 1, 3.9};    // ZTE
    v[2] = {true, 0.85, 1.0, 0.15, 0.3, 0.5, 0.0, true, 0, 1, 4.0};    // Hikvision
    v[3] = {true, 0.80, 0.8, 0.15, 0.3, 0.4, 0.0, true, 0, 1, 3.2};    // Dahua
    v[4] = {true, 1.00, 0.5, 0.05, 0.9, 0.3, 0.0, true, 0, 1, 0.8};    // CEIEC
    v[5] = {false, 1.60, 4.0, 0.02, 0.0, 0.0, 0.0, true, 0, 1, 0.0};   // Western aggregate (exponential path always)
    return v;
}

namespace {

std::string vendor_key(std::size_t v, const char* field) { return std::string("vendors.") + kVendorIds[v] + "." + field; }

KeySpec real_spec(std::string path, double def, double lo, double hi, std::string unit, std::string doc,
                  std::string prior = "") {
    KeySpec k;
    k.path = std::move(path);
    k.type = Type::Float;
    k.default_value = def;
    k.min = lo;
    k.max = hi;
    k.unit = std::move(unit);
    k.doc = std::move(doc);
    k.prior = std::move(prior);
    return k;
}
KeySpec int_spec(std::string path, std::int64_t def, double lo, double hi, std::string unit, std::string doc) {
    KeySpec k = real_spec(std::move(path), 0.0, lo, hi, std::move(unit), std::move(doc));
    k.type = Type::Int;
    k.default_value = def;
    return k;
}
KeySpec string_spec(std::string path, std::string def, std::vector<std::string> choices, std::string doc,
                    Type type = Type::String) {
    KeySpec k;
    k.path = std::move(path);
    k.type = type;
    k.default_value = std::move(def);
    k.choices = std::move(choices);
    k.doc = std::move(doc);
    return k;
}
/// A string key whose values are an enum's names table (choices in enum order).
template <class E, std::size_t N>
KeySpec choice_spec(std::string path, E def, const std::array<const char*, N>& names, std::string doc) {
    return string_spec(std::move(path), name_of(def, names), std::vector<std::string>(names.begin(), names.end()),
                       std::move(doc));
}
/// The enum value of a string key. The schema has rejected other values already; should one get
/// through anyway (a Config not built from the schema), it is a problem named by its key.
template <class E, std::size_t N>
E choice_of(const sim::config::Config& cfg, const std::string& key, const std::array<const char*, N>& names,
            sim::DiagnosticList& problems) {
    const auto value = cfg.get_string(key);
    std::string allowed;
    for (std::size_t k = 0; k < N; ++k) {
        if (value == names[k]) return static_cast<E>(k);
        allowed += (k == 0 ? "" : ", ") + std::string(names[k]);
    }
    problems.add(key, "expected one of " + allowed + ", got '" + value + "'");
    return E{};
}
KeySpec bool_spec(std::string path, bool def, std::string doc) {
    KeySpec k;
    k.path = std::move(path);
    k.type = Type::Bool;
    k.default_value = def;
    k.doc = std::move(doc);
    return k;
}

/// "2008Q1" -> (2008, 1); false if malformed.
bool parse_quarter(const std::string& s, int& year, int& quarter) {
    if (s.size() != 6 || s[4] != 'Q') return false;
    for (int i = 0; i < 4; ++i)
        if (s[static_cast<std::size_t>(i)] < '0' || s[static_cast<std::size_t>(i)] > '9') return false;
    year = std::stoi(s.substr(0, 4));
    quarter = s[5] - '0';
    return quarter >= 1 && quarter <= 4;
}

}  // namespace

sim::config::Schema schema() {
    const Params d;
    sim::config::Schema s;
    s.add(string_spec("model.name", "pushpull", {"pushpull"}, "which model this scenario runs"));
    s.add(string_spec("run.start", "2008Q1", {}, "first simulated quarter, YYYYQn"));
    s.add(string_spec("run.end", "2019Q4", {}, "last simulated quarter, YYYYQn (projections up to 2030Q4)"));
    s.add(int_spec("run.months_per_step", 3, 1, 3, "months", "length of a step: 1 (month) or 3 (quarter)"));
    s.add(int_spec("run.seed", 1, 0, 9.0e15, "", "master seed of every random stream"));
    s.add(string_spec("run.data_dir", "../data", {}, "directory with the curated input tables", Type::Path));
    s.add(int_spec("run.data_until", 0, 0, 2030, "year",
                   "0: the run sees all input data; else only data dated up to this year (temporal "
                   "hold-outs; later covariates are projected, docs/ODD.md \"Data vintage\")"));
    s.add(string_spec("run.data_until_footprints", "cut", {"cut", "keep"},
                      "with run.data_until: the vendor footprint anchors of the supply path dated after it "
                      "are unused (cut) or used (keep: the reported growth of supply is known in advance)"));
    s.add(string_spec("run.cities", "wup300k", {"wup300k", "all50k"},
                      "city agents: UN WUP 2018 agglomerations of 300k+ or all cities of 50k+ (R maps, 2006)"));
    for (const auto& k : real_keys())
        s.add(real_spec(std::string("params.") + k.id, d.*k.field, k.lo, k.hi, k.unit, k.doc, k.prior));
    for (const auto& k : int_keys())
        s.add(int_spec(std::string("params.") + k.id, d.*k.field, k.lo, k.hi, k.unit, k.doc));
    s.add(string_spec("params.peer_signal", "signed", {"signed", "operating"},
                      "a neighbour counts in peer exposure once it has signed, or once it operates"));
    const auto vd = default_vendor_params();
    for (std::size_t v = 0; v < kVendors; ++v) {
        s.add(bool_spec(vendor_key(v, "chinese"), vd[v].chinese, std::string(kVendorNames[v]) + ": a Chinese vendor"));
        for (const auto& k : vendor_keys())
            s.add(real_spec(vendor_key(v, k.id), vd[v].*k.field, k.lo, k.hi, k.unit,
                            std::string(kVendorNames[v]) + ": " + k.doc));
        s.add(bool_spec(vendor_key(v, "facial_recognition"), vd[v].facial_recognition,
                        std::string(kVendorNames[v]) + ": offers facial recognition"));
        s.add(int_spec(vendor_key(v, "sanction_year"), vd[v].sanction_year, 0, 2100, "year",
                       std::string(kVendorNames[v]) + ": sanctions/export controls from this year (0: never)"));
        s.add(string_spec(vendor_key(v, "sanction_start"), "", {},
                          std::string(kVendorNames[v]) +
                              ": sanctions/export controls from this quarter, YYYYQn (e.g. 2019Q4; \"\": use sanction_year)"));
    }
    const UsPolicy u;
    s.add(choice_spec("us.content", u.content, kUsContentNames, "U.S. message content (§4.11)"));
    s.add(choice_spec("us.level", u.level, kUsLevelNames,
                      "officials the U.S. addresses: national (own choice on national projects, gate, legislature) or city officials"));
    s.add(choice_spec("us.targeting", u.targeting, kUsTargetingNames, "whom the budget reaches"));
    s.add(real_spec("us.budget_musd", u.budget_musd, 0, 1e4, "USD million per year",
                    "U.S. budget for messages and alternative offers (R4, R5)"));
    s.add(int_spec("us.start_year", u.start_year, 2000, 2100, "year", "first year of the policy"));
    s.add(real_spec("us.kappa_generic", u.kappa_generic, 0, 50, "utility per unit response",
                    "kappa_G: strength of generic (China-risk) messages; unidentified, drawn from its prior", "U(0, 6)"));
    s.add(real_spec("us.kappa_tailored", u.kappa_tailored, 0, 50, "utility per unit response",
                    "kappa_T: strength of tailored messages; unidentified, same prior as kappa_G", "U(0, 6)"));
    s.add(real_spec("us.backfire_generic", u.backfire_generic, 0, 20, "per unit s_sovereignty",
                    "rho_G: sovereignty backfire of generic messages", "U(0, 1.5)"));
    s.add(real_spec("us.backfire_tailored", u.backfire_tailored, 0, 20, "per unit s_sovereignty",
                    "rho_T: sovereignty backfire of tailored messages (foreign advice resented)", "U(0, 1.5)"));
    s.add(real_spec("us.cost_generic_usd", u.cost_generic_usd, 1, 1e8, "USD per official reached",
                    "c_G: cost of reaching one official with a generic message", "U(20000, 100000)"));
    s.add(real_spec("us.cost_tailored_usd", u.cost_tailored_usd, 1, 1e8, "USD per official reached",
                    "c_T: cost of reaching one official with a tailored message (country-specific work)", "U(50000, 300000)"));
    s.add(real_spec("us.msg_decay", u.msg_decay, 0, 1, "share kept per step", "lambda_M: message stock kept per step", "U(0.7, 0.98)"));
    s.add(real_spec("us.legislature_weight", u.legislature_weight, 0, 10, "share",
                    "national level: effect on the legislature's stock M_c^leg (contestation) per unit effect on the national official's", "U(0, 1)"));
    s.add(int_spec("us.detect_lag_steps", u.detect_lag_steps, 0, 40, "steps",
                   "targeting chinese_offer: steps before the U.S. can see a Chinese offer"));
    s.add(real_spec("us.detect_prob", u.detect_prob, 0, 1, "probability",
                    "targeting chinese_offer: probability a Chinese offer is ever seen", "U(0.3, 1)"));
    s.add(string_spec("us.target_regions", u.target_regions, {},
                      "restrict targeting to these UN regions, comma-separated (Africa, Americas, Asia, Europe, Oceania; empty: all)"));
    s.add(string_spec("us.target_income", u.target_income, {},
                      "restrict targeting to these World Bank income groups, comma-separated (e.g. \"Lower middle income\"; empty: all)"));
    s.add(string_spec("us.target_countries", u.target_countries, {},
                      "restrict targeting to these ISO3 codes, comma-separated (empty: all)"));
    s.add(bool_spec("us.alternative", u.alternative,
                    "R5: each reached decider also gets a Western offer (price, delivery, U.S. financing) paid from the budget"));
    s.add(real_spec("us.alt_price", u.alt_price, 0.01, 100, "multiplier", "alternative offer: price on the reference project cost"));
    s.add(real_spec("us.alt_deploy_years", u.alt_deploy_years, 0.1, 10, "years", "alternative offer: median delivery time"));
    s.add(real_spec("us.alt_loan_rate", u.alt_loan_rate, 0, 0.5, "per year", "alternative offer: DFC/EXIM-style loan interest rate"));
    s.add(real_spec("us.alt_loan_maturity_years", u.alt_loan_maturity_years, 1, 60, "years", "alternative offer: loan maturity"));
    s.add(real_spec("us.alt_loan_grace_years", u.alt_loan_grace_years, 0, 30, "years", "alternative offer: loan grace period"));
    s.add(real_spec("us.alt_loan_share", u.alt_loan_share, 0, 1, "share of cost", "alternative offer: share of the cost the loan covers"));
    s.add(int_spec("us.alt_window_steps", u.alt_window_steps, 1, 80, "steps", "alternative offer: steps it stays in the choice set"));
    s.add(real_spec("us.alt_prep_cost_usd", u.alt_prep_cost_usd, 0, 1e9, "USD per offer",
                    "alternative offer: fixed U.S. cost per offer, on top of its grant element (the subsidy)"));
    s.add(real_spec("us.safeguard_budget", u.safeguard_budget, 0, 1000, "countries per year",
                    "legal-safeguard assistance (legislatures, data-protection bodies): countries assisted per year (0: off)"));
    s.add(choice_spec("us.safeguard_targeting", u.safeguard_targeting, kSafeguardTargetingNames,
                      "safeguard assistance: countries first served (a Chinese offer last step, network centrality, strongest veto players)"));
    s.add(int_spec("us.safeguard_start_year", u.safeguard_start_year, 2000, 2100, "year", "first year of safeguard assistance"));
    s.add(real_spec("us.safeguard_effect", u.safeguard_effect, 0, 1, "D_c units per assisted year",
                    "rise of data-protection strength D_c (capped at 1) per year of assistance; assumed, not calibrated", "grid"));
    s.add(real_spec("us.safeguard_decay", u.safeguard_decay, 0, 1, "share kept per step",
                    "share of the assistance stock G_c kept per step"));
    const Structure st;
    s.add(choice_spec("structure.decision_level", st.decision_level, kDecisionLevelNames,
                      "R1: who decides: drawn per project with subnational_share, or (first build) capitals national, other cities by a per-city draw"));
    s.add(choice_spec("structure.city_access", st.city_access, kCityAccessNames,
                      "R1: every city tenders and gets unsolicited offers, or (first build) unsolicited offers to capitals only and a tender offset elsewhere"));
    s.add(choice_spec("structure.expansion", st.expansion, kExpansionNames,
                      "R1: expansion contracts are offers the decider chooses, or (first build) signed directly"));
    s.add(bool_spec("structure.salience_in_choice", st.salience_in_choice,
                    "R2: salience weights the decider's utility terms (false, first build: only message reception)"));
    s.add(choice_spec("structure.approval", st.approval, kApprovalNames,
                      "R3: national approval before the contract and after it, or (first build) only after signature"));
    s.add(bool_spec("structure.us_adopter", st.us_adopter, "R7: the United States can adopt (first build: true)"));
    s.add(bool_spec("structure.rank_sees_opposition", st.rank_sees_opposition,
                    "R7: vendors' EV ranking sees local opposition too (first build: true, democracy counted twice)"));
    s.add(choice_spec("structure.crime_channels", st.crime_channels, kCrimeChannelsNames,
                      "R7: where crime pressure enters: the tender hazard and the choice (by design), or one of them"));
    s.add(choice_spec("structure.covariates", st.covariates, kCovariatesNames,
                      "R9: S_c(t), debt(t) and democracy(t) from data up to t, or (first build) static means with look-ahead"));
    s.add(choice_spec("structure.supply", st.supply, kSupplyNames,
                      "R8: Chinese bid capacity follows Huawei's reported Safe City footprint (vendor_footprints.csv), or (first build) grows exponentially from 2008"));
    s.add(choice_spec("structure.loan_budget", st.loan_budget, kLoanBudgetNames,
                      "R8: loan-backed offers draw down China's yearly loan budget, or (first build) a loan is a per-offer probability only"));
    s.add(choice_spec("structure.loan_allocation", st.loan_allocation, kLoanAllocationNames,
                      "R8: the yearly loan budget is shared by each country's Chinese official-finance record of the previous loan_record_years (AidData, lagged), or (first build) by strategic importance exp(zeta S_c)"));
    s.add(choice_spec("structure.entry_decision", st.entry_decision, kEntryDecisionNames,
                      "entry: every city decides to tender on its own (city), or a country first decides on a national programme at a country-level hazard and its cities tender only after it (country_programme)"));
    s.add(choice_spec(
        "structure.programme_offer", st.programme_offer, kProgrammeOfferNames,
        "country_programme only: the programme's first tender competes for vendor capacity like any other (ranked), or "
        "the Chinese vendor with the highest expected value offers it at once, outside its capacity (leader)"));
    return s;
}

sim::Result<Params> params_from_config(const sim::config::Config& cfg) {
    Params p;
    sim::DiagnosticList problems;
    if (!parse_quarter(cfg.get_string("run.start"), p.start_year, p.start_quarter))
        problems.add("run.start", "expected YYYYQn (e.g. 2008Q1), got '" + cfg.get_string("run.start") + "'");
    if (!parse_quarter(cfg.get_string("run.end"), p.end_year, p.end_quarter))
        problems.add("run.end", "expected YYYYQn (e.g. 2019Q4), got '" + cfg.get_string("run.end") + "'");
    if (problems.empty()) {
        if (p.start_year * 4 + p.start_quarter > p.end_year * 4 + p.end_quarter)
            problems.add("run.end", "must not be before run.start");
        if (p.start_year < 2000 || p.end_year > 2030)
            problems.add("run.start/run.end", "the data support 2000Q1 to 2030Q4");
    }
    p.months_per_step = static_cast<int>(cfg.get_int("run.months_per_step"));
    if (p.months_per_step != 1 && p.months_per_step != 3)
        problems.add("run.months_per_step", "expected 1 or 3, got " + std::to_string(p.months_per_step));
    p.seed = static_cast<std::uint64_t>(cfg.get_int("run.seed"));
    p.data_dir = cfg.get_string("run.data_dir");
    p.city_set = cfg.get_string("run.cities");
    p.data_until = static_cast<int>(cfg.get_int("run.data_until"));
    p.data_until_cuts_footprints = cfg.get_string("run.data_until_footprints") == "cut";
    if (p.data_until != 0 && (p.data_until < 2005 || p.data_until > 2030))
        problems.add("run.data_until", "expected 0 (no truncation) or a year in 2005..2030, got " +
                                           std::to_string(p.data_until));
    for (const auto& k : real_keys()) p.*k.field = cfg.get_double(std::string("params.") + k.id);
    for (const auto& k : int_keys()) p.*k.field = static_cast<int>(cfg.get_int(std::string("params.") + k.id));
    p.peer_signal = cfg.get_string("params.peer_signal");
    p.peer_operating_only = p.peer_signal == "operating";
    for (std::size_t v = 0; v < kVendors; ++v) {
        auto& vp = p.vendors[v];
        vp.chinese = cfg.get_bool(vendor_key(v, "chinese"));
        for (const auto& k : vendor_keys()) vp.*k.field = cfg.get_double(vendor_key(v, k.id));
        vp.facial_recognition = cfg.get_bool(vendor_key(v, "facial_recognition"));
        vp.sanction_year = static_cast<int>(cfg.get_int(vendor_key(v, "sanction_year")));
        vp.sanction_quarter = 1;
        if (const auto& start = cfg.get_string(vendor_key(v, "sanction_start")); !start.empty()) {
            int y = 0, q = 0;
            if (!parse_quarter(start, y, q) || y < 2000 || y > 2100)
                problems.add(vendor_key(v, "sanction_start"), "expected YYYYQn (e.g. 2019Q4) or \"\", got '" + start + "'");
            else if (vp.sanction_year != 0)
                problems.add(vendor_key(v, "sanction_start"), "set either sanction_start or sanction_year, not both");
            else {
                vp.sanction_year = y;
                vp.sanction_quarter = q;
            }
        }
        if (vp.deploy_years <= 0.0) vp.deploy_years = vp.chinese ? p.deploy_cn_years : p.deploy_west_years;
    }
    if (p.contest_w_proceed + p.contest_w_delay + p.contest_w_downscale + p.contest_w_cancel <= 0.0)
        problems.add("params.contest_w_*", "the four contest outcome weights must not all be zero");
    if (p.loan_grace_years >= p.loan_maturity_years)
        problems.add("params.loan_grace_years", "must be shorter than params.loan_maturity_years");
    if (p.regime_not_free_max > p.regime_free_min)
        problems.add("params.regime_not_free_max", "must not exceed params.regime_free_min");
    p.us.content = choice_of<UsContent>(cfg, "us.content", kUsContentNames, problems);
    p.us.level = choice_of<UsLevel>(cfg, "us.level", kUsLevelNames, problems);
    p.us.targeting = choice_of<Targeting>(cfg, "us.targeting", kUsTargetingNames, problems);
    p.us.budget_musd = cfg.get_double("us.budget_musd");
    p.us.start_year = static_cast<int>(cfg.get_int("us.start_year"));
    p.us.kappa_generic = cfg.get_double("us.kappa_generic");
    p.us.kappa_tailored = cfg.get_double("us.kappa_tailored");
    p.us.backfire_generic = cfg.get_double("us.backfire_generic");
    p.us.backfire_tailored = cfg.get_double("us.backfire_tailored");
    p.us.cost_generic_usd = cfg.get_double("us.cost_generic_usd");
    p.us.cost_tailored_usd = cfg.get_double("us.cost_tailored_usd");
    p.us.msg_decay = cfg.get_double("us.msg_decay");
    p.us.legislature_weight = cfg.get_double("us.legislature_weight");
    p.us.detect_lag_steps = static_cast<int>(cfg.get_int("us.detect_lag_steps"));
    p.us.detect_prob = cfg.get_double("us.detect_prob");
    p.us.target_regions = cfg.get_string("us.target_regions");
    p.us.target_income = cfg.get_string("us.target_income");
    p.us.target_countries = cfg.get_string("us.target_countries");
    p.us.alternative = cfg.get_bool("us.alternative");
    p.us.alt_price = cfg.get_double("us.alt_price");
    p.us.alt_deploy_years = cfg.get_double("us.alt_deploy_years");
    p.us.alt_loan_rate = cfg.get_double("us.alt_loan_rate");
    p.us.alt_loan_maturity_years = cfg.get_double("us.alt_loan_maturity_years");
    p.us.alt_loan_grace_years = cfg.get_double("us.alt_loan_grace_years");
    p.us.alt_loan_share = cfg.get_double("us.alt_loan_share");
    p.us.alt_window_steps = static_cast<int>(cfg.get_int("us.alt_window_steps"));
    p.us.alt_prep_cost_usd = cfg.get_double("us.alt_prep_cost_usd");
    if (p.us.alt_loan_grace_years >= p.us.alt_loan_maturity_years)
        problems.add("us.alt_loan_grace_years", "must be shorter than us.alt_loan_maturity_years");
    p.us.safeguard_budget = cfg.get_double("us.safeguard_budget");
    p.us.safeguard_targeting = choice_of<Targeting>(cfg, "us.safeguard_targeting", kSafeguardTargetingNames, problems);
    p.us.safeguard_start_year = static_cast<int>(cfg.get_int("us.safeguard_start_year"));
    p.us.safeguard_effect = cfg.get_double("us.safeguard_effect");
    p.us.safeguard_decay = cfg.get_double("us.safeguard_decay");
    auto& st = p.structure;
    st.decision_level = choice_of<DecisionLevel>(cfg, "structure.decision_level", kDecisionLevelNames, problems);
    st.city_access = choice_of<CityAccess>(cfg, "structure.city_access", kCityAccessNames, problems);
    st.expansion = choice_of<ExpansionRule>(cfg, "structure.expansion", kExpansionNames, problems);
    st.salience_in_choice = cfg.get_bool("structure.salience_in_choice");
    st.approval = choice_of<ApprovalRule>(cfg, "structure.approval", kApprovalNames, problems);
    st.us_adopter = cfg.get_bool("structure.us_adopter");
    st.rank_sees_opposition = cfg.get_bool("structure.rank_sees_opposition");
    st.crime_channels = choice_of<CrimeChannels>(cfg, "structure.crime_channels", kCrimeChannelsNames, problems);
    st.covariates = choice_of<Covariates>(cfg, "structure.covariates", kCovariatesNames, problems);
    st.supply = choice_of<Supply>(cfg, "structure.supply", kSupplyNames, problems);
    st.loan_budget = choice_of<LoanBudget>(cfg, "structure.loan_budget", kLoanBudgetNames, problems);
    st.loan_allocation = choice_of<LoanAllocation>(cfg, "structure.loan_allocation", kLoanAllocationNames, problems);
    st.entry_decision = choice_of<EntryDecision>(cfg, "structure.entry_decision", kEntryDecisionNames, problems);
    st.programme_offer = choice_of<ProgrammeOffer>(cfg, "structure.programme_offer", kProgrammeOfferNames, problems);
    if (!problems.empty()) return std::unexpected(problems.to_error());
    return p;
}

}  // namespace pushpull
