// Councils that differ (ODD 7.5): commissioning skill, outreach and support capacity drawn per
// council, so what devolved money achieves depends on the council spending it.
#include <catch2/catch.hpp>

#include <algorithm>
#include <cmath>
#include <numeric>

#include "localism/engine/metric_registry.hpp"
#include "localism/engine/metrics.hpp"
#include "localism/model/council_traits.hpp"
#include "test_world.hpp"

using namespace localism;

namespace {

// Position of a council panel metric in MonthRecord::council (blocks of one value per council).
std::size_t council_index(const std::string& name) {
    const auto metrics = metrics_in(Scope::kCouncil);
    for (std::size_t m = 0; m < metrics.size(); ++m) {
        if (metrics[m]->name == name)
            return m;
    }
    FAIL("no council metric " << name);
    return 0;
}

std::map<std::string, std::string> spread(const std::string& skill, const std::string& outreach,
                                          const std::string& support) {
    return {{"councils.skill_spread", skill},
            {"councils.outreach_spread", outreach},
            {"councils.support_spread", support}};
}

// Per council: need removed and public money its communities received over a devolved run.
struct CouncilTotals {
    std::vector<double> need_removed;
    std::vector<double> money_gbp;
};

CouncilTotals devolved_run(std::map<std::string, std::string> overrides, int seed) {
    overrides["central.mode"] = "devolved";
    overrides["run.seed"] = std::to_string(seed);
    overrides["population.councils"] = "40";
    overrides["prize.enabled"] = "false";
    overrides["run.months"] = "60";
    Simulation sim(testing::make_scenario(8000, overrides));
    const std::size_t councils = 40;
    const std::size_t need_at = council_index("need_reduced") * councils;
    const std::size_t spend_at = council_index("spend_gbp") * councils;
    CouncilTotals totals{std::vector<double>(councils), std::vector<double>(councils)};
    while (sim.month() < sim.months()) {
        const MonthRecord r = sim.step();
        for (std::size_t k = 0; k < councils; ++k) {
            totals.need_removed[k] += r.council[need_at + k];
            totals.money_gbp[k] += r.council[spend_at + k];
        }
    }
    return totals;
}

}  // namespace

TEST_CASE("a zero spread gives every council multiplier exactly 1", "[council_traits]") {
    for (const double z : {-3.0, -0.5, 0.0, 0.7, 2.5})
        CHECK(trait_multiplier(0.0, z) == 1.0);
    CHECK(trait_multiplier(0.5, 0.0) == Approx(std::exp(-0.125)));
    testing::TestWorld same(200);
    for (const Council& council : same.state().councils) {
        CHECK(council.commissioning_skill == 1.0f);
        CHECK(council.outreach_multiplier == 1.0f);
        CHECK(council.support_multiplier == 1.0f);
    }
}

TEST_CASE("council traits are drawn per council, keyed, and reported in council_info",
          "[council_traits]") {
    testing::TestWorld world(500, spread("0.5", "0.5", "0.5"));
    const auto& councils = world.state().councils;
    std::vector<float> skills;
    for (const Council& council : councils) {
        Council again = council;
        draw_council_traits(world.scenario().councils, 1, again);  // same key, same values
        CHECK(again.commissioning_skill == council.commissioning_skill);
        CHECK(again.support_multiplier == council.support_multiplier);
        skills.push_back(council.commissioning_skill);
    }
    std::sort(skills.begin(), skills.end());
    CHECK(std::adjacent_find(skills.begin(), skills.end()) == skills.end());  // all differ
    // A spread of one trait leaves the others at 1 and does not change its own draw.
    testing::TestWorld skill_only(500, spread("0.5", "0", "0"));
    for (std::size_t k = 0; k < councils.size(); ++k) {
        CHECK(skill_only.state().councils[k].commissioning_skill ==
              councils[k].commissioning_skill);
        CHECK(skill_only.state().councils[k].outreach_multiplier == 1.0f);
    }
}

TEST_CASE("spread 0 reproduces the identical-council run exactly", "[council_traits]") {
    const auto run = [](std::map<std::string, std::string> overrides) {
        overrides["run.months"] = "36";
        Simulation sim(testing::make_scenario(1000, overrides));
        std::vector<double> all;
        while (sim.month() < sim.months()) {
            const MonthRecord r = sim.step();
            all.insert(all.end(), r.national.begin(), r.national.end());
            all.insert(all.end(), r.council.begin(), r.council.end());
        }
        return all;
    };
    // Bit for bit, NaN (an undefined ratio) matching NaN.
    const auto same = [](const std::vector<double>& a, const std::vector<double>& b) {
        return std::equal(a.begin(), a.end(), b.begin(), b.end(), [](double x, double y) {
            return x == y || (std::isnan(x) && std::isnan(y));
        });
    };
    const auto plain = run({});
    CHECK(same(run(spread("0", "0", "0")), plain));
    CHECK_FALSE(same(run(spread("0.4", "0.4", "0.4")), plain));
}

TEST_CASE("devolved money removes more need per pound in skilled, outreaching councils",
          "[council_traits][slow]") {
    double strong_need = 0.0, strong_money = 0.0, weak_need = 0.0, weak_money = 0.0;
    for (int seed = 1; seed <= 3; ++seed) {
        const auto overrides = spread("0.8", "0.8", "0.8");
        const CouncilTotals totals = devolved_run(overrides, seed);
        // Traits depend only on the seed and the council index, not on the communities.
        testing::TestWorld world(40, {{"population.councils", "40"},
                                      {"run.seed", std::to_string(seed)},
                                      {"councils.skill_spread", "0.8"},
                                      {"councils.outreach_spread", "0.8"},
                                      {"councils.support_spread", "0.8"}});
        // Rank councils by the product of their three multipliers: top half strong.
        std::vector<std::size_t> order(totals.need_removed.size());
        std::iota(order.begin(), order.end(), 0);
        const auto strength = [&](std::size_t k) {
            const Council& c = world.state().councils[k];
            return static_cast<double>(c.commissioning_skill) * c.outreach_multiplier *
                   c.support_multiplier;
        };
        std::sort(order.begin(), order.end(),
                  [&](std::size_t a, std::size_t b) { return strength(a) > strength(b); });
        for (std::size_t n = 0; n < order.size(); ++n) {
            const std::size_t k = order[n];
            (n < order.size() / 2 ? strong_need : weak_need) += totals.need_removed[k];
            (n < order.size() / 2 ? strong_money : weak_money) += totals.money_gbp[k];
        }
    }
    const double strong = strong_need / strong_money;
    const double weak = weak_need / weak_money;
    INFO("need removed per GBP 1,000: strong councils " << 1000 * strong << ", weak "
                                                        << 1000 * weak);
    CHECK(strong > 1.1 * weak);
}
