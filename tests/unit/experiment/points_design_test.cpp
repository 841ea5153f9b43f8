// `sample: {method: points}`: explicit design points from a CSV file or inline, validated like
// the rest of an experiment, with the usual replicate seeding (common random numbers).
#include <catch2/catch.hpp>

#include <filesystem>
#include <fstream>

#include "localism/experiment/design.hpp"
#include "localism/scenario/diagnostics.hpp"

using namespace localism;
using namespace localism::experiment;
namespace fs = std::filesystem;

namespace {

fs::path test_dir() {
    const fs::path dir = fs::temp_directory_path() / "localism_points_test";
    fs::create_directories(dir);
    return dir;
}

std::string write_points_experiment(const std::string& name, const std::string& csv,
                                    const std::string& sample) {
    std::ofstream(test_dir() / (name + ".csv")) << csv;
    const fs::path path = test_dir() / (name + ".yaml");
    std::ofstream(path) << "name: t\nbase: " << LOCALISM_SOURCE_DIR
                        << "/scenarios/base.yaml\nmaster_seed: 5\nreplicates: 3\n"
                        << sample;
    return path.string();
}

std::vector<scenario::Diagnostic> problems_of(const std::string& csv, const std::string& sample) {
    try {
        load_experiment(write_points_experiment("bad", csv, sample));
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

const std::string kFromFile = "sample: {method: points, file: bad.csv}\n";

}  // namespace

TEST_CASE("a points design runs each CSV row with the replicate seeds of every design",
          "[experiment][points]") {
    const Design design(load_experiment(write_points_experiment(
        "good", "# particles\ncouncils.outreach, population.councils\n0.1,2\n\n0.75,3\r\n0.3,2\n",
        "sample: {method: points, file: good.csv}\n")));
    REQUIRE(design.points().size() == 3);
    REQUIRE(design.size() == 3 * 3);
    CHECK(design.experiment().design == DesignKind::kPoints);
    CHECK(design.points()[1].values == std::vector<double>{0.75, 3});
    CHECK(design.points()[2].sample_index == 2);
    const RunSpec run = design.run(3 + 2);  // point 1, replicate 2
    CHECK(run.id == "base-p00001-r002");
    const Scenario s = design.scenario_for(run);
    CHECK(s.councils.outreach == 0.75);
    CHECK(s.population.councils == 3);
    // Common random numbers: replicate r has one seed whatever the point.
    CHECK(design.run(0).seed == design.run(3).seed);
    CHECK(design.run(0).seed != design.run(1).seed);
    CHECK(design.experiment().parameters[0].low == 0.1);
    CHECK(design.experiment().parameters[0].high == 0.75);
}

TEST_CASE("inline points and the resolved text rebuild the same points design",
          "[experiment][points]") {
    const Experiment original = load_experiment(
        write_points_experiment("inline", "",
                                "sample:\n  method: points\n  parameters: [councils.outreach]\n"
                                "  values: [[0.1], [0.30000000000000004], [0.9]]\n"));
    REQUIRE(original.point_rows.size() == 3);
    const std::string text = resolved_text(original);
    CHECK(text.find("points") != std::string::npos);
    const fs::path copy = test_dir() / "design.yaml";
    std::ofstream(copy) << text;
    const Experiment reread = load_experiment(copy.string());
    CHECK(resolved_text(reread) == text);
    CHECK(reread.point_rows == original.point_rows);  // values round-trip exactly
}

TEST_CASE("points files are checked cell by cell, located as file:line:column",
          "[experiment][points]") {
    const auto unknown = problems_of("councils.outreech\n0.1\n", kFromFile);
    const auto* d = find(unknown, "councils.outreech", "did you mean `councils.outreach`");
    REQUIRE(d != nullptr);
    CHECK(d->where.file.find("bad.csv") != std::string::npos);
    CHECK(d->where.line == 1);

    const auto range =
        problems_of("population.councils,councils.outreach\n2,0.5\n2, 7\n", kFromFile);
    d = find(range, "councils.outreach", "between 0");
    REQUIRE(d != nullptr);
    CHECK(d->where.line == 3);
    CHECK(d->where.column == 3);

    CHECK(find(problems_of("councils.outreach\n0.1,0.2\n", kFromFile), "sample.file",
               "expected 1 values"));
    CHECK(find(problems_of("councils.outreach\n\n", kFromFile), "sample", "no points"));
    CHECK(find(problems_of("councils.outreach,councils.outreach\n0.1,0.1\n", kFromFile),
               "councils.outreach", "listed twice"));
    CHECK(find(problems_of("central.mode\ndevolved\n", kFromFile), "central.mode", "only numeric"));
    CHECK(find(problems_of("run.seed\n3\n", kFromFile), "run.seed", "master_seed"));
    CHECK(find(problems_of("councils.outreach\n\n", "sample: {method: points, file: nope.csv}\n"),
               "", "nope.csv") == nullptr);  // reported, but by the file reader, not as a key
    CHECK(!problems_of("", "sample: {method: points, file: missing.csv}\n").empty());
    CHECK(find(
        problems_of("councils.outreach\n0.1\n", "sample: {method: points, n: 3, file: bad.csv}\n"),
        "sample.n", "remove it"));
    CHECK(find(problems_of("",
                           "sample: {method: points, parameters: [councils.outreach], "
                           "values: [[0.1, 0.2]]}\n"),
               "sample.values", "1 values"));
    CHECK(find(problems_of("", "sample: {method: pionts, file: bad.csv}\n"), "sample.method",
               "did you mean `points`"));
    CHECK(find(problems_of("",
                           "sample: {method: lhs, n: 2, file: bad.csv, parameters: "
                           "{councils.outreach: [0, 1]}}\n"),
               "sample.file", "only `method: points`"));
}

TEST_CASE("points designs are bounded in size", "[experiment][points]") {
    std::string csv = "councils.outreach\n";
    for (std::size_t i = 0; i <= kMaxPointRows; ++i)
        csv += "0.5\n";
    CHECK(find(problems_of(csv, kFromFile), "sample", "more than 100000 design points"));
}
