// Opening and growing a sweep directory; see sweep_growth.hpp.
#include "localism/experiment/sweep_growth.hpp"

#include <yaml-cpp/yaml.h>

#include <algorithm>
#include <map>
#include <set>

#include "localism/scenario/diagnostics.hpp"

namespace localism::experiment {

namespace fs = std::filesystem;

namespace {

// Scenario file (absolute path) -> its leaves (path -> text) after its `extends:` chain.
using Inputs = std::map<std::string, std::map<std::string, std::string>>;

fs::path inputs_file(const SweepDir& dir) {
    return dir.root() / "inputs.yaml";
}

Inputs inputs_of(const Design& design) {
    Inputs out;
    for (std::size_t arm = 0; arm < design.experiment().arms.size(); ++arm) {
        const scenario::ScenarioSource& source = design.source_of(arm);
        auto& leaves = out[source.main_file];
        for (const auto& [path, value] : source.leaves)
            leaves[path] = value.text;
    }
    return out;
}

std::string inputs_text(const Inputs& inputs) {
    YAML::Emitter out;
    out << YAML::Comment(
        "The parameters of each scenario file this sweep reads (after its own `extends:`), as "
        "they were when its runs were made: a later sweep into this directory refuses to go on "
        "if one has changed");
    out << YAML::BeginMap;
    for (const auto& [file, leaves] : inputs) {
        out << YAML::Key << file << YAML::Value << YAML::BeginMap;
        for (const auto& [path, text] : leaves)
            out << YAML::Key << path << YAML::Value << YAML::DoubleQuoted << text;
        out << YAML::EndMap;
    }
    out << YAML::EndMap;
    return std::string(out.c_str()) + "\n";
}

// Empty when the directory predates inputs.yaml (it is then written from now on).
Inputs read_inputs(const SweepDir& dir) {
    Inputs out;
    if (!fs::exists(inputs_file(dir)))
        return out;
    const YAML::Node root = YAML::Load(read_text_file(inputs_file(dir)));
    for (const auto& file : root) {
        auto& leaves = out[file.first.Scalar()];
        for (const auto& leaf : file.second)
            leaves[leaf.first.Scalar()] = leaf.second.Scalar();
    }
    return out;
}

// "file changed since ...: k a -> b, ..." for each recorded file whose parameters differ.
std::vector<std::string> changed_inputs(const Inputs& recorded, const Inputs& now) {
    std::vector<std::string> out;
    for (const auto& [file, leaves] : now) {
        const auto it = recorded.find(file);
        if (it == recorded.end() || it->second == leaves)
            continue;
        std::set<std::string> paths;
        for (const auto* tree : {&it->second, &leaves})
            for (const auto& entry : *tree)
                paths.insert(entry.first);
        std::string changes;
        std::size_t count = 0;
        for (const auto& path : paths) {
            const auto a = it->second.find(path), b = leaves.find(path);
            const std::string was = a == it->second.end() ? "(not set)" : a->second;
            const std::string is = b == leaves.end() ? "(not set)" : b->second;
            if (was != is && count++ < 3)
                changes += (changes.empty() ? "" : ", ") + path + " " + was + " -> " + is;
        }
        if (count > 3)
            changes += " and " + std::to_string(count - 3) + " more";
        out.push_back("scenario " + file + " changed since its runs were made: " + changes);
    }
    return out;
}

std::string growth_of(const Experiment& before, const Experiment& now) {
    std::string text;
    if (now.replicates > before.replicates)
        text = "replicates " + std::to_string(before.replicates) + " -> " +
               std::to_string(now.replicates);
    for (const Arm& arm : now.arms) {
        const bool known = std::any_of(before.arms.begin(), before.arms.end(),
                                       [&](const Arm& a) { return a.name == arm.name; });
        if (!known)
            text += (text.empty() ? "new arm " : ", new arm ") + arm.name;
    }
    return text;
}

std::string refusal(const SweepDir& dir, const std::vector<std::string>& differences) {
    std::string text = dir.design_file().string() + " holds a different experiment:";
    for (const auto& d : differences)
        text += "\n  " + d;
    return text +
           "\nonly replicates and arms can be added to a sweep; use a new output directory "
           "(or delete it to start over)";
}

// The existing directory against the new experiment; `opened.ok` false with the differences.
void compare_with_existing(const SweepDir& dir, const Design& design, const Inputs& inputs,
                           OpenedDir& opened) {
    Experiment before;
    try {
        before = load_experiment(dir.design_file().string());
    } catch (const scenario::InputError& e) {
        opened.why = dir.design_file().string() + " no longer loads (" +
                     e.diagnostics().front().to_string() + "); use a new output directory";
        return;
    }
    std::vector<std::string> differences = experiment_differences(before, design.experiment());
    for (auto& change : changed_inputs(read_inputs(dir), inputs))
        differences.push_back(std::move(change));
    if (!differences.empty()) {
        opened.why = refusal(dir, differences);
        return;
    }
    opened.growth = growth_of(before, design.experiment());
    opened.ok = true;
}

}  // namespace

OpenedDir open_sweep_dir(const SweepDir& dir, const Design& design) {
    OpenedDir opened;
    const std::string text = resolved_text(design.experiment());
    Inputs inputs = inputs_of(design);
    if (fs::exists(dir.design_file())) {
        compare_with_existing(dir, design, inputs, opened);
        if (!opened.ok)
            return opened;
        // Files recorded before and not read now (an arm's old file) stay recorded.
        inputs.merge(read_inputs(dir));
        if (read_text_file(dir.design_file()) != text)
            write_file_atomically(dir.design_file(), text);
    }
    opened.ok = dir.prepare(text, opened.why);
    const std::string recorded = inputs_text(inputs);
    // Written only when it changes, so a resumed sweep (or one Slurm shard of many) leaves it be.
    if (opened.ok &&
        (!fs::exists(inputs_file(dir)) || read_text_file(inputs_file(dir)) != recorded))
        write_file_atomically(inputs_file(dir), recorded);
    return opened;
}

}  // namespace localism::experiment
