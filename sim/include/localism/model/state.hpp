// Runtime state of every agent, built from a Scenario. Communities are stored as structure of
// arrays, sorted by council so that council c owns the contiguous range [first, last).
#pragma once

#include <array>
#include <cassert>
#include <cstdint>
#include <cstring>
#include <utility>
#include <vector>

namespace localism {

inline constexpr int kContextDimensions = 4;
using Vector4 = std::array<float, kContextDimensions>;

enum class Stage : std::uint8_t { kNone, kIdea, kPlan, kActive, kDormant, kDissolved };
inline constexpr int kStageCount = 6;

// Where a community's money came from. Order is part of the output format.
enum class IncomeSource : std::uint8_t {
    kCouncilGrant,
    kCouncilContract,
    kCentralProgramme,
    kChallengePrize,
    kEarned,
    kDonations,
    kSocialInvestment,
};
inline constexpr int kIncomeSourceCount = 7;
using EdgeIndex = std::uint32_t;

// Trailing income is kept in bfloat16 (the top 16 bits of a float: 8 significant bits): it only
// feeds income shares for the diversity index, and 14 instead of 28 bytes per community keeps a
// million-community run within its memory budget. C++20 has no 16-bit float type of its own.
inline std::uint16_t to_bfloat16(float value) {
    std::uint32_t bits;
    std::memcpy(&bits, &value, sizeof bits);
    bits += 0x7FFFu + ((bits >> 16) & 1u);  // round to nearest, ties to even
    return static_cast<std::uint16_t>(bits >> 16);
}
inline float from_bfloat16(std::uint16_t stored) {
    const std::uint32_t bits = static_cast<std::uint32_t>(stored) << 16;
    float value;
    std::memcpy(&value, &bits, sizeof value);
    return value;
}
using TrailingIncome = std::array<std::uint16_t, kIncomeSourceCount>;  // bfloat16 GBP by source

// Bit flags on a community.
enum CommunityFlag : std::uint8_t {
    kFlagProgrammeMember = 1,  // enrolled in the central programme (imposed template)
    kFlagPilot = 2,            // a pilot site of the centralised programme
    kFlagEverStarted = 4,      // has started at least one initiative
    kFlagSocialInvested = 8,   // has received social investment (once per life)
};

// Prize funnel position of a community in the current call.
enum class PrizeStage : std::uint8_t { kNone, kEntrant, kPlanning, kPitched, kFinalist, kWinner };

// A column of per-community values restricted to one council's range [first, last): what a
// council process receives. Indexing uses global community ids (so random streams stay keyed by
// entity), and in builds with assertions an index outside the range stops the program, so a
// process cannot reach another council's communities by accident.
template <typename T>
class RangeColumn {
  public:
    RangeColumn() = default;
    RangeColumn(T* base, std::uint32_t first, std::uint32_t last)
        : base_(base), first_(first), last_(last) {}
    T& operator[](std::uint32_t i) const {
        assert(i >= first_ && i < last_ && "community outside this council's slice");
        return base_[i];
    }

