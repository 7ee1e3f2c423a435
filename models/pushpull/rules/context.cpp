#include "models/pushpull/rules/context.hpp"

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

}  // namespace pushpull
