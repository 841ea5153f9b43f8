// Damages a file the way a bad disk or a cut copy would, for tests of damage detection: one byte
// changed in place. Applying it twice at the same offset restores the file.
#pragma once

#include <filesystem>
#include <fstream>
#include <ios>

namespace localism::testing {

// XORs the byte at offset `at` of `path` with 0x5A (so it always changes).
inline void flip_byte(const std::filesystem::path& path, std::streamoff at) {
    std::fstream file(path, std::ios::in | std::ios::out | std::ios::binary);
    file.seekg(at);
    const char c = static_cast<char>(file.get() ^ 0x5A);
    file.seekp(at);
    file.put(c);
}

}  // namespace localism::testing
