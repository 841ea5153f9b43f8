// Rendering a validated scenario back to YAML with every parameter filled in.
#include <yaml-cpp/yaml.h>

#include "localism/scenario/schema.hpp"
#include "localism/scenario/timeline.hpp"
#include "localism/scenario/validate.hpp"

namespace localism::scenario {

namespace {

// The timeline as the list a scenario file gives, one entry per month with changes.
void describe_timeline(const PolicyTimeline& timeline, YAML::Emitter& out) {
    out << YAML::Key << "timeline" << YAML::Value << YAML::BeginSeq;
    const auto& changes = timeline.changes;
    for (std::size_t k = 0; k < changes.size(); ++k) {
        if (k == 0 || changes[k].month != changes[k - 1].month) {
            out << YAML::BeginMap << YAML::Key << "month" << YAML::Value << changes[k].month;
            out << YAML::Key << "set" << YAML::Value << YAML::BeginMap;
        }
        out << YAML::Key << changes[k].key << YAML::Value << changes[k].value;
        if (k + 1 == changes.size() || changes[k + 1].month != changes[k].month)
            out << YAML::EndMap << YAML::EndMap;
    }
    out << YAML::EndSeq;
}

}  // namespace

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
    if (scenario.timeline && !scenario.timeline->changes.empty())
        describe_timeline(*scenario.timeline, out);
    out << YAML::EndMap;
    return std::string(out.c_str()) + "\n";
}

}  // namespace localism::scenario
