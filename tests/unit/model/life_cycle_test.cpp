// Life cycle: every named transition's effect on stage, clocks and flags, and the one count it
// adds to the month's LifeCycleCounts.
#include <catch2/catch.hpp>

#include <array>

#include "localism/model/life_cycle.hpp"

using namespace localism;

namespace {

// The counts as an array in declaration order, so one CHECK shows every field.
std::array<std::int64_t, 8> as_array(const LifeCycleCounts& n) {
    return {n.starts,   n.plans_formed, n.activations,  n.dormancies,
            n.revivals, n.dissolutions, n.abandonments, n.burnouts};
}
// Counts with a single field set to one.
LifeCycleCounts one(std::int64_t LifeCycleCounts::*field) {
    LifeCycleCounts n;
    n.*field = 1;
    return n;
}

// Three communities in their initial state, the middle one set up at `stage` with 7 months in
// stage and an initiative started in month 3.
Communities population_with(Stage stage) {
    Communities c;
    c.resize(3);
    c.stage[1] = stage;
    c.months_in_stage[1] = 7;
    c.start_month[1] = stage == Stage::kNone ? -1 : 3;
    return c;
}

}  // namespace

TEST_CASE("start: none -> idea, clock reset, start month and ever-started set, one start",
          "[life_cycle]") {
    Communities c = population_with(Stage::kNone);
    LifeCycleCounts n;
    life_cycle::start(c, 1, 9, n);
    CHECK(c.stage[1] == Stage::kIdea);
    CHECK(c.months_in_stage[1] == 0);
    CHECK(c.start_month[1] == 9);
    CHECK((c.flags[1] & kFlagEverStarted) != 0);
    CHECK(as_array(n) == as_array(one(&LifeCycleCounts::starts)));
    CHECK(c.stage[0] == Stage::kNone);  // neighbours untouched
    CHECK(c.stage[2] == Stage::kNone);
}

TEST_CASE("each stage transition sets its stage, resets the clock and counts once",
          "[life_cycle]") {
    struct Case {
        const char* name;
        Stage from;
        life_cycle::Move move;  // dissolve is not a plain move: checked below
        Stage to;
        std::int64_t LifeCycleCounts::*counted;
    };
    using life_cycle::Move;
    const std::array cases = {
        Case{"form_plan", Stage::kIdea, Move::kFormPlan, Stage::kPlan,
             &LifeCycleCounts::plans_formed},
        Case{"activate", Stage::kPlan, Move::kActivate, Stage::kActive,
             &LifeCycleCounts::activations},
        Case{"go_dormant", Stage::kActive, Move::kGoDormant, Stage::kDormant,
             &LifeCycleCounts::dormancies},
        Case{"revive", Stage::kDormant, Move::kRevive, Stage::kActive, &LifeCycleCounts::revivals},
        Case{"abandon", Stage::kPlan, Move::kAbandon, Stage::kNone, &LifeCycleCounts::abandonments},
        Case{"burn_out", Stage::kActive, Move::kBurnOut, Stage::kDormant,
             &LifeCycleCounts::burnouts},
    };
    for (const Case& k : cases) {
        INFO(k.name);
        Communities c = population_with(k.from);
        LifeCycleCounts n;
        life_cycle::move(c, 1, k.move, n);
        CHECK(c.stage[1] == k.to);
        CHECK(c.months_in_stage[1] == 0);
        CHECK(c.start_month[1] == 3);  // only starts and enrolments move the start month
        CHECK(as_array(n) == as_array(one(k.counted)));
    }
}

TEST_CASE("plan support: idea -> plan keeping the months in stage; any other stage unchanged",
          "[life_cycle]") {
    Communities c = population_with(Stage::kIdea);
    LifeCycleCounts n;
    life_cycle::form_plan_with_support(c, 1, n);
    CHECK(c.stage[1] == Stage::kPlan);
    CHECK(c.months_in_stage[1] == 7);  // deliberately not reset (life_cycle.hpp, ODD 7.13)
    CHECK(as_array(n) == as_array(one(&LifeCycleCounts::plans_formed)));
    for (const Stage other : {Stage::kNone, Stage::kPlan, Stage::kActive, Stage::kDormant}) {
        Communities d = population_with(other);
        LifeCycleCounts m;
        life_cycle::form_plan_with_support(d, 1, m);
        CHECK(d.stage[1] == other);
        CHECK(d.months_in_stage[1] == 7);
        CHECK(as_array(m) == as_array(LifeCycleCounts{}));
    }
}

TEST_CASE("dissolve clears programme and pilot flags but keeps ever-started", "[life_cycle]") {
    Communities c = population_with(Stage::kDormant);
    c.flags[1] = kFlagProgrammeMember | kFlagPilot | kFlagEverStarted | kFlagSocialInvested;
    LifeCycleCounts n;
    life_cycle::dissolve(c, 1, n);
    CHECK(c.flags[1] == (kFlagEverStarted | kFlagSocialInvested));
    CHECK(c.stage[1] == Stage::kDissolved);
    CHECK(c.months_in_stage[1] == 0);
    CHECK(as_array(n) == as_array(one(&LifeCycleCounts::dissolutions)));
}

TEST_CASE("reopen: dissolved -> none without a count", "[life_cycle]") {
    Communities c = population_with(Stage::kDissolved);
    life_cycle::reopen(c, 1);
    CHECK(c.stage[1] == Stage::kNone);
    CHECK(c.months_in_stage[1] == 0);
}

