// The summary output level: national series by year (flows added, stocks at year end, a
// part-year last row), no monthly panels, and /final values equal to the manifest row collect
// computes from a full file of the same run.
#include <catch2/catch.hpp>
#include <cmath>
#include <filesystem>

#include "localism/engine/metric_registry.hpp"
#include "localism/experiment/collect.hpp"
#include "localism/output/run_file.hpp"
#include "localism/run/runner.hpp"
#include "test_support.hpp"

namespace fs = std::filesystem;

namespace {

fs::path run_at_level(const std::string& level) {
    const fs::path path =
        fs::temp_directory_path() / ("localism_summary_level_test_" + level + ".h5");
    fs::remove(path);
    localism::RunRequest request{
        localism::testing::make_scenario(200, {{"run.months", "30"}, {"output.level", level}}),
        path.string(),
        "text",
        1,
        {},
        nullptr};
    REQUIRE(localism::run_to_file(request).completed);
    return path;
}

}  // namespace

TEST_CASE("Summary level: yearly rows, flows summed and stocks at year end", "[output][summary]") {
    const localism::output::RunFile full(run_at_level("full").string());
    const localism::output::RunFile summary(run_at_level("summary").string());
    CHECK(full.output_level() == "full");
    CHECK(summary.output_level() == "summary");
    CHECK_FALSE(summary.decile_row("total_need", 0));  // no monthly panels
    const std::size_t year_ends[] = {11, 23, 29};      // months 12, 24 and the part-year to 30
    for (const localism::MetricDef* metric : localism::metrics_in(localism::Scope::kNational)) {
        const auto monthly = full.national_series(metric->name);
        const auto yearly = summary.national_series(metric->name);
        REQUIRE(monthly.size() == 30);
        REQUIRE(yearly.size() == 3);
        std::size_t first = 0;
        for (std::size_t y = 0; y < 3; ++y) {
            double expected = monthly[year_ends[y]];
            if (localism::is_monthly_flow(*metric)) {
                expected = 0.0;
                for (std::size_t m = first; m <= year_ends[y]; ++m)
                    expected += monthly[m];
            }
            INFO(metric->name << " year " << y);
            if (std::isnan(expected))
                CHECK(std::isnan(yearly[y]));
            else
                CHECK(yearly[y] == Approx(expected).epsilon(1e-12).margin(1e-9));
            first = year_ends[y] + 1;
        }
    }
    CHECK(localism::is_monthly_flow(*localism::find_metric(localism::Scope::kNational, "starts")));
    CHECK_FALSE(localism::is_monthly_flow(
        *localism::find_metric(localism::Scope::kNational, "total_need")));
}

TEST_CASE("Summary level: final values are the full file's manifest row", "[output][summary]") {
    const auto from_full = localism::experiment::run_metrics(run_at_level("full"));
    const auto from_summary = localism::experiment::run_metrics(run_at_level("summary"));
    REQUIRE(from_full.size() == from_summary.size());
    for (std::size_t k = 0; k < from_full.size(); ++k) {
        INFO(localism::experiment::manifest_metric_names()[k]);
        if (std::isnan(from_full[k]))
            CHECK(std::isnan(from_summary[k]));
        else
            CHECK(from_summary[k] == from_full[k]);  // same function over the same months
    }
    CHECK(fs::file_size(run_at_level("summary")) < fs::file_size(run_at_level("full")));
}
