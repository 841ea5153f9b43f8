// What differs between two experiments, apart from growth; see sweep_growth.hpp.
#include <algorithm>
#include <map>
#include <type_traits>

#include "localism/experiment/sweep_growth.hpp"

namespace localism::experiment {

namespace {

// Changes listed per block before "and N more".
constexpr std::size_t kShownChanges = 3;

std::string shown(const scenario::RawTree& tree, const std::string& path) {
    const auto it = tree.find(path);
    return it == tree.end() ? "(not set)" : it->second.text;
}

bool same_value(const scenario::RawValue& a, const scenario::RawValue& b) {
    return a.text == b.text && a.quoted == b.quoted;
}

// "k: a -> b, ..." over the union of the two trees' paths; empty when they agree.
std::string tree_changes(const scenario::RawTree& before, const scenario::RawTree& now) {
    std::vector<std::string> changes;
    for (const auto* tree : {&before, &now}) {
        for (const auto& [path, value] : *tree) {
            const scenario::RawTree& other = tree == &before ? now : before;
            const auto it = other.find(path);
            if (it != other.end() && same_value(it->second, value))
                continue;
            if (tree == &now && it != other.end())
                continue;  // already listed from `before`
            changes.push_back(path + " " + shown(before, path) + " -> " + shown(now, path));
        }
    }
    std::string text;
    for (std::size_t i = 0; i < std::min(changes.size(), kShownChanges); ++i)
        text += (i ? ", " : "") + changes[i];
    if (changes.size() > kShownChanges)
        text += " and " + std::to_string(changes.size() - kShownChanges) + " more";
    return text;
}

void compare_arms(const Experiment& before, const Experiment& now, std::vector<std::string>& out) {
    for (const Arm& old_arm : before.arms) {
        const auto it = std::find_if(now.arms.begin(), now.arms.end(),
                                     [&](const Arm& a) { return a.name == old_arm.name; });
        if (it == now.arms.end()) {
            out.push_back("arm `" + old_arm.name + "` is gone (arms can be added, not removed)");
            continue;
        }
        if (it->extends_path != old_arm.extends_path) {
            out.push_back("arm `" + old_arm.name + "` extends " +
                          (old_arm.extends_path.empty() ? "the base" : old_arm.extends_path) +
                          " -> " + (it->extends_path.empty() ? "the base" : it->extends_path));
        }
        const std::string changes = tree_changes(old_arm.overrides, it->overrides);
        if (!changes.empty())
            out.push_back("arm `" + old_arm.name + "`: " + changes);
    }
}

// The design blocks compared through their resolved text, with everything else made equal.
bool same_design(const Experiment& before, const Experiment& now) {
    Experiment a = before, b = now;
    for (Experiment* e : {&a, &b}) {
        e->name = "x";
        e->description.clear();
        e->base_path.clear();
        e->common.clear();
        e->arms.clear();
        e->replicates = 1;
        e->master_seed = 0;
        e->history_month = 0;  // reported on its own, as history.month
    }
    return resolved_text(a) == resolved_text(b);
}

template <typename T>
void compare_field(const char* key, const T& before, const T& now, std::vector<std::string>& out) {
    if (before == now)
        return;
    if constexpr (std::is_same_v<T, std::string>)
        out.push_back(std::string(key) + ": `" + before + "` -> `" + now + "`");
    else
        out.push_back(std::string(key) + ": " + std::to_string(before) + " -> " +
                      std::to_string(now));
}

}  // namespace

std::vector<std::string> experiment_differences(const Experiment& before, const Experiment& now) {
    std::vector<std::string> out;
    compare_field("name", before.name, now.name, out);
    // The description only labels the report, so it may be reworded as a sweep grows.
    compare_field("base", before.base_path, now.base_path, out);
    compare_field("master_seed", before.master_seed, now.master_seed, out);
    if (now.replicates < before.replicates) {
        out.push_back("replicates: " + std::to_string(before.replicates) + " -> " +
                      std::to_string(now.replicates) + " (a sweep can grow, not shrink)");
    }
    const std::string common = tree_changes(before.common, now.common);
    if (!common.empty())
        out.push_back("set: " + common);
    compare_arms(before, now, out);
    compare_field("history.month", before.history_month, now.history_month, out);
    if (!same_design(before, now))
        out.push_back("the design (`grid:` or `sample:`) differs");
    return out;
}

}  // namespace localism::experiment
