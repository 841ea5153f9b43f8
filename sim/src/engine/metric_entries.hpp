// The registry's entries by scope, each list in its own file (internal to sim/src/engine).
#pragma once

#include <vector>

#include "localism/engine/metric_registry.hpp"

namespace localism::detail {

std::vector<MetricDef> national_entries();  // metric_registry_national.cpp
std::vector<MetricDef> panel_entries();     // metric_registry_panels.cpp: council, info, snapshot
std::vector<MetricDef> manifest_entries();  // metric_registry_panels.cpp
std::vector<MetricDef> decile_entries();    // metric_registry_deciles.cpp

}  // namespace localism::detail