  private:
    T* base_ = nullptr;
    std::uint32_t first_ = 0;
    std::uint32_t last_ = 0;
};
template <typename T>
using StoredColumn = std::vector<T>;

// Every per-community array, once. Instantiated as storage (StoredColumn: the whole population)
// and as a council slice (RangeColumn: one council's range).
template <template <typename> class Column>
struct CommunityColumns {
    Column<std::uint16_t> council;  // owning council id (population.councils <= 65,535)
    // Characteristics (fixed after initialisation unless a mechanism says otherwise).
    Column<float> leadership;      // 0-1
    Column<float> social_capital;  // 0-1
    // IMD-style decile of the community, 1 = most deprived tenth of the population ... 10 =
    // least deprived (model/deprivation_deciles.hpp; a geography supplies real deciles).
    Column<std::uint8_t> deprivation_decile;
    Column<Vector4> context;  // local context, context units
    // Dynamic state.
    Column<float> need;      // need units
    Column<float> capacity;  // 0-1
    // Life cycle: written only by the life_cycle unit (model/life_cycle.hpp).
    Column<Stage> stage;
    Column<std::uint16_t> months_in_stage;
    // Month the current initiative started; -1 none yet. The existing sector (ODD 7.17) starts
    // before the run (negative months), so the stage, not the sign, says whether there is one.
    Column<std::int16_t> start_month;
    Column<std::uint16_t> track_record_months;  // months ever active
    Column<std::uint8_t> flags;                 // CommunityFlag bits
    Column<Vector4> practice;                   // solution design, same space as context
    Column<float> ownership;                    // 0-1
    Column<float> earned_income_capability;     // 0-1
    Column<std::int64_t> cash_pence;
    // Trailing-year income by source, GBP: an exponential moving average with a 12-month window
    // (instead of 12 monthly slots) to keep memory per community small; see docs/ODD.md.
    Column<TrailingIncome> trailing_income_gbp;
    Column<float> effectiveness;  // last month's impact factor (0-1), what peers observe
    Column<float> need_reduced;   // need units removed this month
    Column<PrizeStage> prize_stage;
    // Transferable know-how (model/knowhow.hpp): design-choice bits, and last month's copy that
    // peers read (double buffered like the copies below).
    Column<std::uint32_t> knowhow;
    Column<std::uint32_t> previous_knowhow;
    // Capacity a community's volunteers return to at rest (bfloat16, 0-1; ODD 7.15).
    Column<std::uint16_t> capacity_baseline;
    // Last month's copies that peers read (double buffering: update order cannot matter).
    Column<Stage> previous_stage;
    Column<Vector4> previous_practice;
    Column<std::uint16_t> previous_effectiveness;  // bfloat16: only compared between peers
    // In-neighbours that were active last month, kept up to date from the month's changes of
    // activity instead of rescanning every neighbour list every month.
    Column<std::uint32_t> active_in_neighbours;

