// Reading an experiment's arms: parameter lines, or a scenario file the arm `extends:` plus its
// own `set:`; see experiment.hpp.
#include <yaml-cpp/yaml.h>

#include <algorithm>
#include <cctype>
#include <map>

#include "experiment_reader.hpp"
#include "localism/scenario/loader.hpp"

namespace localism::experiment {

namespace {

const std::vector<std::string> kArmKeys = {"extends", "set"};

// The arm's scenario is read now, with the loader's limits, so a missing or malformed file (or
// one of its own `extends:`) is reported before anything runs. Its diagnostics name that file;
// one more names the arm's line in the experiment.
void check_extended(Reader& reader, const YAML::Node& node, const std::string& key,
                    const std::string& path) {
    try {
        (void)scenario::read_scenario_source(path, {});
    } catch (const scenario::InputError& e) {
        reader.fail(node, key, "the scenario this arm extends does not load",
                    "its problems are listed with their own file and line");
        for (const auto& d : e.diagnostics())
            reader.errors.push_back(d);
    }
}

// `{extends: FILE, set: {...}}`: every other key is refused, so a parameter line written next to
// `extends:` is not mistaken for one that applies.
Arm read_extending_arm(Reader& reader, const std::string& name, const YAML::Node& node) {
    const std::string prefix = "arms." + name + ".";
    check_keys(reader, node, prefix, kArmKeys);
    Arm arm{name, read_overrides(reader, node["set"], prefix + "set"), ""};
    if (node["extends"] && resolve_yaml_path(reader, node["extends"], prefix + "extends",
                                             "scenario", arm.extends_path))
        check_extended(reader, node["extends"], prefix + "extends", arm.extends_path);
    return arm;
}

bool safe_name(const std::string& name) {
    return !name.empty() && std::all_of(name.begin(), name.end(), [](char c) {
        return std::isalnum(static_cast<unsigned char>(c)) || c == '_' || c == '-';
    });
}

}  // namespace

void read_arms(Reader& reader, const YAML::Node& node, Experiment& out) {
    if (node && !node.IsMap()) {
        reader.fail(node, "arms", "expected a block of named arms",
                    "e.g. `arms: {devolved: {central.mode: devolved}}` or "
                    "`arms: {strong: {extends: ../devolved.yaml}}`");
    } else if (node) {
        std::map<std::string, int> seen;
        for (const auto& entry : node) {
            const std::string name = entry.first.Scalar();
            // Two arms of one name would share run ids and so one run file.
            if (repeated(reader, seen, entry.first, "arms." + name))
                continue;
            if (!safe_name(name)) {
                reader.fail(entry.first, "arms." + name, "an arm name is used in file names",
                            "use only letters, digits, `_` and `-`");
            }
            const YAML::Node& body = entry.second;
            if (body.IsMap() && (body["extends"] || body["set"]))
                out.arms.push_back(read_extending_arm(reader, name, body));
            else
                out.arms.push_back({name, read_overrides(reader, body, "arms." + name), ""});
        }
    }
    if (out.arms.empty())
        out.arms.push_back({"base", {}, ""});
}

}  // namespace localism::experiment
