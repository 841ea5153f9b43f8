// Need dynamics (ODD 7.1): need grows at a relative rate with noise, initiatives remove
// need_reduced (computed by impact), and need never goes below zero.
#pragma once

#include "localism/model/world.hpp"

namespace localism {

// One month of need change for communities [first, last); returns the need removed.
double step_need(World& world, std::uint32_t first, std::uint32_t last);

// The deterministic part of the update, for tests: max(0, need*(1+growth+shock) - reduced).
inline float next_need(float need, double growth, double shock, float reduced) {
    const double grown = static_cast<double>(need) * (1.0 + growth + shock) - reduced;
    return static_cast<float>(grown > 0.0 ? grown : 0.0);
}

}  // namespace localism
