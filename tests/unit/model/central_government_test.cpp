// Central government: policy weights, the devolved formula, and the policy contrast.
#include <catch2/catch.hpp>

#include <numeric>

#include "localism/engine/simulation.hpp"
#include "localism/model/central_government.hpp"
#include "test_world.hpp"

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

namespace {
std::int64_t sum(const std::array<std::int64_t, kSpendLineCount>& lines) {
    return std::accumulate(lines.begin(), lines.end(), std::int64_t{0});
}
}  // namespace

TEST_CASE("budget alone, devolved: ties booked nationally, prize share, formula shares exact",
          "[central]") {
    // GBP 1m; 200 communities x 2 learning ties x GBP 50 = GBP 20,000 of ties; 10% of the rest
    // to the prize fund; the remaining GBP 882,000 to the 10 councils by formula.
    testing::TestWorld world(200, {{"central.mode", "devolved"},
                                   {"central.annual_budget_gbp", "1000000"},
                                   {"devolved.learning_ties_per_community", "2"},
                                   {"devolved.learning_tie_cost_gbp_per_year", "50"},
                                   {"devolved.prize_share", "0.1"}});
    world.next_month();
    world.run_national(&step_central_budget);
    const NationalMonth& national = world.accounts().national;
    const CentralGovernment& central = world.state().central;
    CHECK(national.budget_pence == 100'000'000);
    CHECK(national.spend_pence[static_cast<int>(SpendLine::kLearningTies)] == 2'000'000);
    CHECK(national.services_pence == 2'000'000);
    CHECK(central.prize_fund_pence == 9'800'000);
    CHECK(central.held_pence == 9'800'000);  // only the prize fund stays central
    const auto expected = formula_allocation(
        world.state().councils, world.scenario().devolved.formula_deprivation_weight, 88'200'000);
    std::int64_t received = 0;
    for (std::size_t k = 0; k < world.councils(); ++k) {
        INFO("council " << k);
        const CouncilMonth& row = world.accounts().councils[k];
        CHECK(row.received_pence == expected[k]);
        CHECK(world.state().councils[k].held_pence() == expected[k]);
        CHECK(sum(row.spend_pence) == 0);  // no council row pays for national services
        received += row.received_pence;
    }
    CHECK(received == 88'200'000);
}

TEST_CASE("budget alone: April only, once a year", "[central]") {
    testing::TestWorld world(50, {{"central.mode", "devolved"},
                                  {"central.annual_budget_gbp", "1000"},
                                  {"devolved.learning_ties_per_community", "0"}});
    std::vector<std::int64_t> budgets;
    for (int month = 1; month <= 25; ++month) {
        world.next_month();
        world.run_national(&step_central_budget);
        budgets.push_back(world.accounts().national.budget_pence);
    }
    for (std::size_t m = 0; m < budgets.size(); ++m)
        CHECK(budgets[m] == ((m % 12 == 0) ? 100'000 : 0));  // months 1, 13 and 25
}

TEST_CASE("budget alone, centralised: scaled by confidence above the floor, kept centrally",
          "[central]") {
    testing::TestWorld world(100, {{"central.mode", "centralised"},
                                   {"central.annual_budget_gbp", "1000000"},
                                   {"centralised.budget_confidence_floor", "0.3"}});
    world.state().central.confidence = 0.5;
    world.next_month();
    world.run_national(&step_central_budget);
    // GBP 1m x (0.3 + 0.7 x 0.5) = GBP 650,000, none of it passed on.
    CHECK(world.accounts().national.budget_pence == 65'000'000);
    CHECK(world.state().central.held_pence == 65'000'000);
    CHECK(world.state().central.prize_fund_pence == 0);
    CHECK(world.accounts().national.services_pence == 0);
    for (const auto& row : world.accounts().councils)
        CHECK(row.received_pence == 0);
}
