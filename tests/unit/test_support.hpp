// Helpers for tests: small validated scenarios built from dotted overrides.
#pragma once

#include <map>
#include <string>

#include "localism/engine/simulation.hpp"
#include "localism/scenario/validate.hpp"

namespace localism::testing {

// A valid scenario of `communities` communities with the given overrides (validated like YAML).
inline Scenario make_scenario(std::int64_t communities,
                              const std::map<std::string, std::string>& overrides = {}) {
    scenario::RawTree tree;
    tree["run.name"] = {"test", false, {"test", 1, 1}};
    tree["population.communities"] = {std::to_string(communities), false, {"test", 1, 1}};
    tree["population.councils"] = {
        std::to_string(std::min<std::int64_t>(10, communities)), false, {"test", 1, 1}};
    for (const auto& [key, value] : overrides)
        tree[key] = {value, false, {"test", 1, 1}};
    return scenario::validate(tree, 0);
}

// Need removed over the whole run by a population of `communities`, summed over seeds
// 1..`seeds` (each run from the scenario with these overrides and run.seed set).
inline double need_removed_over_seeds(std::int64_t communities,
                                      std::map<std::string, std::string> overrides, int seeds) {
    double total = 0.0;
    for (int seed = 1; seed <= seeds; ++seed) {
        overrides["run.seed"] = std::to_string(seed);
        Simulation sim(make_scenario(communities, overrides));
        MonthRecord last;
        while (sim.month() < sim.months())
            last = sim.step();
        total += last.national[national_index("cumulative_need_reduced")];
    }
    return total;
}

// Overrides that switch off everything but emergence with a standing call and receiver
// imitation on well-mixed contacts: the Bass-model configuration.
inline std::map<std::string, std::string> bass_overrides(double p, double q) {
    return {{"network.type", "well_mixed"},
            {"emergence.intrinsic_rate_per_month", "0"},
            {"emergence.call_influence_per_month", std::to_string(p)},
            {"emergence.imitation_q", std::to_string(q)},
            {"emergence.idea_months", "0"},
            {"emergence.plan_months", "0"},
            {"emergence.idea_abandon_probability_per_month", "0"},
            {"finance.enabled", "false"},
            {"councils.enabled", "false"},
            {"knowledge.enabled", "false"},
            {"impact.enabled", "false"},
            {"need.enabled", "false"},
            {"prize.enabled", "false"},
            {"central.mode", "devolved"},
            {"central.annual_budget_gbp", "0"}};
}

}  // namespace localism::testing
