// Docking of the national programme decision (models/pushpull/rules/programme.cpp) against its
// closed form. Covariates are constant in time, so each country's programme step is geometric with
// per-step probability q_c = 1 − exp(−exp(eta_c)·Δt), eta_c = programme_alpha + beta_S S_c +
// programme_beta_loan q_loan_c + programme_beta_bri BRI_c (written out here, not taken from the
// model), mean (1 − q_c)/q_c. Tolerance: |mean − μ| ≤ 4·sd/√N over N replicates (seeds).
#include <gtest/gtest.h>

#include <cmath>
#include <numeric>
#include <vector>

#include "models/pushpull/rules/rules.hpp"
#include "tests/models/pushpull/synthetic_world.hpp"

namespace pushpull {
namespace {

TEST(ProgrammeDocking, DecisionStepIsGeometricAtTheClosedFormHazard) {
    auto p = test::quiet_params();
    p.structure.entry_decision = EntryDecision::CountryProgramme;
    p.programme_alpha = std::log(0.6);
    p.beta_strategic = 0.4;
    p.programme_beta_loan = 1.5;
    p.programme_beta_bri = 0.5;
    const std::size_t countries = 120, steps = 200, replicates = 30;
    World w = test::synthetic_world({.countries = countries, .cities_per_country = 1, .steps = steps}, p);
    auto& e = w.exo;
    std::vector<double> expected_step(countries);
    for (std::size_t c = 0; c < countries; ++c) {
        const double s = (static_cast<double>(c % 5) - 2.0) * 0.5;  // -1 .. 1
        const double loan = static_cast<double>(c % 3) * 0.3;
        const bool bri = c % 2 == 1;
        for (std::size_t t = 0; t < steps; ++t) {
            e.strategic[t * countries + c] = s;
            e.loan_availability[t * countries + c] = loan;
            e.bri[t * countries + c] = bri ? 1 : 0;
        }
        const double eta = std::log(0.6) + 0.4 * s + 1.5 * loan + 0.5 * (bri ? 1.0 : 0.0);
        const double q = 1.0 - std::exp(-std::exp(eta) * 0.25);
        ASSERT_LT(std::pow(1.0 - q, static_cast<double>(steps)), 1e-6) << "censoring at " << steps << " steps";
        expected_step[c] = (1.0 - q) / q;
    }
    const double mu = std::accumulate(expected_step.begin(), expected_step.end(), 0.0) / static_cast<double>(countries);
    // Also by stratum: the countries with the largest loan term against the smallest.
    std::vector<double> means, loan_gap;
    for (std::size_t r = 0; r < replicates; ++r) {
        p.seed = 500 + r;
        State st;
        st.cities.resize(w.cities.size());
        st.countries.resize(countries);
        Scratch x;
        x.prepare(w);
        for (std::size_t t = 0; t < steps; ++t) {
            const StepContext ctx{w, p, st, x, t};
            for (std::size_t c = 0; c < countries; ++c) {
                rules::prepare_country_terms(ctx, c);
                rules::decide_programme(ctx, c);
            }
        }
        double sum = 0, hi = 0, lo = 0, nhi = 0, nlo = 0;
        for (std::size_t c = 0; c < countries; ++c) {
            ASSERT_GE(st.countries.programme_step[c], 0) << "country " << c << " never decided";
            const double d = st.countries.programme_step[c];
            sum += d;
            if (c % 3 == 2) { hi += d - expected_step[c]; ++nhi; }
            if (c % 3 == 0) { lo += d - expected_step[c]; ++nlo; }
        }
        means.push_back(sum / static_cast<double>(countries));
        loan_gap.push_back(hi / nhi - lo / nlo);
    }
    const auto check = [&](const std::vector<double>& v, double target, const char* what) {
        const double n = static_cast<double>(v.size());
        const double m = std::accumulate(v.begin(), v.end(), 0.0) / n;
        double ss = 0;
        for (double x : v) ss += (x - m) * (x - m);
        const double sd = std::sqrt(ss / (n - 1));
        EXPECT_NEAR(m, target, 4.0 * sd / std::sqrt(n)) << what << ": sd " << sd;
    };
    check(means, mu, "mean decision step");
    check(loan_gap, 0.0, "loan strata: deviation from the closed form, high minus low");
}

}  // namespace
}  // namespace pushpull
