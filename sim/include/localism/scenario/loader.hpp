// Reading scenario YAML into flat, located leaves: `extends` inheritance, `--set` overrides,
// duplicate-key and syntax checks. Typing and range checks happen in validate().
#pragma once

#include <filesystem>
#include <map>
#include <string>
#include <vector>

#include "localism/scenario/diagnostics.hpp"
#include "localism/scenario/scenario.hpp"

namespace YAML {
class Node;
}

namespace localism::scenario {

struct RawValue {
    std::string text;     // the scalar as written
    bool quoted = false;  // written in quotes: never a number or boolean
    SourceLocation where;
};

// Leaf path ("councils.outreach") -> scalar, after inheritance and overrides.
using RawTree = std::map<std::string, RawValue>;

struct ScenarioSource {
    RawTree leaves;
    std::string main_file;
    std::string text_as_given;       // the main file's text, byte for byte
    std::vector<std::string> files;  // every file read: the main file and those it extends
};

// Reads `path` (following `extends:` chains) and applies `overrides` ("key.path=value").
// Throws InputError listing every structural problem found.
ScenarioSource read_scenario_source(const std::string& path,
                                    const std::vector<std::string>& overrides);

// The same for a scenario already in memory (fuzzing, tests): `display_name` locates its
// diagnostics, and relative `extends:` paths are resolved from its directory.
ScenarioSource read_scenario_text(const std::string& text, const std::string& display_name,
                                  const std::vector<std::string>& overrides = {});

// Reads one YAML file into a node, turning syntax errors into diagnostics (file:line:col).
// Returns false and appends to `errors` when the file is missing, malformed or beyond the
// limits of input_limits.hpp (not a regular file, too large, not UTF-8, too many nodes).
bool parse_yaml_file(const std::string& path, YAML::Node& out, std::string& text,
                     std::vector<Diagnostic>& errors);
// The same for text already in memory (fuzzing, tests); `display_name` locates diagnostics.
bool parse_yaml_text(const std::string& text, const std::string& display_name, YAML::Node& out,
                     std::vector<Diagnostic>& errors);

// True for names ending in .yaml or .yml: the only files followed as bases (`extends:`,
// an experiment's `base:`), so an error never quotes the contents of some other file.
bool is_yaml_file_name(const std::filesystem::path& path);

// Flattens a mapping into `out`, reporting duplicate keys, lists and empty values in `errors`.
// Keys listed in `opaque_keys` (full dotted paths) are left for the caller and not flattened.
void flatten_yaml(const YAML::Node& node, const std::string& prefix, const std::string& file,
                  RawTree& out, std::vector<Diagnostic>& errors,
                  const std::vector<std::string>& opaque_keys = {});

// Applies one "key.path=value" override onto `tree`; `index` numbers it in messages.
void apply_override(const std::string& assignment, int index, RawTree& tree,
                    std::vector<Diagnostic>& errors);

}  // namespace localism::scenario
