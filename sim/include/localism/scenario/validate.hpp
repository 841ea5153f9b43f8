// Turns located raw leaves into a typed, range-checked, immutable Scenario, or reports every
// problem at once.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "localism/scenario/loader.hpp"
#include "localism/scenario/scenario.hpp"

namespace localism::scenario {

// Throws InputError listing every unknown key, wrong type, out-of-range value, missing required
// key and cross-parameter inconsistency. `available_memory_bytes` = 0 skips the memory check.
Scenario validate(const RawTree& leaves, std::uint64_t available_memory_bytes);

// Reads, merges, overrides and validates in one step (checks against this machine's memory).
Scenario load_scenario(const std::string& path, const std::vector<std::string>& overrides = {});
// Validates a source already read by read_scenario_source (checks against this machine's memory).
Scenario validate_source(const ScenarioSource& source);

// Rough peak resident memory of a run, used to refuse scenarios the machine cannot hold.
std::uint64_t estimated_memory_bytes(const Scenario& scenario);
// Physical memory of this machine.
std::uint64_t physical_memory_bytes();

// The fully resolved scenario as YAML, every parameter present. Reading it back yields an
// identical Scenario.
std::string describe(const Scenario& scenario);

}  // namespace localism::scenario
