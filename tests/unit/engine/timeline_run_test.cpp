// Runs with a policy timeline (ODD 7.20): identical to the run without it before the change,
// different after; the programme-close rule; money conserved across the change; the same records
// at 1 and 2 threads.
#include <tbb/global_control.h>

#include <catch2/catch.hpp>
#include <cstring>

#include "localism/engine/simulation.hpp"
#include "localism/scenario/timeline.hpp"
#include "test_support.hpp"

using namespace localism;

namespace {

// A centralised run of 8 years whose programme is rolling out well before month 61.
std::map<std::string, std::string> centralised(std::map<std::string, std::string> extra = {}) {
    std::map<std::string, std::string> o = {{"central.mode", "centralised"},
                                            {"central.annual_budget_gbp", "400000"},
                                            {"centralised.pilot_months", "12"},
                                            {"councils.leakage_share", "0.2"},
                                            {"run.months", "96"},
                                            {"run.seed", "7"}};
    for (const auto& [key, value] : extra)
        o[key] = value;
    return o;
}

struct Month {
    MonthRecord record;
    std::int64_t members = 0;          // communities enrolled in the programme
    std::int64_t programme_pence = 0;  // paid on the programme's spend line this month
    std::int64_t programme_money = 0;  // central money not reserved for prizes, month end
    bool money_conserved = false;      // allocated = spent + held
};

std::vector<Month> run(const Scenario& scenario) {
    Simulation sim(scenario);
    std::vector<Month> months;
    while (sim.month() < sim.months()) {
        Month m;
        m.record = sim.step();
        const ModelState& state = sim.world().state;
        for (std::uint32_t i = 0; i < state.communities.size(); ++i)
            m.members += (state.communities.flags[i] & kFlagProgrammeMember) != 0;
        for (const CouncilMonth& row : sim.world().accounts.councils)
            m.programme_pence += row.spend_pence[static_cast<int>(SpendLine::kCentralProgramme)];
        m.programme_money = state.central.held_pence - state.central.prize_fund_pence;
        m.money_conserved =
            state.ledger.allocated_pence == state.ledger.spent_pence + money_held_pence(state);
        months.push_back(m);
    }
    return months;
}

bool same_bits(const std::vector<double>& a, const std::vector<double>& b) {
    return a.size() == b.size() && std::memcmp(a.data(), b.data(), a.size() * sizeof(double)) == 0;
}

bool same_record(const MonthRecord& a, const MonthRecord& b) {
    return same_bits(a.national, b.national) && same_bits(a.council, b.council) &&
           same_bits(a.decile, b.decile);
}

double value(const Month& m, const char* name) {
    return m.record.national[national_index(name)];
}

}  // namespace

TEST_CASE("a change at month 61 leaves months 1-60 bit-identical and changes what follows",
          "[timeline]") {
    const auto plain = run(testing::make_scenario(1500, centralised()));
    const auto devolving = run(testing::make_scenario(
        1500, centralised({{"timeline.month.61.central.mode", "devolved"}})));
    REQUIRE(plain.size() == 96);
    REQUIRE(devolving.size() == 96);
    for (std::size_t m = 0; m < 60; ++m) {
        INFO("month " << m + 1);
        REQUIRE(same_record(plain[m].record, devolving[m].record));
    }
    REQUIRE(plain[59].members > 0);  // the programme was rolling out at the change
    CHECK(value(devolving[60], "policy_changes") == 1.0);
    CHECK(value(devolving[61], "policy_changes") == 0.0);
    CHECK(value(plain[60], "policy_changes") == 0.0);
    bool differs = false;
    for (std::size_t m = 60; m < 96; ++m)
        differs = differs || !same_record(plain[m].record, devolving[m].record);
    CHECK(differs);
    // Month 61 is an April: the programme closes at once and its money goes to the councils.
    CHECK(devolving[60].members == 0);
    CHECK(devolving[60].programme_pence == 0);
    CHECK(devolving[60].programme_money == 0);
    CHECK(plain[60].programme_money > 0);
}

