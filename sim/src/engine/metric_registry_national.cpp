// The national monthly metrics (/national/<name>), in the order they are written. Each compute
// function reads only the ObservedMonth and keeps the floating-point operations of the format.
#include <algorithm>
#include <cmath>
#include <limits>

#include "localism/engine/metrics.hpp"
#include "metric_entries.hpp"

namespace localism::detail {

namespace {

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();
constexpr auto kHigher = Better::kHigher;
constexpr auto kLower = Better::kLower;
constexpr auto kNeither = Better::kNeither;
using O = ObservedMonth;

double ratio(double numerator, double denominator) {
    return denominator > 0.0 ? numerator / denominator : kNaN;
}

double stage_count(const O& o, Stage stage) {
    return static_cast<double>(o.all.stages[static_cast<int>(stage)]);
}

double active(const O& o) {
    return stage_count(o, Stage::kActive);
}

double practice_diversity(const O& o) {
    const double n = active(o);
    double mean_square = 0.0;
    for (int d = 0; d < kContextDimensions; ++d)
        mean_square += std::pow(ratio(o.all.practice_sum[d], n), 2);
    return n > 0 ? std::sqrt(std::max(0.0, o.all.practice_square_sum / n - mean_square)) : kNaN;
}

double share_of_grants(const O& o, std::int64_t pence) {
    return ratio(static_cast<double>(pence), static_cast<double>(o.totals.cumulative_grant_pence));
}

double income(const O& o, IncomeSource source) {
    return to_gbp(o.flows.income_pence[static_cast<int>(source)]);
}

double spend(const O& o, SpendLine line) {
    return to_gbp(o.flows.spend_pence[static_cast<int>(line)]);
}

std::vector<MetricDef> need_and_stages() {
    return {
        national_metric("total_need", "need units", "Sum of need over all communities at month end",
                        kLower, [](const O& o) { return o.all.need; }),
        national_metric("mean_need", "need units", "Mean need per community at month end", kLower,
                        [](const O& o) { return o.all.need / o.communities; }),
        national_metric("need_gini_communities", "0-1",
                        "Gini coefficient of need across communities", kLower,
                        [](const O& o) { return o.need_gini_communities; }),
        national_metric("need_gini_councils", "0-1",
                        "Gini coefficient of mean need across councils", kLower,
                        [](const O& o) { return gini(o.council_mean_need); }),
        national_metric("count_none", "communities", "Communities with no initiative", kNeither,
                        [](const O& o) { return stage_count(o, Stage::kNone); }),
        national_metric("count_idea", "communities", "Initiatives at the idea stage", kNeither,
                        [](const O& o) { return stage_count(o, Stage::kIdea); }),
        national_metric("count_plan", "communities", "Initiatives writing a plan", kNeither,
                        [](const O& o) { return stage_count(o, Stage::kPlan); }),
        national_metric("count_active", "communities", "Active initiatives", kHigher,
                        [](const O& o) { return stage_count(o, Stage::kActive); }),
        national_metric("count_dormant", "communities", "Dormant initiatives (out of money)",
                        kLower, [](const O& o) { return stage_count(o, Stage::kDormant); }),
        national_metric("count_dissolved", "communities",
                        "Dissolved initiatives (before any restart)", kLower,
                        [](const O& o) { return stage_count(o, Stage::kDissolved); }),
        national_metric("starts", "initiatives/month", "Initiatives started this month", kHigher,
                        [](const O& o) { return static_cast<double>(o.flows.life_cycle.starts); }),
        national_metric(
            "dissolutions", "initiatives/month", "Initiatives dissolved this month", kLower,
            [](const O& o) { return static_cast<double>(o.flows.life_cycle.dissolutions); }),
        national_metric(
            "burnouts", "initiatives/month",
            "Active initiatives gone dormant this month because capacity ran out (ODD 7.15)",
            kLower, [](const O& o) { return static_cast<double>(o.flows.life_cycle.burnouts); }),
        national_metric("need_reduced", "need units/month",
                        "Need removed by initiatives this month", kHigher,
                        [](const O& o) { return o.all.need_reduced; }),
        national_metric("cumulative_need_reduced", "need units",
                        "Need removed since the start of the run", kHigher,
                        [](const O& o) { return o.totals.cumulative_need_reduced; }),
    };
}

std::vector<MetricDef> money_flows() {
    return {
        national_metric("income_council_grant_gbp", "GBP/month",
                        "Community income from council grants", kNeither,
                        [](const O& o) { return income(o, IncomeSource::kCouncilGrant); }),
        national_metric("income_council_contract_gbp", "GBP/month",
                        "Community income from council contracts", kNeither,
                        [](const O& o) { return income(o, IncomeSource::kCouncilContract); }),
        national_metric("income_central_programme_gbp", "GBP/month",
                        "Community income from the central programme", kNeither,
                        [](const O& o) { return income(o, IncomeSource::kCentralProgramme); }),
        national_metric("income_challenge_prize_gbp", "GBP/month",
                        "Community income from challenge prizes", kNeither,
                        [](const O& o) { return income(o, IncomeSource::kChallengePrize); }),
        national_metric("income_earned_gbp", "GBP/month", "Earned (trading) income of communities",
                        kNeither, [](const O& o) { return income(o, IncomeSource::kEarned); }),
        national_metric("income_donations_gbp", "GBP/month",
                        "Donations, including groups' own seed money", kNeither,
                        [](const O& o) { return income(o, IncomeSource::kDonations); }),
        national_metric("income_social_investment_gbp", "GBP/month", "Social investment received",
                        kNeither,
                        [](const O& o) { return income(o, IncomeSource::kSocialInvestment); }),
        national_metric("spend_open_grants_gbp", "GBP/month", "Council spending on open grants",
                        kNeither, [](const O& o) { return spend(o, SpendLine::kOpenGrants); }),
        national_metric("spend_contracts_gbp", "GBP/month", "Council spending on contracts",
                        kNeither, [](const O& o) { return spend(o, SpendLine::kContracts); }),
        national_metric("spend_nonfinancial_support_gbp", "GBP/month",
                        "Council spending on advice and capacity building", kNeither,
                        [](const O& o) { return spend(o, SpendLine::kNonFinancialSupport); }),
        national_metric("spend_local_challenge_gbp", "GBP/month",
                        "Council spending on local challenge grants", kNeither,
                        [](const O& o) { return spend(o, SpendLine::kLocalChallenge); }),
        national_metric("spend_central_programme_gbp", "GBP/month",
                        "Central programme grants (pilots and rollout)", kNeither,
                        [](const O& o) { return spend(o, SpendLine::kCentralProgramme); }),
        national_metric("spend_challenge_prize_gbp", "GBP/month",
                        "National challenge prize spending", kNeither,
                        [](const O& o) { return spend(o, SpendLine::kChallengePrize); }),
        national_metric("spend_learning_ties_gbp", "GBP/month",
                        "Central spending on cross-area learning ties", kNeither,
                        [](const O& o) { return spend(o, SpendLine::kLearningTies); }),
        // Not a spend_* line: leaked money is not spent on communities (ODD 7.12).
        national_metric("leakage_gbp", "GBP/month",
                        "Devolved money councils moved to their other services this month "
                        "(leakage of un-ring-fenced money; removes no need)",
                        kLower, [](const O& o) { return spend(o, SpendLine::kLeakage); }),
        national_metric("spend_administration_gbp", "GBP/month",
                        "Transaction costs: administering council grants and contracts, central "
                        "awards and allocations; removes no need",
                        Better::kLower,
                        [](const O& o) { return spend(o, SpendLine::kAdministration); }),
        national_metric(
            "prize_calls_skipped", "calls",
            "Prize calls due so far that did not open because the prize fund could "
            "not cover them (cumulative)",
            Better::kLower,
            [](const O& o) { return static_cast<double>(o.central.prize_calls_skipped); }),
        national_metric("policy_changes", "changes",
                        "Policy timeline changes that took effect at the start of the month "
                        "(the run's changes are listed in /timeline)",
                        Better::kNeither,
                        [](const O& o) { return static_cast<double>(o.policy_changes); }),
    };
}

std::vector<MetricDef> outcomes() {
    return {
        national_metric(
            "usual_suspects_share", "fraction",
            "Share of council grant money so far to the top decile by track record", kLower,
            [](const O& o) { return share_of_grants(o, o.totals.cumulative_usual_suspect_pence); }),
        national_metric(
            "new_group_grant_share", "fraction",
            "Share of council grant money so far to groups under 12 months old", kHigher,
            [](const O& o) { return share_of_grants(o, o.totals.cumulative_new_group_pence); }),
        national_metric("mean_fit", "0-1",
                        "Mean fit of practice to context over active initiatives", kHigher,
                        [](const O& o) { return ratio(o.all.fit_sum, active(o)); }),
        national_metric("mean_ownership", "0-1", "Mean ownership over active initiatives", kHigher,
                        [](const O& o) { return ratio(o.all.ownership_sum, active(o)); }),
        national_metric("practice_diversity", "context units",
                        "RMS distance of active practices from their mean", kNeither,
                        practice_diversity),
        national_metric("cost_per_need_reduced_gbp", "GBP/need unit",
                        "Public spending so far / need removed so far", kLower,
                        [](const O& o) {
                            return ratio(to_gbp(o.totals.cumulative_public_spend_pence),
                                         o.totals.cumulative_need_reduced);
                        }),
        national_metric("survival_12m", "fraction",
                        "Share of initiatives started 12 months ago not dissolved", kHigher,
                        [](const O& o) {
                            return ratio(static_cast<double>(o.flows.survivors_12m),
                                         static_cast<double>(o.flows.cohort_12m));
                        }),
    };
}

std::vector<MetricDef> central_and_money() {
    return {
        national_metric("central_confidence", "ratio",
                        "Central confidence: programme result / pilot result", kNeither,
                        [](const O& o) { return o.central.confidence; }),
        national_metric("programme_enrolled", "communities",
                        "Communities enrolled in the central programme", kNeither,
                        [](const O& o) { return static_cast<double>(o.central.enrolled); }),
        national_metric("prize_entrants", "groups", "Entrants to the latest prize call", kNeither,
                        [](const O& o) { return static_cast<double>(o.central.prize_entrants); }),
        national_metric("prize_planning", "groups", "Entrants supported to write plans", kNeither,
                        [](const O& o) { return static_cast<double>(o.central.prize_planning); }),
        national_metric("prize_pitched", "groups", "Groups whose plans were good enough to pitch",
                        kNeither,
                        [](const O& o) { return static_cast<double>(o.central.prize_pitched); }),
        national_metric("prize_finalists", "groups", "Funded finalists", kNeither,
                        [](const O& o) { return static_cast<double>(o.central.prize_finalists); }),
        national_metric("prize_winners", "groups", "Outcome awards made", kNeither,
                        [](const O& o) { return static_cast<double>(o.central.prize_winners); }),
        national_metric(
            "prize_entrants_new", "groups",
            "Entrants to the latest prize call whose group started since the call "
            "opened (brand-new groups)",
            kNeither, [](const O& o) { return static_cast<double>(o.central.prize_entrants_new); }),
        national_metric(
            "prize_entrants_under_5y", "groups",
            "Entrants to the latest prize call whose group was under five years old at entry",
            kNeither,
            [](const O& o) { return static_cast<double>(o.central.prize_entrants_under_5y); }),
        national_metric(
            "prize_finalists_active", "groups",
            "Finalists (winners included) of the latest prize call whose group is active", kHigher,
            [](const O& o) { return static_cast<double>(o.prize_finalists_active); }),
        national_metric(
            "prize_unfunded_continuing", "groups",
            "Entrants to the latest prize call not funded as finalists whose group "
            "is still at work (idea, plan or active)",
            kHigher, [](const O& o) { return static_cast<double>(o.prize_unfunded_continuing); }),
        national_metric("prize_finalist_reduction", "fraction",
                        "Mean need cut of finalists over the delivery year", kHigher,
                        [](const O& o) { return o.central.prize_finalist_reduction; }),
        national_metric("money_allocated_gbp", "GBP", "Money that entered the system so far",
                        kNeither, [](const O& o) { return to_gbp(o.money_allocated_pence); }),
        national_metric("money_spent_gbp", "GBP",
                        "Money that left the system so far (costs and services)", kNeither,
                        [](const O& o) { return to_gbp(o.money_spent_pence); }),
        national_metric("money_held_gbp", "GBP",
                        "Money held by central government, councils and communities", kNeither,
                        [](const O& o) { return to_gbp(o.money_held_pence); }),
    };
}

// Public money only (central and council budgets; not groups' own or external money):
// allocated = spent + leaked + unspent central + unspent councils, every month.
std::vector<MetricDef> public_money() {
    return {
        national_metric(
            "public_allocated_gbp", "GBP",
            "Public money allocated so far: central budgets and councils' own budgets", kNeither,
            [](const O& o) { return to_gbp(o.totals.cumulative_public_allocated_pence); }),
        national_metric("public_spent_gbp", "GBP",
                        "Public money spent so far on communities and support (every spend_* "
                        "line; leakage excluded)",
                        kNeither,
                        [](const O& o) { return to_gbp(o.totals.cumulative_public_spend_pence); }),
        national_metric("public_leaked_gbp", "GBP",
                        "Public money leaked so far into councils' other services", kLower,
                        [](const O& o) { return to_gbp(o.totals.cumulative_leakage_pence); }),
        // More is not better in itself: money spent can buy little.
        national_metric("absorption", "fraction",
                        "Public money spent so far / public money allocated so far", kNeither,
                        [](const O& o) {
                            return ratio(
                                static_cast<double>(o.totals.cumulative_public_spend_pence),
                                static_cast<double>(o.totals.cumulative_public_allocated_pence));
                        }),
        national_metric("unspent_central_gbp", "GBP",
                        "Central money held unspent at month end (prize fund included)", kNeither,
                        [](const O& o) { return to_gbp(o.central.held_pence); }),
        national_metric("unspent_councils_gbp", "GBP",
                        "Money held unspent in councils' budget lines at month end", kNeither,
                        [](const O& o) { return to_gbp(o.councils_held_pence); }),
    };
}

}  // namespace

std::vector<MetricDef> national_entries() {
    std::vector<MetricDef> all;
    for (auto part :
         {need_and_stages(), money_flows(), outcomes(), central_and_money(), public_money()})
        all.insert(all.end(), std::make_move_iterator(part.begin()),
                   std::make_move_iterator(part.end()));
    return all;
}

}  // namespace localism::detail
