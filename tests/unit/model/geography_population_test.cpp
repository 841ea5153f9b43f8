// Initialisation from a real geography (ODD 5.1): councils are the geography's, with
// population-weighted deprivation and rural share; need scales with population; the rural and
// domain rules move the means they name, and do nothing at effect 0.
#include <catch2/catch.hpp>

#include "localism/model/geography_population.hpp"
#include "localism/model/population.hpp"
#include "localism/scenario/geography.hpp"
#include "localism/scenario/validate.hpp"

using namespace localism;

namespace {

const std::string kTiny = std::string(LOCALISM_SOURCE_DIR) + "/tests/data/geography/tiny.yaml";

Scenario tiny(std::vector<std::string> overrides = {}) {
    return scenario::load_scenario(kTiny, overrides);
}

}  // namespace

TEST_CASE("councils take their ranges, deprivation and rurality from the geography",
          "[geography][population]") {
    const Scenario s = tiny();
    World world(s);
    initialise_population(world);
    const auto& councils = world.state.councils;
    REQUIRE(councils.size() == 3);
    CHECK(councils[0].first_community == 0);
    CHECK(councils[0].last_community == 4);
    CHECK(councils[2].last_community == 10);
    // Northtown: (1520 x 0.95 + 1480 x 0.81 + 1610 x 0.55 + 1390 x 0.22) / 6000.
    CHECK(councils[0].deprivation == Approx(3834.1 / 6000.0).epsilon(1e-6));
    CHECK(councils[0].rural_share == 0.0f);
    // Southvale: (1700 x 0.3 + 1250 + 1330) / 4280.
    CHECK(councils[1].rural_share == Approx(3090.0 / 4280.0).epsilon(1e-6));
    CHECK(councils[2].rural_share == 1.0f);
    const auto& c = world.state.communities;
    CHECK(c.deprivation_decile[0] == 1);
    CHECK(c.deprivation_decile[6] == 10);
    CHECK(c.council[9] == 2);
}

TEST_CASE("need scales with population and rises with deprivation", "[geography][population]") {
    const Scenario s = tiny();
    // Northtown Docks: 1520 people at deprivation 0.95; Hill End: 980 people at 0.35.
    const CommunityMeans docks = geography_community_means(s, 0);
    const CommunityMeans hill = geography_community_means(s, 7);
    CHECK(docks.need_level == Approx(100.0 * 1520 / 1500 * (1 + 0.5 * 0.45)));
    CHECK(hill.need_level == Approx(100.0 * 980 / 1500 * (1 - 0.5 * 0.15)));
    const Scenario doubled = tiny({"geography.reference_population=750"});
    CHECK(geography_community_means(doubled, 0).need_level == Approx(2 * docks.need_level));
}

TEST_CASE(
    "rurality raises social capital; education and health deprivation lower leadership "
    "and capacity; at effect 0 they do nothing",
    "[geography][population]") {
    const Scenario s = tiny();
    // Southvale Green (rural, domains ~0.1) vs Northtown Heights (urban, domains ~0.2).
    const CommunityMeans rural = geography_community_means(s, 5);
    const CommunityMeans rural_off =
        geography_community_means(tiny({"geography.rural_social_capital_effect=0"}), 5);
    CHECK(rural.social_capital == Approx(rural_off.social_capital * 1.2));
    const CommunityMeans urban = geography_community_means(s, 3);
    const CommunityMeans urban_off =
        geography_community_means(tiny({"geography.rural_social_capital_effect=0"}), 3);
    CHECK(urban.social_capital == Approx(urban_off.social_capital));
    // Northtown Docks: education 0.90, health 0.88.
    const CommunityMeans docks = geography_community_means(s, 0);
    CHECK(docks.leadership == Approx(0.3 * (1 - 0.3 * 0.90)));
    CHECK(docks.capacity == Approx(0.4 * (1 - 0.2 * 0.88)));
    const Scenario off =
        tiny({"geography.education_leadership_effect=0", "geography.health_capacity_effect=0"});
    CHECK(geography_community_means(off, 0).leadership == Approx(0.3));
    CHECK(geography_community_means(off, 0).capacity == Approx(0.4));
}
