// The observer's view of one month: every value the metrics are computed from, gathered from the
// World in one aggregation step (metrics.cpp), so metric definitions never read the World.
#pragma once

#include <array>
#include <cstdint>
#include <vector>

#include "localism/model/deprivation_deciles.hpp"
#include "localism/model/world.hpp"

namespace localism {

// Sums over one council's communities (or, reduced in council order, over all of them).
struct CouncilPartial {
    double need = 0.0;
    double need_reduced = 0.0;
    std::array<std::int64_t, kStageCount> stages{};
    double fit_sum = 0.0;        // active initiatives only
    double ownership_sum = 0.0;  // active initiatives only
    std::array<double, kContextDimensions> practice_sum{};
    double practice_square_sum = 0.0;
    // The same need sums by the community's deprivation decile (slot 0 = decile 1).
    std::array<double, kDecileCount> decile_need{};
    std::array<double, kDecileCount> decile_need_reduced{};
    std::array<std::int64_t, kDecileCount> decile_communities{};
    // The latest prize call's finalists still active and unfunded entrants still at work.
    std::int64_t prize_finalists_active = 0;
    std::int64_t prize_unfunded_continuing = 0;
};

// Running totals the observer keeps between months.
struct ObserverTotals {
    double cumulative_need_reduced = 0.0;
    std::int64_t cumulative_public_spend_pence = 0;  // every spend line except leakage
    std::int64_t cumulative_leakage_pence = 0;       // devolved money moved to other services
    std::int64_t cumulative_grant_pence = 0;
    std::int64_t cumulative_usual_suspect_pence = 0;
    std::int64_t cumulative_new_group_pence = 0;
    // Public money (central budgets and councils' own budgets) that entered the system so far.
    std::int64_t cumulative_public_allocated_pence = 0;
    // By deprivation decile of the community (slot 0 = decile 1, most deprived).
    std::array<double, kDecileCount> cumulative_need_reduced_by_decile{};
    std::array<std::int64_t, kDecileCount> cumulative_public_income_by_decile_pence{};
    // With need dynamics and impact both off, need never changes after initialisation, so its
    // Gini (a full sort) is computed once and reused.
    double constant_need_gini = -1.0;
};

struct ObservedMonth {
    std::int32_t month = 0;
    double communities = 0.0;                 // number of communities
    std::vector<CouncilPartial> councils;     // per council, in council order
    std::vector<CouncilMonth> council_flows;  // per council: this month's flows
    std::vector<double> council_sizes;        // communities per council
    std::vector<double> council_mean_need;    // 0 for an empty council
    CouncilPartial all;                       // `councils` reduced in council order
    CouncilMonth flows;                       // `council_flows` reduced in council order
    ObserverTotals totals;                    // after adding this month
    double need_gini_communities = 0.0;       // needs the full need vector, so computed here
    CentralGovernment central;                // a copy: confidence, enrolment, prize funnel counts
    std::int64_t money_allocated_pence = 0;
    std::int64_t money_spent_pence = 0;
    std::int64_t money_held_pence = 0;
    std::int64_t central_budget_pence = 0;  // central money that entered this month (April)
    std::int64_t councils_held_pence = 0;   // councils' unspent budget lines at month end
    // The latest prize call's groups this month (patterns of ODD 1.2): finalists (winners
    // included) whose group is active, and entrants not funded as finalists whose group is still
    // at work (idea, plan or active).
    std::int64_t prize_finalists_active = 0;
    std::int64_t prize_unfunded_continuing = 0;
    std::int64_t policy_changes = 0;  // timeline changes taking effect this month (ODD 7.20)
};

// Static council attributes, gathered once for /council_info.
struct CouncilFacts {
    std::vector<double> deprivation;
    std::vector<double> social_capital_sum;  // summed over the council's communities in order
    std::vector<double> communities;
    std::vector<double> commissioning_skill;  // council traits (ODD 7.5)
    std::vector<double> outreach;
    std::vector<double> support_multiplier;
};

}  // namespace localism
