#include <algorithm>
#include <cmath>
#include <map>

#include "models/pushpull/streams.hpp"
#include "models/pushpull/world/build_parts.hpp"
#include "models/pushpull/world/officials.hpp"
#include "sim/rng.hpp"
#include "models/pushpull/world/series_math.hpp"
#include "models/pushpull/world/strategic_importance.hpp"

namespace pushpull {

namespace {

Regime regime_of(double polyarchy, const Params& p) {
    if (polyarchy >= p.regime_free_min) return Regime::Free;
    if (polyarchy < p.regime_not_free_max) return Regime::NotFree;
    return Regime::PartlyFree;
}

/// Fills NaN entries with the median of the same subregion, else the global median.
void impute_by_group(std::vector<double>& v, const std::vector<std::string>& group) {
    std::map<std::string, std::vector<double>> by_group;
    for (std::size_t i = 0; i < v.size(); ++i) by_group[group[i]].push_back(v[i]);
    const double global = median(v);
    for (std::size_t i = 0; i < v.size(); ++i) {
        if (!std::isnan(v[i])) continue;
        const double m = median(by_group[group[i]]);
        v[i] = std::isnan(m) ? global : m;
    }
}

}  // namespace

CountryTable build_country_table(const data::InputData& input, const Params& p) {
    CountryTable t;
    const auto& cs = input.countries;
    std::vector<std::string> subregion;
    for (const auto& c : cs) {
        t.iso3.push_back(c.iso3);
        t.name.push_back(c.name);
        t.region_un.push_back(c.region_un);
        t.region_wb.push_back(c.region_wb);
        t.income_group.push_back(c.income_group);
        subregion.push_back(c.subregion);
        t.polyarchy.push_back(mean_over_years(c.polyarchy, 2008, 2019));
        t.veto.push_back(mean_over_years(c.libdem, 2008, 2019));
        t.homicide.push_back(mean_over_years(c.homicide_per_100k, 2008, 2019));
        t.homicide_imputed.push_back(std::all_of(c.homicide_per_100k.begin(), c.homicide_per_100k.end(),
                                                 [](double x) { return std::isnan(x); }) ? 1 : 0);
        t.population.push_back(nearest_reported(c.population, 2015));
        t.gdp_pc_usd.push_back(nearest_reported(c.gdp_pc_usd, 2015));
        t.first_bri_year.push_back(c.first_bri_year.value_or(0));
    }
    // Never-reported values take the subregion median (documented in docs/ODD.md §6).
    impute_by_group(t.polyarchy, subregion);
    impute_by_group(t.veto, subregion);
    impute_by_group(t.homicide, subregion);
    impute_by_group(t.gdp_pc_usd, subregion);
    fill_missing(t.population, 1e5);

    for (std::size_t c = 0; c < cs.size(); ++c) {
        t.regime.push_back(regime_of(t.polyarchy[c], p));
        const bool richer = t.income_group[c] == "High income" || t.income_group[c] == "Upper middle income";
        t.data_protection.push_back(t.veto[c] * (richer ? 1.0 : 0.5));
        double finance = 0.0;
        for (int y = 2000; y <= 2014; ++y) {
            const double f = cs[c].cn_finance_usd[static_cast<std::size_t>(y - data::kFirstYear)];
            if (!std::isnan(f)) finance += f;
        }
        const double gdp = t.gdp_pc_usd[c] * t.population[c];
        t.debt.push_back(std::log1p(1e3 * finance / std::max(gdp, 1.0)));
    }
    standardise(t.debt);
    t.strategic = strategic_importance(cs, p);
    // R2: one national official per country; R7: the United States is the messaging actor and has
    // barred these vendors from federal procurement since the 2019 NDAA (section 889).
    const auto mean = national_salience_mean(p);
    for (std::size_t c = 0; c < cs.size(); ++c) {
        sim::Rng rng(p.seed, 0, static_cast<std::uint32_t>(c), stream_id(Stream::InitCountry));
        t.salience.push_back(draw_salience(rng, mean, p.salience_concentration));
        t.can_adopt.push_back(t.iso3[c] == "USA" && !p.structure.us_adopter ? 0 : 1);
    }
    t.us_target.assign(cs.size(), 1);
    t.city_begin.assign(cs.size(), 0);
    t.city_end.assign(cs.size(), 0);
    t.leader_city.assign(cs.size(), 0);
    return t;
}

}  // namespace pushpull
