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
// Passes `pence` of central money to the councils by the devolved formula, un-ring-fenced (the
// leakage share leaks); central keeps it when councils are disabled. Used when a timeline closes
// the programme (ODD 7.20).
void pass_to_councils(const Scenario& s, NationalSlice& slice, std::int64_t pence);
// Whether the centralised programme is piloting or rolling out (it may be winding down).
bool programme_running(const CentralGovernment& central);
// Whether the parameters in force let new prize calls open.
bool prize_calls_open(const Scenario& s);
// Whether a prize call opened earlier is still before its awards (it finishes even when prize
// calls no longer open, ODD 7.20).
bool prize_call_in_progress(const MonthContext& context, const CentralGovernment& central);
// Central government's budget month (a NationalProcess; acts each April).
void step_central_budget(const MonthContext& context, NationalSlice& slice);
// The centralised programme (pilot -> evaluate -> template -> national rollout); a
// NationalProcess in centralised_programme.cpp, scheduled while the devolved weight is below 1.
void step_centralised_programme(const MonthContext& context, NationalSlice& slice);
// The staged national challenge prize; a NationalProcess in challenge_prize.cpp, scheduled
// while some money is devolved and prizes are enabled.
void step_challenge_prize(const MonthContext& context, NationalSlice& slice);

}  // namespace localism
