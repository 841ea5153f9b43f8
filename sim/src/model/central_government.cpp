// Central government budget setting and devolved allocation.
#include "localism/model/central_government.hpp"

#include <algorithm>
#include <cmath>

#include "localism/model/commissioning.hpp"
#include "localism/model/network.hpp"

namespace localism {

namespace {

// Central money spent on a service that leaves the system (ties, administration).
void spend_centrally(NationalSlice& slice, SpendLine line, std::int64_t pence) {
    slice.central.held_pence -= pence;
    slice.accounts.national.services_pence += pence;
    slice.accounts.national.spend_pence[static_cast<int>(line)] += pence;
}

// Devolved money for the year: learning ties (at most their capped share), the cost of making
// the council allocations, the prize fund, then councils by formula.
void allocate_devolved(const MonthContext& context, NationalSlice& slice, std::int64_t pence) {
    const Scenario& s = context.scenario;
    CentralGovernment& central = slice.central;
    // Ties are paid for as built at month 0: a timeline's change of mode neither adds nor removes
    // them (ODD 7.20).
    const auto ties = static_cast<double>(learning_ties_per_community(context.initial())) *
                      static_cast<double>(slice.communities.size());
    const auto tie_cap =
        static_cast<std::int64_t>(static_cast<double>(pence) * s.devolved.learning_tie_max_share);
    const std::int64_t tie_cost =
        std::min(tie_cap, to_pence(ties * s.devolved.learning_tie_cost_gbp_per_year));
    spend_centrally(slice, SpendLine::kLearningTies, tie_cost);
    pence -= tie_cost;
    if (s.councils.enabled) {
        const std::int64_t admin =
            std::min(pence, to_pence(s.central.admin_cost_gbp_per_allocation *
                                     static_cast<double>(slice.councils.size())));
        spend_centrally(slice, SpendLine::kAdministration, admin);
        pence -= admin;
    }
    if (s.prize.enabled) {
        const auto prize =
            static_cast<std::int64_t>(static_cast<double>(pence) * s.devolved.prize_share);
        central.prize_fund_pence += prize;
        pence -= prize;
    }
    pass_to_councils(s, slice, pence);
}

}  // namespace

void pass_to_councils(const Scenario& s, NationalSlice& slice, std::int64_t pence) {
    if (!s.councils.enabled)
        return;  // no councils to pass money to: central keeps it
    const auto shares =
        formula_allocation(slice.councils, s.devolved.formula_deprivation_weight, pence);
    for (std::size_t k = 0; k < slice.councils.size(); ++k) {
        // Un-ring-fenced: part of the money goes to the council's other services at once.
        const std::int64_t leaked = leaked_pence(s.councils.leakage_share, shares[k]);
        fund_council_lines(s.councils, slice.councils[k], shares[k] - leaked);
        CouncilMonth& month = slice.accounts.councils[k];
        month.received_pence += shares[k];
        month.spend_pence[static_cast<int>(SpendLine::kLeakage)] += leaked;
        slice.central.held_pence -= shares[k];
    }
}

bool programme_running(const CentralGovernment& central) {
    return central.phase == ProgrammePhase::kPilot || central.phase == ProgrammePhase::kRollout;
}

bool prize_calls_open(const Scenario& s) {
    return devolved_weight(s.central) > 0.0 && s.prize.enabled;
}

bool prize_call_in_progress(const MonthContext& context, const CentralGovernment& central) {
    const PrizeParams& p = context.scenario.prize;
    const auto funnel_months = p.call_open_months + p.plan_months + p.delivery_months;
    return central.prize_call_month >= 0 &&
           context.month - central.prize_call_month <= funnel_months;
}

double devolved_weight(const CentralParams& p) {
    switch (p.mode) {
        case PolicyMode::kCentralised:
            return 0.0;
        case PolicyMode::kDevolved:
            return 1.0;
        case PolicyMode::kMixed:
            return p.devolved_weight;
    }
    return 0.0;
}

std::int64_t leaked_pence(double leakage_share, std::int64_t allocation_pence) {
    return static_cast<std::int64_t>(
        std::floor(static_cast<double>(allocation_pence) * leakage_share));
}

std::vector<std::int64_t> formula_allocation(const std::vector<Council>& councils,
                                             double deprivation_weight, std::int64_t pence) {
    std::vector<double> weights(councils.size());
    double total = 0.0;
    for (std::size_t k = 0; k < councils.size(); ++k) {
        const double size = councils[k].last_community - councils[k].first_community;
        weights[k] = size * (1.0 + deprivation_weight * councils[k].deprivation);
        total += weights[k];
    }
    std::vector<std::int64_t> shares(councils.size(), 0);
    std::int64_t given = 0;
    for (std::size_t k = 0; k + 1 < councils.size(); ++k) {
        shares[k] =
            static_cast<std::int64_t>(std::floor(static_cast<double>(pence) * weights[k] / total));
        given += shares[k];
    }
    if (!shares.empty())
        shares.back() = pence - given;  // the remainder keeps the split exact
    return shares;
}

void step_central_budget(const MonthContext& context, NationalSlice& slice) {
    if (context.month % 12 != 1)
        return;
    const Scenario& s = context.scenario;
    CentralGovernment& central = slice.central;
    const double weight = devolved_weight(s.central);
    const double year_budget = s.central.annual_budget_gbp;
    const double floor = s.centralised.budget_confidence_floor;
    // Budget follows confidence in measured results: the vicious circle of Bunt & Harris.
    const double confidence = std::min(1.0, central.confidence);
    const std::int64_t centralised_budget =
        to_pence(year_budget * (1.0 - weight) * (floor + (1.0 - floor) * confidence));
    const std::int64_t devolved_budget = to_pence(year_budget * weight);
    central.held_pence += centralised_budget + devolved_budget;
    slice.accounts.national.budget_pence += centralised_budget + devolved_budget;
    allocate_devolved(context, slice, devolved_budget);
}

}  // namespace localism
