// Population: councils own contiguous ranges covering every community, draws do not depend on
// the thread count, initial spreaders are exactly k distinct communities.
#include <catch2/catch.hpp>

#include <tbb/global_control.h>

#include "localism/model/population.hpp"
#include "test_support.hpp"

using namespace localism;

namespace {
World initialised(const Scenario& s) {
    World world(s);
    initialise_population(world);
    return world;
}
}  // namespace

TEST_CASE("council ranges split n communities evenly, contiguously and completely",
          "[population]") {
    CHECK(council_first_community(10, 3, 0) == 0);
    CHECK(council_first_community(10, 3, 1) == 3);
    CHECK(council_first_community(10, 3, 2) == 6);
    CHECK(council_first_community(10, 3, 3) == 10);
    const Scenario s = testing::make_scenario(1003, {{"population.councils", "7"}});
    const World w = initialised(s);
    const auto& councils = w.state.councils;
    REQUIRE(councils.size() == 7);
    CHECK(councils.front().first_community == 0);
    CHECK(councils.back().last_community == 1003);
    for (std::size_t k = 0; k < councils.size(); ++k) {
        INFO("council " << k);
        CHECK(councils[k].id == k);
        if (k > 0)
            CHECK(councils[k].first_community == councils[k - 1].last_community);
        const auto size = councils[k].last_community - councils[k].first_community;
        CHECK((size == 143 || size == 144));  // 1003 / 7 = 143.3
        for (auto i = councils[k].first_community; i < councils[k].last_community; ++i)
            REQUIRE(w.state.communities.council[i] == k);
    }
    CHECK(w.accounts.councils.size() == 7);
}

TEST_CASE("initial values: nothing started, practice equal to context, values in range",
          "[population]") {
    const Scenario s = testing::make_scenario(500);
    const World w = initialised(s);
    const Communities& c = w.state.communities;
    for (std::uint32_t i = 0; i < c.size(); ++i) {
        REQUIRE(c.stage[i] == Stage::kNone);
        REQUIRE(c.start_month[i] == -1);
        REQUIRE(c.practice[i] == c.context[i]);
        REQUIRE(c.need[i] >= 0.0f);
        REQUIRE((c.leadership[i] > 0.0f && c.leadership[i] < 1.0f));
        REQUIRE((c.social_capital[i] > 0.0f && c.social_capital[i] < 1.0f));
        REQUIRE((c.capacity[i] > 0.0f && c.capacity[i] < 1.0f));
        REQUIRE(c.earned_income_capability[i] ==
                static_cast<float>(s.finance.initial_earned_income_capability));
    }
}

TEST_CASE("every drawn column is identical with one thread and with two", "[population]") {
    const Scenario s = testing::make_scenario(
        5000, {{"population.councils", "37"}, {"emergence.initial_active", "50"}});
    const auto with_threads = [&](std::size_t threads) {
        tbb::global_control limit(tbb::global_control::max_allowed_parallelism, threads);
        return initialised(s);
    };
    const World one = with_threads(1);
    const World two = with_threads(2);
    std::size_t columns = 0;
    CommunityColumns<StoredColumn>::zip(one.state.communities, two.state.communities,
                                        [&](const auto& a, const auto& b) {
                                            CHECK(a == b);
                                            ++columns;
                                        });
    CHECK(columns == 27);
    for (std::size_t k = 0; k < one.state.councils.size(); ++k) {
        CHECK(one.state.councils[k].deprivation == two.state.councils[k].deprivation);
        CHECK(one.state.councils[k].context_centre == two.state.councils[k].context_centre);
    }
}

TEST_CASE("a different seed draws a different population", "[population]") {
    const World a = initialised(testing::make_scenario(100, {{"run.seed", "1"}}));
    const World b = initialised(testing::make_scenario(100, {{"run.seed", "2"}}));
    CHECK(a.state.communities.leadership != b.state.communities.leadership);
}

TEST_CASE("initial_active seeds exactly k distinct communities, active from month 0",
          "[population]") {
    for (const int k : {0, 1, 37, 400}) {
        INFO("k = " << k);
        const Scenario s =
            testing::make_scenario(400, {{"emergence.initial_active", std::to_string(k)}});
        const World w = initialised(s);
        const Communities& c = w.state.communities;
        int active = 0;
        for (std::uint32_t i = 0; i < c.size(); ++i) {
            if (c.stage[i] != Stage::kActive)
                continue;
            ++active;
            CHECK(c.start_month[i] == 0);
            CHECK(c.flags[i] == kFlagEverStarted);
            CHECK(c.ownership[i] == 1.0f);  // a locally designed practice
        }
        CHECK(active == k);
        // Month 0 is not recorded in any council's row.
        for (const auto& row : w.accounts.councils)
            CHECK(row.life_cycle.activations == 0);
    }
}
