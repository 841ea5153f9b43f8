// Month accounts (ODD 4, Observation): what happened during the current month, one row per
// council plus one national row. Processes write rows; the ledger is derived from the rows in one
// place (engine/simulation.cpp, settle_accounts) and the observer reads them.
#pragma once

#include <array>
#include <cstdint>
#include <vector>

#include "localism/model/state.hpp"

namespace localism {

// Pence from pounds, rounded to the nearest penny (all money is integer pence in the engine).
inline std::int64_t to_pence(double gbp) {
    return static_cast<std::int64_t>(gbp * 100.0 + (gbp >= 0 ? 0.5 : -0.5));
}
inline double to_gbp(std::int64_t pence) {
    return static_cast<double>(pence) / 100.0;
}

// Spending lines, for reporting where money went. Order is part of the output format.
enum class SpendLine : std::uint8_t {
    kOpenGrants,
    kContracts,
    kNonFinancialSupport,
    kLocalChallenge,
    kCentralProgramme,
    kChallengePrize,
    kLearningTies,
    kLeakage,         // devolved money a council spent on its other services (ODD 7.12)
    kAdministration,  // transaction costs of grants, contracts and awards (ODD 7.5)
};
inline constexpr int kSpendLineCount = 9;

// Counts of life-cycle transitions this month, kept by the life_cycle unit.
struct LifeCycleCounts {
    std::int64_t starts = 0;        // none/dissolved -> idea, or straight into a programme
    std::int64_t plans_formed = 0;  // idea -> plan
    std::int64_t activations = 0;   // plan (or idea) -> active
    std::int64_t dormancies = 0;    // active -> dormant (could not pay a month)
    std::int64_t revivals = 0;      // dormant -> active
    std::int64_t dissolutions = 0;  // active/dormant -> dissolved
    std::int64_t abandonments = 0;  // idea/plan -> none
    std::int64_t burnouts = 0;      // active -> dormant (capacity ran out, ODD 7.15)
};

// What happened in one council during the current month. Each council's row is written only
// while that council is processed, so council-parallel loops never share a row. National
// processes (programme, prize) book a payment to a community in that community's council row.
struct CouncilMonth {
    std::array<std::int64_t, kIncomeSourceCount> income_pence{};
    std::array<std::int64_t, kSpendLineCount> spend_pence{};
    // Public income (council grants and contracts, programme, prizes) by the receiving
    // community's deprivation decile, slot 0 = decile 1 (most deprived).
    std::array<std::int64_t, 10> public_income_by_decile_pence{};
    std::int64_t running_costs_pence = 0;    // paid by active groups (leaves the system)
    std::int64_t received_pence = 0;         // money entering the council's budget lines
    std::int64_t external_income_pence = 0;  // donations, earned income, social investment
    std::int64_t own_budget_pence = 0;       // council's own budget (enters the system)
    LifeCycleCounts life_cycle;
    std::int64_t grant_pence_to_usual_suspects = 0;  // top decile by track record
    std::int64_t grant_pence_to_new_groups = 0;      // started within the last 12 months
    std::int64_t grant_pence_total = 0;
    double need_reduced = 0.0;       // need units removed this month (need dynamics)
    std::int64_t survivors_12m = 0;  // of the cohort that started 12 months ago
    std::int64_t cohort_12m = 0;
    void clear() { *this = CouncilMonth{}; }
};

// What central government did this month that belongs to no council.
struct NationalMonth {
    std::int64_t budget_pence = 0;  // central money entering the system (April)
    // Services bought centrally that leave the system: learning ties, prize plan support.
    std::int64_t services_pence = 0;
    std::array<std::int64_t, kSpendLineCount> spend_pence{};  // national lines (learning ties)
    void clear() { *this = NationalMonth{}; }
};

struct MonthAccounts {
    std::vector<CouncilMonth> councils;  // one row per council, reset each month
    NationalMonth national;
};

}  // namespace localism
