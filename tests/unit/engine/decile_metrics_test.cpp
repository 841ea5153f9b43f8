// National series by deprivation decile (/deciles): the deciles of a synthetic population are
// population tenths by council deprivation, and every decile series adds up to its national
// series every month.
#include <catch2/catch.hpp>

#include <algorithm>
#include <array>
#include <cmath>

#include "localism/engine/simulation.hpp"
#include "localism/model/deprivation_deciles.hpp"
#include "test_support.hpp"
#include "test_world.hpp"

using namespace localism;

namespace {

double decile_value(const MonthRecord& r, const char* name, int slot) {
    const auto& metrics = metrics_in(Scope::kDecile);
    for (std::size_t m = 0; m < metrics.size(); ++m) {
        if (metrics[m]->name == name)
            return r.decile[m * kDecileCount + static_cast<std::size_t>(slot)];
    }
    FAIL("no decile metric " << name);
    return 0.0;
}

double decile_sum(const MonthRecord& r, const char* name) {
    double sum = 0.0;
    for (int d = 0; d < kDecileCount; ++d)
        sum += decile_value(r, name, d);
    return sum;
}

double national(const MonthRecord& r, const char* name) {
    return r.national[national_index(name)];
}

std::int64_t pence(double gbp) {
    return std::llround(gbp * 100.0);
}

std::int64_t decile_pence_sum(const MonthRecord& r, const char* name) {
    std::int64_t sum = 0;
    for (int d = 0; d < kDecileCount; ++d)
        sum += pence(decile_value(r, name, d));
    return sum;
}

}  // namespace

TEST_CASE("synthetic deciles are population tenths ranked by council deprivation", "[deciles]") {
    testing::TestWorld world(1000, {{"population.councils", "37"}});
    const auto& c = world.communities();
    const auto& councils = world.state().councils;
    std::array<int, kDecileCount> counts{};
    for (std::uint32_t i = 0; i < c.size(); ++i) {
        REQUIRE(c.deprivation_decile[i] >= 1);
        REQUIRE(c.deprivation_decile[i] <= 10);
        ++counts[decile_slot(c.deprivation_decile[i])];
    }
    for (const int n : counts)
        CHECK(n == 100);  // 1,000 equal communities: exactly 100 in each tenth
    // More deprived council, never a higher (less deprived) decile.
    for (std::uint32_t i = 0; i < c.size(); ++i) {
        for (std::uint32_t j = 0; j < c.size(); j += 7) {
            if (councils[c.council[i]].deprivation > councils[c.council[j]].deprivation)
                CHECK(c.deprivation_decile[i] <= c.deprivation_decile[j]);
        }
    }
    // The most deprived council's communities are in decile 1.
    const auto most = std::max_element(councils.begin(), councils.end(), [](auto& a, auto& b) {
        return a.deprivation < b.deprivation;
    });
    CHECK(c.deprivation_decile[most->first_community] == 1);
}

TEST_CASE("ties in deprivation are broken by community id", "[deciles]") {
    std::vector<Council> councils(2);
    councils[0] = {0, 0, 10, 0.5f};
    councils[1] = {1, 10, 20, 0.5f};
    std::vector<std::uint8_t> deciles(20, 0);
    assign_deprivation_deciles(councils, deciles);
    for (std::uint32_t i = 0; i < 20; ++i)
        CHECK(deciles[i] == 1 + i / 2);
}

TEST_CASE("each decile series sums to its national series every month", "[deciles][metrics]") {
    // Devolved money with a prize and the programme share of a mixed policy, so every public
    // income source flows; need dynamics on.
    Simulation sim(testing::make_scenario(
        600, {{"population.councils", "13"}, {"central.mode", "mixed"}, {"run.months", "48"}}));
    std::int64_t spend_sum_pence = 0;
    bool any_spend = false, any_reduced = false;
    while (sim.month() < sim.months()) {
        const MonthRecord r = sim.step();
        INFO("month " << r.month);
        // Pence series: exact, compared as integer pence (every value is a whole number of pence).
        const std::int64_t public_income = pence(national(r, "income_council_grant_gbp")) +
                                           pence(national(r, "income_council_contract_gbp")) +
                                           pence(national(r, "income_central_programme_gbp")) +
                                           pence(national(r, "income_challenge_prize_gbp"));
        CHECK(decile_pence_sum(r, "spend_gbp") == public_income);
        spend_sum_pence += public_income;
        CHECK(decile_pence_sum(r, "cumulative_spend_gbp") == spend_sum_pence);
        // Float sums: the same values added in another order.
        CHECK(decile_sum(r, "total_need") == Approx(national(r, "total_need")).epsilon(1e-12));
        CHECK(decile_sum(r, "need_reduced") ==
              Approx(national(r, "need_reduced")).epsilon(1e-9).margin(1e-9));
        CHECK(decile_sum(r, "cumulative_need_reduced") ==
              Approx(national(r, "cumulative_need_reduced")).epsilon(1e-9).margin(1e-9));
        CHECK(decile_sum(r, "communities") == 600.0);
        any_spend = any_spend || public_income > 0;
        any_reduced = any_reduced || national(r, "need_reduced") > 0.0;
    }
    CHECK(any_spend);  // the test saw money and need removed, so it checked something
    CHECK(any_reduced);
}
