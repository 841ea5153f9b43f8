// Validation pieces shared by validate.cpp and the timeline (internal to sim/src/scenario).
#pragma once

#include <string>
#include <vector>

#include "localism/scenario/loader.hpp"
#include "localism/scenario/schema.hpp"

namespace localism::scenario::detail {

// Converts one raw leaf to its parameter's type and range; false after recording a diagnostic.
bool convert(const ParamSpec& spec, const RawValue& raw, ParamValue& value,
             std::vector<Diagnostic>& errors);
// "unknown key" (or "is a block") for `path`, with the closest known key as a hint.
Diagnostic unknown_key(const std::string& path, const RawValue& raw);
// Cross-parameter checks of a whole scenario; `leaves` locates the keys named in errors.
void check_consistency(const Scenario& s, const RawTree& leaves, std::vector<Diagnostic>& errors);

// True for the leaves of `timeline:` (timeline.month.<M>.<key>, timeline.year.<Y>.<key>).
bool is_timeline_key(const std::string& path);
// Checks the timeline leaves and, when `scenario` (the month-0 parameters) and everything so far
// are valid, builds its policy phases, each checked as a whole scenario.
void build_timeline(Scenario& scenario, const RawTree& timeline, const RawTree& leaves,
                    std::vector<Diagnostic>& errors);

}  // namespace localism::scenario::detail
