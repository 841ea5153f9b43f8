// The centralised programme: pilot in a few areas, evaluate, pick the best pilot's practice as a
// national template, roll it out with ring-fenced grants and the template imposed (low
// ownership), as fast as its money allows; confidence in the results of funded members sets
// next year's budget (ODD 7.7).
#include <algorithm>
#include <cmath>
#include <limits>
#include <numeric>

#include "localism/core/rng.hpp"
#include "localism/model/central_government.hpp"
#include "localism/model/emergence.hpp"
#include "localism/model/finance.hpp"
#include "localism/model/life_cycle.hpp"

namespace localism {

namespace {

std::int64_t programme_money(const CentralGovernment& central) {
    return central.held_pence - central.prize_fund_pence;
}

void start_pilots(const MonthContext& context, NationalSlice& slice) {
    const Scenario& s = context.scenario;
    std::vector<std::pair<double, std::uint32_t>> order;
    for (const Council& council : slice.councils) {
        KeyedStream stream(context.seed, council.id, 0, Purpose::kPilotSelection);
        order.emplace_back(stream.uniform(), council.id);
    }
    std::sort(order.begin(), order.end());
    Communities& c = slice.communities;
    for (std::int64_t k = 0; k < s.centralised.pilot_areas; ++k) {
        Council& council = slice.councils[order[static_cast<std::size_t>(k)].second];
        council.pilot_area = true;
        std::vector<std::uint32_t> ids(council.last_community - council.first_community);
        std::iota(ids.begin(), ids.end(), council.first_community);
        // Pilots go to the strongest local leaders: the showcase projects of the critique.
        std::sort(ids.begin(), ids.end(), [&](auto a, auto b) {
            return c.leadership[a] != c.leadership[b] ? c.leadership[a] > c.leadership[b] : a < b;
        });
        const std::size_t sites = std::max<std::size_t>(
            1, static_cast<std::size_t>(
                   std::llround(s.centralised.pilot_site_share * static_cast<double>(ids.size()))));
        for (std::size_t j = 0; j < sites; ++j) {
            const auto i = ids[j];
            LifeCycleCounts& counts = slice.accounts.councils[council.id].life_cycle;
            if (life_cycle::enter_pilot(c, i, context.month, counts))
                design_local_practice(c, i, context);
        }
    }
}

void pay(NationalSlice& slice, std::uint32_t i, std::int64_t pence) {
    pence = std::min(pence, programme_money(slice.central));
    if (pence <= 0)
        return;
    slice.central.held_pence -= pence;
    CouncilMonth& month = slice.month_of(i);
    credit_income(slice.communities, i, IncomeSource::kCentralProgramme, pence, month);
    month.spend_pence[static_cast<int>(SpendLine::kCentralProgramme)] += pence;
}

void evaluate_pilots(const MonthContext& context, NationalSlice& slice) {
    CentralGovernment& central = slice.central;
    const Communities& c = slice.communities;
    float best = -1.0f;
    for (std::uint32_t i = 0; i < c.size(); ++i) {
        if ((c.flags[i] & kFlagPilot) && c.effectiveness[i] > best) {
            best = c.effectiveness[i];
            central.template_practice = c.practice[i];
            central.template_knowhow = c.knowhow[i];
            central.has_template = true;
        }
    }
    central.pilot_reduction_per_group =
        central.pilot_group_months > 0
            ? central.pilot_reduction_sum / static_cast<double>(central.pilot_group_months)
            : 0.0;
    central.phase = ProgrammePhase::kRollout;
    central.phase_start_month = context.month;
    central.call_open_until_month = static_cast<std::int32_t>(context.scenario.run.months);
}

// Months from this one to the next budget month (April: month % 12 == 1), this one included.
std::int64_t months_to_next_budget(std::int32_t month) {
    return 12 - (month - 1) % 12;
}

std::int64_t monthly_fixed_cost_pence(const Scenario& s) {
    return to_pence(s.centralised.fixed_cost_gbp_per_year / 12.0);
}

// The national team's design and management cost: a service bought by central government, so
// it leaves the system (like learning ties) and is booked on the programme's spend line.
void pay_fixed_cost(const MonthContext& context, NationalSlice& slice) {
    const std::int64_t pence =
        std::min(monthly_fixed_cost_pence(context.scenario), programme_money(slice.central));
    if (pence <= 0)
        return;
    slice.central.held_pence -= pence;
    NationalMonth& national = slice.accounts.national;
    national.services_pence += pence;
    national.spend_pence[static_cast<int>(SpendLine::kCentralProgramme)] += pence;
}

// How many new members the money held can fund from now to the next budget month after the
// current members and the fixed cost (already paid this month) are provided for.
std::int64_t affordable_new_members(const MonthContext& context, const NationalSlice& slice,
                                    std::int64_t members) {
    const auto grant = to_pence(context.scenario.centralised.programme_grant_gbp_per_month);
    if (grant <= 0)
        return std::numeric_limits<std::int64_t>::max();
    const std::int64_t left = months_to_next_budget(context.month);
    const std::int64_t committed =
        (members * grant + monthly_fixed_cost_pence(context.scenario)) * (left - 1);
    const std::int64_t spare = programme_money(slice.central) - committed;
    return spare > 0 ? spare / (grant * left) : 0;
}

// A group running its own initiative keeps it unless it chooses to join.
bool joins(const MonthContext& context, const Communities& c, std::uint32_t i) {
    if (c.flags[i] & kFlagProgrammeMember)
        return false;
    if (c.stage[i] != Stage::kActive)
        return true;
    const double p = context.scenario.centralised.own_initiative_join_probability;
    if (p <= 0.0 || p >= 1.0)
        return p >= 1.0;
    KeyedStream stream(context.seed, i, context.month, Purpose::kProgrammeJoin);
    return stream.uniform() < p;
}

// Enrols the groups the money can fund, up to this month's pace, in a seeded pseudo-random
// order: position k maps to community (stride x k + offset) mod n, a bijection when
// gcd(stride, n) = 1. This needs no O(n) permutation in memory and gives every community the
// same chance of an early place. The programme reaches only the first (1 - w) x n positions:
// in the mixed arm the rest are left to devolved support.
void enrol(const MonthContext& context, NationalSlice& slice, std::int64_t members) {
    const Scenario& s = context.scenario;
    Communities& c = slice.communities;
    CentralGovernment& central = slice.central;
    const auto n = static_cast<std::uint64_t>(c.size());
    KeyedStream order(context.seed, 0, 0, Purpose::kRolloutOrder);
    // Two draws each, taken in separate statements so their order is defined.
    const std::uint64_t stride_high = order();
    std::uint64_t stride = ((stride_high << 32) | order()) % n;
    const std::uint64_t offset_high = order();
    const std::uint64_t offset = ((offset_high << 32) | order()) % n;
    while (stride == 0 || std::gcd(stride, n) != 1)
        stride = (stride + 1) % n;
    const auto reach = static_cast<std::int64_t>(
        std::llround((1.0 - devolved_weight(s.central)) * static_cast<double>(n)));
    const auto pace = static_cast<std::int64_t>(
        std::llround(s.centralised.rollout_share_per_month * static_cast<double>(n)));
    const std::int64_t places = std::min(pace, affordable_new_members(context, slice, members));
    const auto grant = to_pence(s.centralised.programme_grant_gbp_per_month);
    for (std::int64_t joined = 0; joined < places && central.rollout_position < reach;) {
        const auto i = static_cast<std::uint32_t>(
            (stride * static_cast<std::uint64_t>(central.rollout_position++) + offset) % n);
        if (!joins(context, c, i))
            continue;  // passed over: keeps its own initiative
        life_cycle::join_programme(c, i, context.month, slice.month_of(i).life_cycle);
        c.practice[i] = central.template_practice;
        c.knowhow[i] = central.template_knowhow;  // a template brings its know-how (ODD 7.14)
        c.ownership[i] = static_cast<float>(s.centralised.imposed_ownership);
        central.unfunded_months[i] = 0;
        pay(slice, i, grant);
        ++central.enrolled;
        ++joined;
    }
}

// Pays every live member its grant in full or not at all. A member unpaid for more months in a
// row than the limit leaves the programme (ODD 7.7). Returns the members still enrolled.
std::int64_t pay_members(const MonthContext& context, NationalSlice& slice) {
    const CentralisedParams& p = context.scenario.centralised;
    Communities& c = slice.communities;
    CentralGovernment& central = slice.central;
    const auto grant = to_pence(p.programme_grant_gbp_per_month);
    std::int64_t members = 0;
    for (std::uint32_t i = 0; i < c.size(); ++i) {
        if (!(c.flags[i] & kFlagProgrammeMember))
            continue;
        const bool live = c.stage[i] == Stage::kActive || c.stage[i] == Stage::kDormant;
        if (live && programme_money(central) >= grant) {
            pay(slice, i, grant);
            central.unfunded_months[i] = 0;
        } else if (live && ++central.unfunded_months[i] > p.max_unfunded_months) {
            life_cycle::leave_programme(c, i);
            central.unfunded_months[i] = 0;
            ++central.programme_exits;
            continue;
        }
        ++members;
    }
    return members;
}

// Replication with local adaptation: members move their practice towards their own context and
// grow into owning it, closing a share of each gap a month (0 keeps the fixed template).
void adapt_template(const MonthContext& context, NationalSlice& slice) {
    const auto rate = static_cast<float>(context.scenario.centralised.adaptation_rate_per_month);
    if (rate <= 0.0f)
        return;
    Communities& c = slice.communities;
    for (std::uint32_t i = 0; i < c.size(); ++i) {
        if (!(c.flags[i] & kFlagProgrammeMember) || c.stage[i] != Stage::kActive)
            continue;
        for (int d = 0; d < kContextDimensions; ++d)
            c.practice[i][d] += rate * (c.context[i][d] - c.practice[i][d]);
        c.ownership[i] += rate * (1.0f - c.ownership[i]);
    }
}

void observe_results(const MonthContext& context, NationalSlice& slice) {
    CentralGovernment& central = slice.central;
    const Communities& c = slice.communities;
    for (std::uint32_t i = 0; i < c.size(); ++i) {
        if (central.phase == ProgrammePhase::kPilot && (c.flags[i] & kFlagPilot)) {
            central.pilot_reduction_sum += c.need_reduced[i];
            ++central.pilot_group_months;
        } else if ((c.flags[i] & kFlagProgrammeMember) && central.unfunded_months[i] == 0) {
            // Confidence is measured on members the programme actually funded last month.
            central.year_reduction_sum += c.need_reduced[i];
            ++central.year_member_months;
        }
    }
    if (central.phase == ProgrammePhase::kRollout && context.month % 12 == 0 &&
        central.year_member_months > 0) {
        const double realised =
            central.year_reduction_sum / static_cast<double>(central.year_member_months);
        const double expected = std::max(1e-12, central.pilot_reduction_per_group);
        central.confidence = std::clamp(realised / expected, 0.0, 1.5);
        central.year_reduction_sum = 0.0;
        central.year_member_months = 0;
    }
}

void pay_pilots(const MonthContext& context, NationalSlice& slice) {
    const Communities& c = slice.communities;
    const auto pilot_grant = to_pence(context.scenario.centralised.pilot_grant_gbp_per_month);
    for (std::uint32_t i = 0; i < c.size(); ++i) {
        const bool live = c.stage[i] == Stage::kActive || c.stage[i] == Stage::kDormant;
        if (live && (c.flags[i] & kFlagPilot))
            pay(slice, i, pilot_grant);
    }
}

// The programme closes (ODD 7.20): members leave it, its national call ends and its unspent
// money goes to the councils by the devolved formula. Pilot sites keep their pilot mark.
void close_programme(const MonthContext& context, NationalSlice& slice) {
    Communities& c = slice.communities;
    CentralGovernment& central = slice.central;
    for (std::uint32_t i = 0; i < c.size(); ++i) {
        if (c.flags[i] & kFlagProgrammeMember)
            life_cycle::leave_programme(c, i);
        central.unfunded_months[i] = 0;
    }
    const std::int32_t prize_open_end =
        central.prize_call_month >= 0
            ? central.prize_call_month +
                  static_cast<std::int32_t>(context.scenario.prize.call_open_months) - 1
            : -1;
    central.call_open_until_month =
        std::min(central.call_open_until_month, std::max(prize_open_end, context.month - 1));
    central.phase = ProgrammePhase::kClosed;
    central.phase_start_month = context.month;
    pass_to_councils(context.scenario, slice, programme_money(central));
}

// The parameters in force fund no programme: it winds down. Members (or pilots) are paid to the
// next budget month when `members_at_close` says so, nobody new joins, then it closes.
void wind_down(const MonthContext& context, NationalSlice& slice) {
    const bool keep =
        context.scenario.centralised.members_at_close == ProgrammeClose::kKeepUntilApril;
    if (!keep || context.month % 12 == 1) {
        close_programme(context, slice);
        return;
    }
    pay_fixed_cost(context, slice);
    if (slice.central.phase == ProgrammePhase::kRollout) {
        pay_members(context, slice);
    } else {
        pay_pilots(context, slice);
    }
}

}  // namespace

void step_centralised_programme(const MonthContext& context, NationalSlice& slice) {
    const Scenario& s = context.scenario;
    CentralGovernment& central = slice.central;
    if (central.unfunded_months.size() != slice.communities.size())
        central.unfunded_months.assign(slice.communities.size(), 0);
    if (devolved_weight(s.central) >= 1.0) {
        wind_down(context, slice);
        return;
    }
    if (central.phase == ProgrammePhase::kClosed) {
        // Reopened by a later phase: roll out the template again, or pilot if there was none.
        central.phase =
            central.has_template ? ProgrammePhase::kRollout : ProgrammePhase::kNotStarted;
        central.phase_start_month = context.month;
        if (central.has_template)
            central.call_open_until_month = static_cast<std::int32_t>(s.run.months);
    }
    if (context.month > 1)
        observe_results(context, slice);  // last month's results
    if (central.phase == ProgrammePhase::kNotStarted) {
        central.phase = ProgrammePhase::kPilot;
        central.phase_start_month = context.month;
        start_pilots(context, slice);
    } else if (central.phase == ProgrammePhase::kPilot &&
               context.month - central.phase_start_month >= s.centralised.pilot_months) {
        evaluate_pilots(context, slice);
    }
    pay_fixed_cost(context, slice);
    if (central.phase == ProgrammePhase::kRollout) {
        const std::int64_t members = pay_members(context, slice);
        adapt_template(context, slice);
        enrol(context, slice, members);
        return;
    }
    pay_pilots(context, slice);
}

}  // namespace localism
