// Saved states: a run saved at month M and continued gives the uninterrupted run's records bit
// for bit (policy modes, networks, thread counts, shipped scenarios), and a state is refused
// for another population. File-level checks (h5diff of every dataset, damaged files, --resume
// after SIGKILL) are in tests/integration/test_state.sh and test_resume.sh.
#include <tbb/global_control.h>

#include <catch2/catch.hpp>
#include <cstring>
#include <filesystem>
#include <fstream>

#include "flip_byte.hpp"
#include "localism/output/run_file.hpp"
#include "localism/output/state_file.hpp"
#include "localism/run/runner.hpp"
#include "test_support.hpp"

using namespace localism;
namespace fs = std::filesystem;

namespace {

fs::path scratch_path(const std::string& name) {
    return fs::temp_directory_path() / ("localism_state_test_" + name + ".h5");
}

bool same_bits(const std::vector<double>& a, const std::vector<double>& b) {
    return a.size() == b.size() &&
           (a.empty() || std::memcmp(a.data(), b.data(), a.size() * sizeof(double)) == 0);
}

// Saves `scenario` at `month` (through run_to_file, as `localism run --save-state-at`).
fs::path save_at(const Scenario& scenario, std::int32_t month, const std::string& name) {
    const fs::path path = scratch_path(name);
    fs::remove(path);
    RunRequest request;
    request.scenario = scenario;
    request.output_path = path.string();
    request.save_state_at = month;
    REQUIRE(run_to_file(request).completed);
    return path;
}

// The first month whose records differ between the uninterrupted run and the one restored
// from a state saved at `month`, or "" when they agree to the last bit.
std::string continued_difference(const Scenario& scenario, std::int32_t month, int threads,
                                 const std::string& name) {
    tbb::global_control parallelism(tbb::global_control::max_allowed_parallelism,
                                    static_cast<std::size_t>(threads));
    const fs::path saved = save_at(scenario, month, name);
    Simulation whole(scenario);
    Simulation continued(scenario);
    restore_state(saved.string(), continued);
    fs::remove(saved);
    if (continued.month() != month)
        return "restored month " + std::to_string(continued.month());
    while (whole.month() < month)
        whole.step();
    while (whole.month() < whole.months()) {
        const MonthRecord a = whole.step();
        const MonthRecord b = continued.step();
        if (!same_bits(a.national, b.national) || !same_bits(a.council, b.council) ||
            !same_bits(a.decile, b.decile))
            return "month " + std::to_string(a.month);
    }
    if (whole.world().state.communities.need != continued.world().state.communities.need)
        return "final need";
    return "";
}

}  // namespace

TEST_CASE("a state saved at month M continues exactly as the uninterrupted run", "[state]") {
    const auto [mode, network] = GENERATE(table<std::string, std::string>({
        {"centralised", "council_small_world"},
        {"devolved", "watts_strogatz"},
        {"devolved", "well_mixed"},
        {"mixed", "klemm_eguiluz"},
    }));
    CAPTURE(mode, network);
    const Scenario scenario = testing::make_scenario(
        800, {{"central.mode", mode}, {"network.type", network}, {"run.months", "48"}});
    for (const int threads : {1, 2}) {
        CAPTURE(threads);
        CHECK(continued_difference(scenario, 20, threads, mode + "_" + network) == "");
    }
}

TEST_CASE("the shipped policy scenarios continue exactly from month 60", "[state][slow]") {
    for (const char* name : {"centralised", "devolved", "mixed", "baseline"}) {
        const Scenario scenario = scenario::load_scenario(LOCALISM_SOURCE_DIR "/scenarios/" +
                                                          std::string(name) + ".yaml");
        for (const int threads : {1, 2}) {
            CAPTURE(name, threads);
            CHECK(continued_difference(scenario, 60, threads, name) == "");
        }
    }
}

TEST_CASE("a saved state describes itself and is refused for another population", "[state]") {
    const Scenario scenario = testing::make_scenario(400, {{"run.months", "12"}});
    const fs::path saved = save_at(scenario, 6, "population");
    const SavedStateInfo info = read_state_info(saved.string());
    CHECK(info.month == 6);
    CHECK(info.communities == 400);
    CHECK(info.councils == 10);
    CHECK(info.state_format_version == kStateFormatVersion);
    CHECK(info.scenario_resolved == scenario::describe(scenario));
    // The saved file is also a run file of months 1..6.
    CHECK(output::RunFile(saved.string()).national_series("total_need").size() == 6);

    Simulation smaller(testing::make_scenario(300, {{"run.months", "12"}}));
    CHECK_THROWS_WITH(restore_state(saved.string(), smaller),
                      Catch::Contains("different population (400 communities in 10 councils"));
    Simulation other_seed(testing::make_scenario(400, {{"run.months", "12"}, {"run.seed", "9"}}));
    CHECK_THROWS_WITH(restore_state(saved.string(), other_seed),
                      Catch::Contains("different population"));
    fs::remove(saved);
    CHECK_THROWS_WITH(read_state_info(saved.string()), Catch::Contains("no such file"));
}

TEST_CASE("a run continued from a state writes the whole run file", "[state]") {
    const Scenario scenario = testing::make_scenario(300, {{"run.months", "30"}});
    const fs::path whole = scratch_path("whole"), continued = scratch_path("continued");
    RunRequest request;
    request.scenario = scenario;
    request.output_path = whole.string();
    REQUIRE(run_to_file(request).completed);
    const fs::path saved = save_at(scenario, 11, "history");
    request.output_path = continued.string();
    request.from_state = saved.string();
    const RunResult result = run_to_file(request);
    CHECK(result.continued_from_month == 11);
    const output::RunFile a(whole.string()), b(continued.string());
    for (const std::string& metric : a.national_metrics()) {
        CAPTURE(metric);
        CHECK(same_bits(a.national_series(metric), b.national_series(metric)));
    }
    CHECK(b.string_attribute("continued_from") == saved.string());
    CHECK(b.number_attribute("continued_from_month") == 11);
    CHECK_FALSE(a.has_attribute("continued_from"));
    for (const auto& path : {whole, continued, saved})
        fs::remove(path);
}

TEST_CASE("a saved state is sealed: any changed byte or a missing seal is refused", "[state]") {
    const Scenario scenario = testing::make_scenario(200, {{"run.months", "8"}});
    const fs::path saved = save_at(scenario, 4, "sealed");
    REQUIRE(read_state_info(saved.string()).month == 4);
    // Any byte, including ones whose damage the type and range checks cannot see.
    const auto last = static_cast<std::streamoff>(fs::file_size(saved)) - 1;
    testing::flip_byte(saved, last);
    CHECK_THROWS_WITH(read_state_info(saved.string()),
                      Catch::Contains(saved.string() + ": damaged: its contents differ"));
    testing::flip_byte(saved, last);  // back as saved
    CHECK(read_state_info(saved.string()).month == 4);
    std::fstream(saved, std::ios::in | std::ios::out | std::ios::binary)
        .write(std::string(512, '\0').data(), 512);
    CHECK_THROWS_WITH(read_state_info(saved.string()), Catch::Contains("carries no seal"));
    fs::remove(saved);
}
