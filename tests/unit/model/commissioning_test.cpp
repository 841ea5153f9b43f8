// Council commissioning: scoring, ranking, exact budget lines, the usual-suspects effect.
#include <catch2/catch.hpp>

#include "localism/engine/simulation.hpp"
#include "localism/model/commissioning.hpp"
#include "test_support.hpp"

using namespace localism;

TEST_CASE("track record adds usual_suspects_weight at saturation", "[commissioning]") {
    CHECK(application_score(0.5, 0.0, 2.0, 0.0) == Approx(0.5));
    CHECK(application_score(0.5, 0.5, 2.0, 0.0) == Approx(1.5));
    CHECK(application_score(0.5, 1.0, 2.0, 0.0) == Approx(2.5));
    CHECK(application_score(0.5, 10.0, 2.0, 0.1) == Approx(2.6));
}

TEST_CASE("ranking is by score, ties by community id", "[commissioning]") {
    std::vector<Applicant> a{{5, 1.0}, {2, 3.0}, {9, 1.0}, {1, 1.0}};
    rank_applicants(a);
    CHECK(a[0].community == 2);
    CHECK(a[1].community == 1);
    CHECK(a[2].community == 5);
    CHECK(a[3].community == 9);
}

TEST_CASE("budget lines split a council's money exactly", "[commissioning]") {
    CommissioningParams p;
    Council council;
    fund_council_lines(p, council, 1'000'003);
    CHECK(council.held_pence() == 1'000'003);
    CHECK(council.open_grants_pence == 400'001);
}

TEST_CASE("a higher usual-suspects weight moves grant money to groups with a track record",
          "[commissioning]") {
    const auto share = [](const std::string& weight) {
        const Scenario s = testing::make_scenario(3000, {{"councils.usual_suspects_weight", weight},
                                                         {"run.months", "60"},
                                                         {"central.annual_budget_gbp", "0"}});
        Simulation sim(s);
        MonthRecord r;
        for (int t = 0; t < 60; ++t)
            r = sim.step();
        return r.national[national_index("usual_suspects_share")];
    };
    const double low = share("0");
    const double high = share("5");
    INFO("weight 0: " << low << ", weight 5: " << high);
    CHECK(high > low + 0.1);
}
