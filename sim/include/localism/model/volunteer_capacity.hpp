// Volunteer capacity as a stock (ODD 7.15): running an initiative and paperwork use it up, rest
// and support restore it, and a group whose capacity runs out burns out (goes dormant).
#pragma once

#include <cstdint>

#include "localism/model/process.hpp"

namespace localism {

// Capacity one funding application costs an applicant: councils.admin_burden x
// capacity.paperwork_cost (0 when the mechanism is off).
double paperwork_cost(const Scenario& scenario);
// Charges applicant i its paperwork (capacity never falls below 0). Called by commissioning for
// every application, funded or not, so more paperwork can only lower capacity.
void spend_on_paperwork(const Scenario& scenario, CommunitySlice& c, std::uint32_t i);
// Capacity a month of reporting costs a group whose trailing-year council income (grants and
// contracts) is `council_income_gbp`: proportionate to how much of a year's running the council
// pays for, at most admin_burden x reporting_cost_per_month.
double reporting_cost(const Scenario& scenario, double council_income_gbp);
// Capacity after a month of rest: a share recovery_per_month of the gap to the baseline is
// regained; capacity above the baseline (from support) is kept.
double rested_capacity(double capacity, double baseline, double recovery_per_month);
// Whether a dormant group has the volunteers to run again (always, when the mechanism is off);
// finance asks before reviving a group with money.
template <typename Columns>
bool can_run(const CapacityParams& p, const Columns& c, std::uint32_t i) {
    return !p.enabled || c.capacity[i] >= p.restart_threshold;
}

// The monthly use, recovery and burnout of every community of one council (after finance, so
// the groups that run this month are known, and before impact, so a burnt-out group removes
// no need).
void step_capacity(const MonthContext& context, const PeerView& peers, CouncilSlice& slice);

}  // namespace localism
