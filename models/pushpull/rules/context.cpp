#include "models/pushpull/rules/context.hpp"

#include <algorithm>
#include <cmath>

namespace pushpull {

void Scratch::resize(std::size_t cities, std::size_t countries) {
    exposure.assign(cities, 0.0);
    imitation.assign(cities, 0.0);
    ev.assign(cities * kVendors, 0.0);
    offer.assign(cities * kVendors, 0);
    tender_base.assign(countries, 0.0);
    country_g.assign(countries, 0.0);
    level_g.assign(countries * kVendors, 0.0);
    unsolicited_p.assign(countries * kVendors, 0.0);
    bid_value.assign(cities * kVendors, 0.0);
    city_events.reset(cities);
    country_events.reset(countries);
}

void Scratch::prepare(const World& world) {
    resize(world.cities.size(), world.countries.size());
    for (std::size_t v = 0; v < kVendors; ++v) {
        const auto& levels = world.deploy_levels;
        const auto at = std::find(levels.begin(), levels.end(), world.vendors[v].deploy_years);
        vendor_level[v] = at == levels.end() ? -1 : static_cast<int>(at - levels.begin());
    }
    const auto& net = world.city_net;
    peer_weight_fx.assign(world.cities.size(), 0);
    signalling.assign(world.cities.size(), 0);
    arc_weight_fx.clear();
    strength_fx.assign(world.cities.size(), 0);
    for (std::uint32_t i = 0; i < world.cities.size(); ++i)
        for (const double w : net.weights(i)) {
            arc_weight_fx.push_back(std::llround(w * 0x1.0p32));  // = ldexp(w, 32): scaling by 2^32 is exact
            strength_fx[i] += arc_weight_fx.back();
        }
}

void Scratch::prepare_bid_values(const World& world, const Params& params) {
    for (std::size_t i = 0; i < world.cities.size(); ++i)
        for (std::size_t v = 0; v < kVendors; ++v)
            bid_value[i * kVendors + v] =
                std::pow(world.cities.cost_usd[i] * world.vendors[v].price, params.ev_size_exponent);
}

}  // namespace pushpull
