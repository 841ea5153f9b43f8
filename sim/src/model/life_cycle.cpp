// Life-cycle transitions: the only code that writes stage, months in stage, start month, track
// record and the life-cycle flags.
#include "localism/model/life_cycle.hpp"

#include <array>

namespace localism::life_cycle {

namespace {

template <typename Columns>
void enter(Columns& c, std::uint32_t i, Stage stage) {
    c.stage[i] = stage;
    c.months_in_stage[i] = 0;
}

}  // namespace

template <typename Columns>
void start(Columns& c, std::uint32_t i, std::int32_t month, LifeCycleCounts& counts) {
    enter(c, i, Stage::kIdea);
    c.start_month[i] = static_cast<std::int16_t>(month);
    c.flags[i] |= kFlagEverStarted;
    ++counts.starts;
}

// Where each Move leads and which count it adds to, in the order of the enum.
struct MoveRule {
    Stage to;
    std::int64_t LifeCycleCounts::*count;
};
constexpr std::array<MoveRule, 6> kMoveRules = {{
    {Stage::kPlan, &LifeCycleCounts::plans_formed},   // kFormPlan
    {Stage::kActive, &LifeCycleCounts::activations},  // kActivate
    {Stage::kDormant, &LifeCycleCounts::dormancies},  // kGoDormant
    {Stage::kActive, &LifeCycleCounts::revivals},     // kRevive
    {Stage::kNone, &LifeCycleCounts::abandonments},   // kAbandon
    {Stage::kDormant, &LifeCycleCounts::burnouts},    // kBurnOut
}};

template <typename Columns>
void move(Columns& c, std::uint32_t i, Move transition, LifeCycleCounts& counts) {
    const MoveRule& rule = kMoveRules[static_cast<std::size_t>(transition)];
    enter(c, i, rule.to);
    ++(counts.*rule.count);
}

template <typename Columns>
void form_plan_with_support(Columns& c, std::uint32_t i, LifeCycleCounts& counts) {
    if (c.stage[i] != Stage::kIdea)
        return;
    c.stage[i] = Stage::kPlan;
    ++counts.plans_formed;
}

template <typename Columns>
void dissolve(Columns& c, std::uint32_t i, LifeCycleCounts& counts) {
    enter(c, i, Stage::kDissolved);
    c.flags[i] &= static_cast<std::uint8_t>(~(kFlagProgrammeMember | kFlagPilot));
    ++counts.dissolutions;
}

template <typename Columns>
void reopen(Columns& c, std::uint32_t i) {
    enter(c, i, Stage::kNone);
}

template <typename Columns>
void join_programme(Columns& c, std::uint32_t i, std::int32_t month, LifeCycleCounts& counts) {
    if (c.stage[i] != Stage::kActive) {
        c.start_month[i] = static_cast<std::int16_t>(month);
        ++counts.starts;
    }
    c.flags[i] |= kFlagProgrammeMember | kFlagEverStarted;
    enter(c, i, Stage::kActive);
}

template <typename Columns>
void leave_programme(Columns& c, std::uint32_t i) {
    c.flags[i] &= static_cast<std::uint8_t>(~kFlagProgrammeMember);
}

template <typename Columns>
bool enter_pilot(Columns& c, std::uint32_t i, std::int32_t month, LifeCycleCounts& counts) {
    const bool was_active = c.stage[i] == Stage::kActive;
    if (!was_active) {
        // Stage, not a negative start month, says there is no initiative: groups of the existing
        // sector started before month 1 (ODD 7.17).
        const bool fresh = c.stage[i] == Stage::kNone || c.stage[i] == Stage::kDissolved;
        if (fresh) {
            c.start_month[i] = static_cast<std::int16_t>(month);
            ++counts.starts;
        }
        c.flags[i] |= kFlagEverStarted;
        move(c, i, Move::kActivate, counts);
    }
    c.flags[i] |= kFlagPilot;
    return !was_active;
}

template <typename Columns>
void seed_active(Columns& c, std::uint32_t i, LifeCycleCounts& counts) {
    c.start_month[i] = 0;
    c.flags[i] |= kFlagEverStarted;
    move(c, i, Move::kActivate, counts);
}

template <typename Columns>
void seed_existing(Columns& c, std::uint32_t i, std::int16_t start_month,
                   std::uint16_t track_record_months, LifeCycleCounts& counts) {
    c.start_month[i] = start_month;
    c.track_record_months[i] = track_record_months;
    c.flags[i] |= kFlagEverStarted;
    move(c, i, Move::kActivate, counts);
}

template <typename Columns>
void advance_clocks(Columns& c, std::uint32_t i) {
    advance_clocks(c, i, i + 1);
}

template <typename Columns>
void count_cohort(const Columns& c, std::uint32_t i, std::int32_t month, CouncilMonth& row) {
    count_cohorts(c, i, i + 1, month, row);
}

// The rules, written without branches so that the compiler vectorises the per-council loops;
// the single-community forms above are ranges of one.
template <typename Columns>
void advance_clocks(Columns& c, std::uint32_t first, std::uint32_t last) {
    for (std::uint32_t i = first; i < last; ++i) {
        const std::uint16_t track = c.track_record_months[i];
        c.track_record_months[i] =
            static_cast<std::uint16_t>(track + (c.stage[i] == Stage::kActive && track < 0xFFFF));
        const std::uint16_t in_stage = c.months_in_stage[i];
        c.months_in_stage[i] = static_cast<std::uint16_t>(in_stage + (in_stage < 0xFFFF));
    }
}

template <typename Columns>
void count_cohorts(const Columns& c, std::uint32_t first, std::uint32_t last, std::int32_t month,
                   CouncilMonth& row) {
    if (month <= 12)
        return;  // nobody started 12 months before month 1-12 of the run
    std::int64_t cohort = 0;
    std::int64_t survivors = 0;
    for (std::uint32_t i = first; i < last; ++i) {
        const bool started_then = c.start_month[i] == month - 12;
        const bool still_there = c.stage[i] != Stage::kDissolved && c.stage[i] != Stage::kNone;
        cohort += started_then;
        survivors += started_then && still_there;
    }
    row.cohort_12m += cohort;
    row.survivors_12m += survivors;
}

// The two column types transitions run on: the whole population and a council slice.
#define LOCALISM_LIFE_CYCLE_INSTANTIATE(Columns)                                            \
    template void start(Columns&, std::uint32_t, std::int32_t, LifeCycleCounts&);           \
    template void move(Columns&, std::uint32_t, Move, LifeCycleCounts&);                    \
    template void form_plan_with_support(Columns&, std::uint32_t, LifeCycleCounts&);        \
    template void dissolve(Columns&, std::uint32_t, LifeCycleCounts&);                      \
    template void reopen(Columns&, std::uint32_t);                                          \
    template void join_programme(Columns&, std::uint32_t, std::int32_t, LifeCycleCounts&);  \
    template void leave_programme(Columns&, std::uint32_t);                                 \
    template bool enter_pilot(Columns&, std::uint32_t, std::int32_t, LifeCycleCounts&);     \
    template void seed_active(Columns&, std::uint32_t, LifeCycleCounts&);                   \
    template void seed_existing(Columns&, std::uint32_t, std::int16_t, std::uint16_t,       \
                                LifeCycleCounts&);                                          \
    template void advance_clocks(Columns&, std::uint32_t);                                  \
    template void count_cohort(const Columns&, std::uint32_t, std::int32_t, CouncilMonth&); \
    template void advance_clocks(Columns&, std::uint32_t, std::uint32_t);                   \
    template void count_cohorts(const Columns&, std::uint32_t, std::uint32_t, std::int32_t, \
                                CouncilMonth&);
LOCALISM_LIFE_CYCLE_INSTANTIATE(Communities)
LOCALISM_LIFE_CYCLE_INSTANTIATE(CommunitySlice)
#undef LOCALISM_LIFE_CYCLE_INSTANTIATE

}  // namespace localism::life_cycle
