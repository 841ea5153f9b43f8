// Internal to the experiment loader: turning YAML nodes into located diagnostics, shared by
// experiment_loader.cpp (top level, base), experiment_arms_reader.cpp (arms) and
// experiment_design_reader.cpp (grid, sample).
#pragma once

#include <yaml-cpp/yaml.h>

#include <charconv>
#include <cstdint>
#include <map>
#include <string>
#include <vector>

#include "localism/experiment/experiment.hpp"
#include "localism/scenario/schema.hpp"

namespace localism::experiment {

// Everything a reader needs to turn nodes into located diagnostics.
struct Reader {
    std::string file;
    std::vector<scenario::Diagnostic>& errors;

    scenario::SourceLocation at(const YAML::Node& node) const {
        return {file, node.Mark().line + 1, node.Mark().column + 1};
    }
    void fail(const YAML::Node& node, const std::string& key, std::string message,
              std::string hint) {
        errors.push_back({at(node), key, std::move(message), std::move(hint)});
    }
    bool integer(const YAML::Node& node, const std::string& key, std::int64_t min, std::int64_t max,
                 std::int64_t& out) {
        const std::string text = node.IsScalar() ? node.Scalar() : "";
        const char* end = text.data() + text.size();
        auto [ptr, ec] = std::from_chars(text.data(), end, out);
        if (!node.IsScalar() || ec != std::errc() || ptr != end || out < min || out > max) {
            fail(node, key,
                 "expected a whole number between " + std::to_string(min) + " and " +
                     std::to_string(max) + ", got `" + text + "`",
                 "");
            return false;
        }
        return true;
    }
    bool word(const YAML::Node& node, const std::string& key, std::string& out) {
        if (!node.IsScalar() || node.Scalar().empty()) {
            fail(node, key, "expected a single value", "");
            return false;
        }
        out = node.Scalar();
        return true;
    }
    scenario::RawValue raw(const YAML::Node& node) const {
        return {node.Scalar(), node.Tag() == "!", at(node)};
    }
};

// Reports a key that appears twice in one block (yaml-cpp keeps both); returns true if so.
inline bool repeated(Reader& reader, std::map<std::string, int>& seen, const YAML::Node& key,
                     const std::string& path) {
    const auto [it, fresh] = seen.emplace(key.Scalar(), reader.at(key).line);
    if (!fresh) {
        reader.fail(key, path, "duplicate key: already given at line " + std::to_string(it->second),
                    "keep only one of them");
    }
    return !fresh;
}

// Reports keys not in `known` (with a did-you-mean) and keys given twice.
void check_keys(Reader& reader, const YAML::Node& map, const std::string& prefix,
                const std::vector<std::string>& known);

// A `set:` block (or an arm's parameter lines): flattened and each leaf checked against the schema.
scenario::RawTree read_overrides(Reader& reader, const YAML::Node& node, const std::string& key);
// Resolves a scenario path (`base:`, an arm's `extends:`) relative to the experiment file into an
// absolute, normalised `out`; false after reporting a name that is not .yaml/.yml or is missing.
bool resolve_yaml_path(Reader& reader, const YAML::Node& node, const std::string& key,
                       const std::string& what, std::string& out);
// The `arms:` block (experiment_arms_reader.cpp); a single arm "base" when there is none.
void read_arms(Reader& reader, const YAML::Node& node, Experiment& out);

// The `grid:` and `sample:` blocks (experiment_design_reader.cpp).
void read_grid(Reader& reader, const YAML::Node& node, Experiment& out);
void read_sample(Reader& reader, const YAML::Node& node, Experiment& out);
// `sample: {method: points, file: F.csv}` or `{method: points, parameters: [..], values: [[..]]}`
// (experiment_points_reader.cpp).
void read_points(Reader& reader, const YAML::Node& node, Experiment& out);
// A design parameter that can be swept (known, numeric, not run.seed), or null after reporting.
const scenario::ParamSpec* numeric_param(Reader& reader, const scenario::SourceLocation& where,
                                         const std::string& path);

}  // namespace localism::experiment
