// The policy timeline's syntax and validation (ODD 7.20): dated changes become policy phases,
// each a whole valid scenario; keys that cannot change, months outside the run and a key
// changed twice in one month are located errors.
#include <catch2/catch.hpp>
#include <filesystem>
#include <fstream>

#include "localism/scenario/timeline.hpp"
#include "localism/scenario/validate.hpp"

using namespace localism;
using namespace localism::scenario;

namespace {

const std::string kHead =
    "run:\n  name: t\n  months: 120\npopulation:\n  communities: 100\n  councils: 5\n";

Scenario load(const std::string& text, const std::vector<std::string>& overrides = {}) {
    return validate_source(read_scenario_text(text, "t.yaml", overrides));
}

// The diagnostics of a scenario that must not validate.
std::vector<Diagnostic> problems(const std::string& text,
                                 const std::vector<std::string>& overrides = {}) {
    try {
        load(text, overrides);
    } catch (const InputError& e) {
        return e.diagnostics();
    }
    FAIL("the scenario validated");
    return {};
}

}  // namespace

TEST_CASE("a timeline becomes policy phases selected by month", "[timeline]") {
    const Scenario s = load(kHead +
                            "central:\n  mode: centralised\n"
                            "timeline:\n"
                            "  - year: 6\n"
                            "    set: {central.mode: devolved, central.annual_budget_gbp: 6.0e6}\n"
                            "  - month: 100\n"
                            "    set:\n      prize.enabled: false\n");
    REQUIRE(s.timeline);
    REQUIRE(s.timeline->phases.size() == 2);
    CHECK(s.timeline->phases[0].first_month == 61);
    CHECK(s.timeline->phases[1].first_month == 100);
    REQUIRE(s.timeline->changes.size() == 3);
    CHECK(s.timeline->changes[0].month == 61);
    CHECK(s.timeline->changes[0].key == "central.annual_budget_gbp");
    CHECK(s.timeline->changes[0].value == "6e+06");
    CHECK(s.timeline->changes[1].key == "central.mode");
    CHECK(s.timeline->changes[1].value == "devolved");
    // Month 0's parameters stay those of the scenario itself; each phase keeps earlier changes.
    CHECK(s.central.mode == PolicyMode::kCentralised);
    CHECK(scenario_in_month(s, 60).central.mode == PolicyMode::kCentralised);
    CHECK(&scenario_in_month(s, 60) == &s);
    CHECK(scenario_in_month(s, 61).central.mode == PolicyMode::kDevolved);
    CHECK(scenario_in_month(s, 61).central.annual_budget_gbp == 6.0e6);
    CHECK(scenario_in_month(s, 61).prize.enabled);
    CHECK(scenario_in_month(s, 120).central.mode == PolicyMode::kDevolved);
    CHECK_FALSE(scenario_in_month(s, 120).prize.enabled);
    CHECK(changes_in_month(s, 61) == 2);
    CHECK(changes_in_month(s, 100) == 1);
    CHECK(changes_in_month(s, 99) == 0);
}

TEST_CASE("a scenario without a timeline has no phases", "[timeline]") {
    const Scenario s = load(kHead);
    CHECK_FALSE(s.timeline);
    CHECK(&scenario_in_month(s, 50) == &s);
    CHECK(changes_in_month(s, 50) == 0);
}

TEST_CASE("flat timeline keys (--set, experiment arms) equal the list form", "[timeline]") {
    const Scenario listed =
        load(kHead + "timeline:\n  - month: 61\n    set: {central.mode: centralised}\n");
    const Scenario flat = load(kHead, {"timeline.month.61.central.mode=centralised"});
    const Scenario by_year = load(kHead, {"timeline.year.6.central.mode=centralised"});
    CHECK(describe(listed) == describe(flat));
    CHECK(describe(listed) == describe(by_year));
}

TEST_CASE("describe writes the timeline so that it reads back to the same scenario", "[timeline]") {
    const Scenario s = load(kHead +
                            "timeline:\n"
                            "  - month: 25\n    set: {councils.outreach: 0.6}\n"
                            "  - year: 4\n    set: {central.mode: mixed}\n");
    const std::string text = describe(s);
    CHECK(text.find("timeline:") != std::string::npos);
    CHECK(describe(load(text)) == text);
}

TEST_CASE("a key that cannot change mid-run is an error saying why", "[timeline]") {
    const auto errors = problems(kHead +
                                 "timeline:\n  - month: 13\n    set:\n"
                                 "      population.communities: 200\n");
    REQUIRE(errors.size() == 1);
    CHECK(errors[0].message.find("`population.communities` cannot change during a run: the "
                                 "population") != std::string::npos);
    CHECK(errors[0].where.line == 10);
    CHECK(errors[0].where.column == 31);
    for (const char* key : {"network.mean_degree", "run.seed", "knowhow.choices",
                            "need.growth_rate_per_month", "councils.skill_spread",
                            "devolved.learning_ties_per_community", "output.council_panels"}) {
        INFO(key);
        CHECK_FALSE(why_fixed_for_run(key).empty());
    }
    for (const char* key :
         {"central.mode", "central.annual_budget_gbp", "prize.enabled", "councils.outreach",
          "centralised.members_at_close", "devolved.prize_share"}) {
        INFO(key);
        CHECK(why_fixed_for_run(key).empty());
    }
}

