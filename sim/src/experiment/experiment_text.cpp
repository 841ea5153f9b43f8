// The resolved, self-contained experiment text written to DIR/design.yaml.
#include <yaml-cpp/yaml.h>

#include "localism/experiment/experiment.hpp"
#include "localism/scenario/schema.hpp"

namespace localism::experiment {

namespace {

void emit_tree(YAML::Emitter& out, const scenario::RawTree& tree) {
    out << YAML::BeginMap;
    for (const auto& [path, value] : tree) {
        out << YAML::Key << path << YAML::Value;
        // Quoted values stay quoted so they read back as strings, exactly as written.
        if (value.quoted)
            out << YAML::DoubleQuoted;
        out << value.text;
    }
    out << YAML::EndMap;
}

std::string number_text(const SweptParameter& p, double value) {
    return p.integer ? std::to_string(static_cast<long long>(value))
                     : scenario::format_value(value);
}

// The points inline, so DIR/design.yaml does not depend on the CSV file it was read from.
void emit_points(YAML::Emitter& out, const Experiment& e) {
    out << YAML::Key << "sample" << YAML::Value << YAML::BeginMap;
    out << YAML::Key << "method" << YAML::Value << "points";
    out << YAML::Key << "parameters" << YAML::Value << YAML::Flow << YAML::BeginSeq;
    for (const auto& p : e.parameters)
        out << p.path;
    out << YAML::EndSeq << YAML::Key << "values" << YAML::Value << YAML::BeginSeq;
    for (const auto& row : e.point_rows) {
        out << YAML::Flow << YAML::BeginSeq;
        for (std::size_t c = 0; c < row.size(); ++c)
            out << number_text(e.parameters[c], row[c]);
        out << YAML::EndSeq;
    }
    out << YAML::EndSeq << YAML::EndMap;
}

void emit_design(YAML::Emitter& out, const Experiment& e) {
    if (e.design == DesignKind::kGrid) {
        out << YAML::Key << "grid" << YAML::Value << YAML::BeginMap;
        for (const auto& p : e.parameters) {
            out << YAML::Key << p.path << YAML::Value << YAML::Flow << YAML::BeginSeq;
            for (const double v : p.values)
                out << number_text(p, v);
            out << YAML::EndSeq;
        }
        out << YAML::EndMap;
        return;
    }
    if (e.design == DesignKind::kReplicates)
        return;
    if (e.design == DesignKind::kPoints) {
        emit_points(out, e);
        return;
    }
    out << YAML::Key << "sample" << YAML::Value << YAML::BeginMap;
    out << YAML::Key << "method" << YAML::Value << design_name(e.design);
    out << YAML::Key << "n" << YAML::Value << e.samples;
    if (e.design == DesignKind::kMorris)
        out << YAML::Key << "levels" << YAML::Value << e.levels;
    out << YAML::Key << "parameters" << YAML::Value << YAML::BeginMap;
    for (const auto& p : e.parameters) {
        out << YAML::Key << p.path << YAML::Value << YAML::Flow << YAML::BeginSeq
            << number_text(p, p.low) << number_text(p, p.high) << YAML::EndSeq;
    }
    out << YAML::EndMap << YAML::EndMap;
}

}  // namespace

std::string resolved_text(const Experiment& e) {
    YAML::Emitter out;
    out << YAML::Comment("Resolved experiment " + e.name +
                         ": the base path made absolute so `localism collect` can rebuild the "
                         "design from this file alone");
    out << YAML::BeginMap;
    out << YAML::Key << "name" << YAML::Value << e.name;
    if (!e.description.empty())
        out << YAML::Key << "description" << YAML::Value << e.description;
    if (!e.base_path.empty())
        out << YAML::Key << "base" << YAML::Value << e.base_path;
    out << YAML::Key << "master_seed" << YAML::Value << e.master_seed;
    out << YAML::Key << "replicates" << YAML::Value << e.replicates;
    if (e.history_month > 0) {
        out << YAML::Key << "history" << YAML::Value << YAML::Flow << YAML::BeginMap << YAML::Key
            << "month" << YAML::Value << e.history_month << YAML::EndMap;
    }
    if (!e.common.empty()) {
        out << YAML::Key << "set" << YAML::Value;
        emit_tree(out, e.common);
    }
    out << YAML::Key << "arms" << YAML::Value << YAML::BeginMap;
    for (const auto& arm : e.arms) {
        out << YAML::Key << arm.name << YAML::Value;
        if (arm.extends_path.empty()) {
            emit_tree(out, arm.overrides);
            continue;
        }
        out << YAML::BeginMap << YAML::Key << "extends" << YAML::Value << arm.extends_path;
        if (!arm.overrides.empty()) {
            out << YAML::Key << "set" << YAML::Value;
            emit_tree(out, arm.overrides);
        }
        out << YAML::EndMap;
    }
    out << YAML::EndMap;
    emit_design(out, e);
    out << YAML::EndMap;
    return std::string(out.c_str()) + "\n";
}

}  // namespace localism::experiment
