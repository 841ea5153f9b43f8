// The restricted finalist grant (ODD 7.19): tranches, where the money goes, and on the
// Neighbourhood Challenge scenario a region where restriction decides survival and one where it
// does not.
#include <catch2/catch.hpp>

#include "localism/engine/simulation.hpp"
#include "localism/model/central_government.hpp"
#include "localism/model/restricted_grant.hpp"
#include "localism/scenario/validate.hpp"
#include "test_world.hpp"

using namespace localism;

TEST_CASE("restricted tranches are equal and add up to the grant exactly", "[restricted_grant]") {
    CHECK(restricted_tranche_pence(15'000'000, 12, 0) == 1'250'000);
    CHECK(restricted_tranche_pence(15'000'000, 12, 11) == 1'250'000);
    std::int64_t sum = 0;
    for (int k = 0; k < 12; ++k)
        sum += restricted_tranche_pence(1'000'007, 12, k);
    CHECK(sum == 1'000'007);
    CHECK(restricted_tranche_pence(1'000'007, 12, 11) == 83'333 + 7 + 4);
}

namespace {

// A call on 20 communities: due in month 2, open 1 month, 1 month of planning, 3 delivery
// months; every entrant plans and pitches, 2 finalists with GBP 30,000 each, no awards.
std::map<std::string, std::string> restricted_call(bool restricted) {
    return {{"central.mode", "devolved"},
            {"prize.first_call_month", "2"},
            {"prize.interval_months", "36"},
            {"prize.call_open_months", "1"},
            {"prize.plan_months", "1"},
            {"prize.delivery_months", "3"},
            {"prize.entry_probability", "1"},
            {"prize.judging_noise_sd", "0"},
            {"prize.plan_support_places", "20"},
            {"prize.plan_support_gbp", "0"},
            {"prize.pitch_quality_threshold", "0"},
            {"prize.finalist_places", "2"},
            {"prize.finalist_grant_gbp", "30000"},
            {"prize.award_large_count", "0"},
            {"prize.award_small_count", "0"},
            {"central.admin_cost_gbp_per_award", "0"},
            {"finance.running_cost_gbp_per_month", "1000"},
            {"prize.finalist_grant_restricted", restricted ? "true" : "false"}};
}

}  // namespace

TEST_CASE("a restricted grant pays running costs monthly and buys the rest of the project",
          "[restricted_grant]") {
    for (const bool restricted : {false, true}) {
        INFO("restricted " << restricted);
        testing::TestWorld world(20, restricted_call(restricted));
        world.state().central.held_pence = world.state().central.prize_fund_pence = 10'000'000;
        Communities& c = world.communities();
        const auto month = [&] {
            world.next_month();
            world.run_national(&step_challenge_prize);
        };
        for (int m = 1; m <= 3; ++m)
            month();
        const std::vector<std::int64_t> before(c.cash_pence.begin(), c.cash_pence.end());
        month();  // month 4: finalists chosen, first tranche
        const auto& finalists = world.state().central.prize_baselines;
        REQUIRE(finalists.size() == 2);
        const auto first = finalists[0].first, second = finalists[1].first;
        // Lump: the whole grant as cash. Restricted: one month's running cost as cash and the
        // other GBP 9,000 of the tranche spent on the project (a service leaving the system).
        for (const auto i : {first, second})
            CHECK(c.cash_pence[i] - before[i] == (restricted ? 100'000 : 3'000'000));
        CHECK(world.accounts().national.services_pence == (restricted ? 2 * 900'000 : 0));
        const std::int64_t cash = c.cash_pence[first];
        c.stage[second] = Stage::kDissolved;  // its remaining tranches stay in the fund
        month();
        month();  // months 5 and 6: the other two tranches
        const std::int64_t paid_first = c.cash_pence[first] - cash;
        CHECK(paid_first == (restricted ? 200'000 : 0));
        CHECK(world.state().central.prize_fund_pence ==
              (restricted ? 10'000'000 - 4 * 1'000'000 : 10'000'000 - 6'000'000));
        month();  // month 7: delivery is over, nothing more is paid
        CHECK(c.cash_pence[first] - cash == paid_first);
    }
}

namespace {

struct NcOutcome {
    double end_of_year = 0.0;  // share of funded areas active when the funded year ends
    double one_year_on = 0.0;  // share active a year later
};

// The Neighbourhood Challenge scenario with overrides, mean over `seeds` seeds.
NcOutcome run_nc(std::map<std::string, std::string> overrides, int seeds) {
    NcOutcome mean;
    for (int seed = 1; seed <= seeds; ++seed) {
        overrides["run.seed"] = std::to_string(seed);
        std::vector<std::string> list;
        for (const auto& [key, value] : overrides)
            list.push_back(key + "=" + value);
        Simulation sim(scenario::load_scenario(
            LOCALISM_SOURCE_DIR "/scenarios/neighbourhood_challenge.yaml", list));
        double finalists = 0.0;
        while (sim.month() < sim.months()) {
            const MonthRecord r = sim.step();
            finalists = std::max(finalists, r.national[national_index("prize_finalists")]);
            const double active = r.national[national_index("prize_finalists_active")];
            if (r.month == 18)
                mean.end_of_year += active / std::max(1.0, finalists) / seeds;
            if (r.month == 30)
                mean.one_year_on += active / std::max(1.0, finalists) / seeds;
        }
    }
    return mean;
}

}  // namespace

TEST_CASE("restriction decides survival when the grant is large, not when it only pays costs",
          "[restricted_grant][slow]") {
    const int seeds = 4;
    // GBP 150,000 a year: as one lump most of it is still cash a year after the funded year.
    const NcOutcome lump = run_nc({{"prize.finalist_grant_restricted", "false"}}, seeds);
    const NcOutcome restricted = run_nc({}, seeds);
    WARN("GBP 150k lump: active " << lump.end_of_year << " at the end of the funded year, "
                                  << lump.one_year_on << " a year on; restricted "
                                  << restricted.end_of_year << ", " << restricted.one_year_on);
    CHECK(lump.one_year_on - restricted.one_year_on >= 0.15);
    // A grant of exactly the year's running costs is spent either way.
    const std::map<std::string, std::string> small{{"prize.finalist_grant_gbp", "12000"}};
    auto small_lump = small;
    small_lump["prize.finalist_grant_restricted"] = "false";
    const NcOutcome a = run_nc(small_lump, seeds), b = run_nc(small, seeds);
    WARN("GBP 12k lump " << a.one_year_on << ", restricted " << b.one_year_on);
    CHECK(std::abs(a.one_year_on - b.one_year_on) <= 0.08);
}

TEST_CASE(
    "neighbourhood_challenge.yaml: ~600 applications, 16-17 funded, 0.67 +- 0.1 sustained "
    "a year after the funded year",
    "[validation][slow][neighbourhood_challenge]") {
    const int seeds = 10;
    double entrants = 0.0, funded_min = 1e9, funded_max = 0.0, end_of_year = 0.0, sustained = 0.0;
    for (int seed = 1; seed <= seeds; ++seed) {
        Simulation sim(scenario::load_scenario(LOCALISM_SOURCE_DIR
                                               "/scenarios/neighbourhood_challenge.yaml",
                                               {"run.seed=" + std::to_string(seed)}));
        // The statistics of scenarios/patterns/observed.yaml: max(prize_entrants),
        // max(prize_finalists), at(prize_finalists_active, 30) / max(prize_finalists).
        double run_entrants = 0.0, finalists = 0.0;
        while (sim.month() < sim.months()) {
            const MonthRecord r = sim.step();
            run_entrants = std::max(run_entrants, r.national[national_index("prize_entrants")]);
            finalists = std::max(finalists, r.national[national_index("prize_finalists")]);
            const double active = r.national[national_index("prize_finalists_active")];
            if (r.month == 18)
                end_of_year += active / finalists / seeds;
            if (r.month == 30)
                sustained += active / finalists / seeds;
        }
        entrants += run_entrants / seeds;
        funded_min = std::min(funded_min, finalists);
        funded_max = std::max(funded_max, finalists);
    }
    WARN("NC (seeds 1-10): applications " << entrants << ", funded " << funded_min << "-"
                                          << funded_max << ", active at the end of the funded "
                                          << "year " << end_of_year << ", one year on "
                                          << sustained);
    CHECK(std::abs(entrants - 600.0) <= 0.15 * 600.0);
    CHECK(funded_min >= 16);
    CHECK(funded_max <= 17);
    CHECK(std::abs(sustained - 0.67) <= 0.10);
}
