// Central government (ODD 7.6-7.8): each April it sets its budget and splits it between the
// centralised programme and devolved support by policy mode; the devolved part goes to councils
// by formula (un-ring-fenced), to the challenge-prize fund and to cross-area learning ties.
#pragma once

#include <vector>

#include "localism/model/world.hpp"

namespace localism {

// Share of the central budget spent the devolved way: 0 centralised, 1 devolved, w mixed.
double devolved_weight(const CentralParams& p);

// Formula shares: communities x (1 + deprivation_weight x deprivation), split into exact pence.
std::vector<std::int64_t> formula_allocation(const std::vector<Council>& councils,
                                             double deprivation_weight, std::int64_t pence);

// Runs central government's month (serially, before the councils act).
void step_central_government(World& world);

// The centralised programme (pilot -> evaluate -> template -> national rollout); in
// centralised_programme.cpp.
void step_centralised_programme(World& world);
// The staged national challenge prize; in challenge_prize.cpp.
void step_challenge_prize(World& world);

}  // namespace localism
