// Limits on untrusted input files: scenario and experiment YAML are read only from regular
// files of bounded size, must be UTF-8, and may not expand (through aliases) beyond a node cap.
#pragma once

#include <cstddef>
#include <string>
#include <vector>

#include "localism/scenario/diagnostics.hpp"

namespace localism::scenario {

// Largest scenario or experiment file read (documented in docs/user-guide.md, "Limits").
inline constexpr std::size_t kMaxInputFileBytes = 1024 * 1024;
// Most YAML nodes a file may hold, counting each alias as the nodes it stands for.
inline constexpr std::size_t kMaxYamlNodes = 100'000;
// Longest chain of `extends:`.
inline constexpr std::size_t kMaxExtendsDepth = 32;
// Deepest nesting of blocks and lists.
inline constexpr std::size_t kMaxYamlDepth = 64;

// Reads `path` into `text` when it is a regular file of at most kMaxInputFileBytes; never
// blocks on a FIFO and never reads more than the cap plus one byte. Returns false after
// appending a diagnostic (which never quotes the file's contents).
bool read_input_file(const std::string& path, std::string& text, std::vector<Diagnostic>& errors);

// What a caller reads besides YAML (geography tables): its cap and how errors name it.
struct InputFileKind {
    std::size_t max_bytes = kMaxInputFileBytes;
    const char* expected = "a YAML file";  // "is a directory, expected ..."
    const char* limit_hint = "scenario and experiment files are at most 1 MiB";
};
bool read_input_file(const std::string& path, std::string& text, std::vector<Diagnostic>& errors,
                     const InputFileKind& kind);

// Offset of the first byte that is not valid UTF-8, or std::string::npos.
std::size_t first_invalid_utf8(const std::string& text);

// Checks YAML text before it is turned into nodes: one document at most, no tags, no more
// than kMaxYamlNodes nodes after alias expansion, no deeper than kMaxYamlDepth. Returns false
// after appending diagnostics located in `file`; throws YAML::Exception on a syntax error.
bool scan_yaml(const std::string& text, const std::string& file, std::vector<Diagnostic>& errors);

}  // namespace localism::scenario
