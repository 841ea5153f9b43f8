// Council commissioning: scoring, ranking, exact budget lines, the usual-suspects effect.
#include <catch2/catch.hpp>

#include "localism/engine/simulation.hpp"
#include "localism/model/commissioning.hpp"
#include "test_world.hpp"

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

namespace {

constexpr std::int64_t kGrant = 600'000;       // GBP 6,000
constexpr std::int64_t kContract = 1'500'000;  // GBP 15,000
constexpr std::int64_t kSupport = 200'000;     // GBP 2,000

std::int64_t spent(const CouncilMonth& row, SpendLine line) {
    return row.spend_pence[static_cast<int>(line)];
}
std::int64_t income(const CouncilMonth& row, IncomeSource source) {
    return row.income_pence[static_cast<int>(source)];
}

// One council of 10 communities, every group that wants money applies (full outreach, no admin
// burden), scores without noise, and no own budget arrives in April: the round works only on the
// lines set by hand. Groups: 0 and 1 active with 24 months' track record (the usual suspects),
// 4 dormant with 6 months, 2, 3 and 5 new plans, the rest without an initiative. With quality 0.5
// everywhere the ranking is 0, 1, 4, 2, 3, 5.
testing::TestWorld one_council_round() {
    return testing::TestWorld(10, {{"population.councils", "1"},
                                   {"councils.outreach", "1"},
                                   {"councils.admin_burden", "0"},
                                   {"councils.scoring_noise_sd", "0"},
                                   {"councils.usual_suspects_weight", "1"},
                                   {"councils.track_record_saturation_months", "36"},
                                   {"councils.contract_min_track_record_months", "12"},
                                   {"councils.own_budget_gbp_per_community_per_year", "0"},
                                   {"councils.grant_gbp", "6000"},
                                   {"councils.contract_gbp", "15000"},
                                   {"councils.support_cost_gbp", "2000"},
                                   {"emergence.plan_months", "3"}});
}

void set_applicants(Communities& c) {
    for (std::uint32_t i = 0; i < 10; ++i) {
        c.leadership[i] = 0.5f;
        c.capacity[i] = 0.5f;
    }
    const Stage stages[] = {Stage::kActive, Stage::kActive,  Stage::kPlan,
                            Stage::kPlan,   Stage::kDormant, Stage::kPlan};
    const std::uint16_t records[] = {24, 24, 0, 0, 6, 0};
    for (std::uint32_t i = 0; i < 6; ++i) {
        c.stage[i] = stages[i];
        c.track_record_months[i] = records[i];
    }
    for (const std::uint32_t i : {2u, 3u, 5u})
        c.start_month[i] = 0;
    c.months_in_stage[2] = 3;  // plan complete: a grant activates it
}

}  // namespace

TEST_CASE("a round alone: lines spent exactly, contracts need track record, shares booked",
          "[commissioning]") {
    testing::TestWorld world = one_council_round();
    Communities& c = world.communities();
    set_applicants(c);
    Council& council = world.state().councils[0];
    council.contracts_pence = kContract + kContract - 1;  // room for one contract only
    council.open_grants_pence = 2 * kGrant + 1;
    council.local_challenge_pence = kGrant;
    council.nonfinancial_pence = kSupport;
    world.next_month();
    world.run_councils(&step_commissioning);
    const CouncilMonth& row = world.accounts().councils[0];
    // The best scored established group gets the contract; the next two open grants; the local
    // challenge goes to the best group with no track record; support to the next unfunded one.
    CHECK(c.cash_pence[0] == kContract);
    CHECK(c.cash_pence[1] == kGrant);
    CHECK(c.cash_pence[4] == kGrant);
    CHECK(c.cash_pence[2] == kGrant);
    CHECK(c.cash_pence[3] == 0);
    CHECK(c.cash_pence[5] == 0);
    CHECK(council.contracts_pence == kContract - 1);
    CHECK(council.open_grants_pence == 1);
    CHECK(council.local_challenge_pence == 0);
    CHECK(council.nonfinancial_pence == 0);
    CHECK(spent(row, SpendLine::kContracts) == kContract);
    CHECK(spent(row, SpendLine::kOpenGrants) == 2 * kGrant);
    CHECK(spent(row, SpendLine::kLocalChallenge) == kGrant);
    CHECK(spent(row, SpendLine::kNonFinancialSupport) == kSupport);
    CHECK(income(row, IncomeSource::kCouncilContract) == kContract);
    CHECK(income(row, IncomeSource::kCouncilGrant) == 3 * kGrant);
    // Grants (not contracts): 1 to a usual suspect (top decile: 24 months), 1 to a new group.
    CHECK(row.grant_pence_total == 3 * kGrant);
    CHECK(row.grant_pence_to_usual_suspects == kGrant);
    CHECK(row.grant_pence_to_new_groups == kGrant);
    // The funded complete plan is activated; the supported group gains capacity.
    CHECK(c.stage[2] == Stage::kActive);
    CHECK(row.life_cycle.activations == 1);
    CHECK(c.capacity[3] == Approx(0.6).epsilon(1e-6));
    CHECK(c.capacity[5] == 0.5f);
}

TEST_CASE("contracts go only to groups with the minimum track record", "[commissioning]") {
    testing::TestWorld world = one_council_round();
    Communities& c = world.communities();
    set_applicants(c);
    c.track_record_months[0] = 11;  // one month short
    c.track_record_months[1] = 11;
    Council& council = world.state().councils[0];
    council.contracts_pence = 10 * kContract;
    world.next_month();
    world.run_councils(&step_commissioning);
    CHECK(spent(world.accounts().councils[0], SpendLine::kContracts) == 0);
    CHECK(council.contracts_pence == 10 * kContract);
}

TEST_CASE("a council's own budget arrives each April only, in its own row", "[commissioning]") {
    testing::TestWorld world(100, {{"population.councils", "2"},
                                   {"councils.own_budget_gbp_per_community_per_year", "100"}});
    std::vector<std::int64_t> received;
    for (int month = 1; month <= 13; ++month) {
        world.next_month();
        world.run_councils(&step_commissioning);
        received.push_back(world.accounts().councils[1].received_pence);
    }
    // Council 1 has 50 communities: GBP 5,000 in months 1 and 13 only.
    for (std::size_t m = 0; m < received.size(); ++m)
        CHECK(received[m] == ((m == 0 || m == 12) ? 500'000 : 0));
}
