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

struct ParamSpec {
    std::string path;  // dotted, e.g. "councils.usual_suspects_weight"
    ParamType type = ParamType::kFloat;
    double min = 0.0;  // inclusive bounds for kInt and kFloat
    double max = 0.0;
    std::vector<std::string> choices;  // for kChoice
    std::string unit;
    std::string meaning;
    std::string source;
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
// Value rendered for YAML/markdown: shortest text that reads back to the same value.
std::string format_value(const ParamValue& value);

}  // namespace localism::scenario
