// Test builder: a small world on which one process is run alone, through its contract (the
// slice, peer view and month context the scheduler would hand it), without the whole simulation.
#pragma once

#include <cstdint>
#include <string>

#include "localism/model/network.hpp"
#include "localism/model/population.hpp"
#include "localism/model/process.hpp"
#include "localism/model/world.hpp"
#include "test_support.hpp"

namespace localism::testing {

class TestWorld {
  public:
    // A population of `communities` in min(10, communities) councils drawn from the scenario
    // with the given overrides, with its network; month 0, nothing started.
    explicit TestWorld(std::int64_t communities,
                       const std::map<std::string, std::string>& overrides = {})
        : scenario_(make_scenario(communities, overrides)), world_(scenario_) {
        initialise_population(world_);
        build_network(world_);
    }
    TestWorld(const TestWorld&) = delete;
    TestWorld& operator=(const TestWorld&) = delete;

    const Scenario& scenario() const { return scenario_; }
    ModelState& state() { return world_.state; }
    Communities& communities() { return world_.state.communities; }
    MonthAccounts& accounts() { return world_.accounts; }
    std::size_t councils() const { return world_.state.councils.size(); }

    // Starts the next month the way the scheduler does for peers: month + 1, fresh month rows,
    // last month's copies and active shares (counts recomputed from scratch, not incrementally).
    void next_month() {
        ModelState& s = world_.state;
        Communities& c = s.communities;
        ++s.month;
        world_.accounts.councils.assign(s.councils.size(), CouncilMonth{});
        world_.accounts.national.clear();
        std::int64_t active = 0;
        for (std::uint32_t i = 0; i < c.size(); ++i) {
            c.previous_stage[i] = c.stage[i];
            c.previous_practice[i] = c.practice[i];
            c.previous_effectiveness[i] = to_bfloat16(c.effectiveness[i]);
            c.previous_knowhow[i] = c.knowhow[i];
            c.active_in_neighbours[i] = 0;
            active += c.stage[i] == Stage::kActive;
        }
        if (!s.network.well_mixed) {
            for (std::uint32_t i = 0; i < c.size(); ++i) {
                if (c.stage[i] != Stage::kActive)
                    continue;
                for (const std::uint32_t j : out_neighbours(s.network, i))
                    ++c.active_in_neighbours[j];
            }
        }
        previous_active_share_ =
            c.size() ? static_cast<double>(active) / static_cast<double>(c.size()) : 0.0;
    }

    MonthContext context() const { return {scenario_, world_.seed(), world_.state.month}; }
    PeerView peers() const {
        const Communities& c = world_.state.communities;
        return {world_.state.network,   c.previous_stage,
                c.previous_practice,    c.previous_effectiveness,
                previous_active_share_, world_.state.central,
                c.previous_knowhow,     world_.state.knowhow_landscape};
    }
    CouncilSlice slice(std::size_t k) {
        Council& council = world_.state.councils[k];
        return {world_.state.communities.slice(council.first_community, council.last_community),
                council, world_.accounts.councils[k]};
    }
    NationalSlice national() {
        return {world_.state.communities, world_.state.councils, world_.state.central,
                world_.accounts};
    }
    // Runs a council process on every council's slice, councils in order.
    void run_councils(CouncilProcess process) {
        const MonthContext month = context();
        const PeerView view = peers();
        for (std::size_t k = 0; k < councils(); ++k) {
            CouncilSlice s = slice(k);
            process(month, view, s);
        }
    }
    // Runs a national process once on the whole population, as the scheduler does before the
    // councils.
    void run_national(NationalProcess process) {
        NationalSlice s = national();
        process(context(), s);
    }
    std::int64_t count(Stage stage) const {
        std::int64_t n = 0;
        for (const Stage s : world_.state.communities.stage)
            n += s == stage;
        return n;
    }

  private:
    Scenario scenario_;
    World world_;
    double previous_active_share_ = 0.0;
};

}  // namespace localism::testing
