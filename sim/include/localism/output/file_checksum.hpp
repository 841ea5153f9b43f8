// SHA-256 of a file's bytes, so a sweep can tell a run file that is exactly as written from one
// damaged afterwards (byte flips, truncation, a copy cut short).
#pragma once

#include <cstdint>
#include <filesystem>
#include <string>

namespace localism::output {

struct FileChecksum {
    std::string sha256_hex;  // 64 lower-case hex digits
    std::uintmax_t bytes = 0;
    bool operator==(const FileChecksum&) const = default;
};

// Reads the file from byte `offset` on (the whole file by default); throws std::runtime_error
// naming the path when it cannot be read. `bytes` counts the bytes hashed.
FileChecksum checksum_file(const std::filesystem::path& path, std::uintmax_t offset = 0);
// The same for bytes in memory (an entry of a sweep container).
FileChecksum checksum_bytes(const std::string& bytes);

}  // namespace localism::output
