#pragma once
/// The rules of the push–pull model, one function per (phase, agent). Each says what it Reads,
/// Writes and Draws; each writes only the entries of its own agent. The order they run in is the
/// schedule (schedule.cpp).
#include "models/pushpull/rules/context.hpp"
#include "sim/parallel.hpp"

namespace sim { class Executor; }

namespace pushpull::rules {

// Phase 1 — exogenous update (rules/exogenous.cpp)
void update_crime_shock(const StepContext& ctx, std::size_t country);
void update_peer_weights(const StepContext& ctx);
void compute_peer_signals(const StepContext& ctx, std::size_t city);
void record_visit(const StepContext& ctx, std::size_t country);
void prepare_country_terms(const StepContext& ctx, std::size_t country);

// Phase 2 — China (rules/china.cpp)
void set_vendor_capacity(const StepContext& ctx, std::size_t vendor);
void draw_loan_budget(const StepContext& ctx);  // after resolve_bids: loans draw down the year's budget

// Phase 3 — United States (rules/united_states.cpp): serial selection, then per-agent stock update
void send_us_messages(const StepContext& ctx, const sim::Executor& ex);
void assist_safeguards(const StepContext& ctx);

// Phase 4 — national programme (rules/programme.cpp; structure.entry_decision = country_programme)
void decide_programme(const StepContext& ctx, std::size_t country);
void offer_programme(const StepContext& ctx, std::size_t country);  // after resolve_bids: the programme's first offer
/// eta_P: the programme decision's log-hazard per year (its closed form is in rules/programme.cpp).
double programme_log_hazard(const StepContext& ctx, std::size_t country);

// Phase 4 — tenders (rules/tender.cpp)
void open_tender(const StepContext& ctx, std::size_t city);

// Phase 5 — vendors (rules/vendors.cpp): cities propose, vendors keep their top K_v
void propose_bids(const StepContext& ctx, std::size_t city);
void resolve_bids(const StepContext& ctx, std::size_t vendor, std::vector<std::uint32_t>& candidates);
void record_offers(const StepContext& ctx, std::size_t city);
void offer_expansion(const StepContext& ctx, std::size_t country);  // structure.expansion = choice

// Phase 6 — the official's choice (rules/choice.cpp)
void choose_offer(const StepContext& ctx, std::size_t city);

// Phase 7 — national approval gate and contestation (rules/approval.cpp)
void approve_and_contest(const StepContext& ctx, std::size_t city);

// Phase 8 — implementation and expansion (rules/implementation.cpp)
void progress_implementation(const StepContext& ctx, std::size_t city);
void sign_expansion(const StepContext& ctx, std::size_t country);   // structure.expansion = direct

// Phase 9 — country aggregates for the next step (rules/aggregate.cpp)
void aggregate_country(const StepContext& ctx, std::size_t country);

/// Does a project of vendor v in city i need national approval (R3)? Chinese national or loan-backed projects.
bool needs_national_approval(const StepContext& ctx, std::size_t city, std::size_t vendor, bool loan);
/// The national gate's log-odds (§4.7): kappa0 + kappa_S S_c(t) + kappa_V Visit - kappa_M M_c - kappa_D debt_c(t).
double approval_log_odds(const StepContext& ctx, std::size_t city);

/// Signs an agreement between city i and vendor v (shared by choice and expansion).
/// `alternative`: the U.S.-backed Western offer (R5), which delivers in us.alt_deploy_years.
void sign_agreement(const StepContext& ctx, std::size_t city, std::size_t vendor, bool loan, bool alternative = false);

}  // namespace pushpull::rules
