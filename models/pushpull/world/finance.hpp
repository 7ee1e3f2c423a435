#pragma once
/// Loan finance (MODEL.md §4.6).

namespace pushpull {

/// Grant element of a loan: 1 - PV(debt service at `discount`) / face value. Annual payments:
/// interest on the outstanding balance every year, principal in equal instalments after the grace
/// period. 2% / 20 years / 5 years' grace gives ~0.56 at 10% and ~0.28 at 5%.
/// Preconditions: 0 <= grace < maturity, discount > 0.
double grant_element(double rate, double maturity_years, double grace_years, double discount);

}  // namespace pushpull
