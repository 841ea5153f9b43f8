// The one schema of every scenario parameter: path, type, unit, range, meaning and source.
// Validation, `localism describe`, `localism params` and docs/parameters.md all derive from it;
// defaults are read from a default-constructed Scenario so they are stated exactly once.
#pragma once

#include <cstdint>
#include <functional>
#include <string>
#include <variant>
#include <vector>

#include "localism/scenario/scenario.hpp"

namespace localism::scenario {

enum class ParamType { kInt, kFloat, kBool, kChoice, kString };

using ParamValue = std::variant<std::int64_t, double, bool, std::string>;

// Where a parameter's value comes from (issue 13). kUnset exists only so that a forgotten
// provenance is caught by the schema test instead of reading as some real kind.
enum class ParamKind { kUnset, kUserChoice, kCalibrated, kMeasured, kAssumption };

struct Provenance {
    ParamKind kind = ParamKind::kUnset;
    // User choice: why it is the user's to set; measured: the observation and its source;
    // calibrated and assumption: an optional note.
    std::string detail;
    std::vector<std::string> patterns;  // calibrated: names from scenarios/patterns/observed.yaml
    // The prior: required for numeric assumption and calibrated parameters, inside [min, max]
    // and containing the default (the schema test checks all of it).
    bool has_range = false;
    double plausible_low = 0.0;
    double plausible_high = 0.0;
};

struct ParamSpec {
    std::string path;  // dotted, e.g. "councils.usual_suspects_weight"
    ParamType type = ParamType::kFloat;
    double min = 0.0;  // inclusive bounds for kInt and kFloat
    double max = 0.0;
    std::vector<std::string> choices;  // for kChoice
    std::string unit;
    std::string meaning;
    Provenance provenance;
    bool required = false;
    std::function<void(Scenario&, const ParamValue&)> assign;
    std::function<ParamValue(const Scenario&)> read;
};

// All parameters in documentation order.
const std::vector<ParamSpec>& schema();
// nullptr when no parameter has this path.
const ParamSpec* find_param(const std::string& path);
// True when `path` names a block (a prefix of some parameter paths), e.g. "commissioning".
bool is_block(const std::string& path);

std::string type_name(const ParamSpec& spec);
// "user choice", "calibrated", "measured" or "assumption" ("unset" if forgotten).
std::string kind_name(ParamKind kind);
// The source column: "user choice: <why>", "calibrated to <pattern>[, <pattern>][; note]",
// "measured: <source>" or "assumption, plausible range a-b[; note]".
std::string source_text(const ParamSpec& spec);
// "a-b" (or "a to b" when a is negative); empty when the parameter has no plausible range.
std::string plausible_range_text(const ParamSpec& spec);
// Numeric parameters with a plausible range whose kind is assumption (and calibrated when asked),
// in schema order: what `localism params --priors` prints and `sample.priors` sweeps.
std::vector<const ParamSpec*> prior_parameters(bool include_calibrated);
// Names of the observed patterns a calibrated parameter may cite: the pattern names of the
// contract for scenarios/patterns/observed.yaml (kept here, once, until that file is read).
const std::vector<std::string>& known_pattern_names();
// What is wrong with a parameter's provenance (empty when nothing): no kind, a numeric assumption
// or calibrated parameter without a plausible range, a range outside [min, max] or excluding the
// default in `defaults`, a calibrated parameter naming no pattern or one not in `patterns`.
std::vector<std::string> provenance_problems(const ParamSpec& spec, const Scenario& defaults,
                                             const std::vector<std::string>& patterns);
// Value rendered for YAML/markdown: shortest text that reads back to the same value.
std::string format_value(const ParamValue& value);

}  // namespace localism::scenario
