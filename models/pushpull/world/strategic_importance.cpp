#include "models/pushpull/world/strategic_importance.hpp"

#include <algorithm>
#include <cmath>

#include "models/pushpull/world/series_math.hpp"

namespace pushpull {

namespace {

/// S_c from its five components: each standardised (missing -> the mean, 0), weighted, summed,
/// standardised again.
std::vector<double> composite(std::vector<double>& bri, std::vector<double>& engagement, std::vector<double>& unga,
                              std::vector<double>& finance, std::vector<double>& closeness, const Params& p) {
    std::vector<double> s(bri.size(), 0.0);
    const std::pair<std::vector<double>*, double> parts[] = {{&bri, p.si_w_bri},
                                                             {&engagement, p.si_w_engagement},
                                                             {&unga, p.si_w_unga},
                                                             {&finance, p.si_w_finance},
                                                             {&closeness, p.si_w_distance}};
    for (auto [v, w] : parts) {
        standardise(*v);
        fill_missing(*v, 0.0);
        for (std::size_t c = 0; c < s.size(); ++c) s[c] += w * (*v)[c];
    }
    standardise(s);
    return s;
}

}  // namespace

std::vector<double> strategic_importance(const std::vector<data::Country>& countries, const Params& p) {
    const std::size_t n = countries.size();
    std::vector<double> bri(n), engagement(n), unga(n), finance(n), closeness(n);
    for (std::size_t c = 0; c < n; ++c) {
        const auto& k = countries[c];
        bri[c] = k.first_bri_year ? 1.0 : 0.0;
        const double days = mean_over_years(k.engagement_days, 2003, 2018);
        engagement[c] = std::log1p(std::isnan(days) ? 0.0 : days);
        unga[c] = mean_over_years(k.unga_agree_chn, 2000, 2019);
        double usd = 0.0;
        for (int y = 2000; y <= 2018; ++y) {
            const auto i = static_cast<std::size_t>(y - data::kFirstYear);
            if (!std::isnan(k.cn_investment_musd[i])) usd += k.cn_investment_musd[i] * 1e6;
            if (!std::isnan(k.cn_finance_usd[i])) usd += k.cn_finance_usd[i];
        }
        finance[c] = std::log1p(usd / 1e6);
        closeness[c] = std::isnan(k.dist_to_china_km) ? data::kMissing : -std::log(k.dist_to_china_km);
    }
    return composite(bri, engagement, unga, finance, closeness, p);
}

namespace {

double sum_over_years(const data::YearSeries& s, int y0, int y1, double scale) {
    double total = 0.0;
    for (int y = std::max(y0, data::kFirstYear); y <= std::min(y1, data::kLastYear); ++y) {
        const double v = s[static_cast<std::size_t>(y - data::kFirstYear)];
        if (!std::isnan(v)) total += v * scale;
    }
    return total;
}

}  // namespace

std::vector<double> strategic_importance_at(const std::vector<data::Country>& countries, const Params& p, int year) {
    const std::size_t n = countries.size();
    std::vector<double> bri(n), engagement(n), unga(n), finance(n), closeness(n);
    for (std::size_t c = 0; c < n; ++c) {
        const auto& k = countries[c];
        bri[c] = k.first_bri_year && *k.first_bri_year <= year ? 1.0 : 0.0;
        const double days = mean_over_years(k.engagement_days, 2003, year - 1);
        engagement[c] = std::log1p(std::isnan(days) ? 0.0 : days);
        unga[c] = mean_over_years(k.unga_agree_chn, 2000, year - 1);
        const double usd = sum_over_years(k.cn_investment_musd, 2000, year - 1, 1e6) +
                           sum_over_years(k.cn_finance_usd, 2000, year - 1, 1.0);
        finance[c] = std::log1p(usd / 1e6);
        closeness[c] = std::isnan(k.dist_to_china_km) ? data::kMissing : -std::log(k.dist_to_china_km);
    }
    return composite(bri, engagement, unga, finance, closeness, p);
}

std::vector<double> debt_at(const std::vector<data::Country>& countries, const std::vector<double>& gdp_usd, int year) {
    std::vector<double> d(countries.size());
    for (std::size_t c = 0; c < countries.size(); ++c) {
        const double finance = sum_over_years(countries[c].cn_finance_usd, 2000, year - 1, 1.0);
        d[c] = std::log1p(1e3 * finance / std::max(gdp_usd[c], 1.0));
    }
    standardise(d);
    return d;
}

}  // namespace pushpull
