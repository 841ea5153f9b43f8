// The whole runtime state of one simulation, built from a validated Scenario, plus the per-month
// accumulators that mechanisms write and the observer reads.
#pragma once

#include <array>
#include <cstdint>
#include <vector>

#include "localism/model/state.hpp"
#include "localism/scenario/scenario.hpp"

namespace localism {

// Spending lines, for reporting where money went. Order is part of the output format.
enum class SpendLine : std::uint8_t {
    kOpenGrants,
    kContracts,
    kNonFinancialSupport,
    kLocalChallenge,
    kCentralProgramme,
    kChallengePrize,
    kLearningTies,
};
inline constexpr int kSpendLineCount = 7;

// What happened in one council during the current month. Each council's row is written only
// while that council is processed, so council-parallel loops never share a row.
struct CouncilMonth {
    std::array<std::int64_t, kIncomeSourceCount> income_pence{};
    std::array<std::int64_t, kSpendLineCount> spend_pence{};
    std::int64_t running_costs_pence = 0;    // paid by active groups (leaves the system)
    std::int64_t received_pence = 0;         // money entering the council's budget lines
    std::int64_t external_income_pence = 0;  // donations, earned income, social investment
    std::int64_t own_budget_pence = 0;       // council's own budget (enters the system)
    std::int64_t starts = 0;
    std::int64_t dissolutions = 0;
    std::int64_t grant_pence_to_usual_suspects = 0;  // top decile by track record
    std::int64_t grant_pence_to_new_groups = 0;      // started within the last 12 months
    std::int64_t grant_pence_total = 0;
    double need_reduced = 0.0;
    std::int64_t survivors_12m = 0;  // of the cohort that started 12 months ago
    std::int64_t cohort_12m = 0;
    void clear() { *this = CouncilMonth{}; }
};

struct World {
    explicit World(const Scenario& s) : scenario(&s) {}
    const Scenario* scenario;
    Communities communities;
    Network network;
    std::vector<Council> councils;
    CentralGovernment central;
    Ledger ledger;
    std::vector<CouncilMonth> council_month;  // one row per council, reset each month
    std::int32_t month = 0;  // the month being simulated, 1-based; 0 before the first
    // Share of all communities with an active initiative last month (well-mixed imitation).
    double previous_active_share = 0.0;
    // Per council: communities whose activity changed last month (scratch for begin_month).
    std::vector<std::vector<std::uint32_t>> activity_changes;
    std::uint64_t seed() const { return static_cast<std::uint64_t>(scenario->run.seed); }
};

// Pence from pounds, rounded to the nearest penny (all money is integer pence in the engine).
inline std::int64_t to_pence(double gbp) {
    return static_cast<std::int64_t>(gbp * 100.0 + (gbp >= 0 ? 0.5 : -0.5));
}
inline double to_gbp(std::int64_t pence) {
    return static_cast<double>(pence) / 100.0;
}

// Money currently held anywhere in the system (central, councils, communities).
std::int64_t money_held_pence(const World& world);

}  // namespace localism
