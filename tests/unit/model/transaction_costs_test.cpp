// Transaction costs (ODD 7.5): administering each council grant and contract, each central prize
// place or award and each council allocation costs money, taken from the line the grant comes
// from, booked as administration, and removing no need.
#include <catch2/catch.hpp>

#include "localism/engine/metric_registry.hpp"
#include "localism/model/central_government.hpp"
#include "localism/model/commissioning.hpp"
#include "test_world.hpp"

using namespace localism;

namespace {

constexpr std::int64_t kGrant = 600'000;  // GBP 6,000
constexpr std::int64_t kAdmin = 100'000;  // GBP 1,000

std::int64_t spent(const CouncilMonth& row, SpendLine line) {
    return row.spend_pence[static_cast<int>(line)];
}

// One council whose ten communities all apply (full outreach, no paperwork filter), at the
// given administration cost per grant.
std::map<std::string, std::string> one_council(const std::string& admin_gbp) {
    return {{"population.councils", "1"},   {"councils.outreach", "1"},
            {"councils.admin_burden", "0"}, {"councils.own_budget_gbp_per_community_per_year", "0"},
            {"councils.grant_gbp", "6000"}, {"councils.admin_cost_gbp_per_grant", admin_gbp}};
}

// Every community has a complete plan; only the open-grants line holds money (four grants).
void run_planning_round(testing::TestWorld& world) {
    Communities& c = world.communities();
    for (std::uint32_t i = 0; i < 10; ++i)
        c.stage[i] = Stage::kPlan;
    world.state().councils[0].open_grants_pence = 4 * kGrant;
    world.next_month();
    world.run_councils(&step_commissioning);
}

// Need removed and public money spent over a run of the given policy, with every transaction
// cost at `cost` times its high plausible value (0 = none).
std::pair<double, double> run_with_costs(const char* mode, double cost, int seed) {
    Simulation sim(testing::make_scenario(
        2000, {{"central.mode", mode},
               {"run.seed", std::to_string(seed)},
               {"central.annual_budget_gbp", "2000000"},
               {"councils.admin_cost_gbp_per_grant", std::to_string(1500 * cost)},
               {"councils.admin_cost_gbp_per_contract", std::to_string(5000 * cost)},
               {"central.admin_cost_gbp_per_award", std::to_string(5000 * cost)},
               {"central.admin_cost_gbp_per_allocation", std::to_string(20000 * cost)}}));
    MonthRecord r;
    double admin = 0.0;
    for (int t = 0; t < 60; ++t) {
        r = sim.step();
        admin += r.national[national_index("spend_administration_gbp")];
    }
    return {r.national[national_index("cumulative_need_reduced")], admin};
}

}  // namespace

TEST_CASE("a council grant costs its administration from the same line", "[transaction_costs]") {
    SECTION("no cost: four grants, nothing booked as administration") {
        testing::TestWorld world(10, one_council("0"));
        run_planning_round(world);
        const CouncilMonth& row = world.accounts().councils[0];
        CHECK(spent(row, SpendLine::kOpenGrants) == 4 * kGrant);
        CHECK(spent(row, SpendLine::kAdministration) == 0);
        CHECK(world.state().councils[0].open_grants_pence == 0);
    }
    SECTION("GBP 1,000 a grant: three grants and their administration, the rest stays") {
        testing::TestWorld world(10, one_council("1000"));
        run_planning_round(world);
        const CouncilMonth& row = world.accounts().councils[0];
        CHECK(spent(row, SpendLine::kOpenGrants) == 3 * kGrant);
        CHECK(spent(row, SpendLine::kAdministration) == 3 * kAdmin);
        CHECK(row.income_pence[static_cast<int>(IncomeSource::kCouncilGrant)] == 3 * kGrant);
        CHECK(world.state().councils[0].open_grants_pence == 4 * kGrant - 3 * (kGrant + kAdmin));
    }
}

TEST_CASE("allocation administration comes off the devolved budget before the councils' split",
          "[transaction_costs]") {
    const auto received = [](const std::string& admin) {
        testing::TestWorld world(100, {{"central.mode", "devolved"},
                                       {"central.annual_budget_gbp", "1000000"},
                                       {"prize.enabled", "false"},
                                       {"devolved.learning_ties_per_community", "0"},
                                       {"central.admin_cost_gbp_per_allocation", admin}});
        world.next_month();
        world.run_national(&step_central_budget);
        std::int64_t total = 0;
        for (const CouncilMonth& row : world.accounts().councils)
            total += row.received_pence;
        return std::pair{
            total,
            world.accounts().national.spend_pence[static_cast<int>(SpendLine::kAdministration)]};
    };
    CHECK(received("0") == std::pair<std::int64_t, std::int64_t>{100'000'000, 0});
    // Ten councils at GBP 10,000 each.
    CHECK(received("10000") == std::pair<std::int64_t, std::int64_t>{90'000'000, 10'000'000});
}

TEST_CASE("transaction costs cut the devolved arm's need removed more than the centralised arm's",
          "[transaction_costs][slow]") {
    double devolved_free = 0.0, devolved_costly = 0.0, central_free = 0.0, central_costly = 0.0;
    double devolved_admin = 0.0, central_admin = 0.0;
    for (int seed = 1; seed <= 3; ++seed) {
        devolved_free += run_with_costs("devolved", 0.0, seed).first;
        central_free += run_with_costs("centralised", 0.0, seed).first;
        const auto [d, d_admin] = run_with_costs("devolved", 1.0, seed);
        const auto [c, c_admin] = run_with_costs("centralised", 1.0, seed);
        devolved_costly += d;
        central_costly += c;
        devolved_admin += d_admin;
        central_admin += c_admin;
    }
    const double devolved_loss = 1.0 - devolved_costly / devolved_free;
    const double central_loss = 1.0 - central_costly / central_free;
    INFO("devolved " << devolved_free << " -> " << devolved_costly << " (admin GBP "
                     << devolved_admin << "), centralised " << central_free << " -> "
                     << central_costly << " (admin GBP " << central_admin << ")");
    CHECK(devolved_admin > 2.0 * central_admin);
    CHECK(devolved_loss > 0.0);
    CHECK(devolved_loss > central_loss);
}
