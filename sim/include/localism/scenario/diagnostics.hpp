// Errors found in scenario input, each naming where, which key, what was expected and a fix.
#pragma once

#include <stdexcept>
#include <string>
#include <utility>
#include <vector>

namespace localism::scenario {

struct SourceLocation {
    std::string file;  // a path, or "--set" for command-line overrides
    int line = 0;      // 1-based; 0 when unknown
    int column = 0;    // 1-based; 0 when unknown
    std::string to_string() const;
};

struct Diagnostic {
    SourceLocation where;
    std::string key_path;  // dotted key, empty for file-level problems
    std::string message;   // what is wrong and what was expected
    std::string hint;      // how to fix it; may be empty
    std::string to_string() const;
};

// Problems listed per input; the rest are counted in one "... and K more" line, so a file of
// 200,000 unknown keys is reported as fast as one with fifty. Expensive diagnostics (hints)
// are skipped once this many are collected.
inline constexpr std::size_t kMaxDiagnostics = 50;

// Thrown when a scenario or experiment does not validate; carries the problems found (the
// first kMaxDiagnostics of them and a line counting the rest).
class InputError : public std::runtime_error {
  public:
    explicit InputError(std::vector<Diagnostic> diagnostics);
    // Diagnostics already capped, with the count of all problems (to rethrow a changed copy).
    explicit InputError(std::pair<std::vector<Diagnostic>, std::size_t> listed_and_total);
    const std::vector<Diagnostic>& diagnostics() const { return diagnostics_; }
    // Every problem found, including those not listed.
    std::size_t total() const { return total_; }

  private:
    std::vector<Diagnostic> diagnostics_;
    std::size_t total_ = 0;
};

// Closest candidate by edit distance, or empty when none is close enough to suggest.
std::string closest_match(const std::string& word, const std::vector<std::string>& candidates);

}  // namespace localism::scenario
