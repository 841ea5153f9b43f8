// Reading and checking experiment files; see experiment.hpp.
#include <yaml-cpp/yaml.h>

#include <algorithm>
#include <charconv>
#include <cmath>
#include <filesystem>

#include "localism/experiment/experiment.hpp"
#include "localism/scenario/schema.hpp"
#include "localism/scenario/validate.hpp"

namespace localism::experiment {

namespace fs = std::filesystem;
using scenario::Diagnostic;
using scenario::RawValue;
using scenario::SourceLocation;

namespace {

const std::vector<std::string> kTopKeys = {"name",       "description", "base", "set",   "arms",
                                           "replicates", "master_seed", "grid", "sample"};
const std::vector<std::string> kSampleKeys = {"method", "n", "levels", "parameters"};

// Everything a reader needs to turn nodes into located diagnostics.
struct Reader {
    std::string file;
    std::vector<Diagnostic>& errors;

    SourceLocation at(const YAML::Node& node) const {
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
    RawValue raw(const YAML::Node& node) const {
        return {node.Scalar(), node.Tag() == "!", at(node)};
    }
};

void check_keys(Reader& reader, const YAML::Node& map, const std::string& prefix,
                const std::vector<std::string>& known) {
    for (const auto& entry : map) {
        const std::string key = entry.first.Scalar();
        if (std::find(known.begin(), known.end(), key) != known.end())
            continue;
        const std::string near = scenario::closest_match(key, known);
        reader.fail(entry.first, prefix + key, "unknown key",
                    near.empty() ? "known keys: name, description, base, set, arms, replicates, "
                                   "master_seed, grid, sample"
                                 : "did you mean `" + prefix + near + "`?");
    }
}

void check_tree(const scenario::RawTree& tree, std::vector<Diagnostic>& errors) {
    for (const auto& [path, value] : tree) {
        if (path == "run.seed") {
            errors.push_back({value.where, path, "run.seed is set by the experiment",
                              "use master_seed: per-replicate seeds are derived from it"});
        } else {
            check_override(path, value, errors);
        }
    }
}

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

void read_arms(Reader& reader, const YAML::Node& node, Experiment& out) {
    if (node && !node.IsMap()) {
        reader.fail(node, "arms", "expected a block of named arms",
                    "e.g. `arms: {devolved: {central.mode: devolved}}`");
    } else if (node) {
        for (const auto& entry : node) {
            const std::string name = entry.first.Scalar();
            const bool safe = !name.empty() && std::all_of(name.begin(), name.end(), [](char c) {
                return std::isalnum(static_cast<unsigned char>(c)) || c == '_' || c == '-';
            });
            if (!safe) {
                reader.fail(entry.first, "arms." + name, "an arm name is used in file names",
                            "use only letters, digits, `_` and `-`");
            }
            out.arms.push_back({name, read_overrides(reader, entry.second, "arms." + name)});
        }
    }
    if (out.arms.empty())
        out.arms.push_back({"base", {}});
}

// A design parameter must be a known numeric scenario parameter.
const scenario::ParamSpec* numeric_param(Reader& reader, const YAML::Node& key,
                                         const std::string& path) {
    const scenario::ParamSpec* spec = scenario::find_param(path);
    if (!spec) {
        check_override(path, {"0", false, reader.at(key)},
                       reader.errors);  // reports the unknown key
        return nullptr;
    }
    if (spec->type != scenario::ParamType::kInt && spec->type != scenario::ParamType::kFloat) {
        reader.fail(
            key, path,
            "only numeric parameters can be swept, this one is " + scenario::type_name(*spec),
            "put categorical variants in `arms:` instead");
        return nullptr;
    }
    if (path == "run.seed") {
        reader.fail(key, path, "run.seed is set by the experiment",
                    "use replicates and master_seed");
        return nullptr;
    }
    return spec;
}

// Checks one numeric value of a design parameter through the schema and returns it.
bool design_value(Reader& reader, const YAML::Node& node, const std::string& path, double& out) {
    const std::size_t before = reader.errors.size();
    if (!node.IsScalar()) {
        reader.fail(node, path, "expected a number", "");
        return false;
    }
    check_override(path, reader.raw(node), reader.errors);
    if (reader.errors.size() != before)
        return false;
    out = std::stod(node.Scalar());
    return true;
}

void read_grid(Reader& reader, const YAML::Node& node, Experiment& out) {
    if (!node.IsMap()) {
        reader.fail(node, "grid", "expected a block of `parameter.path: [values]` lines",
                    "e.g. `grid: {councils.outreach: [0.1, 0.5, 0.9]}`");
        return;
    }
    for (const auto& entry : node) {
        const std::string path = entry.first.Scalar();
        const auto* spec = numeric_param(reader, entry.first, path);
        if (!spec)
            continue;
        SweptParameter parameter{
            path, spec->type == scenario::ParamType::kInt, 0, 0, {}, reader.at(entry.first)};
        if (!entry.second.IsSequence() || entry.second.size() == 0) {
            reader.fail(entry.second, "grid." + path, "expected a non-empty list of values",
                        "e.g. `[0.1, 0.5]`");
            continue;
        }
        for (const auto& item : entry.second) {
            double value = 0;
            if (design_value(reader, item, path, value))
                parameter.values.push_back(value);
        }
        out.parameters.push_back(std::move(parameter));
    }
}

void read_sample_parameters(Reader& reader, const YAML::Node& node, Experiment& out) {
    if (!node || !node.IsMap() || node.size() == 0) {
        reader.fail(node ? node : YAML::Node(), "sample.parameters",
                    "expected a block of `parameter.path: [low, high]` lines",
                    "e.g. `parameters: {councils.outreach: [0.1, 0.9]}`");
        return;
    }
    for (const auto& entry : node) {
        const std::string path = entry.first.Scalar();
        const auto* spec = numeric_param(reader, entry.first, path);
        if (!spec)
            continue;
        if (!entry.second.IsSequence() || entry.second.size() != 2) {
            reader.fail(entry.second, path, "expected [low, high]", "e.g. `[0.1, 0.9]`");
            continue;
        }
        SweptParameter parameter{
            path, spec->type == scenario::ParamType::kInt, 0, 0, {}, reader.at(entry.first)};
        if (!design_value(reader, entry.second[0], path, parameter.low) ||
            !design_value(reader, entry.second[1], path, parameter.high)) {
            continue;
        }
        if (!(parameter.low < parameter.high)) {
            reader.fail(entry.second, path, "low must be below high", "write [low, high]");
            continue;
        }
        out.parameters.push_back(std::move(parameter));
    }
}

void read_sample(Reader& reader, const YAML::Node& node, Experiment& out) {
    if (!node.IsMap()) {
        reader.fail(node, "sample", "expected a block with method, n and parameters", "");
        return;
    }
    check_keys(reader, node, "sample.", kSampleKeys);
    std::string method;
    if (!node["method"]) {
        reader.fail(node, "sample.method", "required key is missing",
                    "add `method: lhs`, `sobol` or `morris`");
    } else if (reader.word(node["method"], "sample.method", method)) {
        if (method == "lhs")
            out.design = DesignKind::kLhs;
        else if (method == "sobol")
            out.design = DesignKind::kSobol;
        else if (method == "morris")
            out.design = DesignKind::kMorris;
        else {
            const std::string near = scenario::closest_match(method, {"lhs", "sobol", "morris"});
            reader.fail(node["method"], "sample.method",
                        "expected lhs, sobol or morris, got `" + method + "`",
                        near.empty() ? "" : "did you mean `" + near + "`?");
        }
    }
    if (!node["n"])
        reader.fail(node, "sample.n", "required key is missing", "add `n:` (number of samples)");
    else
        reader.integer(node["n"], "sample.n", 1, 10'000'000, out.samples);
    if (node["levels"]) {
        std::int64_t levels = 4;
        if (out.design != DesignKind::kMorris)
            reader.fail(node["levels"], "sample.levels", "only Morris designs have levels",
                        "remove it");
        else if (reader.integer(node["levels"], "sample.levels", 2, 1000, levels))
            out.levels = static_cast<int>(levels);
    }
    read_sample_parameters(reader, node["parameters"], out);
}

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

void read_base(Reader& reader, const YAML::Node& root, Experiment& out) {
    std::string base;
    if (!root["base"]) {
        reader.fail(root, "base", "required key is missing", "add `base: path/to/scenario.yaml`");
    } else if (reader.word(root["base"], "base", base)) {
        fs::path path(base);
        if (path.is_relative())
            path = fs::path(reader.file).parent_path() / path;
        if (!fs::exists(path)) {
            reader.fail(root["base"], "base", "base scenario " + path.string() + " does not exist",
                        "the path is relative to the experiment file");
        } else {
            out.base_path = fs::weakly_canonical(fs::absolute(path)).string();
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
    read_base(reader, root, out);
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
    check_conflicts(out, reader.errors);
}

}  // namespace

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
    Experiment out;
    out.file = path;
    YAML::Node root;
    if (scenario::parse_yaml_file(path, root, out.text, errors)) {
        Reader reader{path, errors};
        if (!root.IsMap()) {
            reader.fail(root, "", "an experiment must be a block of `key: value` lines",
                        "see scenarios/experiments/smoke.yaml for an example");
        } else {
            read_top(reader, root, out);
        }
    }
    if (!errors.empty())
        throw scenario::InputError(std::move(errors));
    return out;
}

}  // namespace localism::experiment
