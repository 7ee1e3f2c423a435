// MODEL.md §8.6 through the CLI: the same seed gives the same datasets for the serial driver and
// for 1, 2 and 4 threads; another seed gives other events.
#include "tests/integration/cli.hpp"

namespace pushpull::cli {
namespace {

/// Run-specific root attributes that legitimately differ between the runs compared.
const std::vector<std::string> kRunSpecific = {"threads", "executor", "created_utc", "command_line"};

class Determinism : public ::testing::Test {
protected:
    static sim::out::Group run_small(const std::string& tag, std::vector<std::string> extra) {
        const auto dir = fresh_dir("determinism_" + tag);
        const auto out = dir / "out.h5";
        std::vector<std::string> args = {"run", scenario("test_small.toml").string(), "-o", out.string(), "-q"};
        args.insert(args.end(), extra.begin(), extra.end());
        const auto r = run(args, dir);
        EXPECT_EQ(r.exit_code, 0) << r.err;
        auto tree = sim::out::read_hdf5(out);
        EXPECT_TRUE(tree) << (tree ? "" : tree.error().message());
        return tree ? std::move(*tree) : sim::out::Group{};
    }
};

TEST_F(Determinism, SerialAndOneTwoFourThreadsGiveIdenticalDatasets) {
    const auto serial = run_small("serial", {"--serial"});
    ASSERT_FALSE(serial.groups.empty());
    for (const char* t : {"1", "2", "4"}) {
        SCOPED_TRACE(std::string("--threads ") + t);
        const auto threaded = run_small(std::string("t") + t, {"--threads", t});
        expect_same_tree(serial, threaded, kRunSpecific);
    }
}

TEST_F(Determinism, ADifferentSeedGivesDifferentEvents) {
    const auto a = run_small("seed_default", {"--serial"});
    const auto b = run_small("seed_12345", {"--serial", "--seed", "12345"});
    const auto* ea = find_group(a, "events");
    const auto* eb = find_group(b, "events");
    ASSERT_NE(ea, nullptr);
    ASSERT_NE(eb, nullptr);
    bool differ = ea->datasets.size() != eb->datasets.size();
    for (std::size_t k = 0; !differ && k < ea->datasets.size(); ++k)
        differ = !same_column(ea->datasets[k].data, eb->datasets[k].data);
    EXPECT_TRUE(differ);
    const auto* seed = find_attr(b.attrs, "seed");
    ASSERT_NE(seed, nullptr);
    EXPECT_EQ(std::get<std::int64_t>(*seed), 12345);
}

}  // namespace
}  // namespace pushpull::cli
