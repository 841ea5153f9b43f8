// Initiative emergence and the early life cycle (ODD 7.3). A community without an initiative
// starts one with probability
//   intrinsic x leadership x social capital  +  call influence (Bass p, while a call is open)
//   + imitation (receiver rule: q x share of in-neighbours active last month, the Bass form;
//                sender rule: 1 - (1 - beta)^(active in-neighbours), the independent cascade),
// capped at 1. Ideas become plans, plans become active initiatives once they can pay their way.
#pragma once

#include "localism/model/world.hpp"

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

// Imitation pressure on community i from last month's active peers.
double imitation_pressure(const World& world, std::uint32_t i);

// Starts, idea and plan progression for one council's communities.
void step_emergence(World& world, const Council& council, CouncilMonth& month);

// Turns a plan into an active initiative designed locally (full ownership).
void activate_own_initiative(World& world, std::uint32_t i);

}  // namespace localism
