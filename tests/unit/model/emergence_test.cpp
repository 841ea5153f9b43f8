// Emergence: start drivers, and the Bass-model validation (a slow statistical check).
#include <catch2/catch.hpp>

#include "localism/model/emergence.hpp"
#include "test_world.hpp"

using namespace localism;

TEST_CASE("start probability adds the three drivers and caps at one", "[emergence]") {
    CHECK(StartDrivers{0.01, 0.02, 0.03}.probability() == Approx(0.06));
    CHECK(StartDrivers{0.5, 0.5, 0.5}.probability() == 1.0);
}

namespace {
// Fraction of communities that ever started, month by month, under the Bass configuration:
// emergence alone, on a test world with a standing national call.
std::vector<double> simulated_adoption(double p, double q, std::int64_t seed, int months) {
    auto overrides = testing::bass_overrides(p, q);
    overrides["run.seed"] = std::to_string(seed);
    testing::TestWorld world(20000, overrides);
    world.state().central.call_open_until_month = months;  // a standing national call
    std::vector<double> adoption;
    for (int t = 0; t < months; ++t) {
        world.next_month();
        world.run_councils(&step_emergence);
        adoption.push_back(1.0 - static_cast<double>(world.count(Stage::kNone)) / 20000.0);
    }
    return adoption;
}
}  // namespace

TEST_CASE(
    "ever-started fraction follows the discrete Bass map within 0.015 (5 seeds, 20,000 "
    "communities)",
    "[emergence][slow][validation]") {
    const int months = 60;
    for (const auto& [p, q] :
         std::vector<std::pair<double, double>>{{0.01, 0.2}, {0.03, 0.38}, {0.005, 0.5}}) {
        std::vector<double> mean(months, 0.0);
        for (std::int64_t seed = 1; seed <= 5; ++seed) {
            const auto run = simulated_adoption(p, q, seed, months);
            for (int t = 0; t < months; ++t)
                mean[t] += run[t] / 5.0;
        }
        double bass = 0.0, worst = 0.0;
        for (int t = 0; t < months; ++t) {
            bass += (p + q * bass) * (1.0 - bass);  // F_{t+1} = F_t + (p + q F_t)(1 - F_t)
            worst = std::max(worst, std::abs(mean[t] - bass));
        }
        INFO("p=" << p << " q=" << q << " worst deviation " << worst);
        // Tolerance 0.015: the map is the mean field; with 20,000 communities the take-off time
        // fluctuates, and q/p = 100 amplifies early fluctuations (measured worst 0.0106 there).
        CHECK(worst < 0.015);
    }
}

TEST_CASE("sender-driven imitation on a network spreads the idea to a majority", "[emergence]") {
    auto overrides = testing::bass_overrides(0.002, 0.0);
    overrides["network.type"] = "erdos_renyi";
    overrides["emergence.imitation_rule"] = "sender";
    overrides["emergence.transmission_probability"] = "0.1";
    testing::TestWorld world(3000, overrides);
    world.state().central.call_open_until_month = 1000;
    for (int t = 0; t < 60; ++t) {
        world.next_month();
        world.run_councils(&step_emergence);
    }
    CHECK(world.count(Stage::kActive) > 2700);  // 90% of 3,000
}
