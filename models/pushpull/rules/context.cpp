#include "models/pushpull/rules/context.hpp"

#include <cmath>

namespace pushpull {

void Scratch::resize(std::size_t cities, std::size_t countries) {
    exposure.assign(cities, 0.0);
    imitation.assign(cities, 0.0);
    ev.assign(cities * kVendors, 0.0);
    offer.assign(cities * kVendors, 0);
    tender_base.assign(countries, 0.0);
    country_g.assign(countries, 0.0);
    city_events.reset(cities);
    country_events.reset(countries);
}

void Scratch::prepare(const World& world) {
    resize(world.cities.size(), world.countries.size());
    const auto& net = world.city_net;
    peer_weight_fx.assign(world.cities.size(), 0);
    signalling.assign(world.cities.size(), 0);
    arc_weight_fx.clear();
    strength_fx.assign(world.cities.size(), 0);
    for (std::uint32_t i = 0; i < world.cities.size(); ++i)
        for (const double w : net.weights(i)) {
            arc_weight_fx.push_back(std::llround(std::ldexp(w, 32)));
            strength_fx[i] += arc_weight_fx.back();
        }
}

}  // namespace pushpull
