// The monthly schedule: one table of processes in the ODD order (docs/ODD.md section 3).
#include "localism/engine/simulation.hpp"

#include <algorithm>
#include <array>
#include <vector>

#include "localism/core/parallel.hpp"
#include "localism/model/central_government.hpp"
#include "localism/model/commissioning.hpp"
#include "localism/model/emergence.hpp"
#include "localism/model/finance.hpp"
#include "localism/model/grant_cliff.hpp"
#include "localism/model/impact.hpp"
#include "localism/model/knowledge.hpp"
#include "localism/model/leadership.hpp"
#include "localism/model/life_cycle.hpp"
#include "localism/model/need_dynamics.hpp"
#include "localism/model/network.hpp"
#include "localism/model/population.hpp"
#include "localism/model/volunteer_capacity.hpp"
#include "localism/scenario/timeline.hpp"

namespace localism {

namespace {

// Whether a national process runs this month, from the parameters in force (the month's
// policy phase, ODD 7.20) and central government's state (what it still has to wind down).
using Applies = bool (*)(const MonthContext&, const CentralGovernment&);

bool always(const MonthContext&, const CentralGovernment&) {
    return true;
}
bool programme_runs(const MonthContext& month, const CentralGovernment& central) {
    return devolved_weight(month.scenario.central) < 1.0 || programme_running(central);
}
bool prize_runs(const MonthContext& month, const CentralGovernment& central) {
    return prize_calls_open(month.scenario) || prize_call_in_progress(month, central);
}

struct NationalStep {
    const char* name;
    NationalProcess run;
    Applies applies;
};
struct CouncilStep {
    const char* name;
    CouncilProcess run;
};

// The schedule (ODD 3). National processes run serially, in this order, before the councils;
// then every council runs the council processes, in this order, on its own slice, councils in
// parallel. Observation (engine/metrics.cpp) follows once the month's accounts are settled.
constexpr std::array kNationalSchedule = {
    NationalStep{"central budget", &step_central_budget, &always},                        // 1a
    NationalStep{"centralised programme", &step_centralised_programme, &programme_runs},  // 1b
    NationalStep{"challenge prize", &step_challenge_prize, &prize_runs},                  // 1c
};
constexpr std::array kCouncilSchedule = {
    CouncilStep{"commissioning", &step_commissioning},  // 2. council funding round
    CouncilStep{"leadership", &step_leadership},        // 2b. leaders leave; outreach develops
    CouncilStep{"emergence", &step_emergence},          // 3. starts, ideas, plans
    CouncilStep{"finance", &step_finance},              // 4. income, costs, dormancy
    CouncilStep{"grant cliff", &step_grant_cliff},      // 4b. cash ran out: the cliff
    CouncilStep{"capacity", &step_capacity},            // 4c. use, paperwork, rest, burnout
    CouncilStep{"impact", &step_impact},                // 5. impact
    CouncilStep{"need", &step_need},                    // 6. need
    CouncilStep{"knowledge", &step_knowledge},          // 7. knowledge sharing
};

}  // namespace

std::int64_t money_held_pence(const ModelState& state) {
    std::int64_t held = state.central.held_pence;
    for (const Council& c : state.councils)
        held += c.held_pence();
    const auto& cash = state.communities.cash_pence;
    // Per-block partial sums added in block order (integer sums are exact in any order anyway).
    constexpr std::size_t kBlock = 1 << 15;
    std::vector<std::int64_t> partial((cash.size() + kBlock - 1) / kBlock, 0);
    parallel_range(0, partial.size(), 1, [&](std::size_t begin, std::size_t end) {
        for (std::size_t b = begin; b != end; ++b) {
            const std::size_t last = std::min(cash.size(), (b + 1) * kBlock);
            for (std::size_t i = b * kBlock; i < last; ++i) {
                partial[b] += cash[i];
            }
        }
    });
    for (auto sum : partial) {
        held += sum;
    }
    return held;
}

Simulation::Simulation(const Scenario& scenario) : scenario_(scenario), world_(scenario_) {
    initialise_population(world_);
    build_network(world_);
    world_.scratch.activity_changes.resize(world_.state.councils.size());
}

MonthContext Simulation::context() const {
    const std::int32_t month = world_.state.month;
    return {scenario_in_month(scenario_, month), world_.seed(), month, &scenario_};
}

PeerView Simulation::peer_view() const {
    const Communities& c = world_.state.communities;
    return {world_.state.network,
            c.previous_stage,
            c.previous_practice,
            c.previous_effectiveness,
            world_.scratch.previous_active_share,
            world_.state.central,
            c.previous_knowhow,
            world_.state.knowhow_landscape};
}

CouncilSlice Simulation::council_slice(std::size_t k) {
    Council& council = world_.state.councils[k];
    return {world_.state.communities.slice(council.first_community, council.last_community),
            council, world_.accounts.councils[k]};
}

// Start-of-month bookkeeping for one council, before any process: life-cycle clocks for the
// month just ended, trailing-income decay, the 12-month cohort count, the double-buffered copies
// peers read, and the council's changes of activity. Returns the council's active groups.
std::int64_t Simulation::begin_council_month(CouncilSlice& slice) {
    CommunitySlice& c = slice.communities;
    const std::int32_t month = world_.state.month;
    const bool clocks = month > 1;  // clocks count the month that just ended
    const bool learning = scenario_.knowledge.enabled;
    const bool track_changes = !world_.state.network.well_mixed;
    auto& changes = world_.scratch.activity_changes[slice.council.id];
    if (clocks)
        life_cycle::advance_clocks(c, slice.first(), slice.last());
    life_cycle::count_cohorts(c, slice.first(), slice.last(), month, slice.month);
    std::int64_t active = 0;
    for (std::uint32_t i = slice.first(); i < slice.last(); ++i) {
        decay_trailing_income(c.trailing_income_gbp[i]);
        const bool active_now = c.stage[i] == Stage::kActive;
        if (track_changes && active_now != (c.previous_stage[i] == Stage::kActive))
            changes.push_back(i);
        c.previous_stage[i] = c.stage[i];
        if (learning) {  // only knowledge sharing reads peers' practice and effectiveness
            c.previous_practice[i] = c.practice[i];
            c.previous_effectiveness[i] = to_bfloat16(c.effectiveness[i]);
            c.previous_knowhow[i] = c.knowhow[i];
        }
        active += active_now;
    }
    return active;
}

void Simulation::begin_month() {
    ++world_.state.month;
    world_.accounts.national.clear();
    std::vector<std::int64_t> active_in_council(world_.state.councils.size(), 0);
    parallel_range(0, world_.state.councils.size(), 1, [&](std::size_t begin, std::size_t end) {
        for (std::size_t k = begin; k != end; ++k) {
            world_.accounts.councils[k].clear();
            CouncilSlice slice = council_slice(k);
            active_in_council[k] = begin_council_month(slice);
        }
    });
    count_active_in_neighbours();
    std::int64_t active = 0;
    for (auto a : active_in_council)
        active += a;
    const auto n = world_.state.communities.size();
    world_.scratch.previous_active_share =
        n > 0 ? static_cast<double>(active) / static_cast<double>(n) : 0.0;
}

// Applies last month's changes of activity to the active-in-neighbour counts. Serial and in
// council order: a change touches other councils' communities, and the work is proportional to
// the changes, not to the population.
void Simulation::count_active_in_neighbours() {
    Communities& c = world_.state.communities;
    for (auto& changes : world_.scratch.activity_changes) {
        for (const std::uint32_t i : changes) {
            const bool active = c.stage[i] == Stage::kActive;
            for (const std::uint32_t j : out_neighbours(world_.state.network, i)) {
                c.active_in_neighbours[j] =
                    active ? c.active_in_neighbours[j] + 1 : c.active_in_neighbours[j] - 1;
            }
        }
        changes.clear();
    }
}

// The one place the ledger and the councils' running totals are derived from the month's
// accounts: what entered the system (budgets, external income) and what left it (running costs,
// support services).
void Simulation::settle_accounts() {
    Ledger& ledger = world_.state.ledger;
    const NationalMonth& national = world_.accounts.national;
    ledger.allocated_pence += national.budget_pence;
    ledger.spent_pence += national.services_pence;
    for (std::size_t k = 0; k < world_.state.councils.size(); ++k) {
        const CouncilMonth& m = world_.accounts.councils[k];
        Council& council = world_.state.councils[k];
        const auto spend = [&](SpendLine line) { return m.spend_pence[static_cast<int>(line)]; };
        ledger.allocated_pence += m.external_income_pence + m.own_budget_pence;
        // Leaked money pays for the council's other services, and administration (transaction
        // costs) is a service like support: both leave the system.
        ledger.spent_pence += m.running_costs_pence + spend(SpendLine::kNonFinancialSupport) +
                              spend(SpendLine::kLeakage) + spend(SpendLine::kAdministration);
        council.received_total_pence += m.received_pence;
        council.paid_out_total_pence +=
            spend(SpendLine::kOpenGrants) + spend(SpendLine::kContracts) +
            spend(SpendLine::kNonFinancialSupport) + spend(SpendLine::kLocalChallenge) +
            spend(SpendLine::kLeakage) + spend(SpendLine::kAdministration);
    }
}

MonthRecord Simulation::step() {
    begin_month();
    const MonthContext month = context();
    NationalSlice national{world_.state.communities, world_.state.councils, world_.state.central,
                           world_.accounts};
    for (const NationalStep& step : kNationalSchedule) {
        if (step.applies(month, world_.state.central))
            step.run(month, national);
    }
    const PeerView peers = peer_view();
    parallel_range(0, world_.state.councils.size(), 1, [&](std::size_t begin, std::size_t end) {
        for (std::size_t k = begin; k != end; ++k) {
            CouncilSlice slice = council_slice(k);
            for (const CouncilStep& step : kCouncilSchedule)
                step.run(month, peers, slice);
        }
    });
    settle_accounts();
    return observe(world_, totals_);  // 8. observation
}

}  // namespace localism
