// Peer networks: sizes, symmetry, degrees and the Klemm-Eguiluz out-degree.
#include <catch2/catch.hpp>

#include "localism/model/network.hpp"
#include "localism/model/population.hpp"
#include "test_support.hpp"

using namespace localism;

namespace {
World built(const Scenario& s) {
    World world(s);
    initialise_population(world);
    build_network(world);
    return world;
}
}  // namespace

TEST_CASE("undirected networks are symmetric, loop-free and have the requested mean degree",
          "[network]") {
    for (const char* type : {"council_small_world", "watts_strogatz", "erdos_renyi"}) {
        INFO(type);
        const Scenario s =
            testing::make_scenario(2000, {{"network.type", type},
                                          {"network.mean_degree", "8"},
                                          {"devolved.learning_ties_per_community", "0"}});
        const World w = built(s);
        const Network& n = w.state.network;
        std::size_t ties = 0;
        for (std::uint32_t i = 0; i < 2000; ++i) {
            for (auto j : out_neighbours(n, i)) {
                REQUIRE(j != i);
                const auto back = out_neighbours(n, j);
                REQUIRE(std::find(back.begin(), back.end(), i) != back.end());
                ++ties;
            }
        }
        CHECK(static_cast<double>(ties) / 2000.0 == Approx(8.0).margin(0.5));
    }
}

TEST_CASE("council small world keeps most ties inside the council; learning ties add cross ties",
          "[network]") {
    const auto cross_share = [](const std::string& learning) {
        const Scenario s =
            testing::make_scenario(3000, {{"devolved.learning_ties_per_community", learning}});
        const World w = built(s);
        std::size_t cross = 0, all = 0;
        for (std::uint32_t i = 0; i < 3000; ++i) {
            for (auto j : out_neighbours(w.state.network, i)) {
                cross += w.state.communities.council[i] != w.state.communities.council[j];
                ++all;
            }
        }
        return static_cast<double>(cross) / static_cast<double>(all);
    };
    const double base = cross_share("0");
    CHECK(base == Approx(0.1).margin(0.03));
    CHECK(cross_share("4") > base + 0.2);
}

TEST_CASE("Klemm-Eguiluz gives every node m out-ties and a heavy-tailed in-degree", "[network]") {
    const Scenario s =
        testing::make_scenario(5000, {{"network.type", "klemm_eguiluz"}, {"network.klemm_m", "5"}});
    const World w = built(s);
    std::size_t max_in = 0;
    for (std::uint32_t i = 6; i < 5000; ++i)
        REQUIRE(out_neighbours(w.state.network, i).size() == 5);
    for (std::uint32_t i = 0; i < 5000; ++i)
        max_in = std::max(max_in, in_neighbours(w.state.network, i).size());
    CHECK(w.state.network.out_targets.size() == w.state.network.in_sources.size());
    CHECK(max_in > 50);  // hubs: far above the mean in-degree of 5
}
