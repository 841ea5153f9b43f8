// Need dynamics: growth, reduction and the floor at zero.
#include <catch2/catch.hpp>

#include "localism/engine/simulation.hpp"
#include "localism/model/need_dynamics.hpp"
#include "test_support.hpp"

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
