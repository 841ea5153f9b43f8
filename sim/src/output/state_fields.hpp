// The fields of a saved state (internal to sim/src/output): one list per part of the model, used
// by both the writer (state_write.cpp) and the reader (state_read.cpp), so the two cannot drift.
// Layout and version: docs/output-format.md, "Saved states".
#pragma once

#include <hdf5.h>

#include <array>
#include <cstdint>
#include <type_traits>

#include "localism/engine/observed_month.hpp"
#include "localism/model/world.hpp"

namespace localism::state_detail {

// A field added to one of these structs must be added to its list below (or the saved state
// silently loses it, and a continued run differs from the uninterrupted one). The sizes are
// checked so that the build fails until the list is updated; the numbers are for LP64 targets.
static_assert(sizeof(Council) == 112, "Council changed: update council_fields in state_fields.hpp");
static_assert(sizeof(CentralGovernment) == 240,
              "CentralGovernment changed: update central_fields in state_fields.hpp");
static_assert(sizeof(ObserverTotals) == 224,
              "ObserverTotals changed: update observer_fields in state_fields.hpp");
static_assert(sizeof(Ledger) == 16, "Ledger changed: update the ledger in state_write.cpp");
static_assert(sizeof(Communities) == 27 * sizeof(std::vector<int>),
              "CommunityColumns changed: update kCommunityColumnNames in state_fields.hpp");

// How one element of type T is stored: an HDF5 file type, its memory type, and the number of
// values per element (a std::array of N values is a row of N).
template <typename T>
struct Element {
    static_assert(std::is_arithmetic_v<T> || std::is_enum_v<T>, "no stored form for this type");
    using Value =
        std::conditional_t<std::is_enum_v<T>, std::underlying_type<T>, std::type_identity<T>>::type;
    static constexpr std::size_t width = 1;
    static hid_t file_type() { return stored_type<Value>(true); }
    static hid_t memory_type() { return stored_type<Value>(false); }

