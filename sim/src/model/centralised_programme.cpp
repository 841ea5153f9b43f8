// The centralised programme: pilot in a few areas, evaluate, pick the best pilot's practice as a
// national template, roll it out with ring-fenced grants and the template imposed (low
// ownership); confidence in measured results sets next year's budget.
#include <algorithm>
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

// Enrols this month's share of communities in a seeded pseudo-random order: position k maps to
// community (stride x k + offset) mod n, a bijection when gcd(stride, n) = 1. This needs no
// O(n) permutation in memory and gives every community the same chance of an early place.
void enrol(const MonthContext& context, NationalSlice& slice) {
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
    const auto per_month = static_cast<std::int64_t>(
        std::llround(s.centralised.rollout_share_per_month * static_cast<double>(n)));
    for (std::int64_t k = 0; k < per_month && central.enrolled < static_cast<std::int64_t>(n);
         ++k) {
        const auto i = static_cast<std::uint32_t>(
            (stride * static_cast<std::uint64_t>(central.enrolled++) + offset) % n);
        life_cycle::join_programme(c, i, context.month, slice.month_of(i).life_cycle);
        c.practice[i] = central.template_practice;
        c.knowhow[i] = central.template_knowhow;  // a template brings its know-how (ODD 7.14)
        c.ownership[i] = static_cast<float>(s.centralised.imposed_ownership);
    }
}

void observe_results(const MonthContext& context, NationalSlice& slice) {
    CentralGovernment& central = slice.central;
    const Communities& c = slice.communities;
    for (std::uint32_t i = 0; i < c.size(); ++i) {
        if (central.phase == ProgrammePhase::kPilot && (c.flags[i] & kFlagPilot)) {
            central.pilot_reduction_sum += c.need_reduced[i];
            ++central.pilot_group_months;
        } else if (c.flags[i] & kFlagProgrammeMember) {
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

}  // namespace

void step_centralised_programme(const MonthContext& context, NationalSlice& slice) {
    const Scenario& s = context.scenario;
    CentralGovernment& central = slice.central;
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
    if (central.phase == ProgrammePhase::kRollout)
        enrol(context, slice);
    const Communities& c = slice.communities;
    const auto pilot_grant = to_pence(s.centralised.pilot_grant_gbp_per_month);
    const auto programme_grant = to_pence(s.centralised.programme_grant_gbp_per_month);
    for (std::uint32_t i = 0; i < c.size(); ++i) {
        const bool live = c.stage[i] == Stage::kActive || c.stage[i] == Stage::kDormant;
        if (!live)
            continue;
        if (c.flags[i] & kFlagProgrammeMember) {
            pay(slice, i, programme_grant);
        } else if ((c.flags[i] & kFlagPilot) && central.phase == ProgrammePhase::kPilot) {
            pay(slice, i, pilot_grant);
        }
    }
}

}  // namespace localism
