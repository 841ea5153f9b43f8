// The grant cliff (ODD 7.18): when a group's grant money ends and its cash runs out, it faces a
// one-off dissolution chance grant_cliff.hazard x its grant dependence (the grant share of its
// trailing income). A single-source grant-funded group often does not survive; a diversified one
// usually does, and business-model support (more earned income) protects.
#pragma once

#include <array>

#include "localism/model/process.hpp"

namespace localism {

// Share of trailing income from grants and contracts (council grants and contracts, the central
// programme, challenge prizes); 0 with no income at all.
double grant_dependence(const std::array<float, kIncomeSourceCount>& trailing_income_gbp);
// The month's cliffs for one council's communities (a CouncilProcess, after finance): a group
// that went dormant this month because its cash ran out dissolves with the cliff chance.
void step_grant_cliff(const MonthContext& context, const PeerView& peers, CouncilSlice& slice);

}  // namespace localism