    // Calls visit(column_of_a, column_of_b) for every column, in declaration order; the one
    // list of columns that storage (resize) and slicing iterate.
    template <typename A, typename B, typename Visit>
    static void zip(A& a, B& b, Visit&& visit) {
        visit(a.council, b.council);
        visit(a.leadership, b.leadership);
        visit(a.social_capital, b.social_capital);
        visit(a.deprivation_decile, b.deprivation_decile);
        visit(a.context, b.context);
        visit(a.need, b.need);
        visit(a.capacity, b.capacity);
        visit(a.stage, b.stage);
        visit(a.months_in_stage, b.months_in_stage);
        visit(a.start_month, b.start_month);
        visit(a.track_record_months, b.track_record_months);
        visit(a.flags, b.flags);
        visit(a.practice, b.practice);
        visit(a.ownership, b.ownership);
        visit(a.earned_income_capability, b.earned_income_capability);
        visit(a.cash_pence, b.cash_pence);
        visit(a.trailing_income_gbp, b.trailing_income_gbp);
        visit(a.effectiveness, b.effectiveness);
        visit(a.need_reduced, b.need_reduced);
        visit(a.prize_stage, b.prize_stage);
        visit(a.knowhow, b.knowhow);
        visit(a.previous_knowhow, b.previous_knowhow);
        visit(a.capacity_baseline, b.capacity_baseline);
        visit(a.previous_stage, b.previous_stage);
        visit(a.previous_practice, b.previous_practice);
        visit(a.previous_effectiveness, b.previous_effectiveness);
        visit(a.active_in_neighbours, b.active_in_neighbours);
    }
};

using CommunitySlice = CommunityColumns<RangeColumn>;

// The whole population's per-community state (structure of arrays).
struct Communities : CommunityColumns<StoredColumn> {
    std::size_t size() const { return need.size(); }
    // Allocates n communities with every value at its initial default (stage none, start -1).
    void resize(std::size_t n);
    // One council's range [first, last) of every column.
    CommunitySlice slice(std::uint32_t first, std::uint32_t last);
};

// Peer network in compressed sparse row form; `in` holds the reversed edges for pull updates.
struct Network {
    // 32-bit tie indices: validation refuses networks of 2^32 ties or more.
    std::vector<EdgeIndex> out_offsets;  // size n+1
    std::vector<std::uint32_t> out_targets;
    std::vector<EdgeIndex> in_offsets;
    std::vector<std::uint32_t> in_sources;
    bool well_mixed = false;  // every community sees every other; no edges stored
};

struct Council {
    std::uint32_t id = 0;
    std::uint32_t first_community = 0;  // range [first, last) in Communities
    std::uint32_t last_community = 0;
    float deprivation = 0.0f;  // 0-1
    float rural_share = 0.0f;  // share of the council's population in rural classes (0-1)
    Vector4 context_centre{};
    // Budget lines, pence held for the line.
    std::int64_t open_grants_pence = 0;
    std::int64_t contracts_pence = 0;
    std::int64_t nonfinancial_pence = 0;
    std::int64_t local_challenge_pence = 0;
    std::int32_t call_open_until_month = -1;  // local challenge call open through this month
    bool pilot_area = false;
    // How this council commissions (ODD 7.5): 1 = the scenario's values; drawn per council.
    float commissioning_skill = 1.0f;  // divides assessors' scoring noise
    float outreach_multiplier = 1.0f;  // multiplies councils.outreach (capped at 1)
    float support_multiplier = 1.0f;   // multiplies what one round of support adds
    // Cumulative money accounting for the per-council conservation check.
    std::int64_t received_total_pence = 0;
    std::int64_t paid_out_total_pence = 0;
    std::int64_t held_pence() const {
        return open_grants_pence + contracts_pence + nonfinancial_pence + local_challenge_pence;
    }
};

// kClosed: a timeline closed the programme (ODD 7.20); it reopens if a later phase funds it.
enum class ProgrammePhase : std::uint8_t { kNotStarted, kPilot, kRollout, kClosed };

struct CentralGovernment {
    std::int64_t held_pence = 0;        // unspent central money
    std::int64_t prize_fund_pence = 0;  // reserved for prizes (part of held)
    double confidence = 1.0;            // 0..1.5, belief in the national template
    ProgrammePhase phase = ProgrammePhase::kNotStarted;
    std::int32_t phase_start_month = 0;
    Vector4 template_practice{};
    bool has_template = false;
    double pilot_reduction_per_group = 0.0;  // need units/month measured in the pilot
    std::int64_t enrolled = 0;               // communities enrolled in the programme
    double pilot_reduction_sum = 0.0;        // need removed by pilots during the pilot
    std::int64_t pilot_group_months = 0;
    double year_reduction_sum = 0.0;  // need removed by programme members this year
    std::int64_t year_member_months = 0;
    double prize_finalist_reduction = 0.0;    // mean need cut of finalists in their delivery year
    std::int32_t call_open_until_month = -1;  // national call (prize or programme) open
    // Prize call bookkeeping.
    std::int32_t prize_call_month = -1;
    std::int32_t prize_stage_month = -1;
    std::int32_t prize_entrants = 0;
    // Of the entrants: groups started since the call opened (or formed to enter), and groups
    // under five years old (60 months) at entry; the BGC entrant pattern (ODD 7.17).
    std::int32_t prize_entrants_new = 0;
    std::int32_t prize_entrants_under_5y = 0;
    std::int32_t prize_planning = 0;
    std::int32_t prize_pitched = 0;
    std::int32_t prize_finalists = 0;
    // Need of each finalist when its delivery year began (only finalists, so no per-community
    // array).
    std::vector<std::pair<std::uint32_t, float>> prize_baselines;
    std::int32_t prize_winners = 0;
    std::int32_t prize_calls_skipped = 0;  // due calls that did not open for lack of money
    double prize_call_scale = 1.0;         // share of the configured places this call funds
    std::uint32_t template_knowhow = 0;    // design choices of the template (best pilot's)
    // Rollout positions reached (enrolled or passed over) and programme members' unpaid months
    // in a row (indexed by community; sized at the first rollout month).
    std::int64_t rollout_position = 0;
    std::vector<std::uint8_t> unfunded_months;
    std::int64_t programme_exits = 0;  // members who left after too long unfunded
};

}  // namespace localism
