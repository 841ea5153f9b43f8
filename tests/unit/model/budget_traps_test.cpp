// No silent budget traps (ODD 7.8, 7.10): learning-tie costs are capped at a share of the
// devolved budget, and a prize call the fund cannot cover either opens scaled down to what the
// fund covers or is counted as skipped.
#include <catch2/catch.hpp>

#include "localism/engine/metric_registry.hpp"
#include "localism/model/central_government.hpp"
#include "test_world.hpp"

using namespace localism;

namespace {

// As in challenge_prize_test: a call due in month 2 on 20 communities with 3 plan-support places
// (GBP 1,000), 2 finalists (GBP 20,000) and one large award (GBP 100,000): GBP 143,000.
constexpr std::int64_t kCallCost = 14'300'000;
std::map<std::string, std::string> short_call(const char* scale, const char* admin = "0") {
    return {{"central.mode", "devolved"},
            {"prize.first_call_month", "2"},
            {"prize.interval_months", "36"},
            {"prize.call_open_months", "1"},
            {"prize.plan_months", "1"},
            {"prize.delivery_months", "1"},
            {"prize.entry_probability", "0.5"},
            {"prize.judging_noise_sd", "0"},
            {"prize.plan_support_places", "3"},
            {"prize.plan_support_gbp", "1000"},
            {"prize.pitch_quality_threshold", "0"},
            {"prize.finalist_places", "2"},
            {"prize.finalist_grant_gbp", "20000"},
            {"prize.award_large_count", "1"},
            {"prize.award_large_gbp", "100000"},
            {"prize.award_small_count", "0"},
            {"prize.scale_call_to_fund", scale},
            {"central.admin_cost_gbp_per_award", admin}};
}

// Runs months 1-4 of the call on a world whose prize fund holds `pence` (every community has a
// leader, so all enter).
void run_call(testing::TestWorld& world, std::int64_t pence) {
    world.state().central.held_pence = pence;
    world.state().central.prize_fund_pence = pence;
    for (std::uint32_t i = 0; i < 20; ++i)
        world.communities().leadership[i] = 1.0f;
    for (int month = 1; month <= 4; ++month) {
        world.next_month();
        world.run_national(&step_challenge_prize);
    }
}

}  // namespace

TEST_CASE("a call the fund cannot cover in full is skipped and counted", "[prize][budget]") {
    testing::TestWorld world(20, short_call("false"));
    run_call(world, kCallCost - 1);
    const CentralGovernment& central = world.state().central;
    CHECK(central.prize_call_month == -1);
    CHECK(central.prize_calls_skipped == 1);
    CHECK(central.prize_fund_pence == kCallCost - 1);  // nothing spent
}

TEST_CASE("with scale_call_to_fund a call opens with the places its fund covers",
          "[prize][budget]") {
    SECTION("70% of the cost: 2 of 3 plan places, 1 of 2 finalists, no large award") {
        testing::TestWorld world(20, short_call("true"));
        run_call(world, kCallCost * 7 / 10);
        const CentralGovernment& central = world.state().central;
        CHECK(central.prize_call_month == 2);
        CHECK(central.prize_calls_skipped == 0);
        CHECK(central.prize_call_scale == Approx(0.7));
        CHECK(central.prize_planning == 2);
        CHECK(central.prize_finalists == 1);
        CHECK(central.prize_fund_pence == kCallCost * 7 / 10 - 2 * 100'000 - 2'000'000);
    }
    SECTION("too little for one finalist place: skipped and counted") {
        testing::TestWorld world(20, short_call("true"));
        run_call(world, kCallCost * 4 / 10);
        CHECK(world.state().central.prize_call_month == -1);
        CHECK(world.state().central.prize_calls_skipped == 1);
    }
    SECTION("a fund that covers the call runs it whole either way") {
        testing::TestWorld world(20, short_call("true"));
        run_call(world, kCallCost);
        CHECK(world.state().central.prize_call_scale == 1.0);
        CHECK(world.state().central.prize_planning == 3);
        CHECK(world.state().central.prize_finalists == 2);
    }
}

TEST_CASE("central administration per prize place is paid from the prize fund and booked",
          "[prize][budget][transaction_costs]") {
    // Six places and awards at GBP 1,000 each on top of the call.
    const std::int64_t admin = 100'000;
    SECTION("a fund of only the call itself no longer covers it") {
        testing::TestWorld world(20, short_call("false", "1000"));
        run_call(world, kCallCost);
        CHECK(world.state().central.prize_calls_skipped == 1);
    }
    SECTION("a fund covering call and administration opens; each place costs its admin") {
        testing::TestWorld world(20, short_call("false", "1000"));
        run_call(world, kCallCost + 6 * admin);
        const CentralGovernment& central = world.state().central;
        CHECK(central.prize_call_month == 2);
        CHECK(central.prize_planning == 3);
        CHECK(central.prize_finalists == 2);
        // Month 4 (finalists) row: two finalist grants' administration.
        CHECK(world.accounts().national.spend_pence[static_cast<int>(SpendLine::kAdministration)] ==
              2 * admin);
        CHECK(central.prize_fund_pence ==
              kCallCost + 6 * admin - 3 * (100'000 + admin) - 2 * (2'000'000 + admin));
        CHECK(central.held_pence == central.prize_fund_pence);
    }
}

TEST_CASE("learning-tie costs take at most devolved.learning_tie_max_share of the budget",
          "[budget][central]") {
    // 100 communities x 2 ties x GBP 100 = GBP 20,000 a year against a GBP 30,000 budget.
    const auto tie_spend = [](const std::string& share) {
        testing::TestWorld world(100, {{"central.mode", "devolved"},
                                       {"central.annual_budget_gbp", "30000"},
                                       {"devolved.learning_ties_per_community", "2"},
                                       {"devolved.learning_tie_cost_gbp_per_year", "100"},
                                       {"devolved.learning_tie_max_share", share}});
        world.next_month();
        world.run_national(&step_central_budget);
        return world.accounts().national.spend_pence[static_cast<int>(SpendLine::kLearningTies)];
    };
    CHECK(tie_spend("1") == 2'000'000);    // uncapped: the whole tie cost
    CHECK(tie_spend("0.5") == 1'500'000);  // the default cap binds: half the budget
    CHECK(tie_spend("0.1") == 300'000);
}
