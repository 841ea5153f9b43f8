// Rendering a validated scenario back to YAML with every parameter filled in.
#include <yaml-cpp/yaml.h>

#include "localism/scenario/schema.hpp"
#include "localism/scenario/validate.hpp"

namespace localism::scenario {

std::string describe(const Scenario& scenario) {
    YAML::Emitter out;
    out << YAML::Comment("Fully resolved localism scenario: every parameter, defaults filled in.");
    out << YAML::BeginMap;
    std::string open_block;
    for (const auto& spec : schema()) {
        const auto dot = spec.path.find('.');
        const std::string block = spec.path.substr(0, dot);
        if (block != open_block) {
            if (!open_block.empty())
                out << YAML::EndMap;
            out << YAML::Key << block << YAML::Value << YAML::BeginMap;
            open_block = block;
        }
        const ParamValue value = spec.read(scenario);
        out << YAML::Key << spec.path.substr(dot + 1) << YAML::Value;
        if (spec.type == ParamType::kString) {
            out << YAML::DoubleQuoted << std::get<std::string>(value);
        } else {
            out << format_value(value);
        }
    }
    if (!open_block.empty())
        out << YAML::EndMap;
    out << YAML::EndMap;
    return std::string(out.c_str()) + "\n";
}

}  // namespace localism::scenario
