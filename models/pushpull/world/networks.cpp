#include <algorithm>
#include <cmath>
#include <numeric>
#include <unordered_map>

#include "models/pushpull/world/build_parts.hpp"
#include "models/pushpull/world/series_math.hpp"

namespace pushpull {

sim::graph::Network build_country_network(const data::InputData& input, const Params& p) {
    std::unordered_map<std::string, std::uint32_t> index;
    std::vector<double> unga;
    for (std::uint32_t c = 0; c < input.countries.size(); ++c) {
        index[input.countries[c].iso3] = c;
        unga.push_back(mean_over_years(input.countries[c].unga_agree_chn, 2008, 2019));
    }
    fill_missing(unga, median(unga));

    std::vector<sim::graph::WeightedEdge> edges;
    for (const auto& d : input.dyads) {
        const auto o = index.find(d.iso_o), t = index.find(d.iso_d);
        if (o == index.end() || t == index.end() || o->second >= t->second) continue;  // each pair once
        const bool linked = d.contiguous || d.common_language || d.colony || d.dist_km <= p.net_dist_max_km;
        if (!linked) continue;
        const double similarity = 1.0 - std::abs(unga[o->second] - unga[t->second]);
        const double w = p.net_contig_w * d.contiguous + p.net_comlang_w * d.common_language +
                         p.net_colony_w * d.colony + p.net_dist_w * std::exp(-d.dist_km / p.net_dist_scale_km) +
                         p.net_unga_w * similarity;
        if (w > 0.0) edges.push_back({o->second, t->second, w});
    }
    return sim::graph::Network(input.countries.size(), std::move(edges), /*undirected=*/true);
}

sim::graph::Network build_city_network(const sim::graph::Network& country_net, const CountryTable& countries,
                                       CityTable& cities, const Params& p) {
    std::vector<sim::graph::WeightedEdge> edges;
    // Within a country: the leader city and each other city, weighted by the smaller one's relative size.
    for (std::uint32_t c = 0; c < countries.size(); ++c) {
        const auto lead = countries.leader_city[c];
        for (auto i = countries.city_begin[c]; i < countries.city_end[c]; ++i) {
            if (i == lead) continue;
            const double w = std::min(1.0, cities.population[i] / std::max(1.0, cities.population[lead]));
            edges.push_back({lead, i, w});
        }
    }
    // Across borders: the k largest cities of linked countries, scaled by the country tie.
    std::vector<std::vector<std::uint32_t>> largest(countries.size());
    const auto k = static_cast<std::size_t>(std::max(0, p.net_cross_border_cities));
    for (std::uint32_t c = 0; c < countries.size(); ++c) {
        std::vector<std::uint32_t> ids(countries.city_end[c] - countries.city_begin[c]);
        std::iota(ids.begin(), ids.end(), countries.city_begin[c]);
        std::stable_sort(ids.begin(), ids.end(), [&](auto a, auto b) {
            return cities.population[a] > cities.population[b];
        });
        ids.resize(std::min(ids.size(), k));
        largest[c] = std::move(ids);
    }
    for (std::uint32_t a = 0; a < countries.size(); ++a) {
        const auto nb = country_net.neighbours(a);
        const auto ws = country_net.weights(a);
        for (std::size_t e = 0; e < nb.size(); ++e) {
            const auto b = nb[e];
            if (b <= a) continue;
            for (auto i : largest[a])
                for (auto j : largest[b]) edges.push_back({i, j, p.net_cross_border_w * ws[e]});
        }
    }
    sim::graph::Network net(cities.size(), std::move(edges), /*undirected=*/true);
    double max_strength = 0.0;
    for (std::uint32_t i = 0; i < cities.size(); ++i) max_strength = std::max(max_strength, net.strength(i));
    for (std::uint32_t i = 0; i < cities.size(); ++i)
        cities.centrality[i] = max_strength > 0.0 ? net.strength(i) / max_strength : 0.0;
    return net;
}

}  // namespace pushpull
