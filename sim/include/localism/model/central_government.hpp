// Central government (ODD 7.6-7.8): each April it sets its budget and splits it between the
// centralised programme and devolved support by policy mode; the devolved part goes to councils
// by formula (un-ring-fenced), to the challenge-prize fund and to cross-area learning ties.
// The programme and the prize are national processes of their own, scheduled after the budget.
#pragma once

#include <vector>

#include "localism/model/process.hpp"

namespace localism {

// Share of the central budget spent the devolved way: 0 centralised, 1 devolved, w mixed.
double devolved_weight(const CentralParams& p);
// Formula shares: communities x (1 + deprivation_weight x deprivation), split into exact pence.
std::vector<std::int64_t> formula_allocation(const std::vector<Council>& councils,
                                             double deprivation_weight, std::int64_t pence);
// Pence of a devolved allocation a council spends on its other services (ODD 7.12: leakage of
// un-ring-fenced money), rounded down so a share of 0 leaks nothing.
std::int64_t leaked_pence(double leakage_share, std::int64_t allocation_pence);
// Central government's budget month (a NationalProcess; acts each April).
void step_central_budget(const MonthContext& context, NationalSlice& slice);
// The centralised programme (pilot -> evaluate -> template -> national rollout); a
// NationalProcess in centralised_programme.cpp, scheduled while the devolved weight is below 1.
void step_centralised_programme(const MonthContext& context, NationalSlice& slice);
// The staged national challenge prize; a NationalProcess in challenge_prize.cpp, scheduled
// while some money is devolved and prizes are enabled.
void step_challenge_prize(const MonthContext& context, NationalSlice& slice);

}  // namespace localism
