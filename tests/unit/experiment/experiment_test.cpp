// Experiment files: validation errors with locations, and the run table of a design.
#include <catch2/catch.hpp>

#include <filesystem>
#include <fstream>
#include <set>

#include "localism/experiment/design.hpp"
#include "localism/scenario/diagnostics.hpp"

using namespace localism;
using namespace localism::experiment;
namespace fs = std::filesystem;

namespace {

// Writes an experiment next to a copy of nothing: `base:` points at the shipped base scenario.
std::string write_experiment(const std::string& name, const std::string& body) {
    const fs::path dir = fs::temp_directory_path() / "localism_experiment_test";
    fs::create_directories(dir);
    const fs::path path = dir / name;
    std::ofstream(path) << "name: t\nbase: " << LOCALISM_SOURCE_DIR << "/scenarios/base.yaml\n"
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
    for (const auto& d : ds) {
        if (d.key_path == key && (d.message + " " + d.hint).find(text) != std::string::npos)
            return true;
    }
    return false;
}

}  // namespace

TEST_CASE("experiment problems are all reported, located, with hints", "[experiment]") {
    const auto ds = problems(
        "master_seed: 1\nreplicats: 3\n"
        "arms:\n  a: {councils.outreech: 0.5}\n  b: {councils.outreach: 7}\n  c: {run.seed: 3}\n"
        "grid:\n  central.mode: [devolved]\n");
    CHECK(has(ds, "replicats", "did you mean `replicates`"));
    CHECK(has(ds, "councils.outreech", "did you mean `councils.outreach`"));
    CHECK(has(ds, "councils.outreach", "between 0"));
    CHECK(has(ds, "run.seed", "master_seed"));
    CHECK(has(ds, "central.mode", "arms"));
    for (const auto& d : ds)
        CHECK(d.where.line > 0);
}

TEST_CASE("sample designs check method, bounds and required keys", "[experiment]") {
    CHECK(has(problems("master_seed: 1\nsample: {method: sobel, n: 4, parameters: "
                       "{councils.outreach: [0, 1]}}\n"),
              "sample.method", "did you mean `sobol`"));
    CHECK(has(problems("master_seed: 1\nsample: {method: lhs, n: 4, parameters: "
                       "{councils.outreach: [0, 2]}}\n"),
              "councils.outreach", "between 0"));
    CHECK(has(problems("master_seed: 1\nsample: {method: lhs, n: 4, parameters: "
                       "{councils.outreach: [0.9, 0.1]}}\n"),
              "councils.outreach", "low must be below high"));
    CHECK(has(problems("sample: {method: lhs, n: 4, parameters: {councils.outreach: [0, 1]}}\n"),
              "master_seed", "missing"));
    CHECK(has(
        problems(
            "master_seed: 1\nset: {councils.outreach: 0.5}\ngrid: {councils.outreach: [0.1]}\n"),
        "councils.outreach", "also set by an override"));
}

TEST_CASE("arms share seeds per replicate and runs are numbered arm-major", "[experiment]") {
    const Design design(load_experiment(write_experiment(
        "good.yaml",
        "master_seed: 3\nreplicates: 4\narms:\n  x: {central.mode: devolved}\n  y:\n    central:\n"
        "      mode: centralised\ngrid:\n  councils.outreach: [0.1, 0.5, 0.9]\n"
        "  devolved.learning_ties_per_community: [0, 2]\n")));
    REQUIRE(design.size() == 2 * 6 * 4);
    std::set<std::string> ids;
    for (std::int64_t i = 0; i < design.size(); ++i)
        ids.insert(design.run(i).id);
    CHECK(ids.size() == static_cast<std::size_t>(design.size()));
    const RunSpec first_x = design.run(1), first_y = design.run(24 + 1);
    CHECK(design.experiment().arms[first_x.arm].name == "x");
    CHECK(design.experiment().arms[first_y.arm].name == "y");
    CHECK(first_x.seed == first_y.seed);
    CHECK(design.run(0).seed != design.run(1).seed);
    const Scenario s = design.scenario_for(design.run(24 + 4 * 5));  // arm y, last grid point
    CHECK(s.central.mode == PolicyMode::kCentralised);
    CHECK(s.councils.outreach == 0.9);
    CHECK(s.devolved.learning_ties_per_community == 2);
    CHECK(s.run.seed == static_cast<std::int64_t>(design.run(0).seed));
}

TEST_CASE("a run whose combination fails validation is reported for that run only",
          "[experiment]") {
    const Design design(load_experiment(write_experiment(
        "combo.yaml",
        "master_seed: 3\narms:\n  ok: {}\n  too_many_councils: {population.councils: 20000}\n")));
    CHECK_NOTHROW(design.scenario_for(design.run(0)));
    CHECK_THROWS_AS(design.scenario_for(design.run(1)), scenario::InputError);
}

TEST_CASE("the resolved text rebuilds the same design", "[experiment]") {
    const Experiment original = load_experiment(write_experiment(
        "resolved.yaml",
        "master_seed: 9\nreplicates: 2\nset: {run.months: 12}\narms:\n  a: {central.mode: "
        "devolved}\n"
        "sample:\n  method: morris\n  n: 3\n  levels: 6\n  parameters:\n"
        "    councils.outreach: [0.1, 0.9]\n    devolved.learning_ties_per_community: [0, 5]\n"));
    const std::string text = resolved_text(original);
    const fs::path copy = fs::temp_directory_path() / "localism_experiment_test" / "design.yaml";
    std::ofstream(copy) << text;
    const Experiment reread = load_experiment(copy.string());
    CHECK(resolved_text(reread) == text);
    const Design a(original), b(reread);
    REQUIRE(a.size() == b.size());
    for (std::int64_t i = 0; i < a.size(); ++i) {
        CHECK(a.run(i).id == b.run(i).id);
        CHECK(a.run(i).seed == b.run(i).seed);
        CHECK(a.point_of(a.run(i)).values == b.point_of(b.run(i)).values);
    }
}

TEST_CASE("a branching experiment's arms may only add timeline changes after the history",
          "[experiment]") {
    const std::string arms =
        "master_seed: 1\nreplicates: 2\nset: {run.months: 24}\nhistory: {month: 12}\narms:\n"
        "  keep: {}\n  devolve: {timeline.month.13.central.mode: devolved}\n";
    const Experiment good = load_experiment(write_experiment("branch.yaml", arms));
    CHECK(good.history_month == 12);
    CHECK(resolved_text(good).find("history: {month: 12}") != std::string::npos);
    const Design design(good);
    CHECK(static_cast<std::uint64_t>(design.history_scenario(1).run.seed) == design.run(1).seed);
    CHECK_FALSE(design.history_scenario(0).timeline);
    CHECK(design.scenario_for(design.run(2)).timeline);

    const auto ds = problems(arms + "  early: {timeline.month.12.central.mode: devolved}\n" +
                             "  other: {councils.outreach: 0.5}\n");
    CHECK(has(ds, "timeline.month.12.central.mode", "arm `early`"));
    CHECK(has(ds, "councils.outreach", "arm `other`"));
    CHECK(problems(arms).empty());
    CHECK(has(problems("master_seed: 1\nhistory: {month: 0}\n"), "history.month", ""));
    CHECK(has(problems("master_seed: 1\nhistory: {mnth: 3}\n"), "history", "month"));

    const Design late(
        load_experiment(write_experiment("late.yaml",
                                         "master_seed: 1\nset: {run.months: 12}\nhistory: {month: "
                                         "12}\narms:\n  keep: {}\n")));
    CHECK_THROWS_AS(late.history_scenario(0), scenario::InputError);
}
