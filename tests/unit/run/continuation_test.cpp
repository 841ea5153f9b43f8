// Which scenario may continue a saved state: the saved one, names aside; the first differing
// key is named with both values.
#include <catch2/catch.hpp>

#include "localism/run/continuation.hpp"

using namespace localism;

namespace {
const std::string kSaved =
    "# Fully resolved localism scenario\nrun:\n  name: \"a\"\n  months: 120\n  seed: 1\n"
    "central:\n  mode: centralised\n  annual_budget_gbp: 1e7\n";
}

TEST_CASE("the saved scenario itself may continue its state", "[state]") {
    CHECK_FALSE(scenario_difference(kSaved, kSaved, 60));
}

TEST_CASE("a name or description may differ", "[state]") {
    std::string renamed = kSaved;
    renamed.replace(renamed.find("\"a\""), 3, "\"b\"");
    CHECK_FALSE(scenario_difference(kSaved, renamed, 60));
    CHECK(may_differ_on_continuing("run.description", 60));
    CHECK_FALSE(may_differ_on_continuing("run.seed", 60));
}

TEST_CASE("the first differing key is named with both values", "[state]") {
    std::string devolved = kSaved;
    devolved.replace(devolved.find("centralised"), 11, "devolved");
    devolved.replace(devolved.find("seed: 1"), 7, "seed: 2");
    CHECK(scenario_difference(kSaved, devolved, 60) == "run.seed: saved 1, given 2");
    std::string fewer = kSaved;
    fewer.erase(fewer.find("  annual_budget_gbp"));
    CHECK(scenario_difference(kSaved, fewer, 60) ==
          "central.annual_budget_gbp: saved 1e7, not in the given scenario");
    CHECK(scenario_difference(fewer, kSaved, 60) ==
          "central.annual_budget_gbp: given 1e7, not in the saved scenario");
}

TEST_CASE("timeline changes after the saved month may differ, those at or before it may not",
          "[state]") {
    CHECK(may_differ_on_continuing("timeline.month.61.central.mode", 60));
    CHECK_FALSE(may_differ_on_continuing("timeline.month.60.central.mode", 60));
    CHECK_FALSE(may_differ_on_continuing("timeline.month.12.prize.enabled", 60));
    CHECK_FALSE(may_differ_on_continuing("timeline.month.x.central.mode", 0));
    const std::string early = "timeline:\n  - month: 12\n    set:\n      prize.enabled: false\n";
    const std::string late = "  - month: 61\n    set:\n      central.mode: devolved\n";
    // An added branch after the saved month continues; the same change at month 12 does not.
    CHECK_FALSE(scenario_difference(kSaved, kSaved + "timeline:\n" + late, 60));
    CHECK_FALSE(scenario_difference(kSaved + early, kSaved + early + late, 60));
    CHECK(scenario_difference(kSaved, kSaved + early, 60) ==
          "timeline.month.12.prize.enabled: given false, not in the saved scenario");
    std::string altered = kSaved + early;
    altered.replace(altered.find("false"), 5, "true");
    CHECK(scenario_difference(kSaved + early, altered, 60) ==
          "timeline.month.12.prize.enabled: saved false, given true");
}
