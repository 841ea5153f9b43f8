// The scheduler (ODD 3): builds the world from a scenario and runs the model's processes in a
// fixed order each month. The order is documented in docs/ODD.md, section 3.
#pragma once

#include <memory>

#include "localism/engine/metrics.hpp"
#include "localism/model/process.hpp"
#include "localism/model/world.hpp"

namespace localism {

class Simulation {
  public:
    explicit Simulation(const Scenario& scenario);

    // Advances one month and returns its record.
    MonthRecord step();
    std::int32_t month() const { return world_.state.month; }
    std::int32_t months() const { return static_cast<std::int32_t>(scenario_.run.months); }
    const World& world() const { return world_; }
    const ObserverTotals& observer_totals() const { return totals_; }

    // Saved states (output/state_file.hpp) read and overwrite everything that persists between
    // months; nothing else may change a running simulation from outside.
    World& world_for_restore() { return world_; }
    ObserverTotals& observer_totals_for_restore() { return totals_; }

  private:
    MonthContext context() const;
    PeerView peer_view() const;
    CouncilSlice council_slice(std::size_t council);
    std::int64_t begin_council_month(CouncilSlice& slice);
    void begin_month();
    void settle_accounts();
    void count_active_in_neighbours();

    Scenario scenario_;  // owned copy: the world points into it
    World world_;
    ObserverTotals totals_;
};

}  // namespace localism
