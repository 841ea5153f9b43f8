// Initialisation: councils and communities drawn from the scenario (ODD element 5).
#pragma once

#include "localism/model/world.hpp"

namespace localism {

// Allocates and fills councils and communities; draws are keyed by entity so the population is
// the same whatever the thread count.
void initialise_population(World& world);

// Council c's share of n communities split evenly over k councils: [first, last).
std::uint32_t council_first_community(std::int64_t communities, std::int64_t councils,
                                      std::int64_t council);

}  // namespace localism
