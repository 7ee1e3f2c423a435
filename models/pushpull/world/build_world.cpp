#include <algorithm>

#include "models/pushpull/data/truncate.hpp"
#include "models/pushpull/world/build_parts.hpp"
#include "models/pushpull/world/finance.hpp"
#include "models/pushpull/world/us_targeting.hpp"

namespace pushpull {

void set_vendors(World& w, const std::array<VendorParams, kVendors>& vendors) {
    w.vendors = vendors;
    w.deploy_levels.clear();
    for (const auto& v : vendors)  // the tender hazard needs max_v g(tau, d_v) over these only
        if (v.capacity > 0.0 &&
            std::find(w.deploy_levels.begin(), w.deploy_levels.end(), v.deploy_years) == w.deploy_levels.end())
            w.deploy_levels.push_back(v.deploy_years);
}

bool same_networks(const Params& a, const Params& b) {
    return a.data_dir == b.data_dir && a.city_set == b.city_set && a.data_until == b.data_until && a.net_contig_w == b.net_contig_w &&
           a.net_comlang_w == b.net_comlang_w && a.net_colony_w == b.net_colony_w && a.net_unga_w == b.net_unga_w &&
           a.net_dist_w == b.net_dist_w && a.net_dist_scale_km == b.net_dist_scale_km &&
           a.net_dist_max_km == b.net_dist_max_km && a.net_cross_border_w == b.net_cross_border_w &&
           a.net_cross_border_cities == b.net_cross_border_cities && a.capital_region_share == b.capital_region_share;
}

sim::Result<World> build_world(const data::InputData& input, const Params& p, const NetworkReuse* reuse) {
    if (input.countries.empty()) return sim::bad_input("data", "no countries in the input tables");
    if (input.data_until != p.data_until) {  // callers that cache inputs pass them truncated already
        if (input.data_until != 0)
            return sim::bad_input("run.data_until", "the input data end in " + std::to_string(input.data_until) +
                                                        " but the run asks for " + std::to_string(p.data_until));
        return build_world(data::truncated_after(input, p.data_until), p, reuse);
    }
    World w;
    w.time = build_time_axis(p);
    w.countries = build_country_table(input, p);
    w.cities = build_city_table(input, w.countries, p);
    auto mask = us_target_mask(w.countries, p.us);
    if (!mask) return std::unexpected(mask.error());
    w.countries.us_target = std::move(*mask);
    set_vendors(w, p.vendors);
    w.grant_element = grant_element(p.loan_rate, p.loan_maturity_years, p.loan_grace_years, p.discount_rate);
    w.alt_grant_element =
        grant_element(p.us.alt_loan_rate, p.us.alt_loan_maturity_years, p.us.alt_loan_grace_years, p.discount_rate);
    if (reuse && same_networks(reuse->params, p) && reuse->centrality.size() == w.cities.size()) {
        w.country_net = reuse->country_net;
        w.city_net = reuse->city_net;
        w.cities.centrality = reuse->centrality;
    } else {
        w.country_net = build_country_network(input, p);
        w.city_net = build_city_network(w.country_net, w.countries, w.cities, p);
    }
    w.exo = build_exogenous(input, w.countries, w.time, p);
    return w;
}

}  // namespace pushpull
