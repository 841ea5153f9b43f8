// The seal of a file that carries a saved state: its first 512 bytes (an HDF5 user block, which
// HDF5 skips) hold the SHA-256 of every byte after them. The state reader checks the type,
// shape and range of every value, but a flipped bit inside a float, or in history rows it copies,
// passes those checks; the seal turns any change to the file after it was written into a refusal.
#pragma once

#include <cstddef>
#include <string>

namespace localism::output_detail {

// Bytes HDF5 is told to reserve (H5Pset_userblock) in a file that will be sealed.
inline constexpr std::size_t kSealBytes = 512;

// Writes the seal into the reserved user block of the closed file `path`. Throws
// std::runtime_error naming the path when the file cannot be read or written, or when its first
// kSealBytes are neither zero (reserved) nor an earlier seal (which would mean the user block
// was not reserved and the HDF5 superblock is there).
void seal_file(const std::string& path);

enum class Seal { kNone, kIntact };

// kIntact when `path` starts with a seal that matches its contents; kNone when it starts with
// no seal at all. Throws std::runtime_error saying what is wrong when a seal is there but the
// contents differ from the ones sealed (or the file cannot be read).
Seal check_seal(const std::string& path);

}  // namespace localism::output_detail
