// scenarios/patterns/observed.yaml names only national metrics that exist, scenarios that load
// and months inside their runs, so a renamed metric or a shortened scenario breaks here and not
// silently in the calibration (analysis/patterns.py evaluates the statistics themselves).
#include <yaml-cpp/yaml.h>

#include <catch2/catch.hpp>
#include <filesystem>
#include <regex>
#include <set>

#include "localism/engine/metric_registry.hpp"
#include "localism/scenario/validate.hpp"

using namespace localism;

namespace {

const std::set<std::string> kFunctions{"final", "max", "min", "sum", "mean", "at", "first_nonzero"};

// Checks one statistic's names: functions from the contract's list, series that are national
// metrics, and `at(series, month)` months inside the run.
void check_statistic(const std::string& statistic, std::int64_t months) {
    const std::regex word(R"(([A-Za-z_][A-Za-z0-9_]*)\s*(\()?)");
    for (auto it = std::sregex_iterator(statistic.begin(), statistic.end(), word);
         it != std::sregex_iterator(); ++it) {
        const std::string name = (*it)[1];
        INFO("name " << name);
        if ((*it)[2].matched)
            CHECK(kFunctions.count(name) == 1);
        else
            CHECK(find_metric(Scope::kNational, name) != nullptr);
    }
    const std::regex at_month(R"(at\(\s*[a-z0-9_]+\s*,\s*([0-9]+)\s*\))");
    for (auto it = std::sregex_iterator(statistic.begin(), statistic.end(), at_month);
         it != std::sregex_iterator(); ++it) {
        const auto month = std::stoll((*it)[1]);
        CHECK(month >= 1);
        CHECK(month <= months);
    }
}

}  // namespace

TEST_CASE("observed patterns: unique names, fit or validation, statistics over real series",
          "[patterns]") {
    const std::filesystem::path file = LOCALISM_SOURCE_DIR "/scenarios/patterns/observed.yaml";
    const YAML::Node patterns = YAML::LoadFile(file.string())["patterns"];
    REQUIRE(patterns.size() >= 11);
    std::set<std::string> names;
    for (const auto& p : patterns) {
        const auto name = p["name"].as<std::string>();
        INFO("pattern " << name);
        CHECK(std::regex_match(name, std::regex("[a-z0-9_]+")));
        CHECK(names.insert(name).second);
        const auto role = p["role"].as<std::string>();
        CHECK((role == "fit" || role == "validation"));
        CHECK(p["tolerance"].as<double>() > 0.0);
        CHECK(!p["source"].as<std::string>().empty());
        (void)p["observed"].as<double>();
        const Scenario s = scenario::load_scenario(
            (file.parent_path() / p["scenario"].as<std::string>()).string(), {});
        check_statistic(p["statistic"].as<std::string>(), s.run.months);
    }
    for (const char* required :
         {"bgc_entrants", "bgc_plan_support_ratio", "bgc_pitch_ratio", "bgc_finalist_ratio",
          "bgc_award_ratio", "bgc_entrants_brand_new", "bgc_entrants_under_5y", "bgc_finalist_cut",
          "nc_applications", "nc_funded_areas", "nc_sustained_one_year_on"})
        CHECK(names.count(required) == 1);
}
