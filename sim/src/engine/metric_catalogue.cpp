// The catalogue of recorded metrics with units and meanings.
#include <stdexcept>

#include "localism/engine/metrics.hpp"

namespace localism {

const std::vector<MetricInfo>& national_metrics() {
    static const std::vector<MetricInfo> metrics = {
        {"total_need", "need units", "Sum of need over all communities at month end"},
        {"mean_need", "need units", "Mean need per community at month end"},
        {"need_gini_communities", "0-1", "Gini coefficient of need across communities"},
        {"need_gini_councils", "0-1", "Gini coefficient of mean need across councils"},
        {"count_none", "communities", "Communities with no initiative"},
        {"count_idea", "communities", "Initiatives at the idea stage"},
        {"count_plan", "communities", "Initiatives writing a plan"},
        {"count_active", "communities", "Active initiatives"},
        {"count_dormant", "communities", "Dormant initiatives (out of money)"},
        {"count_dissolved", "communities", "Dissolved initiatives (before any restart)"},
        {"starts", "initiatives/month", "Initiatives started this month"},
        {"dissolutions", "initiatives/month", "Initiatives dissolved this month"},
        {"need_reduced", "need units/month", "Need removed by initiatives this month"},
        {"cumulative_need_reduced", "need units", "Need removed since the start of the run"},
        {"income_council_grant_gbp", "GBP/month", "Community income from council grants"},
        {"income_council_contract_gbp", "GBP/month", "Community income from council contracts"},
        {"income_central_programme_gbp", "GBP/month",
         "Community income from the central programme"},
        {"income_challenge_prize_gbp", "GBP/month", "Community income from challenge prizes"},
        {"income_earned_gbp", "GBP/month", "Earned (trading) income of communities"},
        {"income_donations_gbp", "GBP/month", "Donations, including groups' own seed money"},
        {"income_social_investment_gbp", "GBP/month", "Social investment received"},
        {"spend_open_grants_gbp", "GBP/month", "Council spending on open grants"},
        {"spend_contracts_gbp", "GBP/month", "Council spending on contracts"},
        {"spend_nonfinancial_support_gbp", "GBP/month",
         "Council spending on advice and capacity building"},
        {"spend_local_challenge_gbp", "GBP/month", "Council spending on local challenge grants"},
        {"spend_central_programme_gbp", "GBP/month",
         "Central programme grants (pilots and rollout)"},
        {"spend_challenge_prize_gbp", "GBP/month", "National challenge prize spending"},
        {"spend_learning_ties_gbp", "GBP/month", "Central spending on cross-area learning ties"},
        {"usual_suspects_share", "fraction",
         "Share of council grant money so far to the top decile by track record"},
        {"new_group_grant_share", "fraction",
         "Share of council grant money so far to groups under 12 months old"},
        {"mean_fit", "0-1", "Mean fit of practice to context over active initiatives"},
        {"mean_ownership", "0-1", "Mean ownership over active initiatives"},
        {"practice_diversity", "context units", "RMS distance of active practices from their mean"},
        {"cost_per_need_reduced_gbp", "GBP/need unit",
         "Public spending so far / need removed so far"},
        {"survival_12m", "fraction", "Share of initiatives started 12 months ago not dissolved"},
        {"central_confidence", "ratio", "Central confidence: programme result / pilot result"},
        {"programme_enrolled", "communities", "Communities enrolled in the central programme"},
        {"prize_entrants", "groups", "Entrants to the latest prize call"},
        {"prize_planning", "groups", "Entrants supported to write plans"},
        {"prize_pitched", "groups", "Groups whose plans were good enough to pitch"},
        {"prize_finalists", "groups", "Funded finalists"},
        {"prize_winners", "groups", "Outcome awards made"},
        {"prize_finalist_reduction", "fraction",
         "Mean need cut of finalists over the delivery year"},
        {"money_allocated_gbp", "GBP", "Money that entered the system so far"},
        {"money_spent_gbp", "GBP", "Money that left the system so far (costs and services)"},
        {"money_held_gbp", "GBP", "Money held by central government, councils and communities"},
    };
    return metrics;
}

const std::vector<MetricInfo>& council_metrics() {
    static const std::vector<MetricInfo> metrics = {
        {"total_need", "need units", "Sum of need in the council's communities"},
        {"count_active", "communities", "Active initiatives in the council"},
        {"spend_gbp", "GBP/month", "Public money received by the council's communities this month"},
        {"need_reduced", "need units/month", "Need removed this month in the council"},
    };
    return metrics;
}

const std::vector<MetricInfo>& council_info_fields() {
    static const std::vector<MetricInfo> fields = {
        {"deprivation", "0-1", "Council deprivation index drawn at initialisation"},
        {"social_capital", "0-1", "Mean social capital of the council's communities"},
        {"communities", "communities", "Number of communities in the council"},
    };
    return fields;
}

std::size_t national_index(const std::string& name) {
    const auto& metrics = national_metrics();
    for (std::size_t k = 0; k < metrics.size(); ++k) {
        if (metrics[k].name == name)
            return k;
    }
    throw std::out_of_range("no national metric named " + name);
}

}  // namespace localism
