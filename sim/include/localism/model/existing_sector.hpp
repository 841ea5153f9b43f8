// The existing sector (ODD 7.17): at month 0 some communities already run a group, with an age,
// a track record its council's usual-suspects scoring rewards, some cash and its own practice.
#pragma once

#include <cstdint>

#include "localism/model/world.hpp"

namespace localism {

// Age in months (>= 1) of an existing group, from a uniform draw u in [0, 1): exponential with
// the given mean (the stationary age profile of a sector founded at a steady rate and dissolving
// at a constant hazard), capped at max_age_months.
std::int32_t existing_group_age_months(double u, double mean_age_months,
                                       std::int64_t max_age_months);

// Seeds the existing sector into an initialised population (called by initialise_population
// when sector.enabled). Returns the pence of cash the groups hold: money entering the system at
// month 0, which the caller books in the ledger.
std::int64_t seed_existing_sector(World& world);

}  // namespace localism
