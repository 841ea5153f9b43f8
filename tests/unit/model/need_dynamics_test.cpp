// Need dynamics: growth, reduction and the floor at zero.
#include <catch2/catch.hpp>

#include "localism/core/rng.hpp"
#include "localism/engine/simulation.hpp"
#include "localism/model/need_dynamics.hpp"
#include "test_world.hpp"

using namespace localism;

TEST_CASE("need grows by its rate, loses what initiatives removed, never goes negative", "[need]") {
    CHECK(next_need(100.0f, 0.01, 0.0, 0.0f) == Approx(101.0));
    CHECK(next_need(100.0f, 0.01, 0.0, 11.0f) == Approx(90.0));
    CHECK(next_need(5.0f, 0.0, 0.0, 50.0f) == 0.0f);
    CHECK(next_need(5.0f, 0.0, -2.0, 0.0f) == 0.0f);
}

TEST_CASE("without initiatives or noise, total need follows (1+g)^t exactly", "[need]") {
    const Scenario s = testing::make_scenario(200, {{"emergence.enabled", "false"},
                                                    {"need.noise_sd_per_month", "0"},
                                                    {"need.growth_rate_per_month", "0.01"},
                                                    {"central.mode", "devolved"},
                                                    {"prize.enabled", "false"}});
    Simulation sim(s);
    double initial = 0.0;
    for (float x : sim.world().state.communities.need)
        initial += x;
    MonthRecord r;
    for (int t = 0; t < 24; ++t)
        r = sim.step();
    CHECK(r.national[national_index("total_need")] ==
          Approx(initial * std::pow(1.01, 24)).epsilon(1e-5));
}

TEST_CASE("noise makes need vary around its trend and keeps it non-negative", "[need]") {
    const Scenario s = testing::make_scenario(
        500, {{"emergence.enabled", "false"}, {"need.noise_sd_per_month", "0.5"}});
    Simulation sim(s);
    for (int t = 0; t < 24; ++t)
        sim.step();
    for (float x : sim.world().state.communities.need)
        REQUIRE(x >= 0.0f);
}

TEST_CASE("need alone on a slice: growth minus removal, capped removal, total in the month row",
          "[need]") {
    testing::TestWorld world(
        20, {{"need.growth_rate_per_month", "0.5"}, {"need.noise_sd_per_month", "0"}});
    Communities& c = world.communities();
    for (std::uint32_t i = 0; i < 20; ++i) {
        c.need[i] = 8.0f;
        c.need_reduced[i] = 0.0f;
    }
    c.need_reduced[4] = 2.0f;   // council 2 (communities 4 and 5)
    c.need_reduced[5] = 50.0f;  // more than there is: capped at the need, 8
    world.next_month();
    CouncilSlice slice = world.slice(2);
    step_need(world.context(), world.peers(), slice);
    CHECK(c.need[4] == 10.0f);  // 8 x 1.5 - 2
    CHECK(c.need[5] == 4.0f);   // 8 x 1.5 - 8
    CHECK(c.need_reduced[5] == 8.0f);
    CHECK(world.accounts().councils[2].need_reduced == 10.0);
    for (const std::uint32_t other : {3u, 6u})  // neighbouring councils' communities untouched
        CHECK(c.need[other] == 8.0f);
    CHECK(world.accounts().councils[1].need_reduced == 0.0);
}

TEST_CASE("need noise is the keyed draw of (seed, community, month)", "[need]") {
    testing::TestWorld world(
        10, {{"need.growth_rate_per_month", "0.01"}, {"need.noise_sd_per_month", "0.1"}});
    Communities& c = world.communities();
    const std::vector<float> before(c.need.begin(), c.need.end());
    world.next_month();
    world.next_month();  // month 2
    world.run_councils(&step_need);
    for (std::uint32_t i = 0; i < 10; ++i) {
        KeyedStream stream(world.context().seed, i, 2, Purpose::kNeedNoise);
        const double shock = stream.normal(0.0, 0.1);
        CHECK(c.need[i] == next_need(before[i], 0.01, shock, 0.0f));
    }
}

TEST_CASE("with need dynamics off, impact still removes need; with both off nothing changes",
          "[need]") {
    for (const char* impact : {"true", "false"}) {
        INFO("impact.enabled = " << impact);
        testing::TestWorld world(10, {{"need.enabled", "false"}, {"impact.enabled", impact}});
        Communities& c = world.communities();
        c.need[0] = 8.0f;
        c.need_reduced[0] = 3.0f;
        world.next_month();
        world.run_councils(&step_need);
        const bool removes = std::string(impact) == "true";
        CHECK(c.need[0] == (removes ? 5.0f : 8.0f));
        CHECK(world.accounts().councils[0].need_reduced == (removes ? 3.0 : 0.0));
    }
}
