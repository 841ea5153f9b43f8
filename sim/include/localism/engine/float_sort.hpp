// Exact, thread-count-independent sorting of float values for per-month statistics (the
// community Gini): a parallel LSD radix sort on order-preserving 32-bit keys, O(n) per month.
#pragma once

#include <bit>
#include <cstdint>
#include <span>
#include <vector>

namespace localism {

// Returns `values` in ascending order as order-preserving keys; key_to_float() reads them back.
// The sorted sequence is unique, so the result never depends on the number of threads.
std::vector<std::uint32_t> sorted_float_keys(std::span<const float> values);

// Key of a float: unsigned comparison of keys matches the numeric order of the floats
// (-0.0 sorts just below +0.0; both contribute zero to any sum).
inline std::uint32_t float_key(float value) {
    const auto bits = std::bit_cast<std::uint32_t>(value);
    return (bits & 0x80000000u) ? ~bits : bits | 0x80000000u;
}
inline float key_to_float(std::uint32_t key) {
    return std::bit_cast<float>((key & 0x80000000u) ? key & 0x7FFFFFFFu : ~key);
}

}  // namespace localism
