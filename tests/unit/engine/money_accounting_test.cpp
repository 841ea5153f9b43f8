// Public money (ODD 7.12): leakage of devolved money, absorption and unspent balances, and the
// no-money baseline (scenarios/baseline.yaml).
#include <catch2/catch.hpp>

#include <numeric>

#include "localism/engine/simulation.hpp"
#include "localism/model/central_government.hpp"
#include "localism/scenario/validate.hpp"
#include "test_support.hpp"
#include "test_world.hpp"

using namespace localism;

namespace {

constexpr auto kLeak = static_cast<int>(SpendLine::kLeakage);

// The last month's record of a run of `months` months.
MonthRecord run_to_end(const Scenario& s) {
    Simulation sim(s);
    MonthRecord last;
    while (sim.month() < sim.months())
        last = sim.step();
    return last;
}

double metric(const MonthRecord& r, const char* name) {
    return r.national[national_index(name)];
}

}  // namespace

TEST_CASE("leakage alone: a share of each devolved allocation goes to other council services",
          "[money][leakage]") {
    // GBP 1m, no ties and no prize: all of it to the councils by formula, a quarter leaking.
    testing::TestWorld world(200, {{"central.mode", "devolved"},
                                   {"central.annual_budget_gbp", "1000000"},
                                   {"devolved.learning_ties_per_community", "0"},
                                   {"prize.enabled", "false"},
                                   {"councils.leakage_share", "0.25"}});
    world.next_month();
    world.run_national(&step_central_budget);
    const auto shares = formula_allocation(
        world.state().councils, world.scenario().devolved.formula_deprivation_weight, 100'000'000);
    std::int64_t leaked = 0;
    for (std::size_t k = 0; k < world.councils(); ++k) {
        INFO("council " << k);
        const CouncilMonth& row = world.accounts().councils[k];
        CHECK(row.received_pence == shares[k]);  // received in full, then part of it leaks
        CHECK(row.spend_pence[kLeak] == leaked_pence(0.25, shares[k]));
        CHECK(world.state().councils[k].held_pence() == shares[k] - row.spend_pence[kLeak]);
        leaked += row.spend_pence[kLeak];
    }
    // Rounding down in each of the 10 councils loses less than a penny each.
    CHECK(leaked <= 25'000'000);
    CHECK(leaked > 25'000'000 - 10);
    CHECK(leaked_pence(0.0, 123'456) == 0);
}

TEST_CASE("leakage removes need where money is devolved and changes nothing where it is not",
          "[money][leakage]") {
    const std::map<std::string, std::string> devolved = {{"central.mode", "devolved"},
                                                         {"run.months", "48"}};
    auto leaky = devolved;
    leaky["councils.leakage_share"] = "0.3";
    // Devolved money is un-ring-fenced: losing 30% of it to other services removes less need.
    CHECK(testing::need_removed_over_seeds(2000, leaky, 2) <
          testing::need_removed_over_seeds(2000, devolved, 2));

    // A centralised programme is ring-fenced: nothing is devolved, nothing can leak.
    const std::map<std::string, std::string> central = {{"central.mode", "centralised"},
                                                        {"run.months", "48"}};
    auto central_leaky = central;
    central_leaky["councils.leakage_share"] = "0.3";
    const MonthRecord a = run_to_end(testing::make_scenario(2000, central));
    const MonthRecord b = run_to_end(testing::make_scenario(2000, central_leaky));
    CHECK(a.national == b.national);
    CHECK(metric(b, "public_leaked_gbp") == 0.0);
}

TEST_CASE("absorption and unspent money add up to what was allocated", "[money]") {
    const Scenario s = testing::make_scenario(1000, {{"central.mode", "devolved"},
                                                     {"central.annual_budget_gbp", "500000"},
                                                     {"councils.leakage_share", "0.2"},
                                                     {"run.months", "30"}});
    const MonthRecord r = run_to_end(s);
    // Three Aprils of GBP 500,000 central money and GBP 100 per community of councils' own.
    const double allocated =
        3 * (500'000.0 + 1000 * s.councils.own_budget_gbp_per_community_per_year);
    CHECK(metric(r, "public_allocated_gbp") == Approx(allocated));
    const double spent = metric(r, "public_spent_gbp");
    const double leaked = metric(r, "public_leaked_gbp");
    CHECK(leaked > 0.0);
    CHECK(metric(r, "absorption") == Approx(spent / allocated));
    CHECK(spent + leaked + metric(r, "unspent_central_gbp") + metric(r, "unspent_councils_gbp") ==
          Approx(allocated));
    CHECK(metric(r, "absorption") < 1.0);
}

TEST_CASE("the no-money baseline spends only councils' own budgets", "[money][baseline]") {
    const Scenario s = scenario::load_scenario(
        LOCALISM_SOURCE_DIR "/scenarios/baseline.yaml",
        {"population.communities=2000", "population.councils=20", "run.months=36"});
    CHECK(s.central.annual_budget_gbp == 0.0);
    CHECK(s.councils.own_budget_gbp_per_community_per_year > 0.0);  // kept: councils' money
    Simulation sim(s);
    double programme = 0.0, prizes = 0.0, ties = 0.0, need_removed = 0.0;
    MonthRecord r;
    while (sim.month() < sim.months()) {
        r = sim.step();
        programme += metric(r, "spend_central_programme_gbp");
        prizes += metric(r, "spend_challenge_prize_gbp");
        ties += metric(r, "spend_learning_ties_gbp");
    }
    need_removed = metric(r, "cumulative_need_reduced");
    CHECK(programme == 0.0);
    CHECK(prizes == 0.0);
    CHECK(ties == 0.0);
    CHECK(metric(r, "unspent_central_gbp") == 0.0);
    CHECK(metric(r, "public_allocated_gbp") ==
          Approx(3 * 2000 * s.councils.own_budget_gbp_per_community_per_year));
    CHECK(metric(r, "public_spent_gbp") > 0.0);
    CHECK(need_removed > 0.0);  // groups and councils still remove need without central money
}
