// Initiative emergence and the early life cycle (ODD 7.3). A community without an initiative
// starts one with probability
//   intrinsic x leadership x social capital  +  call influence (Bass p, while a call is open)
//   + imitation (receiver rule: q x share of in-neighbours active last month, the Bass form;
//                sender rule: 1 - (1 - beta)^(active in-neighbours), the independent cascade),
// capped at 1. Ideas become plans, plans become active initiatives once they can pay their way.
// Transitions go through the life_cycle unit.
#pragma once

#include "localism/model/process.hpp"

namespace localism {

struct StartDrivers {
    double intrinsic = 0.0;  // leadership x social capital term
    double call = 0.0;       // external influence
    double imitation = 0.0;  // peer influence
    double probability() const {
        const double p = intrinsic + call + imitation;
        return p < 1.0 ? p : 1.0;
    }
};

// Imitation pressure on community i (in the slice) from last month's active peers.
double imitation_pressure(const MonthContext& context, const PeerView& peers,
                          const CommunitySlice& c, std::uint32_t i);
// Starts, idea and plan progression for one council's communities (a CouncilProcess).
void step_emergence(const MonthContext& context, const PeerView& peers, CouncilSlice& slice);

// A locally designed practice: the group's own reading of its context, imperfect by a draw of
// the exploration spread, fully owned. Programme members keep the imposed template instead.
template <typename Columns>
void design_local_practice(Columns& c, std::uint32_t i, const MonthContext& context);
// Activates community i's initiative (life_cycle::activate) with a locally designed practice.
template <typename Columns>
void activate_own_initiative(Columns& c, std::uint32_t i, const MonthContext& context,
                             LifeCycleCounts& counts);

}  // namespace localism
