// Scenario YAML reading: files, inheritance, overrides, structure checks.
#include "localism/scenario/loader.hpp"

#include <yaml-cpp/yaml.h>

#include <algorithm>
#include <filesystem>
#include <set>

#include "localism/scenario/input_limits.hpp"
#include "timeline_yaml.hpp"

namespace localism::scenario {

namespace fs = std::filesystem;

namespace {

SourceLocation location_of(const std::string& file, const YAML::Mark& mark) {
    return {file, mark.line + 1, mark.column + 1};
}

// True when the quoted scalar starting at `mark` closes on its own line.
bool quote_closed_on_line(const std::string& text, const YAML::Mark& mark) {
    if (text.empty() || mark.pos < 0 || static_cast<std::size_t>(mark.pos) >= text.size())
        return true;
    const char quote = text[static_cast<std::size_t>(mark.pos)];
    if (quote != '"' && quote != '\'')
        return true;
    for (auto at = static_cast<std::size_t>(mark.pos) + 1; at < text.size() && text[at] != '\n';
         ++at) {
        if (quote == '"' && text[at] == '\\') {
            ++at;
        } else if (text[at] == quote) {
            return true;
        }
    }
    return false;
}

void flatten_into(const YAML::Node& node, const std::string& prefix, const std::string& file,
                  RawTree& out, std::vector<Diagnostic>& errors,
                  const std::vector<std::string>& opaque_keys, const std::string& text) {
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
        if (std::find(opaque_keys.begin(), opaque_keys.end(), path) != opaque_keys.end())
            continue;
        if (value.IsMap()) {
            flatten_into(value, path, file, out, errors, opaque_keys, text);
        } else if (value.IsScalar()) {
            const bool quoted = value.Tag() == "!";
            if (quoted && !quote_closed_on_line(text, value.Mark())) {
                // yaml-cpp lets an unclosed quote run to the end of the file; no setting is
                // ever several lines long, so treat it as the syntax error it almost always is.
                errors.push_back(
                    {location_of(file, value.Mark()), path,
                     "quoted text runs over several lines: is a closing quote missing?",
                     "close the quote on the same line"});
                continue;
            }
            if (const auto earlier = out.find(path); earlier != out.end()) {
                // `run: {name: x}` and `run.name: y` in one file name the same setting.
                errors.push_back({where, path,
                                  "is set twice in this file (also at line " +
                                      std::to_string(earlier->second.where.line) + ")",
                                  "keep only one of them"});
                continue;
            }
            out[path] = RawValue{value.Scalar(), quoted, location_of(file, value.Mark())};
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
                std::string* main_text, std::vector<Diagnostic>& errors,
                const SourceLocation& extended_from = {});
void merge_document(const YAML::Node& root, const std::string& text, const fs::path& path,
                    std::vector<fs::path>& chain, RawTree& tree, std::vector<Diagnostic>& errors);

// Follows `extends:`. Only .yaml/.yml files are read as bases, so a scenario cannot make an
// error message quote the first lines of some other file (`extends: /etc/shadow`).
void read_base(const fs::path& path, const YAML::Node& base, std::vector<fs::path>& chain,
               RawTree& tree, std::vector<Diagnostic>& errors) {
    const SourceLocation where = location_of(path.string(), base.Mark());
    if (!base.IsScalar()) {
        errors.push_back({where, "extends", "expected the path of a base scenario",
                          "e.g. `extends: base.yaml`"});
        return;
    }
    fs::path base_path = fs::path(base.Scalar());
    if (base_path.is_relative())
        base_path = path.parent_path() / base_path;
    std::error_code ec;  // long or odd names must give a diagnostic, not filesystem_error
    if (!is_yaml_file_name(base_path)) {
        errors.push_back({where, "extends", "a base scenario must be a .yaml or .yml file",
                          "name the YAML file to inherit from"});
    } else if (!fs::exists(base_path, ec)) {
        errors.push_back({where, "extends",
                          "base scenario " + base_path.string() + " does not exist" +
                              (ec ? " (" + ec.message() + ")" : ""),
                          "paths are relative to the file that says `extends:`"});
    } else {
        read_chain(base_path.lexically_normal(), chain, tree, nullptr, errors, where);
    }
}

void read_chain(const fs::path& path, std::vector<fs::path>& chain, RawTree& tree,
                std::string* main_text, std::vector<Diagnostic>& errors,
                const SourceLocation& extended_from) {
    std::error_code ec;
    fs::path canonical = fs::weakly_canonical(path, ec);
    if (ec)
        canonical = path.lexically_normal();
    if (std::find(chain.begin(), chain.end(), canonical) != chain.end()) {
        std::string cycle;
        for (const auto& p : chain)
            cycle += p.lexically_normal().string() + " -> ";
        errors.push_back({extended_from, "extends",
                          "inheritance cycle: " + path.lexically_normal().string() +
                              " extends itself again (" + cycle + canonical.string() + ")",
                          "remove one of the `extends:` lines"});
        return;
    }
    if (chain.size() >= kMaxExtendsDepth) {
        errors.push_back({extended_from, "extends",
                          "more than " + std::to_string(kMaxExtendsDepth) +
                              " scenarios inherit from one another",
                          "shorten the `extends:` chain"});
        return;
    }
    chain.push_back(canonical);
    YAML::Node root;
    std::string text;
    if (!parse_yaml_file(path.string(), root, text, errors))
        return;
    if (main_text)
        *main_text = text;
    merge_document(root, text, path, chain, tree, errors);
}

void merge_document(const YAML::Node& root, const std::string& text, const fs::path& path,
                    std::vector<fs::path>& chain, RawTree& tree, std::vector<Diagnostic>& errors) {
    if (!root.IsMap()) {
        errors.push_back({{path.string(), 1, 1},
                          "",
                          "a scenario must be a block of `key: value` lines",
                          "see scenarios/devolved.yaml for an example"});
        return;
    }
    if (const YAML::Node base = root["extends"])
        read_base(path, base, chain, tree, errors);
    RawTree own;
    flatten_into(root, "", path.string(), own, errors, {"extends", "timeline"}, text);
    if (const YAML::Node timeline = root["timeline"]) {
        // A timeline replaces the inherited one as a whole: merging two lists of dated changes
        // key by key would make changes nobody wrote.
        std::erase_if(tree, [](const auto& leaf) { return leaf.first.rfind("timeline.", 0) == 0; });
        flatten_timeline(timeline, path.string(), own, errors);
    }
    // Deep merge: a child's leaf replaces the base's leaf at the same path, other leaves stay.
    for (auto& [key, value] : own)
        tree[key] = std::move(value);
}

// Applies every `--set` and throws when anything so far went wrong.
void apply_overrides(const std::vector<std::string>& overrides, RawTree& leaves,
                     std::vector<Diagnostic>& errors) {
    int index = 1;
    for (const auto& assignment : overrides)
        apply_override(assignment, index++, leaves, errors);
    if (!errors.empty())
        throw InputError(std::move(errors));
}

}  // namespace

bool parse_yaml_file(const std::string& path, YAML::Node& out, std::string& text,
                     std::vector<Diagnostic>& errors) {
    if (!read_input_file(path, text, errors))
        return false;
    return parse_yaml_text(text, path, out, errors);
}

bool parse_yaml_text(const std::string& text, const std::string& display_name, YAML::Node& out,
                     std::vector<Diagnostic>& errors) {
    const std::string& path = display_name;
    if (text.size() > kMaxInputFileBytes) {
        errors.push_back({{path, 0, 0},
                          "",
                          "the text is longer than the limit of " +
                              std::to_string(kMaxInputFileBytes) + " bytes",
                          ""});
        return false;
    }
    if (const std::size_t bad = first_invalid_utf8(text); bad != std::string::npos) {
        const auto line = 1 + std::count(text.begin(), text.begin() + bad, '\n');
        const auto line_start = text.rfind('\n', bad == 0 ? 0 : bad - 1);
        const auto column =
            line_start == std::string::npos || bad == 0 ? bad + 1 : bad - line_start;
        errors.push_back({{path, static_cast<int>(line), static_cast<int>(column)},
                          "",
                          "the file is not valid UTF-8 text (byte " + std::to_string(bad) + ")",
                          "save it as UTF-8"});
        return false;
    }
    try {
        // scan_yaml checks the limits and counts documents without building nodes; only then
        // is the (single) document loaded. YAML::LoadAll is avoided on purpose: see scan_yaml.
        if (!scan_yaml(text, path, errors))
            return false;
        out = YAML::Load(text);
    } catch (const YAML::Exception& e) {
        const bool tabs = text.find('\t') != std::string::npos;
        errors.push_back({location_of(path, e.mark), "", "YAML syntax error: " + e.msg,
                          tabs ? "the file contains tab characters: indent with spaces only"
                               : "check indentation and that each key is followed by `: `"});
        return false;
    }
    return true;
}

bool is_yaml_file_name(const std::filesystem::path& path) {
    const std::string extension = path.extension().string();
    return extension == ".yaml" || extension == ".yml";
}

void flatten_yaml(const YAML::Node& node, const std::string& prefix, const std::string& file,
                  RawTree& out, std::vector<Diagnostic>& errors,
                  const std::vector<std::string>& opaque_keys) {
    flatten_into(node, prefix, file, out, errors, opaque_keys, "");
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
    if (first_invalid_utf8(assignment) != std::string::npos) {
        errors.push_back({where, "", "the override is not valid UTF-8 text", ""});
        return;
    }
    try {
        // One document only (YAML::Load, never LoadAll: see scan_yaml); tags are refused as
        // in files.
        const YAML::Node value = YAML::Load(value_text);
        if (value.IsScalar() && value.Tag() != "?" && value.Tag() != "!") {
            errors.push_back({where, key,
                              "YAML tags such as `" + value.Tag() + "` are not supported",
                              "quote the value to make it text"});
            return;
        }
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
    for (const auto& file : chain)
        source.files.push_back(file.string());
    apply_overrides(overrides, source.leaves, errors);
    return source;
}

ScenarioSource read_scenario_text(const std::string& text, const std::string& display_name,
                                  const std::vector<std::string>& overrides) {
    ScenarioSource source;
    source.main_file = display_name;
    source.text_as_given = text;
    std::vector<Diagnostic> errors;
    std::vector<fs::path> chain{fs::path(display_name).lexically_normal()};
    YAML::Node root;
    if (parse_yaml_text(text, display_name, root, errors))
        merge_document(root, text, fs::path(display_name), chain, source.leaves, errors);
    apply_overrides(overrides, source.leaves, errors);
    return source;
}

}  // namespace localism::scenario