TEST_CASE("timeline mistakes are located errors", "[timeline]") {
    SECTION("unknown key, with the closest key as a hint") {
        const auto e = problems(kHead + "timeline:\n  - month: 61\n    set: {central.mdoe: x}\n");
        REQUIRE(e.size() == 1);
        CHECK(e[0].hint == "did you mean `central.mode`?");
        CHECK(e[0].where.line == 9);
    }
    SECTION("a month after the run, located at its entry") {
        const auto e =
            problems(kHead + "timeline:\n  - month: 121\n    set: {prize.enabled: false}\n");
        REQUIRE(e.size() == 1);
        CHECK(e[0].message.find("month 121 is outside the run") != std::string::npos);
        CHECK(e[0].where.line == 8);
        CHECK(e[0].where.column == 12);
    }
    SECTION("month 1 and year 1 are the scenario itself") {
        CHECK(problems(kHead, {"timeline.month.1.prize.enabled=false"}).size() == 1);
        CHECK(problems(kHead, {"timeline.year.1.prize.enabled=false"}).size() == 1);
    }
    SECTION("two changes to one key in one month, also by month and by year") {
        const auto e = problems(kHead +
                                "timeline:\n  - year: 6\n    set: {prize.enabled: false}\n"
                                "  - month: 61\n    set: {prize.enabled: true}\n");
        REQUIRE(e.size() == 1);
        CHECK(e[0].message.find("changes twice at month 61 (also at line 9)") != std::string::npos);
        CHECK(e[0].where.line == 11);
        const auto flat = problems(
            kHead, {"timeline.year.6.prize.enabled=false", "timeline.month.61.prize.enabled=true"});
        REQUIRE(flat.size() == 1);
        CHECK(flat[0].message.find("changes twice at month 61") != std::string::npos);
    }
    SECTION("a value out of its range") {
        const auto e = problems(kHead +
                                "timeline:\n  - month: 61\n    set:\n"
                                "      central.devolved_weight: 1.5\n");
        REQUIRE(e.size() == 1);
        CHECK(e[0].message.find("between 0.0 and 1.0") != std::string::npos);
        CHECK(e[0].where.line == 10);
    }
    SECTION("the scenario in force after a change must be consistent as a whole") {
        const auto e = problems(kHead +
                                "timeline:\n  - month: 37\n    set:\n"
                                "      councils.open_grants_share: 0.7\n");
        REQUIRE(e.size() == 1);
        CHECK(e[0].message.find("(with the changes of month 37)") != std::string::npos);
        CHECK(e[0].where.line == 10);
        // Fixed by a second change in the same month, it validates.
        CHECK_NOTHROW(load(kHead + "timeline:\n  - month: 37\n    set:\n"
                                   "      councils.open_grants_share: 0.7\n"
                                   "      councils.contracts_share: 0.0\n"));
    }
    SECTION("entries that are not a date with a set block") {
        CHECK(problems(kHead + "timeline:\n  - month: 61\n    year: 6\n    set: {prize.enabled: "
                               "false}\n")[0]
                  .message.find("not both") != std::string::npos);
        CHECK(problems(kHead + "timeline:\n  - set: {prize.enabled: false}\n")[0].message.find(
                  "needs `month:` or `year:`") != std::string::npos);
        CHECK(problems(kHead + "timeline:\n  month: 61\n")[0].message.find("is a list") !=
              std::string::npos);
        CHECK(problems(kHead + "timeline:\n  - month: 61\n    sett: {prize.enabled: false}\n")[0]
                  .hint == "did you mean `set`?");
        CHECK(problems(kHead + "timeline:\n  - month: soon\n    set: {prize.enabled: false}\n")[0]
                  .message.find("whole number") != std::string::npos);
        CHECK(problems(kHead, {"timeline.week.3.prize.enabled=false"})[0].message ==
              "not a timeline change");
        CHECK(problems(kHead, {"timeline.month.61=devolved"})[0].message ==
              "not a timeline change");
    }
}

TEST_CASE("a scenario's timeline replaces the one of the scenario it extends", "[timeline]") {
    namespace fs = std::filesystem;
    const fs::path dir = fs::temp_directory_path() / "localism_timeline_extends_test";
    fs::create_directories(dir);
    std::ofstream(dir / "base.yaml")
        << kHead << "timeline:\n  - month: 13\n    set: {prize.enabled: false}\n";
    std::ofstream(dir / "child.yaml")
        << "extends: base.yaml\ntimeline:\n  - month: 25\n    set: {councils.outreach: 0.5}\n";
    std::ofstream(dir / "plain_child.yaml") << "extends: base.yaml\n";
    const Scenario child = load_scenario((dir / "child.yaml").string());
    const Scenario inherits = load_scenario((dir / "plain_child.yaml").string());
    fs::remove_all(dir);
    REQUIRE(child.timeline);
    REQUIRE(child.timeline->changes.size() == 1);
    CHECK(child.timeline->changes[0].key == "councils.outreach");
    REQUIRE(inherits.timeline);
    REQUIRE(inherits.timeline->changes.size() == 1);
    CHECK(inherits.timeline->changes[0].key == "prize.enabled");
}