    template <typename V>
    static hid_t stored_type(bool file) {
        if constexpr (std::is_same_v<V, bool> || std::is_same_v<V, std::uint8_t>)
            return file ? H5T_STD_U8LE : H5T_NATIVE_UINT8;
        else if constexpr (std::is_same_v<V, std::uint16_t>)
            return file ? H5T_STD_U16LE : H5T_NATIVE_UINT16;
        else if constexpr (std::is_same_v<V, std::int16_t>)
            return file ? H5T_STD_I16LE : H5T_NATIVE_INT16;
        else if constexpr (std::is_same_v<V, std::uint32_t>)
            return file ? H5T_STD_U32LE : H5T_NATIVE_UINT32;
        else if constexpr (std::is_same_v<V, std::int32_t>)
            return file ? H5T_STD_I32LE : H5T_NATIVE_INT32;
        else if constexpr (std::is_same_v<V, std::int64_t>)
            return file ? H5T_STD_I64LE : H5T_NATIVE_INT64;
        else if constexpr (std::is_same_v<V, float>)
            return file ? H5T_IEEE_F32LE : H5T_NATIVE_FLOAT;
        else {
            static_assert(std::is_same_v<V, double>, "no stored form for this type");
            return file ? H5T_IEEE_F64LE : H5T_NATIVE_DOUBLE;
        }
    }
};
template <typename T, std::size_t N>
struct Element<std::array<T, N>> {
    static_assert(sizeof(std::array<T, N>) == N * sizeof(T), "arrays are stored as rows");
    static constexpr std::size_t width = N;
    static hid_t file_type() { return Element<T>::file_type(); }
    static hid_t memory_type() { return Element<T>::memory_type(); }
};

// The largest valid value of a stored enum or flag (the reader refuses anything above it: a
// stage of 200 would index past the end of a count table). Other values are unchecked numbers.
template <typename T>
constexpr std::uint64_t max_valid() {
    if constexpr (std::is_same_v<T, bool>)
        return 1;
    else if constexpr (std::is_same_v<T, Stage>)
        return kStageCount - 1;
    else if constexpr (std::is_same_v<T, PrizeStage>)
        return static_cast<std::uint64_t>(PrizeStage::kWinner);
    else if constexpr (std::is_same_v<T, ProgrammePhase>)
        return static_cast<std::uint64_t>(ProgrammePhase::kRollout);
    else
        return 0;  // not checked
}

// Names of the community columns in CommunityColumns::zip order (one dataset each).
inline constexpr std::array kCommunityColumnNames = {
    "council",
    "leadership",
    "social_capital",
    "deprivation_decile",
    "context",
    "need",
    "capacity",
    "stage",
    "months_in_stage",
    "start_month",
    "track_record_months",
    "flags",
    "practice",
    "ownership",
    "earned_income_capability",
    "cash_pence",
    "trailing_income_gbp",
    "effectiveness",
    "need_reduced",
    "prize_stage",
    "knowhow",
    "previous_knowhow",
    "capacity_baseline",
    "previous_stage",
    "previous_practice",
    "previous_effectiveness",
    "active_in_neighbours",
};

// visit(name, member pointer) for every field of a council.
template <typename Visit>
void council_fields(Visit&& visit) {
    visit("id", &Council::id);
    visit("first_community", &Council::first_community);
    visit("last_community", &Council::last_community);
    visit("deprivation", &Council::deprivation);
    visit("rural_share", &Council::rural_share);
    visit("context_centre", &Council::context_centre);
    visit("open_grants_pence", &Council::open_grants_pence);
    visit("contracts_pence", &Council::contracts_pence);
    visit("nonfinancial_pence", &Council::nonfinancial_pence);
    visit("local_challenge_pence", &Council::local_challenge_pence);
    visit("call_open_until_month", &Council::call_open_until_month);
    visit("pilot_area", &Council::pilot_area);
    visit("commissioning_skill", &Council::commissioning_skill);
    visit("outreach_multiplier", &Council::outreach_multiplier);
    visit("support_multiplier", &Council::support_multiplier);
    visit("received_total_pence", &Council::received_total_pence);
    visit("paid_out_total_pence", &Council::paid_out_total_pence);
}

// visit(name, member pointer) for every fixed-size field of central government; the two
// vectors (prize_baselines, unfunded_months) are stored separately.
template <typename Visit>
void central_fields(Visit&& visit) {
    using C = CentralGovernment;
    visit("held_pence", &C::held_pence);
    visit("prize_fund_pence", &C::prize_fund_pence);
    visit("confidence", &C::confidence);
    visit("phase", &C::phase);
    visit("phase_start_month", &C::phase_start_month);
    visit("template_practice", &C::template_practice);
    visit("has_template", &C::has_template);
    visit("pilot_reduction_per_group", &C::pilot_reduction_per_group);
    visit("enrolled", &C::enrolled);
    visit("pilot_reduction_sum", &C::pilot_reduction_sum);
    visit("pilot_group_months", &C::pilot_group_months);
    visit("year_reduction_sum", &C::year_reduction_sum);
    visit("year_member_months", &C::year_member_months);
    visit("prize_finalist_reduction", &C::prize_finalist_reduction);
    visit("call_open_until_month", &C::call_open_until_month);
    visit("prize_call_month", &C::prize_call_month);
    visit("prize_stage_month", &C::prize_stage_month);
    visit("prize_entrants", &C::prize_entrants);
    visit("prize_entrants_new", &C::prize_entrants_new);
    visit("prize_entrants_under_5y", &C::prize_entrants_under_5y);
    visit("prize_planning", &C::prize_planning);
    visit("prize_pitched", &C::prize_pitched);
    visit("prize_finalists", &C::prize_finalists);
    visit("prize_winners", &C::prize_winners);
    visit("prize_calls_skipped", &C::prize_calls_skipped);
    visit("prize_call_scale", &C::prize_call_scale);
    visit("template_knowhow", &C::template_knowhow);
    visit("rollout_position", &C::rollout_position);
    visit("programme_exits", &C::programme_exits);
}

// visit(name, member pointer) for every running total of the observer (engine/metrics.hpp).
template <typename Visit>
void observer_fields(Visit&& visit) {
    using O = ObserverTotals;
    visit("cumulative_need_reduced", &O::cumulative_need_reduced);
    visit("cumulative_public_spend_pence", &O::cumulative_public_spend_pence);
    visit("cumulative_leakage_pence", &O::cumulative_leakage_pence);
    visit("cumulative_grant_pence", &O::cumulative_grant_pence);
    visit("cumulative_usual_suspect_pence", &O::cumulative_usual_suspect_pence);
    visit("cumulative_new_group_pence", &O::cumulative_new_group_pence);
    visit("cumulative_public_allocated_pence", &O::cumulative_public_allocated_pence);
    visit("cumulative_need_reduced_by_decile", &O::cumulative_need_reduced_by_decile);
    visit("cumulative_public_income_by_decile_pence", &O::cumulative_public_income_by_decile_pence);
    visit("constant_need_gini", &O::constant_need_gini);
}

}  // namespace localism::state_detail
