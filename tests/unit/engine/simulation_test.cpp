// The schedule: which national processes take part under each policy, national processes before
// council processes, each council process on exactly its own slice, and the money held.
#include <catch2/catch.hpp>

#include "localism/engine/simulation.hpp"
#include "test_world.hpp"

using namespace localism;

namespace {

bool any_flag(const Communities& c, std::uint8_t flag) {
    return std::any_of(c.flags.begin(), c.flags.end(), [flag](auto f) { return (f & flag) != 0; });
}

// A prize call that costs nothing (no places, no awards) and is due in month 1: it opens
// whenever the prize process runs, whatever money there is.
std::map<std::string, std::string> free_prize(const char* mode) {
    return {{"central.mode", mode},
            {"prize.first_call_month", "1"},
            {"prize.plan_support_places", "0"},
            {"prize.finalist_places", "0"},
            {"prize.award_large_count", "0"},
            {"prize.award_small_count", "0"}};
}

}  // namespace

TEST_CASE("the centralised programme does not run when fully devolved", "[simulation]") {
    Simulation devolved(testing::make_scenario(300, {{"central.mode", "devolved"}}));
    devolved.step();
    const ModelState& d = devolved.world().state;
    CHECK(d.central.phase == ProgrammePhase::kNotStarted);
    CHECK_FALSE(any_flag(d.communities, kFlagPilot | kFlagProgrammeMember));
    CHECK(std::none_of(d.councils.begin(), d.councils.end(),
                       [](const Council& c) { return c.pilot_area; }));
    SECTION("but does with any centralised share") {
        Simulation mixed(testing::make_scenario(
            300, {{"central.mode", "mixed"}, {"central.devolved_weight", "0.9"}}));
        mixed.step();
        CHECK(mixed.world().state.central.phase == ProgrammePhase::kPilot);
        CHECK(any_flag(mixed.world().state.communities, kFlagPilot));
    }
}

TEST_CASE("the challenge prize does not run when centralised or when disabled", "[simulation]") {
    const auto call_month = [](std::map<std::string, std::string> overrides) {
        Simulation sim(testing::make_scenario(300, overrides));
        sim.step();
        return sim.world().state.central.prize_call_month;
    };
    CHECK(call_month(free_prize("centralised")) == -1);
    CHECK(call_month(free_prize("mixed")) == 1);
    CHECK(call_month(free_prize("devolved")) == 1);
    auto disabled = free_prize("devolved");
    disabled["prize.enabled"] = "false";
    CHECK(call_month(disabled) == -1);
}

TEST_CASE("national processes run before the councils in the same month", "[simulation]") {
    // Pilots activated by the programme in month 1 are already assessed by impact in month 1.
    Simulation sim(testing::make_scenario(
        400, {{"central.mode", "centralised"}, {"centralised.pilot_site_share", "0.1"}}));
    sim.step();
    const Communities& c = sim.world().state.communities;
    int pilots = 0;
    for (std::uint32_t i = 0; i < c.size(); ++i) {
        if (!(c.flags[i] & kFlagPilot))
            continue;
        ++pilots;
        CHECK(c.stage[i] == Stage::kActive);  // the pilot grant covered the running cost
        CHECK(c.effectiveness[i] > 0.0f);
    }
    CHECK(pilots > 0);
}

TEST_CASE("a council process visits exactly its own council's communities, once each",
          "[simulation]") {
    testing::TestWorld world(1000, {{"population.councils", "13"}});
    world.next_month();
    // Tags every community in the slice with its council: any community outside the slice, or
    // visited twice, would carry the wrong tag.
    world.run_councils([](const MonthContext&, const PeerView&, CouncilSlice& s) {
        for (std::uint32_t i = s.first(); i < s.last(); ++i)
            s.communities.cash_pence[i] += 1000 * (s.council.id + 1);
        s.month.running_costs_pence += s.last() - s.first();
    });
    const Communities& c = world.communities();
    for (std::uint32_t i = 0; i < c.size(); ++i)
        REQUIRE(c.cash_pence[i] == 1000 * (c.council[i] + 1));
    std::int64_t rows = 0;
    for (const auto& row : world.accounts().councils)
        rows += row.running_costs_pence;
    CHECK(rows == 1000);  // each council wrote its own row, with its own size
}

TEST_CASE("a council slice is the council's range of the shared columns", "[simulation]") {
    testing::TestWorld world(100, {{"population.councils", "4"}});
    for (std::size_t k = 0; k < world.councils(); ++k) {
        CouncilSlice s = world.slice(k);
        const Council& council = world.state().councils[k];
        CHECK(s.first() == council.first_community);
        CHECK(s.last() == council.last_community);
        CHECK(&s.month == &world.accounts().councils[k]);
        for (std::uint32_t i = s.first(); i < s.last(); ++i)
            REQUIRE(&s.communities.need[i] == &world.communities().need[i]);
    }
}

TEST_CASE("money held adds central money, council budget lines and community cash",
          "[simulation]") {
    testing::TestWorld world(50);
    ModelState& s = world.state();
    s.central.held_pence = 1'000'000;
    s.central.prize_fund_pence = 400;  // part of held, not added twice
    s.councils[3].contracts_pence = 20'000;
    s.councils[7].local_challenge_pence = 300;
    s.communities.cash_pence[0] = 5;
    s.communities.cash_pence[49] = 40;
    CHECK(money_held_pence(s) == 1'000'000 + 20'000 + 300 + 5 + 40);
}
