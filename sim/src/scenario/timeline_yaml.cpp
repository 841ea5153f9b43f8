// The `timeline:` list of a scenario file, flattened to leaves (ODD 7.20).
#include "timeline_yaml.hpp"

#include <yaml-cpp/yaml.h>

#include <charconv>

namespace localism::scenario {

namespace {

SourceLocation at(const std::string& file, const YAML::Mark& mark) {
    return {file, mark.line + 1, mark.column + 1};
}

const char* const kEntryHint = "e.g. `- year: 6` with `set: {central.mode: devolved}` below it";

// The entry's month (from `month: M` or `year: Y`), or 0 after recording a diagnostic.
std::int64_t entry_month(const YAML::Node& entry, const std::string& file,
                         std::vector<Diagnostic>& errors) {
    const YAML::Node month = entry["month"];
    const YAML::Node year = entry["year"];
    if (month && year) {
        errors.push_back({at(file, year.Mark()), "timeline",
                          "a timeline entry has either `month:` or `year:`, not both", kEntryHint});
        return 0;
    }
    if (!month && !year) {
        errors.push_back({at(file, entry.Mark()), "timeline",
                          "a timeline entry needs `month:` or `year:`", kEntryHint});
        return 0;
    }
    const YAML::Node when = month ? month : year;
    std::int64_t number = 0;
    const std::string text = when.IsScalar() ? when.Scalar() : "";
    const char* end = text.data() + text.size();
    const auto [ptr, ec] = std::from_chars(text.data(), end, number);
    if (ec != std::errc() || ptr != end || text.empty() || number < 1 || number > 100'000) {
        errors.push_back({at(file, when.Mark()), "timeline",
                          std::string("expected a whole number of ") +
                              (month ? "months" : "years") + " from the start, got `" + text + "`",
                          "changes take effect at the start of that month (or year)"});
        return 0;
    }
    return month ? number : 12 * (number - 1) + 1;
}

// Checks an entry's own keys: `month`/`year` and `set` only, `set` a block of settings.
bool entry_shape(const YAML::Node& entry, const std::string& file,
                 std::vector<Diagnostic>& errors) {
    bool ok = true;
    for (const auto& field : entry) {
        const std::string name = field.first.IsScalar() ? field.first.Scalar() : "";
        if (name != "month" && name != "year" && name != "set") {
            const std::string near = closest_match(name, {"month", "year", "set"});
            errors.push_back(
                {at(file, field.first.Mark()), "timeline",
                 "unknown key `" + name + "` in a timeline entry",
                 near.empty() ? std::string(kEntryHint) : "did you mean `" + near + "`?"});
            ok = false;
        }
    }
    const YAML::Node set = entry["set"];
    if (!set || !set.IsMap() || set.size() == 0) {
        errors.push_back({at(file, set ? set.Mark() : entry.Mark()), "timeline",
                          "a timeline entry needs a `set:` block of the settings that change",
                          kEntryHint});
        ok = false;
    }
    return ok;
}

}  // namespace

void flatten_timeline(const YAML::Node& node, const std::string& file, RawTree& out,
                      std::vector<Diagnostic>& errors) {
    if (!node.IsSequence()) {
        errors.push_back({at(file, node.Mark()), "timeline",
                          "`timeline:` is a list of dated changes", kEntryHint});
        return;
    }
    for (const auto& entry : node) {
        if (!entry.IsMap()) {
            errors.push_back({at(file, entry.Mark()), "timeline",
                              "a timeline entry is a block with `month:` (or `year:`) and `set:`",
                              kEntryHint});
            continue;
        }
        const std::int64_t month = entry_month(entry, file, errors);
        if (!entry_shape(entry, file, errors) || month == 0)
            continue;
        const std::string prefix = "timeline.month." + std::to_string(month);
        const YAML::Node when = entry["month"] ? entry["month"] : entry["year"];
        // The entry's marker: empty quoted text, which no `--set` or arm writes by accident.
        out.insert({prefix, RawValue{"", true, at(file, when.Mark())}});
        RawTree changes;
        flatten_yaml(entry["set"], prefix, file, changes, errors);
        for (auto& [path, value] : changes) {
            const auto earlier = out.find(path);
            if (earlier == out.end()) {
                out.insert({path, std::move(value)});
                continue;
            }
            errors.push_back({value.where, path,
                              "`" + path.substr(prefix.size() + 1) + "` changes twice at month " +
                                  std::to_string(month) + " (also at line " +
                                  std::to_string(earlier->second.where.line) + ")",
                              "keep one change per key and month"});
        }
    }
}

}  // namespace localism::scenario
