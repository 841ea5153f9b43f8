// The shipped Big Green Challenge scenario reproduces the BGC funnel (slow validation group).
#include <catch2/catch.hpp>

#include "localism/engine/simulation.hpp"
#include "localism/scenario/validate.hpp"

using namespace localism;

TEST_CASE(
    "big_green_challenge.yaml: funnel 355->100->21->10->4 within 20% and finalist cut in 10-46%",
    "[prize][slow][validation]") {
    const std::vector<double> target{355, 100, 21, 10, 4};
    const std::vector<std::string> stages{"prize_entrants", "prize_planning", "prize_pitched",
                                          "prize_finalists", "prize_winners"};
    std::vector<double> mean(stages.size(), 0.0);
    double reduction = 0.0;
    const int replicates = 6;
    for (int seed = 1; seed <= replicates; ++seed) {
        const Scenario s =
            scenario::load_scenario(LOCALISM_SOURCE_DIR "/scenarios/big_green_challenge.yaml",
                                    {"run.seed=" + std::to_string(seed)});
        Simulation sim(s);
        MonthRecord r;
        while (sim.month() < sim.months())
            r = sim.step();
        for (std::size_t k = 0; k < stages.size(); ++k)
            mean[k] += r.national[national_index(stages[k])] / replicates;
        reduction += r.national[national_index("prize_finalist_reduction")] / replicates;
    }
    for (std::size_t k = 0; k < stages.size(); ++k) {
        INFO(stages[k] << ": mean " << mean[k] << ", BGC " << target[k]);
        CHECK(std::abs(mean[k] - target[k]) <= 0.2 * target[k]);
    }
    INFO("finalists' mean need cut in the delivery year " << reduction);
    CHECK(reduction >= 0.10);
    CHECK(reduction <= 0.46);
}
