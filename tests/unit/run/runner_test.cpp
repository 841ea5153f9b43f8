// One run to a file: the file appears only when the run completes, a stop request leaves nothing,
// and the result reports the last month.
#include <catch2/catch.hpp>

#include <atomic>
#include <filesystem>

#include "localism/output/run_file.hpp"
#include "localism/run/runner.hpp"
#include "test_support.hpp"

using namespace localism;
namespace fs = std::filesystem;

namespace {
fs::path scratch_path(const char* name) {
    return fs::temp_directory_path() / (std::string("localism_runner_test_") + name + ".h5");
}
}  // namespace

TEST_CASE("a completed run leaves exactly the final file, with one row per month", "[runner]") {
    const fs::path out = scratch_path("complete");
    fs::remove(out);
    RunRequest request;
    request.scenario = testing::make_scenario(60, {{"run.months", "7"}});
    request.output_path = out.string();
    std::int32_t months_seen = 0;
    request.on_month = [&](std::int32_t month, std::int32_t) { months_seen = month; };
    const RunResult result = run_to_file(request);
    CHECK(result.completed);
    CHECK(result.months == 7);
    CHECK(months_seen == 7);
    CHECK(fs::exists(out));
    CHECK_FALSE(fs::exists(out.string() + ".partial"));
    const output::RunFile file(out.string());
    CHECK(file.national_series("total_need").size() == 7);
    CHECK(file.national_series("total_need").back() == result.final_total_need);
    fs::remove(out);
}

TEST_CASE("a run asked to stop leaves neither the file nor the partial file", "[runner]") {
    const fs::path out = scratch_path("stopped");
    fs::remove(out);
    std::atomic<bool> stop{false};
    RunRequest request;
    request.scenario = testing::make_scenario(60, {{"run.months", "50"}});
    request.output_path = out.string();
    request.stop = &stop;
    request.on_month = [&](std::int32_t month, std::int32_t) { stop = month >= 3; };
    const RunResult result = run_to_file(request);
    CHECK_FALSE(result.completed);
    CHECK_FALSE(fs::exists(out));
    CHECK_FALSE(fs::exists(out.string() + ".partial"));
}
