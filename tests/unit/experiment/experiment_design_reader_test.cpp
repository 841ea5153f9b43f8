// Sample designs over the schema's plausible ranges: `path: prior` and `priors: assumptions`.
#include <catch2/catch.hpp>

#include <algorithm>
#include <filesystem>
#include <fstream>

#include "localism/experiment/design.hpp"
#include "localism/scenario/diagnostics.hpp"
#include "localism/scenario/schema.hpp"

using namespace localism;
using namespace localism::experiment;
namespace fs = std::filesystem;

namespace {

std::string write_experiment(const std::string& name, const std::string& body) {
    const fs::path dir = fs::temp_directory_path() / "localism_priors_test";
    fs::create_directories(dir);
    const fs::path path = dir / name;
    std::ofstream(path) << "name: t\nbase: " << LOCALISM_SOURCE_DIR << "/scenarios/base.yaml\n"
                        << "master_seed: 1\n"
                        << body;
    return path.string();
}

std::vector<scenario::Diagnostic> problems(const std::string& body) {
    try {
        load_experiment(write_experiment("bad.yaml", body));
    } catch (const scenario::InputError& e) {
        return e.diagnostics();
    }
    return {};
}

bool has(const std::vector<scenario::Diagnostic>& ds, const std::string& key,
         const std::string& text) {
    return std::any_of(ds.begin(), ds.end(), [&](const scenario::Diagnostic& d) {
        return d.key_path == key && (d.message + " " + d.hint).find(text) != std::string::npos;
    });
}

const SweptParameter* find(const Experiment& e, const std::string& path) {
    const auto at = std::find_if(e.parameters.begin(), e.parameters.end(),
                                 [&](const SweptParameter& p) { return p.path == path; });
    return at == e.parameters.end() ? nullptr : &*at;
}

}  // namespace

TEST_CASE("`prior` in place of [low, high] takes the schema's plausible range",
          "[experiment][priors]") {
    const Experiment e = load_experiment(
        write_experiment("prior.yaml",
                         "sample:\n  method: lhs\n  n: 4\n  parameters:\n"
                         "    impact.fit_width: prior\n    councils.outreach: [0.1, 0.9]\n"
                         "    prize.entry_probability: prior\n"));
    REQUIRE(e.parameters.size() == 3);
    const auto& fit = scenario::find_param("impact.fit_width")->provenance;
    CHECK(e.parameters[0].low == fit.plausible_low);
    CHECK(e.parameters[0].high == fit.plausible_high);
    CHECK(e.parameters[1].low == 0.1);
    // A calibrated parameter's prior is its plausible range too.
    CHECK(e.parameters[2].low == 0.01);
    CHECK(e.parameters[2].high == 0.1);
}

TEST_CASE("`prior` for a parameter without a plausible range names the key",
          "[experiment][priors]") {
    const auto ds =
        problems("sample:\n  method: lhs\n  n: 4\n  parameters:\n    councils.outreach: prior\n");
    CHECK(has(ds, "councils.outreach", "has no plausible range (it is a user choice)"));
    CHECK(has(problems("sample:\n  method: lhs\n  n: 4\n  parameters:\n"
                       "    councils.outreach: [0.1]\n"),
              "councils.outreach", "expected [low, high] or `prior`"));
}

TEST_CASE(
    "`priors: assumptions` sweeps every numeric assumption, minus exclusions, overrides "
    "and parameters fixed by set or an arm",
    "[experiment][priors]") {
    const auto all = scenario::prior_parameters(false);
    const Experiment e = load_experiment(
        write_experiment("assumptions.yaml",
                         "set: {need.growth_rate_per_month: 0.002}\n"
                         "arms:\n  a: {central.mode: devolved}\n  b: {central.mode: centralised, "
                         "centralised.imposed_ownership: 0.2}\n"
                         "sample:\n  method: sobol\n  n: 2\n  priors: assumptions\n"
                         "  exclude: [knowhow.choices, knowhow.interactions]\n"
                         "  parameters:\n    impact.fit_width: [0.8, 1.2]\n"));
    CHECK(e.parameters.size() == all.size() - 4);  // 2 excluded, 1 set, 1 in an arm
    REQUIRE(find(e, "impact.fit_width"));
    CHECK(find(e, "impact.fit_width")->high == 1.2);  // the explicit range wins
    CHECK(e.parameters.front().path == "impact.fit_width");
    CHECK(!find(e, "knowhow.choices"));
    CHECK(!find(e, "need.growth_rate_per_month"));
    CHECK(!find(e, "centralised.imposed_ownership"));
    REQUIRE(find(e, "network.mean_degree"));
    CHECK(find(e, "network.mean_degree")->integer);
    CHECK(find(e, "centralised.adaptation_rate_per_month")->high == 0.1);
    CHECK(!find(e, "prize.entry_probability"));  // calibrated, not an assumption
}

TEST_CASE("every point of a design over all the priors is a valid scenario",
          "[experiment][priors]") {
    // Plausible ranges are sampled independently, so they must never combine into a scenario the
    // validator refuses (e.g. knowhow.interactions at or above knowhow.choices).
    const Design design(load_experiment(
        write_experiment("valid.yaml",
                         "set: {knowhow.enabled: true, capacity.enabled: true}\n"
                         "sample:\n  method: lhs\n  n: 40\n  priors: assumptions\n")));
    REQUIRE(design.size() == 40);
    for (std::int64_t i = 0; i < design.size(); ++i) {
        INFO("run " << i);
        CHECK_NOTHROW(design.scenario_for(design.run(i)));
    }
}

TEST_CASE("`priors:` and `exclude:` are checked", "[experiment][priors]") {
    CHECK(has(problems("sample: {method: lhs, n: 4, priors: everything}\n"), "sample.priors",
              "expected `assumptions`"));
    CHECK(has(problems("sample: {method: lhs, n: 4, priors: assumptions, exclude: [run.seed]}\n"),
              "sample.exclude", "is not a numeric assumption"));
    CHECK(has(problems("sample: {method: lhs, n: 4, exclude: [impact.fit_width], parameters: "
                       "{councils.outreach: [0, 1]}}\n"),
              "sample.exclude", "only used with `priors:`"));
    CHECK(has(problems("sample: {method: lhs, n: 4}\n"), "sample.parameters", "expected"));
}
