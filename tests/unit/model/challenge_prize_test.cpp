// The shipped Big Green Challenge scenario reproduces the BGC funnel (slow validation group).
#include <catch2/catch.hpp>

#include "localism/engine/simulation.hpp"
#include "localism/model/central_government.hpp"
#include "localism/scenario/validate.hpp"
#include "test_world.hpp"

using namespace localism;

TEST_CASE(
    "big_green_challenge.yaml: funnel 355->100->21->10->4 within 20% and finalist cut in 10-46%",
    "[prize][slow][validation]") {
    const std::vector<double> target{355, 100, 21, 10, 4};
    const std::vector<std::string> stages{"prize_entrants", "prize_planning", "prize_pitched",
                                          "prize_finalists", "prize_winners"};
    std::vector<double> mean(stages.size(), 0.0);
    double reduction = 0.0;
    const int replicates = 6;
    for (int seed = 1; seed <= replicates; ++seed) {
        const Scenario s =
            scenario::load_scenario(LOCALISM_SOURCE_DIR "/scenarios/big_green_challenge.yaml",
                                    {"run.seed=" + std::to_string(seed)});
        Simulation sim(s);
        MonthRecord r;
        while (sim.month() < sim.months())
            r = sim.step();
        for (std::size_t k = 0; k < stages.size(); ++k)
            mean[k] += r.national[national_index(stages[k])] / replicates;
        reduction += r.national[national_index("prize_finalist_reduction")] / replicates;
    }
    for (std::size_t k = 0; k < stages.size(); ++k) {
        INFO(stages[k] << ": mean " << mean[k] << ", BGC " << target[k]);
        CHECK(std::abs(mean[k] - target[k]) <= 0.2 * target[k]);
    }
    INFO("finalists' mean need cut in the delivery year " << reduction);
    CHECK(reduction >= 0.10);
    CHECK(reduction <= 0.46);
}

namespace {

// A short call on 20 communities (10 councils of 2): due in month 2, open 1 month, 1 month of
// planning, 1 delivery month; 3 plan-support places, 2 finalists, one large award. Judges have
// no noise. The call costs 3 x 1,000 + 2 x 20,000 + 100,000 = GBP 143,000.
constexpr std::int64_t kCallCost = 14'300'000;
std::map<std::string, std::string> short_call() {
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
            {"prize.plan_support_capacity_gain", "0.1"},
            {"prize.pitch_quality_threshold", "0.55"},
            {"prize.finalist_places", "2"},
            {"prize.finalist_grant_gbp", "20000"},
            {"prize.award_threshold_reduction", "0.2"},
            {"prize.award_large_count", "1"},
            {"prize.award_large_gbp", "100000"},
            {"prize.award_small_count", "0"}};
}

void fund(testing::TestWorld& world, std::int64_t pence) {
    world.state().central.held_pence = pence;
    world.state().central.prize_fund_pence = pence;
}

std::int64_t prize_spend(const CouncilMonth& row) {
    return row.spend_pence[static_cast<int>(SpendLine::kChallengePrize)];
}

}  // namespace

TEST_CASE("a prize call opens when due only if the fund covers the whole call", "[prize]") {
    for (const std::int64_t money : {kCallCost - 1, kCallCost}) {
        INFO("fund " << money);
        testing::TestWorld world(20, short_call());
        fund(world, money);
        std::vector<std::int32_t> call_month;
        for (int month = 1; month <= 3; ++month) {
            world.next_month();
            world.run_national(&step_challenge_prize);
            call_month.push_back(world.state().central.prize_call_month);
        }
        const bool covered = money == kCallCost;
        CHECK(call_month == std::vector<std::int32_t>{-1, covered ? 2 : -1, covered ? 2 : -1});
        CHECK(world.state().central.call_open_until_month == (covered ? 2 : -1));
    }
}

