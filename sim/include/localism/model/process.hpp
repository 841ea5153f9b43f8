// Process contracts: what the scheduler hands each process. A council process receives its own
// slice (its communities, council and month row) and a read-only view of last month's peer
// values; a national process runs serially before the councils and reaches every community.
// The schedule that calls them is one table in engine/simulation.cpp (docs/architecture.md).
#pragma once

#include <cstdint>
#include <span>
#include <vector>

#include "localism/model/accounts.hpp"
#include "localism/model/knowhow.hpp"
#include "localism/model/state.hpp"
#include "localism/scenario/scenario.hpp"

namespace localism {

// What every process may read: parameters, the run's seed and the month being simulated.
struct MonthContext {
    const Scenario& scenario;  // the parameters in force this month (a timeline phase, ODD 7.20)
    std::uint64_t seed;
    std::int32_t month;  // 1-based
    // The scenario the world was built from, for what was fixed at month 0 (the network's
    // learning ties); null when it is `scenario` itself.
    const Scenario* built_from = nullptr;
    const Scenario& initial() const { return built_from ? *built_from : scenario; }
};

// Read-only values a council process may see outside its slice: the network, last month's
// stage, practice, effectiveness and design choices of every community (double buffered, so
// council order cannot matter), central government as it stands after this month's national
// processes, and the run's know-how landscape (fixed for the run).
struct PeerView {
    const Network& network;
    std::span<const Stage> previous_stage;
    std::span<const Vector4> previous_practice;
    std::span<const std::uint16_t> previous_effectiveness;  // bfloat16
    double previous_active_share;  // share of all communities active last month
    const CentralGovernment& central;
    std::span<const std::uint32_t> previous_knowhow;  // design-choice bits
    const KnowhowLandscape& knowhow_landscape;
    std::uint32_t communities() const { return static_cast<std::uint32_t>(previous_stage.size()); }
};

// A council process's own part of the state.
struct CouncilSlice {
    CommunitySlice communities;  // indexable by global id within [first(), last())
    Council& council;
    CouncilMonth& month;
    std::uint32_t first() const { return council.first_community; }
    std::uint32_t last() const { return council.last_community; }
};

// A national process's part of the state: every community, council and the month accounts.
struct NationalSlice {
    Communities& communities;
    std::vector<Council>& councils;
    CentralGovernment& central;
    MonthAccounts& accounts;
    // The month row of the council community i belongs to, where payments to i are booked.
    CouncilMonth& month_of(std::uint32_t i) { return accounts.councils[communities.council[i]]; }
};

using NationalProcess = void (*)(const MonthContext&, NationalSlice&);
using CouncilProcess = void (*)(const MonthContext&, const PeerView&, CouncilSlice&);

}  // namespace localism
