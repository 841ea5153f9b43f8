// Central government: policy weights, the devolved formula, and the policy contrast.
#include <catch2/catch.hpp>

#include <numeric>

#include "localism/engine/simulation.hpp"
#include "localism/model/central_government.hpp"
#include "test_support.hpp"

using namespace localism;

TEST_CASE("policy modes set the devolved weight", "[central]") {
    CentralParams p;
    p.mode = PolicyMode::kCentralised;
    CHECK(devolved_weight(p) == 0.0);
    p.mode = PolicyMode::kDevolved;
    CHECK(devolved_weight(p) == 1.0);
    p.mode = PolicyMode::kMixed;
    p.devolved_weight = 0.3;
    CHECK(devolved_weight(p) == 0.3);
}

TEST_CASE("the formula splits every penny and favours deprived councils", "[central]") {
    std::vector<Council> councils(3);
    for (std::uint32_t k = 0; k < 3; ++k) {
        councils[k].first_community = 100 * k;
        councils[k].last_community = 100 * (k + 1);
        councils[k].deprivation = 0.5f * static_cast<float>(k);
    }
    const auto shares = formula_allocation(councils, 1.0, 1'000'001);
    CHECK(std::accumulate(shares.begin(), shares.end(), std::int64_t{0}) == 1'000'001);
    CHECK(shares[0] < shares[1]);
    CHECK(shares[1] < shares[2]);
}

TEST_CASE("the centralised programme enrols communities with the imposed template", "[central]") {
    const Scenario s = testing::make_scenario(
        2000, {{"central.mode", "centralised"}, {"centralised.pilot_months", "6"}});
    Simulation sim(s);
    MonthRecord r;
    for (int t = 0; t < 24; ++t)
        r = sim.step();
    CHECK(r.national[national_index("programme_enrolled")] > 0);
    const Communities& c = sim.world().state.communities;
    for (std::size_t i = 0; i < c.size(); ++i) {
        if ((c.flags[i] & kFlagProgrammeMember) && c.stage[i] == Stage::kActive) {
            CHECK(c.practice[i] == sim.world().state.central.template_practice);
            CHECK(c.ownership[i] == Approx(s.centralised.imposed_ownership));
        }
    }
}