TEST_CASE("prize alone: entrants, supported plans, finalists and an award, step by step",
          "[prize]") {
    testing::TestWorld world(20, short_call());
    fund(world, kCallCost);
    Communities& c = world.communities();
    for (std::uint32_t i = 0; i < 20; ++i) {
        c.leadership[i] = 1.0f;  // entry probability min(1, 0.5 x 1 / 0.5) = 1
        c.capacity[i] = i >= 1 && i <= 3 ? 0.9f : 0.1f;  // 1, 2, 3 judged best
        c.practice[i] = c.context[i];                    // fit 1 everywhere
    }
    c.stage[0] = Stage::kDissolved;  // does not enter
    c.stage[1] = Stage::kIdea;       // an idea of 5 months
    c.months_in_stage[1] = 5;
    c.start_month[1] = 0;
    c.stage[3] = Stage::kActive;
    const CentralGovernment& central = world.state().central;
    const auto month = [&] {
        world.next_month();
        world.run_national(&step_challenge_prize);
    };
    month();
    month();  // month 2: the call opens
    month();  // month 3: entrants and plan support
    CHECK(central.prize_entrants == 19);
    CHECK(central.prize_planning == 3);
    std::int64_t starts = 0, plans = 0;
    for (const auto& row : world.accounts().councils) {
        starts += row.life_cycle.starts;
        plans += row.life_cycle.plans_formed;
    }
    CHECK(starts == 17);  // every entrant without a group formed one
    CHECK(plans == 2);    // the two ideas; the active group stays active
    CHECK(c.stage[1] == Stage::kPlan);
    CHECK(c.months_in_stage[1] == 5);  // supported plan: months in stage not reset
    CHECK(c.stage[2] == Stage::kPlan);
    CHECK(c.stage[3] == Stage::kActive);
    for (const std::uint32_t i : {1u, 2u, 3u}) {
        CHECK(c.prize_stage[i] == PrizeStage::kPlanning);
        CHECK(c.capacity[i] == 1.0f);
    }
    CHECK(c.prize_stage[4] == PrizeStage::kEntrant);
    CHECK(c.prize_stage[0] == PrizeStage::kNone);
    // Plan support is a service bought nationally, booked against each group's council.
    CHECK(world.accounts().national.services_pence == 300'000);
    CHECK(prize_spend(world.accounts().councils[0]) == 100'000);  // community 1
    CHECK(prize_spend(world.accounts().councils[1]) == 200'000);  // communities 2 and 3
    CHECK(c.cash_pence[1] == 0);
    month();  // month 4: pitches and finalists
    CHECK(central.prize_pitched == 3);
    CHECK(central.prize_finalists == 2);
    CHECK(c.prize_stage[1] == PrizeStage::kFinalist);
    CHECK(c.prize_stage[2] == PrizeStage::kFinalist);
    CHECK(c.prize_stage[3] == PrizeStage::kPitched);
    CHECK(c.stage[1] == Stage::kActive);  // finalists deliver
    CHECK(c.cash_pence[1] == 2'000'000);
    CHECK(world.accounts()
              .councils[0]
              .income_pence[static_cast<int>(IncomeSource::kChallengePrize)] == 2'000'000);
    c.need[1] = 0.5f * central.prize_baselines[0].second;  // halves its need
    month();                                               // month 5: awards
    CHECK(central.prize_winners == 1);
    CHECK(c.prize_stage[1] == PrizeStage::kWinner);
    CHECK(c.cash_pence[1] == 2'000'000 + 10'000'000);
    CHECK(central.prize_finalist_reduction == Approx(0.25).epsilon(1e-6));
    CHECK(central.prize_fund_pence == 0);  // the whole call was spent
    CHECK(central.held_pence == 0);
}

TEST_CASE("a targeted call admits only communities at or below its social-capital limit",
          "[prize]") {
    for (const double limit : {1.0, 0.325}) {
        INFO("max_social_capital " << limit);
        auto overrides = short_call();
        overrides["prize.entry_probability"] = "1";
        overrides["prize.max_social_capital"] = std::to_string(limit);
        testing::TestWorld world(20, overrides);
        fund(world, kCallCost);
        Communities& c = world.communities();
        for (std::uint32_t i = 0; i < 20; ++i) {
            c.leadership[i] = 1.0f;
            c.social_capital[i] = 0.05f * static_cast<float>(i);  // 0, 0.05, ..., 0.95
        }
        for (int month = 1; month <= 3; ++month) {
            world.next_month();
            world.run_national(&step_challenge_prize);
        }
        // Everyone enters an open call; a limit of 0.325 admits 0, 0.05, ..., 0.3 (7 communities).
        CHECK(world.state().central.prize_entrants == (limit >= 1.0 ? 20 : 7));
        for (std::uint32_t i = 0; i < 20; ++i) {
            if (c.social_capital[i] > limit)
                CHECK(c.prize_stage[i] == PrizeStage::kNone);
        }
    }
}
