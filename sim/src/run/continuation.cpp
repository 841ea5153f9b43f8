// Scenario checks for continuing a saved state; see continuation.hpp.
#include "localism/run/continuation.hpp"

#include <charconv>
#include <sstream>
#include <utility>
#include <vector>

namespace localism {

namespace {

std::string trimmed(const std::string& value) {
    const auto first = value.find_first_not_of(' ');
    return first == std::string::npos ? "" : value.substr(first);
}

// (block.key, value) for every `key: value` line of a describe text, in order. A line without
// indentation opens a block; comments and blank lines are skipped. The timeline's entries
// (`- month: M` then `set:` and its keys) become `timeline.month.M.<key>`, the flat form an
// experiment's `set:` uses, so each change carries its month.
std::vector<std::pair<std::string, std::string>> resolved_keys(const std::string& text) {
    std::vector<std::pair<std::string, std::string>> keys;
    std::istringstream lines(text);
    std::string line, block, month;
    while (std::getline(lines, line)) {
        const auto start = line.find_first_not_of(' ');
        if (start == std::string::npos || line[start] == '#')
            continue;
        const auto colon = line.find(':', start);
        const std::string key = line.substr(start, colon - start);
        const std::string value = colon == std::string::npos ? "" : line.substr(colon + 1);
        if (start == 0) {
            block = key;
            if (value.find_first_not_of(' ') == std::string::npos)
                continue;
        }
        if (block == "timeline" && start > 0) {
            if (key == "- month" || key == "month") {
                month = trimmed(value);
            } else if (key != "set") {
                keys.emplace_back("timeline.month." + month + "." + key, value);
            }
            continue;
        }
        keys.emplace_back(start == 0 ? key : block + "." + key, value);
    }
    return keys;
}

}  // namespace

bool may_differ_on_continuing(const std::string& key, std::int32_t saved_month) {
    if (key == "run.name" || key == "run.description")
        return true;
    // A change dated after the saved month has not been applied yet: it may be added, removed
    // or altered (that is how the arms of a branching experiment differ from their history).
    // Changes at or before the saved month shaped the saved state and must match.
    const std::string prefix = "timeline.month.";
    if (key.compare(0, prefix.size(), prefix) != 0)
        return false;
    std::int32_t month = 0;
    const char* first = key.data() + prefix.size();
    const char* last = key.data() + key.size();
    const auto [end, error] = std::from_chars(first, last, month);
    return error == std::errc{} && end != first && end != last && *end == '.' &&
           month > saved_month;
}

std::optional<std::string> scenario_difference(const std::string& saved_resolved,
                                               const std::string& given_resolved,
                                               std::int32_t saved_month) {
    const auto saved = resolved_keys(saved_resolved);
    const auto given = resolved_keys(given_resolved);
    std::size_t s = 0, g = 0;
    while (s < saved.size() || g < given.size()) {
        if (s < saved.size() && g < given.size() && saved[s].first == given[g].first) {
            if (saved[s].second != given[g].second &&
                !may_differ_on_continuing(saved[s].first, saved_month))
                return saved[s].first + ": saved " + trimmed(saved[s].second) + ", given " +
                       trimmed(given[g].second);
            ++s, ++g;
        } else if (s < saved.size() && may_differ_on_continuing(saved[s].first, saved_month)) {
            ++s;
        } else if (g < given.size() && may_differ_on_continuing(given[g].first, saved_month)) {
            ++g;
        } else if (s < saved.size()) {
            return saved[s].first + ": saved " + trimmed(saved[s].second) +
                   ", not in the given scenario";
        } else {
            return given[g].first + ": given " + trimmed(given[g].second) +
                   ", not in the saved scenario";
        }
    }
    return std::nullopt;
}

}  // namespace localism
