// Arms that `extends:` scenario files, design checks (Morris levels, Sobol sizes) and what makes
// two experiments differ beyond growth (sweep_growth.hpp).
#include <catch2/catch.hpp>

#include <filesystem>
#include <fstream>

#include "localism/experiment/design.hpp"
#include "localism/experiment/sweep_growth.hpp"
#include "localism/scenario/diagnostics.hpp"

using namespace localism;
using namespace localism::experiment;
namespace fs = std::filesystem;

namespace {

// A scratch tree: experiments/ holds the experiment, scenarios/ the files its arms extend.
fs::path scratch() {
    const fs::path root = fs::temp_directory_path() / "localism_arm_extends_test";
    fs::create_directories(root / "experiments");
    fs::create_directories(root / "scenarios");
    return root;
}

std::string write(const fs::path& path, const std::string& text) {
    std::ofstream(path) << text;
    return path.string();
}

// A scenario two steps from the shipped base: it extends devolved.yaml, which extends base.yaml.
const std::string kStrong = std::string("extends: ") + LOCALISM_SOURCE_DIR +
                            "/scenarios/devolved.yaml\ncouncils:\n  outreach: 0.8\n"
                            "population:\n  councils: 12\n";

const std::string kBase = std::string("base: ") + LOCALISM_SOURCE_DIR + "/scenarios/base.yaml\n";

std::vector<scenario::Diagnostic> problems(const std::string& body) {
    try {
        load_experiment(write(scratch() / "experiments" / "bad.yaml", body));
    } catch (const scenario::InputError& e) {
        return e.diagnostics();
    }
    return {};
}

const scenario::Diagnostic* find(const std::vector<scenario::Diagnostic>& ds,
                                 const std::string& key, const std::string& text) {
    for (const auto& d : ds) {
        if (d.key_path == key && (d.message + " " + d.hint).find(text) != std::string::npos)
            return &d;
    }
    return nullptr;
}

}  // namespace

TEST_CASE("an arm extends a scenario file, then `set:`, then its own `set:` apply",
          "[experiment][extends]") {
    write(scratch() / "scenarios" / "strong.yaml", kStrong);
    const std::string path = write(scratch() / "experiments" / "arms.yaml",
                                   "name: t\n" + kBase +
                                       "master_seed: 4\nreplicates: 2\n"
                                       "set: {run.months: 12, councils.outreach: 0.3}\n"
                                       "arms:\n  plain: {central.mode: centralised}\n"
                                       "  strong: {extends: ../scenarios/strong.yaml}\n"
                                       "  stronger:\n    extends: ../scenarios/strong.yaml\n"
                                       "    set: {councils.outreach: 0.9}\n");
    const Design design(load_experiment(path));
    const auto& arms = design.experiment().arms;
    REQUIRE(arms.size() == 3);
    CHECK(arms[0].extends_path.empty());
    CHECK(arms[1].extends_path == fs::weakly_canonical(scratch() / "scenarios/strong.yaml"));
    const Scenario plain = design.scenario_for(design.run(0));
    const Scenario strong = design.scenario_for(design.run(2));
    const Scenario stronger = design.scenario_for(design.run(4));
    CHECK(plain.central.mode == PolicyMode::kCentralised);
    CHECK(strong.central.mode == PolicyMode::kDevolved);  // from devolved.yaml, two files up
    CHECK(strong.population.councils == 12);              // from strong.yaml
    CHECK(strong.councils.outreach == 0.3);               // experiment `set:` over the file
    CHECK(stronger.councils.outreach == 0.9);             // the arm's `set:` over both
    CHECK(stronger.run.months == 12);
    CHECK(strong.run.seed == plain.run.seed);  // common random numbers across arms
    CHECK(design.scenario_text_for(design.run(2)).find("strong.yaml") != std::string::npos);
}

TEST_CASE("design.yaml records the absolute extends path and rebuilds the same runs",
          "[experiment][extends]") {
    write(scratch() / "scenarios" / "strong.yaml", kStrong);
    const Experiment original = load_experiment(
        write(scratch() / "experiments" / "resolved.yaml",
              "name: t\nmaster_seed: 1\narms:\n  a: {extends: ../scenarios/strong.yaml, set: "
              "{councils.outreach: 0.2}}\n  b: {extends: ../scenarios/strong.yaml}\n"));
    CHECK(original.base_path.empty());  // every arm extends, so `base:` may be left out
    const std::string text = resolved_text(original);
    CHECK(text.find("extends: " +
                    fs::weakly_canonical(scratch() / "scenarios/strong.yaml").string()) !=
          std::string::npos);
    const fs::path elsewhere = fs::temp_directory_path() / "localism_arm_extends_design.yaml";
    const Experiment reread = load_experiment(write(elsewhere, text));
    CHECK(resolved_text(reread) == text);
    const Design a(original), b(reread);
    CHECK(a.scenario_text_for(a.run(0)) == b.scenario_text_for(b.run(0)));
    CHECK(a.scenario_for(a.run(0)).councils.outreach == 0.2);
}

