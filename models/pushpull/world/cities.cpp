#include <algorithm>
#include <cmath>
#include <numeric>
#include <unordered_map>

#include "models/pushpull/streams.hpp"
#include "models/pushpull/world/build_parts.hpp"
#include "models/pushpull/world/officials.hpp"
#include "models/pushpull/world/series_math.hpp"
#include "sim/rng.hpp"

namespace pushpull {

namespace {

struct CityRow {
    std::string name;
    std::uint32_t country;
    double lat, lng, population;
    bool capital, synthetic;
};

}  // namespace

CityTable build_city_table(const data::InputData& input, CountryTable& countries, const Params& p) {
    std::unordered_map<std::string, std::uint32_t> index;
    for (std::uint32_t c = 0; c < countries.size(); ++c) index[countries.iso3[c]] = c;

    std::vector<std::vector<CityRow>> per_country(countries.size());
    for (const auto& city : input.cities) {
        const auto it = index.find(city.iso3);
        if (it == index.end()) continue;
        per_country[it->second].push_back({city.name, it->second, city.lat, city.lng,
                                           nearest_reported(city.population, 2015), city.capital, false});
    }
    CityTable t;
    for (std::uint32_t c = 0; c < countries.size(); ++c) {
        auto& rows = per_country[c];
        if (rows.empty())  // MODEL.md §2: a country with no listed city gets one capital-region agent
            rows.push_back({countries.name[c] + " (capital region)", c, data::kMissing, data::kMissing,
                            p.capital_region_share * countries.population[c], true, true});
        countries.city_begin[c] = static_cast<std::uint32_t>(t.name.size());
        // Leader: the listed capital, else the largest city.
        std::size_t leader = 0;
        const auto cap = std::find_if(rows.begin(), rows.end(), [](const CityRow& r) { return r.capital; });
        if (cap != rows.end()) {
            leader = static_cast<std::size_t>(cap - rows.begin());
        } else {
            for (std::size_t k = 1; k < rows.size(); ++k)
                if (rows[k].population > rows[leader].population) leader = k;
        }
        countries.leader_city[c] = countries.city_begin[c] + static_cast<std::uint32_t>(leader);
        for (std::size_t k = 0; k < rows.size(); ++k) {
            const auto& r = rows[k];
            t.name.push_back(r.name);
            t.country.push_back(c);
            t.lat.push_back(r.lat);
            t.lng.push_back(r.lng);
            t.population.push_back(std::isnan(r.population) ? 5e4 : r.population);
            t.capital.push_back(k == leader ? 1 : 0);
            t.synthetic.push_back(r.synthetic ? 1 : 0);
        }
        countries.city_end[c] = static_cast<std::uint32_t>(t.name.size());
    }
    const std::size_t n = t.name.size();
    t.budget_usd.resize(n);
    t.cost_usd.resize(n);
    t.crime_dev.resize(n);
    t.salience.resize(n);
    t.election_phase_years.resize(n);
    t.local_decision.resize(n);
    t.centrality.assign(n, 0.0);
    const auto mean = city_salience_mean(p);
    for (std::size_t i = 0; i < n; ++i) {
        const auto c = t.country[i];
        t.budget_usd[i] = p.budget_share * t.population[i] * countries.gdp_pc_usd[c];
        t.cost_usd[i] = p.cost_per_capita_usd * t.population[i];
        sim::Rng rng(p.seed, 0, static_cast<std::uint32_t>(i), stream_id(Stream::InitCity));
        t.crime_dev[i] = rng.normal(0.0, p.crime_city_sd);  // always drawn: keeps later draws aligned (CRN)
        t.salience[i] = draw_salience(rng, mean, p.salience_concentration);
        t.election_phase_years[i] = rng.uniform() * p.term_years;
        // structure.decision_level = capital_national (first build): the capital's system is a
        // national project; other cities decide locally with this share. (Revision 2 draws the
        // level per project instead: rules/choice.cpp.)
        const bool local = rng.bernoulli(p.subnational_share);
        t.local_decision[i] = (t.capital[i] == 0 && local) ? 1 : 0;
    }
    return t;
}

}  // namespace pushpull
