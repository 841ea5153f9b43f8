// Formatting of input diagnostics and "did you mean" suggestions.
#include "localism/scenario/diagnostics.hpp"

#include <algorithm>
#include <numeric>
#include <utility>

namespace localism::scenario {

namespace {
std::string join_all(const std::vector<Diagnostic>& diagnostics) {
    std::string text;
    for (const auto& d : diagnostics)
        text += d.to_string() + "\n";
    return text;
}

std::size_t edit_distance(const std::string& a, const std::string& b) {
    std::vector<std::size_t> row(b.size() + 1);
    std::iota(row.begin(), row.end(), 0);
    for (std::size_t i = 1; i <= a.size(); ++i) {
        std::size_t diagonal = row[0];
        row[0] = i;
        for (std::size_t j = 1; j <= b.size(); ++j) {
            const std::size_t above = row[j];
            row[j] = std::min({row[j] + 1, row[j - 1] + 1, diagonal + (a[i - 1] != b[j - 1])});
            diagonal = above;
        }
    }
    return row[b.size()];
}
}  // namespace

std::string SourceLocation::to_string() const {
    std::string text = file;
    if (line > 0)
        text += ":" + std::to_string(line) + ":" + std::to_string(column);
    return text;
}

std::string Diagnostic::to_string() const {
    std::string text = where.to_string() + ": error: ";
    if (!key_path.empty())
        text += "`" + key_path + "`: ";
    text += message;
    if (!hint.empty())
        text += " (" + hint + ")";
    return text;
}

namespace {
// Keeps the first kMaxDiagnostics and says how many more there were; returns the total too.
std::pair<std::vector<Diagnostic>, std::size_t> capped(std::vector<Diagnostic> diagnostics) {
    const std::size_t total = diagnostics.size();
    // One over the cap is kept whole, so a list capped once (ending in the "more" line) and
    // thrown again is not cut a second time.
    if (total <= kMaxDiagnostics + 1)
        return {std::move(diagnostics), total};
    const std::size_t more = diagnostics.size() - kMaxDiagnostics;
    const std::string file = diagnostics.front().where.file;
    diagnostics.resize(kMaxDiagnostics);
    diagnostics.push_back({{file, 0, 0},
                           "",
                           "... and " + std::to_string(more) + " more problem(s) not listed",
                           "fix the ones above and run again"});
    return {std::move(diagnostics), total};
}
}  // namespace

InputError::InputError(std::vector<Diagnostic> diagnostics)
    : InputError(capped(std::move(diagnostics))) {}

InputError::InputError(std::pair<std::vector<Diagnostic>, std::size_t> listed_and_total)
    : std::runtime_error(join_all(listed_and_total.first)),
      diagnostics_(std::move(listed_and_total.first)),
      total_(listed_and_total.second) {}

std::string closest_match(const std::string& word, const std::vector<std::string>& candidates) {
    std::string best;
    std::size_t best_distance = std::max<std::size_t>(2, word.size() / 3) + 1;
    for (const auto& candidate : candidates) {
        // The distance is at least the difference in length: skipping those keeps a
        // megabyte-long unknown key as cheap as a short one.
        const std::size_t gap = word.size() > candidate.size() ? word.size() - candidate.size()
                                                               : candidate.size() - word.size();
        if (gap >= best_distance)
            continue;
        const std::size_t distance = edit_distance(word, candidate);
        if (distance < best_distance) {
            best_distance = distance;
            best = candidate;
        }
    }
    return best;
}

}  // namespace localism::scenario
