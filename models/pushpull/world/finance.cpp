#include "models/pushpull/world/finance.hpp"

#include <cmath>

namespace pushpull {

double grant_element(double rate, double maturity_years, double grace_years, double discount) {
    const int maturity = static_cast<int>(std::lround(maturity_years));
    const int grace = static_cast<int>(std::lround(grace_years));
    const int instalments = maturity - grace;
    if (instalments <= 0 || discount <= 0.0) return 0.0;
    double outstanding = 1.0;
    double pv = 0.0;
    for (int year = 1; year <= maturity; ++year) {
        double payment = outstanding * rate;
        if (year > grace) {
            const double principal = 1.0 / instalments;
            payment += principal;
            outstanding -= principal;
        }
        pv += payment / std::pow(1.0 + discount, year);
    }
    return 1.0 - pv;
}

}  // namespace pushpull
