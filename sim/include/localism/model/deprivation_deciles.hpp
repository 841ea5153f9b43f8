// Deprivation deciles of communities for synthetic populations (ODD 5): the national tenths of
// population by deprivation, the same banding as the English IMD deciles a geography supplies.
#pragma once

#include <cstdint>
#include <vector>

#include "localism/model/state.hpp"

namespace localism {

inline constexpr int kDecileCount = 10;

// Array slot 0-9 of a decile 1-10; anything else (a geography's missing value) goes to the
// nearest end rather than outside the array.
inline int decile_slot(std::uint8_t decile) {
    return decile < 1 ? 0 : (decile > kDecileCount ? kDecileCount - 1 : decile - 1);
}

// Ranks communities from most to least deprived by their council's deprivation (a synthetic
// community has no deprivation of its own), ties broken by community id, and gives the
// community at rank r of n the decile 1 + floor(10 r / n): 1 = most deprived tenth. Synthetic
// communities have equal populations, so these are tenths of population as well as of
// communities. Serial and O(n + k log k); no random draws.
void assign_deprivation_deciles(const std::vector<Council>& councils,
                                std::vector<std::uint8_t>& deciles);

}  // namespace localism
