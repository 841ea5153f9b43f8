// The monthly schedule.
#include "localism/engine/simulation.hpp"

#include <algorithm>
#include <vector>

#include "localism/engine/parallel.hpp"
#include "localism/model/central_government.hpp"
#include "localism/model/commissioning.hpp"
#include "localism/model/emergence.hpp"
#include "localism/model/finance.hpp"
#include "localism/model/impact.hpp"
#include "localism/model/knowledge.hpp"
#include "localism/model/need_dynamics.hpp"
#include "localism/model/network.hpp"
#include "localism/model/population.hpp"

namespace localism {

std::int64_t money_held_pence(const World& world) {
    std::int64_t held = world.central.held_pence;
    for (const Council& c : world.councils)
        held += c.held_pence();
    const auto& cash = world.communities.cash_pence;
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
    world_.activity_changes.resize(world_.councils.size());
}

void Simulation::begin_month() {
    ++world_.month;
    Communities& c = world_.communities;
    // Double buffering: peers read these copies, never the arrays being updated. One pass per
    // council also counts its active groups and clears its month row.
    std::vector<std::int64_t> active_in_council(world_.councils.size(), 0);
    const bool learning = world_.scenario->knowledge.enabled;
    for_each_council(world_, [&](Council& council, CouncilMonth& month) {
        std::int64_t active = 0;
        month.clear();
        begin_council_month(world_, council, month);
        for (std::uint32_t i = council.first_community; i < council.last_community; ++i) {
            const bool active_now = c.stage[i] == Stage::kActive;
            if (active_now != (c.previous_stage[i] == Stage::kActive) &&
                !world_.network.well_mixed) {
                world_.activity_changes[council.id].push_back(i);
            }
            c.previous_stage[i] = c.stage[i];
            if (learning) {  // only knowledge sharing reads peers' practice and effectiveness
                c.previous_practice[i] = c.practice[i];
                c.previous_effectiveness[i] = to_bfloat16(c.effectiveness[i]);
            }
            active += c.stage[i] == Stage::kActive;
        }
        active_in_council[council.id] = active;
    });
    count_active_in_neighbours();
    std::int64_t active = 0;
    for (auto a : active_in_council)
        active += a;
    world_.previous_active_share =
        c.size() > 0 ? static_cast<double>(active) / static_cast<double>(c.size()) : 0.0;
}

// Applies last month's changes of activity to the active-in-neighbour counts. Serial and in
// council order: a change touches other councils' communities, and the work is proportional to
// the changes, not to the population.
void Simulation::count_active_in_neighbours() {
    Communities& c = world_.communities;
    for (auto& changes : world_.activity_changes) {
        for (const std::uint32_t i : changes) {
            const bool active = c.stage[i] == Stage::kActive;
            for (const std::uint32_t j : out_neighbours(world_.network, i)) {
                c.active_in_neighbours[j] =
                    active ? c.active_in_neighbours[j] + 1 : c.active_in_neighbours[j] - 1;
            }
        }
        changes.clear();
    }
}

// Books this month's flows: what entered and left the system, and each council's totals.
void Simulation::settle_accounts() {
    for (std::size_t k = 0; k < world_.councils.size(); ++k) {
        const CouncilMonth& m = world_.council_month[k];
        Council& council = world_.councils[k];
        world_.ledger.allocated_pence += m.external_income_pence + m.own_budget_pence;
        world_.ledger.spent_pence +=
            m.running_costs_pence +
            m.spend_pence[static_cast<int>(SpendLine::kNonFinancialSupport)];
        council.received_total_pence += m.received_pence;
        council.paid_out_total_pence +=
            m.spend_pence[static_cast<int>(SpendLine::kOpenGrants)] +
            m.spend_pence[static_cast<int>(SpendLine::kContracts)] +
            m.spend_pence[static_cast<int>(SpendLine::kNonFinancialSupport)] +
            m.spend_pence[static_cast<int>(SpendLine::kLocalChallenge)];
    }
}

MonthRecord Simulation::step() {
    begin_month();
    step_central_government(world_);  // 1. central government (serial)
    for_each_council(world_, [&](Council& council, CouncilMonth& month) {
        step_commissioning(world_, council, month);  // 2. council funding round
        step_emergence(world_, council, month);      // 3. starts, ideas, plans
        step_finance(world_, council, month);        // 4. income, costs, dormancy, dissolution
        step_impact(world_, council.first_community, council.last_community);  // 5. impact
        step_need(world_, council.first_community, council.last_community);    // 6. need
        step_knowledge(world_, council);  // 7. knowledge sharing
    });
    settle_accounts();
    return observe(world_, totals_);  // 8. observation
}

}  // namespace localism
