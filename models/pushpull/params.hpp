#pragma once
/// Parameters of the push–pull model (MODEL.md §5). Every parameter has a stable id (its scenario key
/// path), a unit and a documented default/prior, declared once in params.cpp (`schema()`); the typed
/// struct below is filled from a validated Config by `params_from_config`.
#include <array>
#include <cstdint>
#include <string>

#include "sim/config/scenario.hpp"
#include "sim/error.hpp"

namespace pushpull {

inline constexpr std::size_t kVendors = 6;
/// Vendor order is part of the output format (vendor index in /cities and /events).
inline constexpr std::array<const char*, kVendors> kVendorIds = {"huawei", "zte", "hikvision", "dahua", "ceiec", "western"};
inline constexpr std::array<const char*, kVendors> kVendorNames = {"Huawei", "ZTE", "Hikvision", "Dahua", "CEIEC",
                                                                   "Western aggregate"};
inline constexpr std::size_t kHuawei = 0;

/// The string options of the scenario, parsed once by params_from_config so that rules compare
/// enums, not strings, in per-city loops. Each names table lists the TOML values in enum order
/// (the order of the schema's choices and of --print-config).
enum class UsContent : std::uint8_t { None, Generic, Tailored };
inline constexpr std::array<const char*, 3> kUsContentNames = {"none", "generic", "tailored"};
enum class UsLevel : std::uint8_t { National, Subnational };
inline constexpr std::array<const char*, 2> kUsLevelNames = {"national", "subnational"};
/// Whom a U.S. budget reaches first; Veto only for safeguard assistance (the schema checks which key allows what).
enum class Targeting : std::uint8_t { Random, ChineseOffer, Centrality, Veto };
inline constexpr std::array<const char*, 3> kUsTargetingNames = {"random", "chinese_offer", "centrality"};
inline constexpr std::array<const char*, 4> kSafeguardTargetingNames = {"random", "chinese_offer", "centrality", "veto"};
enum class DecisionLevel : std::uint8_t { Project, CapitalNational };
inline constexpr std::array<const char*, 2> kDecisionLevelNames = {"project", "capital_national"};
enum class CityAccess : std::uint8_t { AllCities, CapitalEntry };
inline constexpr std::array<const char*, 2> kCityAccessNames = {"all_cities", "capital_entry"};
enum class ExpansionRule : std::uint8_t { Choice, Direct };
inline constexpr std::array<const char*, 2> kExpansionNames = {"choice", "direct"};
enum class ApprovalRule : std::uint8_t { BeforeAndAfter, After };
inline constexpr std::array<const char*, 2> kApprovalNames = {"before_and_after", "after"};
enum class CrimeChannels : std::uint8_t { TenderAndChoice, Choice, Tender };
inline constexpr std::array<const char*, 3> kCrimeChannelsNames = {"tender_and_choice", "choice", "tender"};
enum class Covariates : std::uint8_t { TimeVarying, Static };
inline constexpr std::array<const char*, 2> kCovariatesNames = {"time_varying", "static"};
enum class Supply : std::uint8_t { Footprint, Exponential };
inline constexpr std::array<const char*, 2> kSupplyNames = {"footprint", "exponential"};
enum class LoanBudget : std::uint8_t { DrawnDown, Probability };
inline constexpr std::array<const char*, 2> kLoanBudgetNames = {"drawn_down", "probability"};
enum class LoanAllocation : std::uint8_t { FinanceRecord, Strategic };
inline constexpr std::array<const char*, 2> kLoanAllocationNames = {"finance_record", "strategic"};
enum class EntryDecision : std::uint8_t { City, CountryProgramme };
inline constexpr std::array<const char*, 2> kEntryDecisionNames = {"city", "country_programme"};
enum class ProgrammeOffer : std::uint8_t { Ranked, Leader };
inline constexpr std::array<const char*, 2> kProgrammeOfferNames = {"ranked", "leader"};

/// The TOML value of an option (its names table in enum order).
template <class E, std::size_t N>
constexpr const char* name_of(E e, const std::array<const char*, N>& names) {
    return names[static_cast<std::size_t>(e)];
}

struct VendorParams {
    bool chinese = true;
    double price = 1.0;             ///< price multiplier on the reference project cost
    double capacity = 1.0;          ///< bids per step in 2008
    double capacity_growth = 0.0;   ///< growth of capacity per year (0.15 = 15%/yr)
    double finance_access = 0.0;    ///< phi_v: probability an offer carries an available policy-bank loan
    double unsolicited = 0.0;       ///< multiplier on the unsolicited-offer rate (0 = bids only on tenders)
    double deploy_years = 1.5;      ///< median deployment time
    bool facial_recognition = true;
    int sanction_year = 0;          ///< 0 = never; from (sanction_year, sanction_quarter) cost x sanction_cost, capacity x sanction_capacity
    int sanction_quarter = 1;       ///< quarter of sanction_year the sanctions start (1 for `sanction_year`; from `sanction_start`)
    double capacity_2018 = 0.0;     ///< bids per step in 2018 (structure.supply = footprint, Chinese vendors)
};

/// Per-vendor defaults (Huawei dominant; Western systems cost more and take longer).
std::array<VendorParams, kVendors> default_vendor_params();

/// U.S. policy (MODEL.md §4.11, Revision 2 R4–R5): content x level x dollar budget x targeting,
/// optionally with a Western alternative offer paid from the same budget.
struct UsPolicy {
    UsContent content = UsContent::None;        ///< none | generic | tailored
    UsLevel level = UsLevel::Subnational;       ///< national | subnational
    Targeting targeting = Targeting::Random;    ///< random | chinese_offer | centrality
    double budget_musd = 0.0;          ///< U.S. dollars (million) per year for messages and alternatives
    int start_year = 2014;
    // R4: each content has its own strength, backfire and cost per official reached.
    double kappa_generic = 2.0;        ///< utility per unit response r_generic
    double kappa_tailored = 2.0;       ///< utility per unit response r_tailored
    double backfire_generic = 0.5;     ///< rho_G: sovereignty backfire of generic messages
    double backfire_tailored = 0.5;    ///< rho_T: sovereignty backfire of tailored messages
    double cost_generic_usd = 50e3;    ///< c_G: cost per official reached
    double cost_tailored_usd = 150e3;  ///< c_T: cost per official reached (country-specific work)
    double msg_decay = 0.9;            ///< lambda_M: message stock kept per step
    double legislature_weight = 0.5;   ///< share of a national message's effect that reaches the legislature (M_c^leg)
    // Targeting "cities with a Chinese offer": an offer is seen after a lag, with a probability.
    int detect_lag_steps = 1;
    double detect_prob = 0.7;
    std::string target_regions;        ///< comma-separated UN regions ("" = all)
    std::string target_income;         ///< comma-separated World Bank income groups ("" = all)
    std::string target_countries;      ///< comma-separated ISO3 codes ("" = all)
    // R5: a Western alternative offer in the reached decider's choice set.
    bool alternative = false;
    double alt_price = 1.3;            ///< price multiplier on the reference project cost
    double alt_deploy_years = 2.0;     ///< median delivery time
    double alt_loan_rate = 0.02, alt_loan_maturity_years = 15.0, alt_loan_grace_years = 4.0;
    double alt_loan_share = 0.8;       ///< share of the cost the U.S.-backed loan covers
    int alt_window_steps = 4;          ///< steps the offer stays in the decider's choice set
    double alt_prep_cost_usd = 200e3;  ///< fixed U.S. cost of preparing one offer (plus its grant element)
    // Legal-safeguard assistance (MODEL.md §4.12): programmes for legislatures and data-protection
    // bodies that raise D_c in the contestation of §4.8. Off while safeguard_budget is 0.
    double safeguard_budget = 0.0;              ///< countries assisted per year
    Targeting safeguard_targeting = Targeting::ChineseOffer;  ///< random | chinese_offer | centrality | veto
    int safeguard_start_year = 2014;
    double safeguard_effect = 0.2;              ///< D_c units added per assisted country-year
    double safeguard_decay = 0.98;              ///< share of the assistance stock G_c kept per step
};

/// Structural switches (Revision 2): each names a modelling choice that could decide a finding.
/// The second value in each comment reproduces the first build's rule, so a multiverse can sweep it.
struct Structure {
    DecisionLevel decision_level = DecisionLevel::Project;  ///< project (R1: drawn per project) | capital_national
    CityAccess city_access = CityAccess::AllCities;  ///< all_cities (R1) | capital_entry (offers via capitals, tender offset)
    ExpansionRule expansion = ExpansionRule::Choice;  ///< choice (R1: through the decider) | direct
    bool salience_in_choice = true;          ///< R2 | false: salience only in message reception
    ApprovalRule approval = ApprovalRule::BeforeAndAfter;  ///< R3 | after (gate only after signature)
    bool us_adopter = false;                 ///< R7: the U.S. cannot adopt | true
    bool rank_sees_opposition = false;       ///< R7: vendors' EV ignores local opposition | true (counted twice)
    CrimeChannels crime_channels = CrimeChannels::TenderAndChoice;  ///< tender_and_choice | choice | tender
    Covariates covariates = Covariates::TimeVarying;  ///< R9: S_c(t), debt(t), democracy(t) | static (look-ahead)
    Supply supply = Supply::Footprint;  ///< R8: Chinese capacity follows Huawei's reported footprint | exponential
    LoanBudget loan_budget = LoanBudget::DrawnDown;  ///< R8: loan-backed offers draw down China's yearly budget | probability
    LoanAllocation loan_allocation = LoanAllocation::FinanceRecord;  ///< R8: budget shared by each country's Chinese lending record | strategic
    EntryDecision entry_decision = EntryDecision::City;  ///< city: every city tenders on its own | country_programme: one national decision first (rules/programme.cpp)
    ProgrammeOffer programme_offer = ProgrammeOffer::Ranked;  ///< ranked: the programme's tender competes for capacity
                                                              ///< | leader: it gets a Chinese offer at once
};

struct Params {
    // run
    int start_year = 2008, start_quarter = 1, end_year = 2019, end_quarter = 4;
    int months_per_step = 3;
    std::uint64_t seed = 1;
    std::string data_dir;
    std::string city_set = "wup300k";
    int data_until = 0;  ///< 0: all input data; else the last year of data the run may see (data/truncate.hpp)
    bool data_until_cuts_footprints = true;  ///< run.data_until_footprints = cut: supply anchors after data_until unused

