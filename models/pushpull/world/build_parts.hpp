#pragma once
/// The steps of build_world(), one file each.
#include "models/pushpull/world/world.hpp"

namespace pushpull {

/// Country attributes: regime groups, veto and data-protection proxies, debt proxy, homicide
/// means (imputed by subregion median where a country never reported), GDP per capita, S_c.
CountryTable build_country_table(const data::InputData& input, const Params& p);

/// City agents (one per listed city, plus a capital-region agent for countries with none), with
/// budgets, costs and the officials' random attributes (stream InitCity). Sets the countries'
/// city ranges and leader cities.
CityTable build_city_table(const data::InputData& input, CountryTable& countries, const Params& p);

/// Country network from CEPII distance, contiguity, language, colonial ties and UNGA similarity.
sim::graph::Network build_country_network(const data::InputData& input, const Params& p);

/// City network: leader city to every other city of its country (weight = size ratio), and the
/// largest cities of linked countries to each other. Also fills cities.centrality.
sim::graph::Network build_city_network(const sim::graph::Network& country_net, const CountryTable& countries,
                                       CityTable& cities, const Params& p);

/// Exogenous series per (step, country): crime, elections, visits, BRI, loan availability, salience.
Exogenous build_exogenous(const data::InputData& input, const CountryTable& countries, const TimeAxis& time,
                          const Params& p);

TimeAxis build_time_axis(const Params& p);

}  // namespace pushpull
