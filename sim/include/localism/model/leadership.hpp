// Latent leaders and teams (ODD 7.16): councils' outreach finds and develops leaders in
// communities without a group, prize plan support develops entrants' leaders, and leaders leave.
#pragma once

#include <cstdint>

#include "localism/model/process.hpp"

namespace localism {

// Develops community i's leaders and team: leadership += development_gain, and capacity and its
// baseline += team_capacity_gain (all capped at 1). No-op when the mechanism is off.
template <typename Columns>
void develop_leaders(const LeadersParams& p, Columns& c, std::uint32_t i);

// Each month, leaders leave (leadership redrawn from the population's distribution); in a council
// funding round, after commissioning has supported its applicants, the council spends
// development_share of what is left on its non-financial line developing communities without a
// group, chosen by outreach.
void step_leadership(const MonthContext& context, const PeerView& peers, CouncilSlice& slice);

}  // namespace localism