    // choice (§4.5)
    double alpha0 = -3.3, beta_tender_open = 3.0, beta_crime = 0.5, beta_election = 1.0;
    double election_b = 0.0, election_s = 0.5;
    double beta_peer = 1.0, beta_imitation = 1.0, imitation_decay = 6.0;
    double beta_price = 0.3, beta_strategic = 0.5, beta_visit = 1.0, gamma_installed = 0.5;
    double beta_opposition = 1.0, beta_democracy = 0.0;
    double budget_share = 0.01, cost_per_capita_usd = 20.0;
    std::string peer_signal = "signed";
    bool peer_operating_only = false;  ///< derived: peer_signal == "operating"
    // crime (§4.1)
    double crime_city_sd = 0.0, shock_rate = 0.02, shock_size = 1.0, shock_decay = 0.5;
    int crime_base_year = 2008;
    double crime_ar_rho = 0.95, crime_ar_sd = 0.05;  ///< projections (after 2019): AR(1) around the last level
    // tender (§4.3)
    double alpha_tender = -4.5, tender_secondary = -4.5;
    int tender_duration = 4;
    // national programme (structure.entry_decision = country_programme; rules/programme.cpp)
    double programme_alpha = -3.0, programme_beta_loan = 0.0, programme_beta_bri = 0.0, programme_secondary = 0.0;
    // vendors (§4.4)
    double unsolicited_rate = 1.0, omega_visit = 1.0, chi_strategic = 0.5, psi_loan = 0.0;
    double ev_size_exponent = 0.5, eta_new_market = 0.0;
    double sanction_cost = 1.5, sanction_capacity = 0.3;
    // electoral clock (§4.2)
    double term_years = 4.0;
    // finance and China (§4.6, §4.10)
    double loan_budget_musd = 2000.0, loan_step_2013 = 2.5, loan_strategic_exponent = 1.0, loan_bri_bonus = 1.0;
    double loan_record_exponent = 1.0, loan_record_floor_musd = 10.0;
    int loan_record_years = 5;
    double loan_ref_project_musd = 50.0, loan_share = 0.8, loan_rate = 0.02, loan_maturity_years = 20.0;
    double loan_grace_years = 5.0, discount_rate = 0.10;
    double market_entry_year = 2009.0;  ///< R8: before it, Chinese platform offers are absent (footprint path zero)
    double visit_window = 4.0, visit_fm_weight = 0.5;
    int visit_observed_until = 2019;  ///< after this year visits are a Poisson process per country
    double si_w_bri = 1.0, si_w_engagement = 1.0, si_w_unga = 1.0, si_w_finance = 1.0, si_w_distance = 1.0;
    // approval gate (§4.7)
    double kappa0 = 0.5, kappa_strategic = 0.5, kappa_visit = 1.0, kappa_gate_msg = 1.0, kappa_debt = 0.2;
    int approval_timeout = 8, cancel_cooldown = 8;
    double subnational_share = 0.7;
    // contestation (§4.8)
    double zeta0 = -2.0, zeta_veto = 1.5, zeta_dp = 1.0, zeta_salience = 1.0, zeta_msg = 1.0;
    int salience_year = 2018;
    double contest_w_proceed = 0.3, contest_w_delay = 0.35, contest_w_downscale = 0.25, contest_w_cancel = 0.1;
    double delay_mean_steps = 4.0;
    // implementation (§4.9)
    double deploy_cn_years = 1.5, deploy_west_years = 3.0, deploy_sigma = 0.3, lambda_expansion = 0.15;
    // officials (§2)
    double salience_concentration = 10.0;
    // R2: mean salience weights (crime, speed, cost, security, sovereignty) by decision level,
    // normalised to sum 1 when officials are drawn.
    double sal_city_crime = 0.30, sal_city_speed = 0.25, sal_city_cost = 0.20, sal_city_security = 0.10,
           sal_city_sovereignty = 0.15;
    double sal_nat_crime = 0.15, sal_nat_speed = 0.10, sal_nat_cost = 0.20, sal_nat_security = 0.35,
           sal_nat_sovereignty = 0.20;
    double beta_security = 0.5;     ///< security-risk penalty on Chinese offers, per unit 5 x s_security
    double beta_sovereignty = 0.3;  ///< data-sovereignty penalty on Chinese offers, per unit 5 x s_sovereignty
    double capital_region_share = 0.25;
    // observation model (R10): documentation hazard obs_rate0 x exp(obs_growth (t - 2008)) x (1 + obs_boost_2018 [t >= 2018])
    double obs_rate0 = 0.15, obs_growth = 0.1, obs_boost_2018 = 2.0;
    double obs_agreement_share = 1.0;  ///< share of single agreements a count like CSIS's finds, on top of the hazard
    // network (§2)
    double net_contig_w = 1.0, net_comlang_w = 0.5, net_colony_w = 0.5, net_unga_w = 0.5, net_dist_w = 1.0;
    double net_dist_scale_km = 2000.0, net_dist_max_km = 3000.0, net_cross_border_w = 0.5;
    int net_cross_border_cities = 3;
    // analysis
    double regime_free_min = 0.65, regime_not_free_max = 0.35;

    std::array<VendorParams, kVendors> vendors = default_vendor_params();
    UsPolicy us;
    Structure structure;
};

/// Every scenario key of the push–pull model, with type, range, unit, doc and prior.
sim::config::Schema schema();

/// Fills Params from a validated Config; checks cross-key constraints (start before end,
/// months_per_step 1 or 3, contest weights not all zero). Errors: BadInput naming the keys.
sim::Result<Params> params_from_config(const sim::config::Config& cfg);

}  // namespace pushpull
