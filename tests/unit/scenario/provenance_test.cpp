// Every parameter says where its value comes from (issue 13): a kind, and for assumptions and
// calibrated parameters a plausible range inside the allowed range that contains the default;
// calibrated parameters name patterns that exist.
#include <yaml-cpp/yaml.h>
#include <catch2/catch.hpp>

#include <algorithm>
#include <filesystem>
#include <string>

#include "localism/scenario/schema.hpp"

using namespace localism;
using namespace localism::scenario;

namespace {

const std::string kObserved = LOCALISM_SOURCE_DIR "/scenarios/patterns/observed.yaml";

// A numeric parameter whose default (read from a default Scenario) is councils.outreach's 0.3.
ParamSpec outreach_like(Provenance provenance) {
    ParamSpec spec = *find_param("councils.outreach");
    spec.provenance = std::move(provenance);
    return spec;
}

Provenance assumption_range(double low, double high) {
    return {ParamKind::kAssumption, "", {}, true, low, high};
}

}  // namespace

TEST_CASE("every parameter has a kind, and every assumption and calibrated one a valid range",
          "[scenario][provenance]") {
    const Scenario defaults;
    for (const auto& spec : schema()) {
        INFO(spec.path << ": " << source_text(spec));
        CHECK(provenance_problems(spec, defaults, known_pattern_names()).empty());
    }
}

TEST_CASE("calibrated parameters name patterns of scenarios/patterns/observed.yaml",
          "[scenario][provenance]") {
    // The file arrives with issue 13's patterns work; until then the list in
    // known_pattern_names() (the agreed names) is what the first test checks against.
    if (!std::filesystem::exists(kObserved))
        return;
    std::vector<std::string> fitted;
    for (const auto& pattern : YAML::LoadFile(kObserved)["patterns"]) {
        if (!pattern["role"] || pattern["role"].as<std::string>() == "fit")
            fitted.push_back(pattern["name"].as<std::string>());
    }
    for (const auto& spec : schema()) {
        for (const auto& name : spec.provenance.patterns) {
            INFO(spec.path << " is calibrated to " << name);
            CHECK(std::find(fitted.begin(), fitted.end(), name) != fitted.end());
        }
    }
}

TEST_CASE("provenance problems are found", "[scenario][provenance]") {
    const Scenario defaults;
    const auto& names = known_pattern_names();
    CHECK(provenance_problems(outreach_like(assumption_range(0.1, 0.5)), defaults, names).empty());
    // No kind at all.
    CHECK(provenance_problems(outreach_like({}), defaults, names).size() == 1);
    // A numeric assumption without a range.
    CHECK(provenance_problems(outreach_like({ParamKind::kAssumption, "n", {}, false, 0, 0}),
                              defaults, names)
              .size() == 1);
    // A range outside the allowed 0 .. 1, one that excludes the default 0.3, one upside down.
    CHECK(provenance_problems(outreach_like(assumption_range(0.1, 1.5)), defaults, names).size() ==
          1);
    CHECK(provenance_problems(outreach_like(assumption_range(0.4, 0.9)), defaults, names).size() ==
          1);
    CHECK(!provenance_problems(outreach_like(assumption_range(0.5, 0.1)), defaults, names).empty());
    // Calibrated to a pattern nobody observed, or to none.
    const Provenance unknown{ParamKind::kCalibrated, "", {"bgc_typo"}, true, 0.1, 0.5};
    CHECK(provenance_problems(outreach_like(unknown), defaults, names).size() == 1);
    const Provenance none{ParamKind::kCalibrated, "", {}, true, 0.1, 0.5};
    CHECK(provenance_problems(outreach_like(none), defaults, names).size() == 1);
    // A user choice without a reason.
    CHECK(provenance_problems(outreach_like({ParamKind::kUserChoice, "", {}, false, 0, 0}),
                              defaults, names)
              .size() == 1);
}

TEST_CASE("source texts read as the kind says", "[scenario][provenance]") {
    CHECK(source_text(*find_param("councils.leakage_share")) ==
          "assumption, plausible range 0-0.3");
    CHECK(source_text(*find_param("capacity.restart_threshold"))
              .starts_with("assumption, plausible range 0.2-0.4; "));
    CHECK(source_text(*find_param("prize.entry_probability"))
              .starts_with("calibrated to bgc_entrants; "));
    CHECK(source_text(*find_param("sector.initial_share"))
              .starts_with("calibrated to bgc_entrants_brand_new, bgc_entrants_under_5y"));
    CHECK(source_text(*find_param("prize.finalist_places")).starts_with("measured: "));
    CHECK(source_text(*find_param("run.seed")).starts_with("user choice: "));
    CHECK(plausible_range_text(*find_param("centralised.fixed_cost_gbp_per_year")) == "0-3000000");
    CHECK(plausible_range_text(*find_param("run.seed")).empty());
    // Not yet calibrated (docs/ODD.md 7.4 and 7.13 agree): an assumption with a range.
    CHECK(find_param("finance.dormant_dissolution_hazard_per_month")->provenance.kind ==
          ParamKind::kAssumption);
}

TEST_CASE("prior parameters are the numeric assumptions, optionally with the calibrated ones",
          "[scenario][provenance]") {
    const auto assumptions = prior_parameters(false);
    const auto with_calibrated = prior_parameters(true);
    std::size_t calibrated = 0;
    for (const auto& spec : schema())
        calibrated += spec.provenance.kind == ParamKind::kCalibrated ? 1 : 0;
    // The BGC prize funnel (3), the existing sector (2), the Neighbourhood Challenge reserve (1).
    CHECK(calibrated == 6);
    CHECK(with_calibrated.size() == assumptions.size() + calibrated);
    for (const auto* spec : assumptions) {
        INFO(spec->path);
        CHECK(spec->provenance.kind == ParamKind::kAssumption);
        CHECK(spec->provenance.has_range);
    }
    const auto has = [&](const std::string& path) {
        return std::any_of(assumptions.begin(), assumptions.end(),
                           [&](const ParamSpec* s) { return s->path == path; });
    };
    CHECK(has("centralised.imposed_ownership"));
    CHECK(has("impact.fit_width"));
    CHECK(!has("prize.entry_probability"));
    CHECK(!has("run.seed"));
}
