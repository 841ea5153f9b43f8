// The life cycle of an initiative (ODD 7.3): the only writer of a community's stage, months in
// stage, start month, track record and life-cycle flags. Mechanisms change a life cycle only
// through these named transitions; each transition counts itself in the month's LifeCycleCounts.
//
//   none --start--> idea --kFormPlan--> plan --kActivate--> active <--kRevive-- dormant
//     ^               |                   |                   |--kGoDormant--^  |
//     |               |                   |                   |--kBurnOut----^  |
//     +---kAbandon----+-------------------+     active/dormant --dissolve--> dissolved
//     +------------------------- reopen (after the restart delay) -------------+
//
// The central programme and the population enter groups straight into `active`
// (join_programme, enter_pilot, seed_active); see docs/ODD.md 7.3 for why each differs.
#pragma once

#include <cstdint>

#include "localism/model/accounts.hpp"
#include "localism/model/state.hpp"

namespace localism::life_cycle {

// Every transition works on the whole population (national processes) or on a council slice
// (council processes); `Columns` is Communities or CommunitySlice.

// none -> idea: a new initiative starts this month.
template <typename Columns>
void start(Columns& c, std::uint32_t i, std::int32_t month, LifeCycleCounts& counts);
// The transitions that only change the stage (months in stage restart at 0) and count
// themselves: idea -> plan after the idea stage (form_plan); plan -> active (activate; the
// caller designs the practice, emergence.hpp); active -> dormant when a month cannot be paid
// (go_dormant); dormant -> active when new money covers a month (revive); idea/plan -> none
// when the idea is given up (abandon); active -> dormant when the volunteers' capacity has run
// out (burn_out, ODD 7.15; counted apart from dormancy for lack of money).
enum class Move : std::uint8_t { kFormPlan, kActivate, kGoDormant, kRevive, kAbandon, kBurnOut };
template <typename Columns>
void move(Columns& c, std::uint32_t i, Move transition, LifeCycleCounts& counts);
// idea -> plan through the prize's plan support: the supported plan is written inside the
// prize's planning period, so the months already spent on the idea keep counting (no reset) and
// no seed cash is credited (the prize pays for the support). Deliberate; ODD 7.13.
template <typename Columns>
void form_plan_with_support(Columns& c, std::uint32_t i, LifeCycleCounts& counts);
// active/dormant -> dissolved; the group leaves the programme and any pilot.
template <typename Columns>
void dissolve(Columns& c, std::uint32_t i, LifeCycleCounts& counts);
// dissolved -> none once the restart delay has passed: the community may start again.
template <typename Columns>
void reopen(Columns& c, std::uint32_t i);
// Enrolment in the central programme: straight to active with the programme flag; a group that
// was not active counts as a start this month (a dormant one restarts its clock).
template <typename Columns>
void join_programme(Columns& c, std::uint32_t i, std::int32_t month, LifeCycleCounts& counts);
// A member unfunded for too long leaves the programme; its group keeps its practice and stage.
template <typename Columns>
void leave_programme(Columns& c, std::uint32_t i);
// A pilot site: a group not yet active becomes active (a start unless it already had an
// initiative under way). Returns true when it was activated here (the caller designs practice).
template <typename Columns>
bool enter_pilot(Columns& c, std::uint32_t i, std::int32_t month, LifeCycleCounts& counts);
// An initial spreader, active from month 0 (diffusion runs).
template <typename Columns>
void seed_active(Columns& c, std::uint32_t i, LifeCycleCounts& counts);
// A group of the existing sector (ODD 7.17), active from month 0: it started `start_month`
// (<= 0: months before the run) and has been active `track_record_months` months.
template <typename Columns>
void seed_existing(Columns& c, std::uint32_t i, std::int16_t start_month,
                   std::uint16_t track_record_months, LifeCycleCounts& counts);

// Start-of-month clocks for the month that just ended: months in stage, and track record for
// active groups (both saturate at 65,535).
template <typename Columns>
void advance_clocks(Columns& c, std::uint32_t i);
// Counts community i in the 12-month cohort when it started 12 months before `month`, and as a
// survivor when it has not dissolved since.
template <typename Columns>
void count_cohort(const Columns& c, std::uint32_t i, std::int32_t month, CouncilMonth& row);
// Both for communities [first, last) at once. One call per council instead of two per community:
// the calls alone were a tenth of a large diffusion run, and the loops vectorise.
template <typename Columns>
void advance_clocks(Columns& c, std::uint32_t first, std::uint32_t last);
template <typename Columns>
void count_cohorts(const Columns& c, std::uint32_t first, std::uint32_t last, std::int32_t month,
                   CouncilMonth& row);

}  // namespace localism::life_cycle
