// Errors found in scenario input, each naming where, which key, what was expected and a fix.
#pragma once

#include <stdexcept>
#include <string>
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

// Thrown when a scenario or experiment does not validate; carries every problem found.
class InputError : public std::runtime_error {
  public:
    explicit InputError(std::vector<Diagnostic> diagnostics);
    const std::vector<Diagnostic>& diagnostics() const { return diagnostics_; }

  private:
    std::vector<Diagnostic> diagnostics_;
};

// Closest candidate by edit distance, or empty when none is close enough to suggest.
std::string closest_match(const std::string& word, const std::vector<std::string>& candidates);

}  // namespace localism::scenario
