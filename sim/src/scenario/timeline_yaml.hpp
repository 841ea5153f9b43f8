// Reading a scenario's `timeline:` list into located leaves (internal to sim/src/scenario).
#pragma once

#include <string>
#include <vector>

#include "localism/scenario/loader.hpp"

namespace localism::scenario {

// Flattens `timeline:` (a list of `month: M` or `year: Y` entries, each with a `set:` block)
// into leaves `timeline.month.<M>.<key>`, plus one marker leaf `timeline.month.<M>` per entry
// locating its `month:` or `year:`. Reports entries that are not of that form, and a key set
// twice for one month, in `errors`.
void flatten_timeline(const YAML::Node& node, const std::string& file, RawTree& out,
                      std::vector<Diagnostic>& errors);

}  // namespace localism::scenario
