// The runtime of one simulation, built from a validated Scenario: the model state (agents and
// clock), the current month's accounts, and scratch space the scheduler keeps between months.
// Processes never receive a World: the scheduler hands each one the parts its contract names
// (model/process.hpp).
#pragma once

#include <cstdint>
#include <vector>

#include "localism/model/accounts.hpp"
#include "localism/model/knowhow.hpp"
#include "localism/model/state.hpp"
#include "localism/scenario/scenario.hpp"

namespace localism {

// Money accounting in integer pence: allocated = spent + held must hold every month. Derived
// from the month accounts by the scheduler only.
struct Ledger {
    std::int64_t allocated_pence = 0;  // entered the system (budgets, external income)
    std::int64_t spent_pence = 0;      // left the system (running costs, support services)
};

// Everything that persists from month to month.
struct ModelState {
    Communities communities;
    Network network;
    std::vector<Council> councils;
    CentralGovernment central;
    Ledger ledger;
    KnowhowLandscape knowhow_landscape;  // built once, read-only during the run
    std::int32_t month = 0;              // the month being simulated, 1-based; 0 before the first
};

// Scheduler-owned values derived from last month, rebuilt every month.
struct Scratch {
    // Share of all communities with an active initiative last month (well-mixed imitation).
    double previous_active_share = 0.0;
    // Per council: communities whose activity changed last month (for active-in-neighbour counts).
    std::vector<std::vector<std::uint32_t>> activity_changes;
};

struct World {
    explicit World(const Scenario& s) : scenario(&s) {}
    const Scenario* scenario;
    ModelState state;
    MonthAccounts accounts;
    Scratch scratch;
    std::uint64_t seed() const { return static_cast<std::uint64_t>(scenario->run.seed); }
};

// Money currently held anywhere in the system (central, councils, communities).
std::int64_t money_held_pence(const ModelState& state);

}  // namespace localism
