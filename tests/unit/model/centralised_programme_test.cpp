// The centralised programme run alone on a test world: pilot selection, evaluation, paced
// enrolment with the imposed template, and payments booked in the member's council row.
#include <catch2/catch.hpp>

#include "localism/model/central_government.hpp"
#include "test_world.hpp"

using namespace localism;

namespace {

constexpr std::int64_t kPilotGrantPence = 150'000;      // GBP 1,500 a month
constexpr std::int64_t kProgrammeGrantPence = 120'000;  // GBP 1,200 a month

// 200 communities in 10 councils of 20; 2 pilot areas with one site each (5% of 20), a
// 3-month pilot, then 10% of communities enrolled a month.
std::map<std::string, std::string> programme() {
    return {{"central.mode", "centralised"},
            {"centralised.pilot_areas", "2"},
            {"centralised.pilot_site_share", "0.05"},
            {"centralised.pilot_months", "3"},
            {"centralised.pilot_grant_gbp_per_month", "1500"},
            {"centralised.programme_grant_gbp_per_month", "1200"},
            {"centralised.rollout_share_per_month", "0.1"},
            {"centralised.imposed_ownership", "0.15"}};
}

std::int64_t programme_spend(const CouncilMonth& row) {
    return row.spend_pence[static_cast<int>(SpendLine::kCentralProgramme)];
}
std::int64_t programme_income(const CouncilMonth& row) {
    return row.income_pence[static_cast<int>(IncomeSource::kCentralProgramme)];
}

}  // namespace

TEST_CASE("pilots: the strongest leader in each of pilot_areas councils, active and paid",
          "[centralised_programme]") {
    testing::TestWorld world(200, programme());
    world.state().central.held_pence = 100'000'000;
    world.next_month();
    world.run_national(&step_centralised_programme);
    const Communities& c = world.communities();
    const auto& councils = world.state().councils;
    CHECK(world.state().central.phase == ProgrammePhase::kPilot);
    int areas = 0;
    for (std::size_t k = 0; k < councils.size(); ++k) {
        const Council& council = councils[k];
        const CouncilMonth& row = world.accounts().councils[k];
        std::uint32_t strongest = council.first_community;
        int pilots = 0;
        for (auto i = council.first_community; i < council.last_community; ++i) {
            if (c.leadership[i] > c.leadership[strongest])
                strongest = i;
            pilots += (c.flags[i] & kFlagPilot) != 0;
        }
        INFO("council " << k);
        if (!council.pilot_area) {
            CHECK(pilots == 0);
            CHECK(programme_spend(row) == 0);
            continue;
        }
        ++areas;
        CHECK(pilots == 1);
        CHECK((c.flags[strongest] & kFlagPilot) != 0);
        CHECK(c.stage[strongest] == Stage::kActive);
        CHECK(c.ownership[strongest] == 1.0f);  // a locally designed practice
        CHECK(row.life_cycle.starts == 1);
        CHECK(row.life_cycle.activations == 1);
        CHECK(c.cash_pence[strongest] == kPilotGrantPence);
        CHECK(programme_income(row) == kPilotGrantPence);
        CHECK(programme_spend(row) == kPilotGrantPence);
    }
    CHECK(areas == 2);
    CHECK(world.count(Stage::kActive) == 2);
    CHECK(world.state().central.held_pence == 100'000'000 - 2 * kPilotGrantPence);
}

TEST_CASE("evaluation picks the most effective pilot's practice as the template",
          "[centralised_programme]") {
    testing::TestWorld world(200, programme());
    world.state().central.held_pence = 100'000'000;
    Communities& c = world.communities();
    std::vector<std::uint32_t> pilots;
    for (int month = 1; month <= 3; ++month) {
        world.next_month();
        world.run_national(&step_centralised_programme);
    }
    for (std::uint32_t i = 0; i < c.size(); ++i) {
        if (c.flags[i] & kFlagPilot)
            pilots.push_back(i);
    }
    REQUIRE(pilots.size() == 2);
    c.effectiveness[pilots[0]] = 0.2f;
    c.effectiveness[pilots[1]] = 0.6f;
    c.need_reduced[pilots[0]] = 1.0f;
    c.need_reduced[pilots[1]] = 3.0f;
    const Vector4 best = c.practice[pilots[1]];
    world.next_month();  // month 4: three months after the pilot began
    world.run_national(&step_centralised_programme);
    const CentralGovernment& central = world.state().central;
    CHECK(central.phase == ProgrammePhase::kRollout);
    CHECK(central.has_template);
    CHECK(central.template_practice == best);
    // Pilot results observed in month 4 (months 2 and 3 had nothing reduced): 4 units over 6
    // group-months.
    CHECK(central.pilot_reduction_per_group == 4.0 / 6.0);  // the same division: exact
}

