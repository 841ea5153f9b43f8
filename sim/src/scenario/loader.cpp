// Scenario YAML reading: files, inheritance, overrides, structure checks.
#include "localism/scenario/loader.hpp"

#include <yaml-cpp/yaml.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <set>
#include <sstream>

namespace localism::scenario {

namespace fs = std::filesystem;

namespace {

SourceLocation location_of(const std::string& file, const YAML::Mark& mark) {
    return {file, mark.line + 1, mark.column + 1};
}

void flatten_into(const YAML::Node& node, const std::string& prefix, const std::string& file,
                  RawTree& out, std::vector<Diagnostic>& errors,
                  const std::vector<std::string>& opaque_keys) {
    std::set<std::string> seen;
    for (const auto& entry : node) {
        const YAML::Node& key = entry.first;
        const YAML::Node& value = entry.second;
        const SourceLocation where = location_of(file, key.Mark());
        if (!key.IsScalar()) {
            errors.push_back({where, prefix, "a key must be a plain name", "write `name: value`"});
            continue;
        }
        const std::string path = prefix.empty() ? key.Scalar() : prefix + "." + key.Scalar();
        if (!seen.insert(key.Scalar()).second) {
            errors.push_back({where, path, "duplicate key: it is already set above in this block",
                              "keep only one of them"});
            continue;
        }
        if (std::find(opaque_keys.begin(), opaque_keys.end(), path) != opaque_keys.end()) continue;
        if (value.IsMap()) {
            flatten_into(value, path, file, out, errors, opaque_keys);
        } else if (value.IsScalar()) {
            out[path] = RawValue{value.Scalar(), value.Tag() == "!", location_of(file, value.Mark())};
        } else if (value.IsSequence()) {
            errors.push_back({location_of(file, value.Mark()), path,
                              "expected a single value or a block of keys, got a list",
                              "remove the `-` items"});
        } else {
            errors.push_back({where, path, "has no value", "give a value after the colon"});
        }
    }
}

void read_chain(const fs::path& path, std::vector<fs::path>& chain, RawTree& tree,
                std::string* main_text, std::vector<Diagnostic>& errors) {
    const fs::path canonical = fs::weakly_canonical(path);
    if (std::find(chain.begin(), chain.end(), canonical) != chain.end()) {
        std::string cycle;
        for (const auto& p : chain) cycle += p.string() + " -> ";
        errors.push_back({{path.string(), 0, 0}, "extends",
                          "inheritance cycle: " + cycle + canonical.string(),
                          "remove one of the `extends:` lines"});
        return;
    }
    chain.push_back(canonical);
    YAML::Node root;
    std::string text;
    if (!parse_yaml_file(path.string(), root, text, errors)) return;
    if (main_text) *main_text = text;
    if (!root.IsMap()) {
        errors.push_back({{path.string(), 1, 1}, "",
                          "a scenario must be a block of `key: value` lines",
                          "see scenarios/devolved.yaml for an example"});
        return;
    }
    if (const YAML::Node base = root["extends"]) {
        if (!base.IsScalar()) {
            errors.push_back({location_of(path.string(), base.Mark()), "extends",
                              "expected the path of a base scenario", "e.g. `extends: base.yaml`"});
        } else {
            fs::path base_path = fs::path(base.Scalar());
            if (base_path.is_relative()) base_path = path.parent_path() / base_path;
            if (!fs::exists(base_path)) {
                errors.push_back({location_of(path.string(), base.Mark()), "extends",
                                  "base scenario " + base_path.string() + " does not exist",
                                  "paths are relative to the file that says `extends:`"});
            } else {
                read_chain(base_path, chain, tree, nullptr, errors);
            }
        }
    }
    RawTree own;
    flatten_into(root, "", path.string(), own, errors, {"extends"});
    // Deep merge: a child's leaf replaces the base's leaf at the same path, other leaves stay.
    for (auto& [key, value] : own) tree[key] = std::move(value);
}

}  // namespace

bool parse_yaml_file(const std::string& path, YAML::Node& out, std::string& text,
                     std::vector<Diagnostic>& errors) {
    std::ifstream in(path);
    if (!in) {
        errors.push_back({{path, 0, 0}, "", "cannot open the file",
                          fs::exists(path) ? "check its permissions" : "check the path"});
        return false;
    }
    std::stringstream buffer;
    buffer << in.rdbuf();
    text = buffer.str();
    try {
        out = YAML::Load(text);
    } catch (const YAML::Exception& e) {
        errors.push_back({location_of(path, e.mark), "", "YAML syntax error: " + e.msg,
                          "check indentation and that each key is followed by `: `"});
        return false;
    }
    return true;
}

void flatten_yaml(const YAML::Node& node, const std::string& prefix, const std::string& file,
                  RawTree& out, std::vector<Diagnostic>& errors,
                  const std::vector<std::string>& opaque_keys) {
    flatten_into(node, prefix, file, out, errors, opaque_keys);
}

void apply_override(const std::string& assignment, int index, RawTree& tree,
                    std::vector<Diagnostic>& errors) {
    const SourceLocation where{"--set #" + std::to_string(index), 0, 0};
    const auto equals = assignment.find('=');
    if (equals == std::string::npos || equals == 0) {
        errors.push_back({where, "", "expected key.path=value, got `" + assignment + "`",
                          "e.g. --set councils.outreach=0.6"});
        return;
    }
    const std::string key = assignment.substr(0, equals);
    const std::string value_text = assignment.substr(equals + 1);
    try {
        const YAML::Node value = YAML::Load(value_text);
        if (!value.IsScalar()) {
            errors.push_back({where, key, "expected a single value, got `" + value_text + "`",
                              "quote the value if it contains `:` or `[`"});
            return;
        }
        tree[key] = RawValue{value.Scalar(), value.Tag() == "!", where};
    } catch (const YAML::Exception& e) {
        errors.push_back({where, key, "cannot read the value `" + value_text + "`: " + e.msg, ""});
    }
}

ScenarioSource read_scenario_source(const std::string& path,
                                    const std::vector<std::string>& overrides) {
    ScenarioSource source;
    source.main_file = path;
    std::vector<Diagnostic> errors;
    std::vector<fs::path> chain;
    read_chain(fs::path(path), chain, source.leaves, &source.text_as_given, errors);
    int index = 1;
    for (const auto& assignment : overrides) apply_override(assignment, index++, source.leaves, errors);
    if (!errors.empty()) throw InputError(std::move(errors));
    return source;
}

}  // namespace localism::scenario
