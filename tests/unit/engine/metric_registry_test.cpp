// The metric registry: well-formed entries, the writer writes exactly its entries, and compute
// functions evaluated on a hand-built ObservedMonth.
#include <hdf5.h>

#include <catch2/catch.hpp>
#include <cmath>
#include <filesystem>
#include <set>

#include "localism/engine/metric_registry.hpp"
#include "localism/experiment/collect.hpp"
#include "localism/run/runner.hpp"
#include "test_support.hpp"

using namespace localism;

namespace {

double national(const std::string& name, const ObservedMonth& o) {
    const MetricDef* metric = find_metric(Scope::kNational, name);
    REQUIRE(metric != nullptr);
    return std::get<NationalFn>(metric->compute)(o);
}

// Datasets in `group` of a run file, less its dimension scales.
std::size_t datasets_in(hid_t file, const char* group, std::size_t scales = 0) {
    const hid_t g = H5Gopen2(file, group, H5P_DEFAULT);
    REQUIRE(g >= 0);
    H5G_info_t info;
    H5Gget_info(g, &info);
    H5Gclose(g);
    return static_cast<std::size_t>(info.nlinks) - scales;
}

std::string group_of(Scope scope) {
    switch (scope) {
        case Scope::kNational:
            return "national";
        case Scope::kCouncil:
            return "councils";
        case Scope::kCouncilInfo:
            return "council_info";
        case Scope::kDecile:
            return "deciles";
        default:
            return "communities";
    }
}

}  // namespace

TEST_CASE("every registry entry is named once and fully described", "[metrics]") {
    std::set<std::string> names;
    for (const MetricDef& metric : metric_registry()) {
        const std::string key = std::string(to_string(metric.scope())) + "/" + metric.name;
        INFO(key);
        CHECK(names.insert(key).second);
        CHECK(!metric.name.empty());
        CHECK(!metric.units.empty());
        CHECK(!metric.description.empty());
        const std::string better = to_string(metric.better);
        CHECK((better == "higher" || better == "lower" || better == "neither"));
    }
    std::size_t total = 0;
    for (int s = 0; s < kScopeCount; ++s)
        total += metrics_in(static_cast<Scope>(s)).size();
    CHECK(total == metric_registry().size());
    CHECK(national_index("total_need") == 0);
    CHECK_THROWS_AS(national_index("no_such_metric"), std::out_of_range);
}

TEST_CASE("a run file holds exactly the registry's datasets, with their attributes", "[metrics]") {
    const auto path = std::filesystem::temp_directory_path() / "localism_metric_registry.h5";
    RunRequest request{testing::make_scenario(300, {{"run.months", "12"},
                                                    {"output.council_panels", "true"},
                                                    {"output.snapshot_interval_months", "6"}}),
                       path.string(),
                       "",
                       1,
                       {},
                       nullptr};
    REQUIRE(run_to_file(request).completed);
    const hid_t file = H5Fopen(path.c_str(), H5F_ACC_RDONLY, H5P_DEFAULT);
    REQUIRE(file >= 0);
    CHECK(datasets_in(file, "national") == metrics_in(Scope::kNational).size());
    CHECK(datasets_in(file, "councils") == metrics_in(Scope::kCouncil).size());
    CHECK(datasets_in(file, "council_info") == metrics_in(Scope::kCouncilInfo).size());
    CHECK(datasets_in(file, "communities", 2) == metrics_in(Scope::kSnapshot).size());
    CHECK(datasets_in(file, "deciles") == metrics_in(Scope::kDecile).size());
    for (int s = 0; s < kScopeCount; ++s) {
        if (static_cast<Scope>(s) == Scope::kManifest)
            continue;  // manifest columns live in manifest.h5
        for (const MetricDef* metric : metrics_in(static_cast<Scope>(s))) {
            const std::string at = "/" + group_of(metric->scope()) + "/" + metric->name;
            INFO(at);
            REQUIRE(H5Lexists(file, at.c_str(), H5P_DEFAULT) > 0);
            for (const char* attribute : {"units", "description", "better", "scope"})
                CHECK(H5Aexists_by_name(file, at.c_str(), attribute, H5P_DEFAULT) > 0);
        }
    }
    H5Fclose(file);
    const std::vector<double> summary = experiment::run_metrics(path);
    CHECK(summary.size() == metrics_in(Scope::kManifest).size());
    CHECK(experiment::manifest_metric_names().size() == summary.size());
    std::filesystem::remove(path);
}

TEST_CASE("national and council metrics computed from a hand-built month", "[metrics]") {
    ObservedMonth o;
    o.communities = 10;
    o.all.need = 25.0;
    o.all.stages[static_cast<int>(Stage::kActive)] = 4;
    o.all.fit_sum = 3.0;
    o.all.practice_sum = {4.0, 0.0, 0.0, 0.0};  // mean practice (1, 0, 0, 0)
    o.all.practice_square_sum = 8.0;            // mean square 2: variance 1 about the mean
    o.flows.spend_pence[static_cast<int>(SpendLine::kContracts)] = 12345;
    o.totals.cumulative_public_spend_pence = 1000;
    o.totals.cumulative_need_reduced = 4.0;
    CHECK(national("mean_need", o) == 2.5);
    CHECK(national("count_active", o) == 4.0);
    CHECK(national("mean_fit", o) == 0.75);
    CHECK(national("practice_diversity", o) == 1.0);
    CHECK(national("spend_contracts_gbp", o) == 123.45);
    CHECK(national("cost_per_need_reduced_gbp", o) == 2.5);
    CHECK(std::isnan(national("usual_suspects_share", o)));  // no grant money yet
    CHECK(std::isnan(national("survival_12m", o)));          // no cohort
    o.councils.resize(2);
    o.council_flows.resize(2);
    o.council_flows[1].income_pence = {100, 200, 300, 400, 5000, 6000, 7000};
    const MetricDef* spend = find_metric(Scope::kCouncil, "spend_gbp");
    REQUIRE(spend != nullptr);
    CHECK(std::get<CouncilFn>(spend->compute)(o, 0) == 0.0);
    CHECK(std::get<CouncilFn>(spend->compute)(o, 1) == 10.0);  // council and central sources only
}

TEST_CASE("monthly flows are told from stocks: only flows are summed into run totals",
          "[metrics]") {
    auto flow = [](const std::string& name) {
        const MetricDef* metric = find_metric(Scope::kNational, name);
        REQUIRE(metric != nullptr);
        return metric->is_flow();
    };
    for (const char* name : {"need_reduced", "starts", "spend_open_grants_gbp",
                             "spend_central_programme_gbp", "income_earned_gbp", "leakage_gbp"})
        CHECK(flow(name));
    for (const char* name : {"cumulative_need_reduced", "total_need", "money_held_gbp",
                             "money_spent_gbp", "absorption", "count_active", "survival_12m"})
        CHECK_FALSE(flow(name));
    // A running total summed again would count money twice.
    for (const MetricDef& metric : metric_registry()) {
        INFO(metric.name);
        if (metric.name.rfind("cumulative_", 0) == 0)
            CHECK_FALSE(metric.is_flow());
    }
}
