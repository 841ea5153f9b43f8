// Scenario validation: typing, ranges, hints, required keys, inheritance, overrides, describe.
#include <catch2/catch.hpp>

#include <filesystem>
#include <fstream>

#include "localism/scenario/schema.hpp"
#include "localism/scenario/validate.hpp"
#include "test_support.hpp"

using namespace localism;
using namespace localism::scenario;

namespace {

std::vector<Diagnostic> errors_of(const std::map<std::string, std::string>& leaves) {
    RawTree tree;
    for (const auto& [k, v] : leaves)
        tree[k] = {v, false, {"s.yaml", 3, 5}};
    try {
        validate(tree, 0);
    } catch (const InputError& e) {
        return e.diagnostics();
    }
    return {};
}

std::string write_temp(const std::string& name, const std::string& text) {
    const auto path = std::filesystem::temp_directory_path() / ("localism_test_" + name);
    std::ofstream(path) << text;
    return path.string();
}

}  // namespace

TEST_CASE("every schema entry has a unit, meaning, source and a default inside its range",
          "[scenario]") {
    const Scenario defaults;
    for (const auto& spec : schema()) {
        INFO(spec.path);
        CHECK(!spec.unit.empty());
        CHECK(!spec.meaning.empty());
        CHECK(!source_text(spec).empty());
        if (spec.required)
            continue;
        const ParamValue value = spec.read(defaults);
        if (spec.type == ParamType::kFloat)
            CHECK((std::get<double>(value) >= spec.min && std::get<double>(value) <= spec.max));
        if (spec.type == ParamType::kInt) {
            const auto v = static_cast<double>(std::get<std::int64_t>(value));
            CHECK((v >= spec.min && v <= spec.max));
        }
    }
}

TEST_CASE("a minimal scenario validates and fills defaults", "[scenario]") {
    const Scenario s = testing::make_scenario(100);
    CHECK(s.population.communities == 100);
    CHECK(s.run.months == 120);
    CHECK(s.councils.outreach == Approx(0.3));
}

TEST_CASE("all problems are reported at once, each located and explained", "[scenario]") {
    const auto errors = errors_of({{"run.name", "x"},
                                   {"population.communities", "ten"},
                                   {"councls.outreach", "0.5"},
                                   {"councils.outreach", "1.5"},
                                   {"central.mode", "centralized"}});
    REQUIRE(errors.size() == 4);
    std::string all;
    for (const auto& d : errors)
        all += d.to_string() + "\n";
    CHECK_THAT(all, Catch::Contains("s.yaml:3:5"));
    CHECK_THAT(all, Catch::Contains("expected integer, got `ten`"));
    CHECK_THAT(all, Catch::Contains("did you mean `councils.outreach`?"));
    CHECK_THAT(all, Catch::Contains("between 0.0 and 1.0"));
    CHECK_THAT(all, Catch::Contains("did you mean `centralised`?"));
}

TEST_CASE("missing required keys and inconsistent shares are errors", "[scenario]") {
    CHECK(errors_of({{"run.name", "x"}}).front().message == "required key is missing");
    const auto shares = errors_of({{"run.name", "x"},
                                   {"population.communities", "10"},
                                   {"population.councils", "5"},
                                   {"councils.open_grants_share", "0.9"}});
    REQUIRE(shares.size() == 1);
    CHECK_THAT(shares[0].message, Catch::Contains("add up to 1"));
}

TEST_CASE("a scenario that needs more memory than the machine has is refused", "[scenario]") {
    RawTree tree;
    tree["run.name"] = {"x", false, {}};
    tree["population.communities"] = {"100000000", false, {}};
    tree["network.mean_degree"] = {"30", false, {}};
    try {
        validate(tree, 8ull << 30);
        FAIL("expected an InputError");
    } catch (const InputError& e) {
        CHECK_THAT(e.diagnostics().front().message, Catch::Contains("GiB of memory"));
    }
}

TEST_CASE("extends deep-merges, overrides apply last, cycles are caught", "[scenario]") {
    const auto base = write_temp(
        "base.yaml",
        "run:\n  name: base\n  months: 24\npopulation:\n  communities: 50\n  councils: 5\n");
    const auto child =
        write_temp("child.yaml", "extends: localism_test_base.yaml\nrun:\n  name: child\n");
    const Scenario s = load_scenario(child, {"councils.outreach=0.75"});
    CHECK(s.run.name == "child");
    CHECK(s.run.months == 24);
    CHECK(s.population.councils == 5);
    CHECK(s.councils.outreach == Approx(0.75));
    const auto a = write_temp("cycle_a.yaml", "extends: localism_test_cycle_b.yaml\n");
    write_temp("cycle_b.yaml", "extends: localism_test_cycle_a.yaml\n");
    CHECK_THROWS_WITH(load_scenario(a), Catch::Contains("inheritance cycle"));
}

TEST_CASE("duplicate keys and syntax errors carry file:line:column", "[scenario]") {
    const auto duplicate = write_temp("dup.yaml", "run:\n  name: a\n  name: b\n");
    CHECK_THROWS_WITH(load_scenario(duplicate),
                      Catch::Contains("dup.yaml:3:3") && Catch::Contains("duplicate key"));
    const auto broken = write_temp("broken.yaml", "run:\n  name: \"unclosed\n");
    CHECK_THROWS_WITH(load_scenario(broken),
                      Catch::Contains("broken.yaml:2:9") && Catch::Contains("closing quote"));
    const auto tabs = write_temp("tabs.yaml", "run:\n\tname: x\n");
    CHECK_THROWS_WITH(load_scenario(tabs),
                      Catch::Contains("YAML syntax error") && Catch::Contains("tab"));
}

TEST_CASE("describe output reads back to an identical scenario", "[scenario]") {
    const Scenario original = testing::make_scenario(
        123, {{"councils.outreach", "0.123456789012345"}, {"run.seed", "99"}});
    const auto path = write_temp("described.yaml", describe(original));
    const Scenario again = load_scenario(path);
    CHECK(describe(again) == describe(original));
    CHECK(again.councils.outreach == original.councils.outreach);
}

TEST_CASE("a network of 2^32 ties or more is refused (tie indices are 32-bit)", "[scenario]") {
    const auto errors = errors_of({{"run.name", "x"},
                                   {"population.communities", "10000000"},
                                   {"network.mean_degree", "500"}});
    REQUIRE(errors.size() == 1);
    CHECK_THAT(errors[0].message, Catch::Contains("32 bits"));
}
