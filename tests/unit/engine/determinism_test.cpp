// Thread-count independence: every network type under every policy mode gives bit-identical
// monthly records (and final community state) at 1, 2 and 5 worker threads.
#include <tbb/global_control.h>

#include <algorithm>
#include <catch2/catch.hpp>
#include <cstring>
#include <string>
#include <vector>

#include "localism/engine/simulation.hpp"

using namespace localism;

namespace {

struct RunTrace {
    std::vector<MonthRecord> records;
    std::vector<float> final_need;
    std::vector<Stage> final_stage;
    std::vector<Vector4> final_practice;
    std::vector<std::uint32_t> final_knowhow;
};

RunTrace run_with_threads(const Scenario& scenario, int threads) {
    tbb::global_control parallelism(tbb::global_control::max_allowed_parallelism,
                                    static_cast<std::size_t>(threads));
    Simulation simulation(scenario);
    RunTrace trace;
    while (simulation.month() < simulation.months())
        trace.records.push_back(simulation.step());
    const Communities& c = simulation.world().state.communities;
    trace.final_need = c.need;
    trace.final_stage = c.stage;
    trace.final_practice = c.practice;
    trace.final_knowhow = c.knowhow;
    return trace;
}

template <typename T>
bool same_bits(const std::vector<T>& a, const std::vector<T>& b) {
    return a.size() == b.size() &&
           (a.empty() || std::memcmp(a.data(), b.data(), a.size() * sizeof(T)) == 0);
}

// Which month and series differ first, for a readable failure.
std::string first_difference(const RunTrace& a, const RunTrace& b) {
    if (a.records.size() != b.records.size())
        return "different number of months";
    for (std::size_t m = 0; m < a.records.size(); ++m) {
        if (!same_bits(a.records[m].national, b.records[m].national))
            return "national, month " + std::to_string(m + 1);
        if (!same_bits(a.records[m].council, b.records[m].council))
            return "council, month " + std::to_string(m + 1);
    }
    if (!same_bits(a.final_need, b.final_need))
        return "final need";
    if (!same_bits(a.final_stage, b.final_stage))
        return "final stage";
    if (!same_bits(a.final_practice, b.final_practice))
        return "final practice";
    if (!same_bits(a.final_knowhow, b.final_knowhow))
        return "final know-how";
    return "";
}

Scenario small_scenario(NetworkType network, PolicyMode mode) {
    Scenario s;
    s.run.name = "determinism";
    s.run.months = 30;
    s.run.seed = 11;
    s.population.communities = 1500;
    s.population.councils = 12;
    s.central.mode = mode;
    s.central.annual_budget_gbp = 1'500'000.0;
    s.centralised.pilot_areas = 3;
    s.prize.first_call_month = 2;
    s.network.type = network;
    s.emergence.initial_active = 5;
    s.capacity.enabled = true;  // burnout and leader development (keyed draws, council slices)
    s.leaders.enabled = true;
    return s;
}

}  // namespace

TEST_CASE("records are bit-identical at 1, 2 and 5 threads for every network and policy",
          "[determinism]") {
    const std::pair<NetworkType, const char*> networks[] = {
        {NetworkType::kCouncilSmallWorld, "council_small_world"},
        {NetworkType::kWattsStrogatz, "watts_strogatz"},
        {NetworkType::kKlemmEguiluz, "klemm_eguiluz"},
        {NetworkType::kErdosRenyi, "erdos_renyi"},
        {NetworkType::kWellMixed, "well_mixed"}};
    const std::pair<PolicyMode, const char*> modes[] = {{PolicyMode::kCentralised, "centralised"},
                                                        {PolicyMode::kDevolved, "devolved"},
                                                        {PolicyMode::kMixed, "mixed"}};
    for (const auto& [network, network_name] : networks) {
        for (const auto& [mode, mode_name] : modes) {
            for (const auto rule : {ImitationRule::kReceiver, ImitationRule::kSender}) {
                Scenario s = small_scenario(network, mode);
                s.emergence.imitation_rule = rule;
                // The sender runs also have an existing sector and the grant cliff (ODD 7.17-18).
                s.sector.enabled = s.grant_cliff.enabled = rule == ImitationRule::kSender;
                INFO(network_name << " / " << mode_name << " / "
                                  << (rule == ImitationRule::kSender ? "sender" : "receiver"));
                const RunTrace reference = run_with_threads(s, 1);
                REQUIRE(reference.records.size() == static_cast<std::size_t>(s.run.months));
                for (int threads : {2, 5}) {
                    INFO(threads << " threads");
                    CHECK(first_difference(reference, run_with_threads(s, threads)).empty());
                }
            }
        }
    }
}

TEST_CASE("with transferable know-how on, records are bit-identical at 1, 2 and 5 threads",
          "[determinism][knowhow]") {
    for (const auto mode : {PolicyMode::kDevolved, PolicyMode::kMixed}) {
        Scenario s = small_scenario(NetworkType::kCouncilSmallWorld, mode);
        s.knowhow.enabled = true;
        s.knowhow.weight = 0.8;
        s.devolved.learning_ties_per_community = 4;
        s.centralised.pilot_months = 12;  // the template (and its choices) spreads in the run
        s.centralised.broadcast_rate_per_month = 0.2;
        INFO((mode == PolicyMode::kMixed ? "mixed" : "devolved"));
        const RunTrace reference = run_with_threads(s, 1);
        CHECK(std::any_of(reference.final_knowhow.begin(), reference.final_knowhow.end(),
                          [](auto x) { return x != 0; }));
        for (int threads : {2, 5}) {
            INFO(threads << " threads");
            CHECK(first_difference(reference, run_with_threads(s, threads)).empty());
        }
    }
}

TEST_CASE("initial spreaders are seeded active at month 0, distinct and thread independent",
          "[determinism]") {
    Scenario s = small_scenario(NetworkType::kKlemmEguiluz, PolicyMode::kDevolved);
    s.emergence.initial_active = 10;
    s.run.months = 1;
    const Simulation a(s);
    std::int64_t active = 0;
    for (auto stage : a.world().state.communities.stage)
        active += stage == Stage::kActive;
    CHECK(active == 10);
    s.emergence.initial_active = 0;
    const Simulation none(s);
    active = 0;
    for (auto stage : none.world().state.communities.stage)
        active += stage == Stage::kActive;
    CHECK(active == 0);
}