TEST_CASE("a programme closed mid-year pays its members to April or stops at once", "[timeline]") {
    // Month 67 is October of year 6: six months before the next budget month (73).
    const auto closing = [](const char* rule) {
        return run(testing::make_scenario(
            1500, centralised({{"timeline.month.67.central.mode", "devolved"},
                               {"centralised.members_at_close", rule}})));
    };
    const auto keep = closing("keep_until_april");
    const auto lose = closing("lose_funding");
    REQUIRE(keep[65].members > 0);
    for (std::size_t m = 66; m < 72; ++m) {
        INFO("month " << m + 1);
        // Kept: the members of month 66 stay and are paid (in the last month before April only
        // as far as the money lasts, as without a change), and nobody joins.
        CHECK(keep[m].members > 0);
        CHECK(keep[m].members <= keep[65].members);
        CHECK((keep[m].programme_pence > 0 || m == 71));
        // Lost: no members and no programme money from the change on.
        CHECK(lose[m].members == 0);
        CHECK(lose[m].programme_pence == 0);
    }
    CHECK(keep[72].members == 0);  // closed in April
    CHECK(keep[72].programme_pence == 0);
    // At the close the programme's unspent money goes to the councils at once; kept open, it
    // holds what pays the members to April.
    CHECK(lose[66].programme_money == 0);
    CHECK(keep[66].programme_money > 0);
    CHECK(keep[72].programme_money == 0);
}

TEST_CASE("money is conserved across timeline changes in both directions", "[timeline]") {
    const std::vector<std::map<std::string, std::string>> cases = {
        centralised({{"timeline.month.67.central.mode", "devolved"}}),
        centralised({{"timeline.month.67.central.mode", "devolved"},
                     {"centralised.members_at_close", "lose_funding"}}),
        // Devolved, then centralised mid-call (the prize call finishes), then a budget cut and
        // devolved again.
        {{"central.mode", "devolved"},
         {"central.annual_budget_gbp", "2000000"},
         {"prize.first_call_month", "20"},
         {"prize.interval_months", "24"},
         {"councils.leakage_share", "0.1"},
         {"run.months", "96"},
         {"timeline.month.25.central.mode", "centralised"},
         {"timeline.month.70.central.mode", "devolved"},
         {"timeline.month.70.central.annual_budget_gbp", "500000"},
         {"timeline.month.80.prize.enabled", "false"}},
    };
    for (const auto& overrides : cases) {
        const auto months = run(testing::make_scenario(1200, overrides));
        for (const Month& m : months) {
            INFO("month " << m.record.month);
            REQUIRE(m.money_conserved);
            REQUIRE(value(m, "public_allocated_gbp") ==
                    Approx(value(m, "public_spent_gbp") + value(m, "public_leaked_gbp") +
                           value(m, "unspent_central_gbp") + value(m, "unspent_councils_gbp"))
                        .margin(0.005));
        }
    }
}

TEST_CASE("a prize call under way when prizes stop finishes, and no new call opens", "[timeline]") {
    // A call opens at month 14 (the fund covers a whole call after two Aprils) and awards at
    // month 14 + 3 + 6 + 12 = 35; prizes stop at 16, so the call due at month 35 never opens.
    Simulation sim(testing::make_scenario(1200, {{"central.mode", "devolved"},
                                                 {"prize.first_call_month", "14"},
                                                 {"prize.interval_months", "21"},
                                                 {"run.months", "60"},
                                                 {"timeline.month.16.prize.enabled", "false"}}));
    double finalists = 0.0;
    std::int64_t fund_after_awards = -1;
    while (sim.month() < sim.months()) {
        const MonthRecord r = sim.step();
        finalists = std::max(finalists, r.national[national_index("prize_finalists")]);
        if (sim.month() == 36)
            fund_after_awards = sim.world().state.central.prize_fund_pence;
    }
    const CentralGovernment& central = sim.world().state.central;
    CHECK(finalists > 0.0);
    CHECK(central.prize_call_month == 14);
    CHECK(central.prize_calls_skipped == 0);
    // What the finished call did not spend stays reserved for prizes (and held centrally).
    CHECK(central.prize_fund_pence == fund_after_awards);
}

TEST_CASE("runs with a timeline are bit-identical at 1 and 2 threads", "[timeline]") {
    const Scenario s = testing::make_scenario(
        1500, centralised({{"timeline.month.67.central.mode", "devolved"},
                           {"timeline.month.85.central.mode", "mixed"},
                           {"timeline.month.85.central.annual_budget_gbp", "200000"}}));
    const auto with_threads = [&](int threads) {
        tbb::global_control parallelism(tbb::global_control::max_allowed_parallelism,
                                        static_cast<std::size_t>(threads));
        return run(s);
    };
    const auto one = with_threads(1);
    const auto two = with_threads(2);
    REQUIRE(one.size() == two.size());
    for (std::size_t m = 0; m < one.size(); ++m) {
        INFO("month " << m + 1);
        REQUIRE(same_record(one[m].record, two[m].record));
    }
}
