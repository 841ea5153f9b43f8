// Whole-simulation effects of transferable know-how (issue 11): with free learning ties on a
// rugged landscape, more ties remove more need; without transferable know-how they do not.
#include <catch2/catch.hpp>

#include <string>
#include <vector>

#include "localism/engine/simulation.hpp"
#include "test_support.hpp"

using namespace localism;

namespace {

constexpr int kSeeds = 5;

// Need removed over the run (need units), devolved, small population, free learning ties.
double need_removed(int ties, int seed, const std::string& weight, const std::string& k,
                    bool enabled) {
    const Scenario s = testing::make_scenario(
        2000, {{"run.seed", std::to_string(seed)},
               {"run.months", "120"},
               {"central.mode", "devolved"},
               {"central.annual_budget_gbp", "2000000"},
               {"devolved.learning_tie_cost_gbp_per_year", "0"},
               {"devolved.learning_ties_per_community", std::to_string(ties)},
               {"knowhow.enabled", enabled ? "true" : "false"},
               {"knowhow.interactions", k},
               {"knowhow.weight", weight}});
    Simulation simulation(s);
    double removed = 0.0;
    while (simulation.month() < simulation.months()) {
        simulation.step();
        for (const float r : simulation.world().state.communities.need_reduced)
            removed += r;
    }
    return removed;
}

struct TieCurve {
    double mean[3] = {0.0, 0.0, 0.0};  // 0, 2, 8 ties
    int rising_pairs = 0;              // seeds with removed(0) < removed(2) < removed(8)
    double max_relative_gap = 0.0;     // largest |removed(t) / removed(0) - 1| over seeds
};

TieCurve tie_curve(const std::string& weight, const std::string& k, bool enabled) {
    TieCurve curve;
    const int ties[3] = {0, 2, 8};
    for (int seed = 1; seed <= kSeeds; ++seed) {
        double r[3];
        for (int t = 0; t < 3; ++t) {
            r[t] = need_removed(ties[t], seed, weight, k, enabled);
            curve.mean[t] += r[t] / kSeeds;
            curve.max_relative_gap = std::max(curve.max_relative_gap, std::abs(r[t] / r[0] - 1));
        }
        curve.rising_pairs += r[0] < r[1] && r[1] < r[2];
    }
    WARN("know-how " << (enabled ? "on" : "off") << ", weight " << weight << ", K " << k
                     << ": need removed at 0 / 2 / 8 ties " << curve.mean[0] << " / "
                     << curve.mean[1] << " / " << curve.mean[2] << "; rising in "
                     << curve.rising_pairs << "/" << kSeeds << " seeds; largest paired gap "
                     << curve.max_relative_gap);
    return curve;
}

}  // namespace

TEST_CASE("free learning ties raise need removed on a rugged know-how landscape",
          "[knowhow][slow]") {
    // Measured (seeds 1-5): 11,404 / 11,684 / 12,760 need units at 0 / 2 / 8 ties, rising in
    // every seed.
    const TieCurve rugged = tie_curve("0.8", "5", true);
    CHECK(rugged.mean[1] > rugged.mean[0] * 1.01);
    CHECK(rugged.mean[2] > rugged.mean[1] * 1.03);
    CHECK(rugged.rising_pairs >= 4);
}

TEST_CASE("without transferable know-how learning ties add nothing", "[knowhow][slow]") {
    // Weight 0 (choices carry no value): measured 29,580 / 29,417 / 28,758, a small cost of the
    // extra copying (ownership lost) and no gain. Know-how off (today's model): within 1%.
    const TieCurve smooth = tie_curve("0", "5", true);
    CHECK(smooth.mean[1] < smooth.mean[0] * 1.01);
    CHECK(smooth.mean[2] < smooth.mean[0] * 1.01);
    const TieCurve off = tie_curve("0", "5", false);
    CHECK(off.mean[1] == Approx(off.mean[0]).epsilon(0.02));
    CHECK(off.mean[2] == Approx(off.mean[0]).epsilon(0.02));
}