TEST_CASE("rollout enrols rollout_share of communities a month with the template imposed",
          "[centralised_programme]") {
    testing::TestWorld world(200, programme());
    world.state().central.held_pence = 100'000'000;
    for (int month = 1; month <= 4; ++month) {
        world.next_month();
        world.run_national(&step_centralised_programme);
    }
    const Communities& c = world.communities();
    const CentralGovernment& central = world.state().central;
    const auto members = [&] {
        std::vector<std::uint32_t> ids;
        for (std::uint32_t i = 0; i < c.size(); ++i) {
            if (c.flags[i] & kFlagProgrammeMember)
                ids.push_back(i);
        }
        return ids;
    };
    REQUIRE(central.phase == ProgrammePhase::kRollout);
    CHECK(central.enrolled == 20);  // 10% of 200
    CHECK(members().size() == 20);
    const std::vector<Stage> before(c.stage.begin(), c.stage.end());
    const std::vector<std::uint8_t> flags_before(c.flags.begin(), c.flags.end());
    world.next_month();
    world.run_national(&step_centralised_programme);
    CHECK(central.enrolled == 40);
    const auto enrolled = members();
    REQUIRE(enrolled.size() == 40);  // distinct communities: the order is a permutation
    std::int64_t starts = 0, expected_starts = 0;
    for (const auto& row : world.accounts().councils)
        starts += row.life_cycle.starts;
    for (const auto i : enrolled) {
        const bool new_member = !(flags_before[i] & kFlagProgrammeMember);
        expected_starts += new_member && before[i] != Stage::kActive;
    }
    CHECK(starts == expected_starts);  // an active pilot that joins is not a new start
    CHECK(expected_starts >= 18);
    for (const auto i : enrolled) {
        CHECK(c.stage[i] == Stage::kActive);
        CHECK(c.practice[i] == central.template_practice);
        CHECK(c.ownership[i] == static_cast<float>(0.15));
    }
}

TEST_CASE("members are paid the programme grant, booked in their own council's row",
          "[centralised_programme]") {
    testing::TestWorld world(200, programme());
    world.state().central.held_pence = 100'000'000;
    for (int month = 1; month <= 5; ++month) {
        world.next_month();
        world.run_national(&step_centralised_programme);
    }
    const Communities& c = world.communities();
    std::vector<std::int64_t> expected(world.councils(), 0);
    for (std::uint32_t i = 0; i < c.size(); ++i) {
        if (c.flags[i] & kFlagProgrammeMember)
            expected[c.council[i]] += kProgrammeGrantPence;
    }
    for (std::size_t k = 0; k < world.councils(); ++k) {
        INFO("council " << k);
        CHECK(programme_income(world.accounts().councils[k]) == expected[k]);
        CHECK(programme_spend(world.accounts().councils[k]) == expected[k]);
    }
    CHECK(world.accounts().national.spend_pence == std::array<std::int64_t, kSpendLineCount>{});
}

TEST_CASE("payments stop when the programme's money (held minus prize fund) runs out",
          "[centralised_programme]") {
    testing::TestWorld world(200, programme());
    CentralGovernment& central = world.state().central;
    central.held_pence = kPilotGrantPence + 1000 + 5000;
    central.prize_fund_pence = 5000;  // reserved: never paid to the programme
    world.next_month();
    world.run_national(&step_centralised_programme);
    std::int64_t paid = 0;
    for (const auto& row : world.accounts().councils)
        paid += programme_spend(row);
    CHECK(paid == kPilotGrantPence + 1000);  // one full grant, then the last 1,000 pence
    CHECK(central.held_pence == 5000);
}
