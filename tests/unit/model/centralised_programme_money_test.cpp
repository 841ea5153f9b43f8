// The centralised programme limited by its money (ODD 7.7): enrolment paced by the money held,
// members unfunded too long leave, confidence on funded members, own initiatives kept, reach
// split in the mixed arm, local adaptation, and the fixed cost of the national team.
#include <catch2/catch.hpp>

#include "localism/model/central_government.hpp"
#include "localism/model/life_cycle.hpp"
#include "test_world.hpp"

using namespace localism;

namespace {

constexpr std::int64_t kGrantPence = 120'000;  // GBP 1,200 a month

// 200 communities in 10 councils; a 3-month pilot (rollout from month 4), a pace that never
// binds (all communities a month) and two unpaid months allowed.
std::map<std::string, std::string> programme(std::map<std::string, std::string> extra = {}) {
    std::map<std::string, std::string> o = {{"central.mode", "centralised"},
                                            {"centralised.pilot_areas", "2"},
                                            {"centralised.pilot_months", "3"},
                                            {"centralised.programme_grant_gbp_per_month", "1200"},
                                            {"centralised.rollout_share_per_month", "1"},
                                            {"centralised.max_unfunded_months", "2"}};
    for (const auto& [key, value] : extra)
        o[key] = value;
    return o;
}

std::int64_t members(const Communities& c) {
    std::int64_t n = 0;
    for (std::uint32_t i = 0; i < c.size(); ++i)
        n += (c.flags[i] & kFlagProgrammeMember) != 0;
    return n;
}

void run_months(testing::TestWorld& world, int months) {
    for (int m = 0; m < months; ++m) {
        world.next_month();
        world.run_national(&step_centralised_programme);
    }
}

}  // namespace

TEST_CASE("enrolment is paced by the money: members funded to the next budget month, then leave",
          "[centralised_programme]") {
    testing::TestWorld world(200, programme());
    run_months(world, 3);  // the pilot, unpaid: no money yet
    CentralGovernment& central = world.state().central;
    // Month 4 leaves 9 months (April-December of the model year: months 4-12) before the next
    // budget: exactly 5 members can be funded that long.
    central.held_pence = 5 * kGrantPence * 9 + 100;
    run_months(world, 1);
    REQUIRE(central.phase == ProgrammePhase::kRollout);
    CHECK(central.enrolled == 5);
    run_months(world, 8);  // months 5-12: all 5 paid, nobody new
    CHECK(central.enrolled == 5);
    CHECK(members(world.communities()) == 5);
    CHECK(central.held_pence == 100);
    // No budget arrives (the budget process does not run here): unpaid in months 13 and 14,
    // they leave in month 15, the third unpaid month.
    run_months(world, 1);
    CHECK(central.year_member_months == 5);  // month 12's funded members, observed in month 13
    run_months(world, 1);
    CHECK(members(world.communities()) == 5);
    CHECK(central.programme_exits == 0);
    // Confidence counts funded members only: month 13's unpaid members are not observed.
    CHECK(central.year_member_months == 5);
    run_months(world, 1);
    CHECK(members(world.communities()) == 0);
    CHECK(central.programme_exits == 5);
}

TEST_CASE("groups with their own active initiative keep it unless they choose to join",
          "[centralised_programme]") {
    for (const double join : {0.0, 1.0}) {
        testing::TestWorld world(
            200,
            programme({{"centralised.own_initiative_join_probability", join == 0.0 ? "0" : "1"}}));
        Communities& c = world.communities();
        LifeCycleCounts counts;
        for (std::uint32_t i = 0; i < 200; i += 10)
            life_cycle::seed_active(c, i, counts);  // 20 own initiatives
        run_months(world, 3);
        const std::vector<Stage> stage_before(c.stage.begin(), c.stage.end());
        const std::vector<Vector4> practice_before(c.practice.begin(), c.practice.end());
        world.state().central.held_pence = 1'000'000'000;
        run_months(world, 1);
        INFO("join probability " << join);
        std::int64_t own_kept = 0, own = 0;
        for (std::uint32_t i = 0; i < c.size(); ++i) {
            const bool member = c.flags[i] & kFlagProgrammeMember;
            if (stage_before[i] == Stage::kActive) {
                ++own;
                CHECK(member == (join == 1.0));
                own_kept += !member && c.practice[i] == practice_before[i];
            } else {
                CHECK(member);  // everyone else is reached and joins
            }
        }
        CHECK(own >= 20);  // the seeded groups and the pilot sites
        CHECK(own_kept == (join == 0.0 ? own : 0));
    }
}

TEST_CASE("the mixed arm's programme reaches (1 - w) of the communities",
          "[centralised_programme]") {
    for (const auto& [weight, reach] : {std::pair{"0", 200}, {"0.25", 150}, {"0.5", 100}}) {
        testing::TestWorld world(200,
                                 programme({{"central.mode", "mixed"},
                                            {"central.devolved_weight", weight},
                                            {"centralised.own_initiative_join_probability", "1"}}));
        world.state().central.held_pence = 1'000'000'000;
        run_months(world, 6);
        INFO("w = " << weight);
        CHECK(world.state().central.rollout_position == reach);
        CHECK(world.state().central.enrolled == reach);
    }
}

TEST_CASE("local adaptation moves members towards their context and ownership; 0 keeps it",
          "[centralised_programme]") {
    for (const double rate : {0.0, 0.1}) {
        testing::TestWorld world(
            200, programme({{"centralised.adaptation_rate_per_month", rate == 0 ? "0" : "0.1"}}));
        world.state().central.held_pence = 1'000'000'000;
        run_months(world, 4);
        const Communities& c = world.communities();
        const CentralGovernment& central = world.state().central;
        run_months(world, 1);
        INFO("rate " << rate);
        std::int64_t checked = 0;
        for (std::uint32_t i = 0; i < c.size(); ++i) {
            if (!(c.flags[i] & kFlagProgrammeMember) || c.stage[i] != Stage::kActive)
                continue;
            ++checked;
            const float r = static_cast<float>(rate);
            const float own = 0.15f + r * (1.0f - 0.15f);
            CHECK(c.ownership[i] == own);
            for (int d = 0; d < kContextDimensions; ++d) {
                const float t = central.template_practice[d];
                CHECK(c.practice[i][d] == t + r * (c.context[i][d] - t));
            }
        }
        CHECK(checked > 150);
    }
}

TEST_CASE("the national team's fixed cost is paid first and leaves less for members",
          "[centralised_programme]") {
    // GBP 1.2m a year: 10,000,000 pence a month.
    constexpr std::int64_t kFixedPence = 10'000'000;
    testing::TestWorld world(200, programme({{"centralised.fixed_cost_gbp_per_year", "1200000"}}));
    run_months(world, 3);
    CentralGovernment& central = world.state().central;
    central.held_pence = kFixedPence * 9 + kGrantPence * 9 * 3;
    run_months(world, 1);
    const NationalMonth& national = world.accounts().national;
    CHECK(national.services_pence == kFixedPence);
    CHECK(national.spend_pence[static_cast<int>(SpendLine::kCentralProgramme)] == kFixedPence);
    CHECK(central.enrolled == 3);  // what is left after the team to April funds three groups
    run_months(world, 8);
    CHECK(central.held_pence == 0);
    CHECK(members(world.communities()) == 3);
}