TEST_CASE("join_programme: a start unless already active; always active with the member flag",
          "[life_cycle]") {
    for (const Stage from : {Stage::kNone, Stage::kIdea, Stage::kDormant, Stage::kDissolved}) {
        Communities c = population_with(from);
        LifeCycleCounts n;
        life_cycle::join_programme(c, 1, 20, n);
        CHECK(c.stage[1] == Stage::kActive);
        CHECK(c.months_in_stage[1] == 0);
        CHECK(c.start_month[1] == 20);  // a dormant group restarts its clock
        CHECK(c.flags[1] == (kFlagProgrammeMember | kFlagEverStarted));
        CHECK(as_array(n) == as_array(one(&LifeCycleCounts::starts)));
    }
    Communities c = population_with(Stage::kActive);
    LifeCycleCounts n;
    life_cycle::join_programme(c, 1, 20, n);
    CHECK(c.start_month[1] == 3);
    CHECK(c.flags[1] == (kFlagProgrammeMember | kFlagEverStarted));
    CHECK(as_array(n) == as_array(LifeCycleCounts{}));
}

TEST_CASE("enter_pilot returns whether it activated; a start only for a fresh group",
          "[life_cycle]") {
    {
        Communities c = population_with(Stage::kNone);
        LifeCycleCounts n;
        CHECK(life_cycle::enter_pilot(c, 1, 4, n));
        CHECK(c.stage[1] == Stage::kActive);
        CHECK(c.start_month[1] == 4);
        CHECK(c.flags[1] == (kFlagPilot | kFlagEverStarted));
        CHECK(n.starts == 1);
        CHECK(n.activations == 1);
    }
    {  // an initiative under way: activated, but not a new start
        Communities c = population_with(Stage::kPlan);
        LifeCycleCounts n;
        CHECK(life_cycle::enter_pilot(c, 1, 4, n));
        CHECK(c.start_month[1] == 3);
        CHECK(as_array(n) == as_array(one(&LifeCycleCounts::activations)));
    }
    {  // already active: flagged only
        Communities c = population_with(Stage::kActive);
        LifeCycleCounts n;
        CHECK_FALSE(life_cycle::enter_pilot(c, 1, 4, n));
        CHECK(c.months_in_stage[1] == 7);
        CHECK(c.flags[1] == kFlagPilot);
        CHECK(as_array(n) == as_array(LifeCycleCounts{}));
    }
}

TEST_CASE("seed_active: active from month 0, counted as an activation", "[life_cycle]") {
    Communities c = population_with(Stage::kNone);
    LifeCycleCounts n;
    life_cycle::seed_active(c, 1, n);
    CHECK(c.stage[1] == Stage::kActive);
    CHECK(c.start_month[1] == 0);
    CHECK((c.flags[1] & kFlagEverStarted) != 0);
    CHECK(as_array(n) == as_array(one(&LifeCycleCounts::activations)));
}

TEST_CASE("clocks: months in stage always, track record only when active, both saturate",
          "[life_cycle]") {
    Communities c = population_with(Stage::kActive);
    c.stage[0] = Stage::kDormant;
    life_cycle::advance_clocks(c, 0);
    life_cycle::advance_clocks(c, 1);
    CHECK(c.months_in_stage[0] == 1);
    CHECK(c.track_record_months[0] == 0);
    CHECK(c.months_in_stage[1] == 8);
    CHECK(c.track_record_months[1] == 1);
    c.months_in_stage[1] = 0xFFFF;
    c.track_record_months[1] = 0xFFFF;
    life_cycle::advance_clocks(c, 1);
    CHECK(c.months_in_stage[1] == 0xFFFF);
    CHECK(c.track_record_months[1] == 0xFFFF);
}

TEST_CASE("the 12-month cohort counts starts of 12 months ago and their survivors",
          "[life_cycle]") {
    Communities c;
    c.resize(4);
    const Stage stages[] = {Stage::kActive, Stage::kDissolved, Stage::kDormant, Stage::kActive};
    for (std::uint32_t i = 0; i < 4; ++i) {
        c.stage[i] = stages[i];
        c.start_month[i] = static_cast<std::int16_t>(i < 3 ? 3 : 4);  // community 3: too late
    }
    CouncilMonth row;
    for (std::uint32_t i = 0; i < 4; ++i)
        life_cycle::count_cohort(c, i, 15, row);
    CHECK(row.cohort_12m == 3);
    CHECK(row.survivors_12m == 2);
    CouncilMonth early;  // before month 13 there is no cohort, even for start month 0
    c.start_month[0] = 0;
    life_cycle::count_cohort(c, 0, 12, early);
    CHECK(early.cohort_12m == 0);
}

TEST_CASE("transitions on a council slice write the same storage as on the population",
          "[life_cycle]") {
    Communities c = population_with(Stage::kIdea);
    CommunitySlice slice = c.slice(1, 3);
    LifeCycleCounts n;
    life_cycle::move(slice, 1, life_cycle::Move::kFormPlan, n);
    life_cycle::move(slice, 1, life_cycle::Move::kActivate, n);
    life_cycle::advance_clocks(slice, 1);
    CHECK(c.stage[1] == Stage::kActive);
    CHECK(c.months_in_stage[1] == 1);
    CHECK(c.track_record_months[1] == 1);
    CHECK(n.plans_formed == 1);
    CHECK(n.activations == 1);
}
