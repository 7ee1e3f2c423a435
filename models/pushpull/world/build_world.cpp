#include <algorithm>

#include "models/pushpull/world/build_parts.hpp"
#include "models/pushpull/world/finance.hpp"

namespace pushpull {

void set_vendors(World& w, const std::array<VendorParams, kVendors>& vendors) {
    w.vendors = vendors;
    w.deploy_levels.clear();
    for (const auto& v : vendors)  // the tender hazard needs max_v g(tau, d_v) over these only
        if (v.capacity > 0.0 &&
            std::find(w.deploy_levels.begin(), w.deploy_levels.end(), v.deploy_years) == w.deploy_levels.end())
            w.deploy_levels.push_back(v.deploy_years);
}

sim::Result<World> build_world(const data::InputData& input, const Params& p) {
    if (input.countries.empty()) return sim::bad_input("data", "no countries in the input tables");
    World w;
    w.time = build_time_axis(p);
    w.countries = build_country_table(input, p);
    w.cities = build_city_table(input, w.countries, p);
    set_vendors(w, p.vendors);
    w.grant_element = grant_element(p.loan_rate, p.loan_maturity_years, p.loan_grace_years, p.discount_rate);
    w.country_net = build_country_network(input, p);
    w.city_net = build_city_network(w.country_net, w.countries, w.cities, p);
    w.exo = build_exogenous(input, w.countries, w.time, p);
    return w;
}

}  // namespace pushpull
