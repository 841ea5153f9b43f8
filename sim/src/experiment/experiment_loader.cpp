// Reading and checking experiment files; see experiment.hpp.
#include <yaml-cpp/yaml.h>

#include <algorithm>
#include <charconv>
#include <filesystem>
#include <map>

#include "experiment_reader.hpp"
#include "localism/experiment/experiment.hpp"
#include "localism/scenario/input_limits.hpp"
#include "localism/scenario/schema.hpp"
#include "localism/scenario/validate.hpp"

namespace localism::experiment {

namespace fs = std::filesystem;
using scenario::Diagnostic;
using scenario::RawValue;
using scenario::SourceLocation;

namespace {

const std::vector<std::string> kTopKeys = {"name",   "description", "base",        "set",
                                           "arms",   "replicates",  "master_seed", "grid",
                                           "sample", "history"};

}  // namespace

void check_keys(Reader& reader, const YAML::Node& map, const std::string& prefix,
                const std::vector<std::string>& known) {
    std::map<std::string, int> seen;
    for (const auto& entry : map) {
        const std::string key = entry.first.Scalar();
        if (repeated(reader, seen, entry.first, prefix + key))
            continue;
        if (std::find(known.begin(), known.end(), key) != known.end())
            continue;
        if (reader.errors.size() >= scenario::kMaxDiagnostics) {
            reader.fail(entry.first, prefix + key, "unknown key", "");
            continue;
        }
        const std::string near = scenario::closest_match(key, known);
        std::string list;
        for (const auto& k : known)
            list += (list.empty() ? "" : ", ") + k;
        reader.fail(entry.first, prefix + key, "unknown key",
                    near.empty() ? "known keys: " + list : "did you mean `" + prefix + near + "`?");
    }
}

bool resolve_yaml_path(Reader& reader, const YAML::Node& node, const std::string& key,
                       const std::string& what, std::string& out) {
    std::string given;
    if (!reader.word(node, key, given))
        return false;
    fs::path path(given);
    if (path.is_relative())
        path = fs::path(reader.file).parent_path() / path;
    std::error_code ec;  // a name over 255 bytes must be a diagnostic, not filesystem_error
    fs::path absolute;
    if (!scenario::is_yaml_file_name(path)) {
        reader.fail(node, key, "the " + what + " must be a .yaml or .yml file",
                    "name a scenario file");
        return false;
    }
    if (!fs::exists(path, ec) || (absolute = fs::absolute(path, ec), ec)) {
        reader.fail(
            node, key,
            what + " " + path.string() + " does not exist" + (ec ? " (" + ec.message() + ")" : ""),
            "the path is relative to the experiment file");
        return false;
    }
    const fs::path canonical = fs::weakly_canonical(absolute, ec);
    out = (ec ? absolute.lexically_normal() : canonical).string();
    return true;
}

namespace {

void check_tree(const scenario::RawTree& tree, std::vector<Diagnostic>& errors) {
    for (const auto& [path, value] : tree) {
        if (errors.size() >= scenario::kMaxDiagnostics) {
            // Past the cap only the count matters: skip the per-leaf schema check and hints.
            if (!scenario::find_param(path))
                errors.push_back({value.where, path, "unknown key", ""});
        } else if (path == "run.seed") {
            errors.push_back({value.where, path, "run.seed is set by the experiment",
                              "use master_seed: per-replicate seeds are derived from it"});
        } else {
            check_override(path, value, errors);
        }
    }
}

}  // namespace

scenario::RawTree read_overrides(Reader& reader, const YAML::Node& node, const std::string& key) {
    scenario::RawTree tree;
    if (!node || node.IsNull())
        return tree;
    if (!node.IsMap()) {
        reader.fail(node, key, "expected a block of `parameter.path: value` lines",
                    "e.g. `central.mode: devolved`");
        return tree;
    }
    scenario::flatten_yaml(node, "", reader.file, tree, reader.errors);
    check_tree(tree, reader.errors);
    return tree;
}

namespace {

// A parameter set both by an override and by the design would be ambiguous.
void check_conflicts(const Experiment& e, std::vector<Diagnostic>& errors) {
    for (const auto& parameter : e.parameters) {
        const bool in_common = e.common.count(parameter.path) > 0;
        const bool in_arm = std::any_of(e.arms.begin(), e.arms.end(), [&](const Arm& a) {
            return a.overrides.count(parameter.path) > 0;
        });
        if (in_common || in_arm) {
            errors.push_back({parameter.where, parameter.path,
                              "is varied by the design and also set by an override",
                              "remove it from `set:` or the arms"});
        }
    }
}

// `base:` may be left out when every arm `extends:` a scenario of its own.
void read_base(Reader& reader, const YAML::Node& root, Experiment& out) {
    const bool all_extend =
        !out.arms.empty() && std::all_of(out.arms.begin(), out.arms.end(),
                                         [](const Arm& arm) { return !arm.extends_path.empty(); });
    if (!root["base"]) {
        if (!all_extend)
            reader.fail(root, "base", "required key is missing",
                        "add `base: path/to/scenario.yaml`, or give every arm `extends:`");
        return;
    }
    resolve_yaml_path(reader, root["base"], "base", "base scenario", out.base_path);
}

// `history: {month: M}`: the arms may only add timeline changes dated after M, and all start
// from the base scenario (the history's), so every arm can continue the history's saved state.
void read_history(Reader& reader, const YAML::Node& node, Experiment& out) {
    if (!node)
        return;
    std::int64_t month = 0;
    if (!node.IsMap() || !node["month"]) {
        reader.fail(node, "history", "expected `{month: M}`, the month the arms branch after",
                    "e.g. `history: {month: 60}`");
        return;
    }
    check_keys(reader, node, "history.", {"month"});
    if (!reader.integer(node["month"], "history.month", 1, 1'000'000, month))
        return;
    out.history_month = static_cast<std::int32_t>(month);
    if (out.design != DesignKind::kReplicates)
        reader.fail(node, "history", "a branching experiment has no `grid:` or `sample:` design",
                    "vary the arms instead");
    for (const Arm& arm : out.arms) {
        if (!arm.extends_path.empty())
            reader.fail(
                node, "arms." + arm.name + ".extends",
                "an arm of a branching experiment continues the shared history, so it "
                "cannot extend another scenario",
                "give its differences as timeline changes after month " + std::to_string(month));
        for (const auto& [path, value] : arm.overrides) {
            if (!is_branch_change(path, out.history_month))
                reader.errors.push_back(
                    {value.where, path,
                     "arm `" + arm.name + "` changes `" + path +
                         "`, but the arms of a branching experiment may only add timeline "
                         "changes dated after the history's month " +
                         std::to_string(month),
                     "write it as `timeline.month." + std::to_string(month + 1) +
                         ".<key>`, or put it in the experiment's `set:` (the shared history)"});
        }
    }
}

void read_top(Reader& reader, const YAML::Node& root, Experiment& out) {
    check_keys(reader, root, "", kTopKeys);
    if (!root["name"])
        reader.fail(root, "name", "required key is missing", "add `name: my_experiment`");
    else
        reader.word(root["name"], "name", out.name);
    if (root["description"])
        reader.word(root["description"], "description", out.description);
    if (root["replicates"])
        reader.integer(root["replicates"], "replicates", 1, 1'000'000, out.replicates);
    std::int64_t seed = 0;
    if (!root["master_seed"]) {
        reader.fail(root, "master_seed", "required key is missing",
                    "add `master_seed: 1` (any whole number >= 0)");
    } else if (reader.integer(root["master_seed"], "master_seed", 0, INT64_MAX, seed)) {
        out.master_seed = static_cast<std::uint64_t>(seed);
    }
    out.common = read_overrides(reader, root["set"], "set");
    read_arms(reader, root["arms"], out);
    read_base(reader, root, out);
    if (root["grid"] && root["sample"]) {
        reader.fail(root["sample"], "sample",
                    "an experiment has either `grid:` or `sample:`, not both",
                    "split it into two experiments");
    } else if (root["grid"]) {
        out.design = DesignKind::kGrid;
        read_grid(reader, root["grid"], out);
    } else if (root["sample"]) {
        read_sample(reader, root["sample"], out);
    }
    read_history(reader, root["history"], out);
    check_conflicts(out, reader.errors);
}

}  // namespace

bool is_branch_change(const std::string& path, std::int32_t history_month) {
    const std::string prefix = "timeline.month.";
    if (path.compare(0, prefix.size(), prefix) != 0)
        return false;
    std::int32_t month = 0;
    const char* first = path.data() + prefix.size();
    const char* last = path.data() + path.size();
    const auto [end, error] = std::from_chars(first, last, month);
    return error == std::errc{} && end != first && end != last && *end == '.' &&
           month > history_month;
}

std::string design_name(DesignKind kind) {
    switch (kind) {
        case DesignKind::kReplicates:
            return "replicates";
        case DesignKind::kGrid:
            return "grid";
        case DesignKind::kLhs:
            return "lhs";
        case DesignKind::kSobol:
            return "sobol";
        case DesignKind::kMorris:
            return "morris";
        case DesignKind::kPoints:
            return "points";
    }
    return "replicates";
}

void check_override(const std::string& path, const RawValue& value,
                    std::vector<Diagnostic>& errors) {
    // Validating a one-leaf tree reports that leaf's unknown-key, type and range problems under
    // its own path; the other diagnostics are the required keys it lacks, which we drop. Cross-
    // parameter checks never run on it (required keys are missing), so they are left to the
    // per-run validation, where a bad combination fails that run only.
    try {
        scenario::validate({{path, value}}, 0);
    } catch (const scenario::InputError& e) {
        for (const auto& d : e.diagnostics()) {
            if (d.key_path == path)
                errors.push_back(d);
        }
    }
}

Experiment load_experiment(const std::string& path) {
    std::vector<Diagnostic> errors;
    std::string text;
    if (!scenario::read_input_file(path, text, errors))
        throw scenario::InputError(std::move(errors));
    return load_experiment_text(text, path);
}

Experiment load_experiment_text(const std::string& text, const std::string& display_name) {
    std::vector<Diagnostic> errors;
    Experiment out;
    out.file = display_name;
    out.text = text;
    YAML::Node root;
    if (scenario::parse_yaml_text(text, display_name, root, errors)) {
        Reader reader{display_name, errors};
        if (!root.IsMap()) {
            reader.fail(root, "", "an experiment must be a block of `key: value` lines",
                        "see scenarios/experiments/smoke.yaml for an example");
        } else {
            read_top(reader, root, out);
        }
    }
    if (errors.empty())
        check_run_count(out, errors);
    if (!errors.empty())
        throw scenario::InputError(std::move(errors));
    return out;
}

}  // namespace localism::experiment
