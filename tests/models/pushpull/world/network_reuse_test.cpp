// build_world with NetworkReuse: copying the networks of an earlier build gives exactly the world a
// fresh build gives when the network parameters agree, and is ignored when they do not.
#include <gtest/gtest.h>

#include <cstring>

#include "models/pushpull/data/input_data.hpp"
#include "models/pushpull/world/world.hpp"

namespace pushpull {
namespace {

bool same_network(const sim::graph::Network& a, const sim::graph::Network& b) {
    if (a.num_vertices() != b.num_vertices() || a.num_edges() != b.num_edges()) return false;
    for (std::uint32_t v = 0; v < a.num_vertices(); ++v) {
        const auto na = a.neighbours(v), nb = b.neighbours(v);
        const auto wa = a.weights(v), wb = b.weights(v);
        if (!std::equal(na.begin(), na.end(), nb.begin(), nb.end()) ||
            std::memcmp(wa.data(), wb.data(), wa.size() * sizeof(double)) != 0 || a.strength(v) != b.strength(v))
            return false;
    }
    return true;
}

TEST(NetworkReuse, CopiedNetworksEqualAFreshBuildAndChangedParametersRebuild) {
    Params base;
    base.data_dir = std::string(PUSHPULL_SOURCE_DIR) + "/data";
    auto input = data::load_input_data(base.data_dir, data::CitySet::Wup300k);
    ASSERT_TRUE(input) << input.error().message();
    auto first = build_world(*input, base);
    ASSERT_TRUE(first);
    const auto reuse = NetworkReuse::of(*first, base);

    Params other = base;  // a different seed and non-network parameters: same networks
    other.seed = 99;
    other.beta_crime = 1.3;
    other.alpha0 = -5;
    auto fresh = build_world(*input, other);
    auto reused = build_world(*input, other, &reuse);
    ASSERT_TRUE(fresh && reused);
    EXPECT_TRUE(same_networks(base, other));
    EXPECT_TRUE(same_network(fresh->country_net, reused->country_net));
    EXPECT_TRUE(same_network(fresh->city_net, reused->city_net));
    EXPECT_EQ(fresh->cities.centrality, reused->cities.centrality);

    Params wider = base;  // a network parameter changed: the copy must not be used
    wider.net_cross_border_w = 2.0;
    EXPECT_FALSE(same_networks(base, wider));
    auto rebuilt = build_world(*input, wider, &reuse);
    auto direct = build_world(*input, wider);
    ASSERT_TRUE(rebuilt && direct);
    EXPECT_FALSE(same_network(rebuilt->city_net, first->city_net));
    EXPECT_TRUE(same_network(rebuilt->city_net, direct->city_net));
}

}  // namespace
}  // namespace pushpull