TEST_CASE("arm extends problems name the experiment file, line and key", "[experiment][extends]") {
    const std::string file = (scratch() / "experiments" / "bad.yaml").string();
    auto ds = problems("name: t\n" + kBase +
                       "master_seed: 1\narms:\n  a: {extends: ../scenarios/missing.yaml}\n"
                       "  b: {extends: ../scenarios/strong.yaml, central.mode: devolved}\n"
                       "  c: {extends: ../../README.md}\n");
    const auto* missing = find(ds, "arms.a.extends", "does not exist");
    REQUIRE(missing);
    CHECK(missing->where.file == file);
    CHECK(missing->where.line == 5);
    const auto* stray = find(ds, "arms.b.central.mode", "unknown key");
    REQUIRE(stray);
    CHECK(stray->where.line == 6);
    CHECK(find(ds, "arms.c.extends", ".yaml or .yml"));
    // Without `base:`, an arm that does not extend has no scenario.
    ds = problems("name: t\nmaster_seed: 1\narms:\n  a: {central.mode: devolved}\n");
    CHECK(find(ds, "base", "required key is missing"));
    // A broken extended file: the arm's line, and the file's own problem with its location.
    write(scratch() / "scenarios" / "broken.yaml", "run: [1, 2\n");
    ds = problems("name: t\n" + kBase +
                  "master_seed: 1\narms:\n  a: {extends: ../scenarios/broken.yaml}\n");
    const auto* arm = find(ds, "arms.a.extends", "does not load");
    REQUIRE(arm);
    CHECK(arm->where.line == 5);
    CHECK(std::any_of(ds.begin(), ds.end(), [](const scenario::Diagnostic& d) {
        return d.where.file.find("broken.yaml") != std::string::npos;
    }));
}

TEST_CASE("Morris levels must be even; a Sobol size not a power of two is a warning",
          "[experiment][design-checks]") {
    const std::string morris =
        "name: t\n" + kBase +
        "master_seed: 1\nsample:\n  method: morris\n  n: 2\n  levels: 5\n  parameters:\n"
        "    councils.outreach: [0.1, 0.9]\n";
    const auto ds = problems(morris);
    const auto* odd = find(ds, "sample.levels", "must be even");
    REQUIRE(odd);
    CHECK(odd->where.line == 7);
    CHECK(odd->hint.find("4 or 6") != std::string::npos);
    const std::string sobol = "name: t\n" + kBase +
                              "master_seed: 1\nsample:\n  method: sobol\n  n: N\n  parameters:\n"
                              "    councils.outreach: [0.1, 0.9]\n";
    auto with_n = [&](const std::string& n) {
        std::string text = sobol;
        text.replace(text.find("n: N"), 4, "n: " + n);
        return load_experiment(write(scratch() / "experiments" / "sobol.yaml", text));
    };
    const auto warnings = design_warnings(with_n("24"));
    REQUIRE(warnings.size() == 1);
    CHECK(warnings[0].key_path == "sample.n");
    CHECK(warnings[0].where.line == 6);
    CHECK(warnings[0].hint == "use 16 or 32");
    CHECK(design_warnings(with_n("32")).empty());
    CHECK(design_warnings(with_n("1")).empty());
}

TEST_CASE("more replicates or new arms are growth; any other change is a difference",
          "[experiment][grow]") {
    write(scratch() / "scenarios" / "strong.yaml", kStrong);
    auto load = [](const std::string& body) {
        return load_experiment(
            write(scratch() / "experiments" / "grow.yaml", "name: t\n" + kBase + body));
    };
    const std::string arms = "arms:\n  a: {central.mode: devolved}\n";
    const Experiment before = load("master_seed: 1\nreplicates: 8\n" + arms);
    CHECK(experiment_differences(before, before).empty());
    CHECK(experiment_differences(
              before, load("master_seed: 1\nreplicates: 10\ndescription: reworded\n" + arms +
                           "  b: {extends: ../scenarios/strong.yaml}\n"))
              .empty());
    auto differs = [&](const std::string& body, const std::string& text) {
        const auto ds = experiment_differences(before, load(body));
        return std::any_of(ds.begin(), ds.end(),
                           [&](const std::string& d) { return d.find(text) != std::string::npos; });
    };
    CHECK(differs("master_seed: 2\nreplicates: 8\n" + arms, "master_seed: 1 -> 2"));
    CHECK(differs("master_seed: 1\nreplicates: 6\n" + arms, "grow, not shrink"));
    CHECK(differs("master_seed: 1\nreplicates: 8\narms:\n  a: {central.mode: centralised}\n",
                  "arm `a`: central.mode devolved -> centralised"));
    CHECK(differs("master_seed: 1\nreplicates: 8\narms:\n  b: {}\n", "arm `a` is gone"));
    CHECK(differs("master_seed: 1\nreplicates: 8\nset: {run.months: 6}\n" + arms,
                  "set: run.months (not set) -> 6"));
    CHECK(differs("master_seed: 1\nreplicates: 8\n" + arms + "grid: {councils.outreach: [0.1]}\n",
                  "the design"));
}

TEST_CASE("a changed history month is named as such, not as a changed design",
          "[experiment][grow]") {
    auto load = [](int month) {
        return load_experiment(
            write(scratch() / "experiments" / "branch.yaml",
                  "name: t\n" + kBase + "master_seed: 1\nreplicates: 2\nset: {run.months: 30}\n" +
                      "history: {month: " + std::to_string(month) + "}\narms:\n  keep: {}\n" +
                      "  devolve: {timeline.month.25.central.mode: devolved}\n"));
    };
    const auto ds = experiment_differences(load(12), load(24));
    REQUIRE(ds.size() == 1);
    CHECK(ds[0] == "history.month: 12 -> 24");
}
