// Revision 2 R8: China's loan budget is a real budget. On the shipped data, every step: the budget
// left is never negative, and what is left plus what loan-backed offers drew this year is the
// year's budget (conserved); a tight budget caps the loans.
#include <gtest/gtest.h>

#include <cmath>

#include "models/pushpull/data/input_data.hpp"
#include "models/pushpull/simulation.hpp"
#include "models/pushpull/world/world.hpp"
#include "sim/parallel.hpp"

namespace pushpull {
namespace {

std::size_t loans_signed(const std::vector<Event>& events) {
    std::size_t n = 0;
    for (const auto& e : events) n += e.kind == EventKind::Loan;
    return n;
}

TEST(LoanBudget, NeverNegativeAndConserved) {
    auto input = data::load_input_data(std::string(PUSHPULL_SOURCE_DIR) + "/data", data::CitySet::Wup300k);
    ASSERT_TRUE(input) << input.error().message();
    std::size_t loans_at[2] = {0, 0};
    for (int tight = 0; tight < 2; ++tight) {
        Params p;
        p.loan_budget_musd = tight ? 20.0 : 2000.0;
        auto world = build_world(*input, p);
        ASSERT_TRUE(world) << world.error().message();
        const auto exec = sim::Executor::serial();
        Simulation sim(*world, p, exec);
        double drawn = 0.0;
        for (std::size_t s = 0; s < world->time.steps; ++s) {
            sim.step(nullptr);
            const auto& st = sim.state();
            ASSERT_GE(st.loan_remaining_musd, 0.0) << "step " << s;
            const double budget = world->exo.loan_budget_musd[s];
            ASSERT_NEAR(st.loan_remaining_musd + st.loan_spent_musd_year, budget, 1e-9 * budget) << "step " << s;
            drawn = st.loan_spent_musd_year;
        }
        EXPECT_GT(drawn, 0.0);
        loans_at[tight] = loans_signed(sim.events());
    }
    EXPECT_LT(loans_at[1], loans_at[0]) << "a budget of $20M a year must cap the loans";
}

}  // namespace
}  // namespace pushpull
