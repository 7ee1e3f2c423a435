#pragma once
/// Loan finance (MODEL.md §4.6).

namespace pushpull {

/// Grant element of a loan: 1 - PV(debt service at `discount`) / face value. Annual payments:
/// interest on the outstanding balance every year, principal in equal instalments after the grace
/// period. 2% / 20 years gives 0.548 (5 years' grace) to 0.576 (7 years) at a 10% discount rate,
/// and 0.275 to 0.292 at 5% — MODEL.md §4.6's 0.55–0.58 and 0.28–0.29.
/// Preconditions: 0 <= grace < maturity, discount > 0.
double grant_element(double rate, double maturity_years, double grace_years, double discount);

}  // namespace pushpull
