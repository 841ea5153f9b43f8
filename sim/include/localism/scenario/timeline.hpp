// The policy timeline (ODD 7.20): dated parameter changes in a scenario, validated at load time
// into policy phases, each a complete immutable Scenario. A month's parameters are a pure
// function of (scenario, month), so nothing about the timeline lives in the model state.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "localism/scenario/scenario.hpp"

namespace localism {

// One change applied: from the start of `month` (1-based), `key` has `value` (as text).
struct PolicyChange {
    std::int32_t month = 0;
    std::string key;
    std::string value;
};

// The parameters in force from `first_month` until the next phase begins.
struct PolicyPhase {
    std::int32_t first_month = 0;
    Scenario scenario;  // its own `timeline` is null
};

struct PolicyTimeline {
    std::vector<PolicyChange> changes;  // by month, then key
    std::vector<PolicyPhase> phases;    // by first month; the scenario itself before the first
};

// The parameters in force in `month`: the scenario itself, or the phase that month falls in.
const Scenario& scenario_in_month(const Scenario& scenario, std::int32_t month);
// How many timeline changes take effect at the start of `month`.
std::int64_t changes_in_month(const Scenario& scenario, std::int32_t month);

namespace scenario {

// Which parameters a timeline may change, in one place: the first rule whose prefix matches a
// key (the key itself, or its block followed by a dot) decides.
struct ChangeRule {
    const char* prefix;  // "devolved.learning_ties_per_community" or "central."
    bool changeable;
    const char* why;  // for a fixed key: why it cannot change mid-run
};
const std::vector<ChangeRule>& change_rules();
// Why `path` cannot change during a run; empty when a timeline may change it.
std::string why_fixed_for_run(const std::string& path);

}  // namespace scenario

}  // namespace localism
