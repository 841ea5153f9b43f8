// Finance and survival: income diversity, hazards, dormancy and revival.
#include <catch2/catch.hpp>

#include "localism/engine/simulation.hpp"
#include "localism/model/finance.hpp"
#include "test_world.hpp"

using namespace localism;

TEST_CASE("income diversity is 0 for one source and 1 - 1/k for k equal sources", "[finance]") {
    std::array<float, kIncomeSourceCount> income{};
    CHECK(income_diversity(income) == 0.0);
    income[0] = 100.0f;
    CHECK(income_diversity(income) == Approx(0.0));
    income[1] = 100.0f;
    income[2] = 100.0f;
    income[3] = 100.0f;
    CHECK(income_diversity(income) == Approx(0.75));
}

TEST_CASE("diverse income lowers the dissolution hazard", "[finance]") {
    CHECK(dissolution_hazard(0.1, 0.0, 0.6) == Approx(0.1));
    CHECK(dissolution_hazard(0.1, 0.75, 0.6) == Approx(0.1 * (1 - 0.45)));
}

TEST_CASE(
    "an active group with no income falls dormant when its cash runs out, and revives when funded",
    "[finance]") {
    const std::map<std::string, std::string> overrides = {
        {"finance.donations_gbp_per_month", "0"},
        {"finance.earned_income_gbp_per_month", "0"},
        {"finance.active_dissolution_hazard_per_month", "0"},
        {"finance.dormant_dissolution_hazard_per_month", "0"},
        {"finance.running_cost_gbp_per_month", "100"}};
    testing::TestWorld world(1, overrides);
    Communities& c = world.communities();
    c.stage[0] = Stage::kActive;
    c.cash_pence[0] = 25000;  // GBP 250: two full months and a half
    std::vector<Stage> seen;
    std::int64_t running_costs_pence = 0;
    for (int m = 1; m <= 4; ++m) {
        world.next_month();
        world.run_councils(&step_finance);
        running_costs_pence += world.accounts().councils[0].running_costs_pence;
        seen.push_back(c.stage[0]);
    }
    // Month 3 pays only GBP 50 of 100: the group cannot cover a full month and goes dormant.
    CHECK(seen ==
          std::vector<Stage>{Stage::kActive, Stage::kActive, Stage::kDormant, Stage::kDormant});
    CHECK(c.cash_pence[0] == 0);
    CHECK(running_costs_pence == 25000);
    world.next_month();
    credit_income(c, 0, IncomeSource::kCouncilGrant, 50000, world.accounts().councils[0]);
    world.run_councils(&step_finance);
    CHECK(world.accounts().councils[0].life_cycle.revivals == 1);
    CHECK(c.cash_pence[0] == 40000);
}
