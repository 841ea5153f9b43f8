// The council panels, council attributes, community snapshot fields and sweep-manifest columns,
// each in the order it is written.
#include <cmath>
#include <limits>
#include <numeric>

#include "metric_entries.hpp"

namespace localism::detail {

namespace {

using O = ObservedMonth;
const double kNaN = std::numeric_limits<double>::quiet_NaN();

std::vector<MetricDef> council_entries() {
    return {
        council_metric("total_need", "need units", "Sum of need in the council's communities",
                       Better::kLower,
                       [](const O& o, std::size_t k) { return o.councils[k].need; }),
        council_metric("count_active", "communities", "Active initiatives in the council",
                       Better::kHigher,
                       [](const O& o, std::size_t k) {
                           const auto active = static_cast<int>(Stage::kActive);
                           return static_cast<double>(o.councils[k].stages[active]);
                       }),
        council_metric("spend_gbp", "GBP/month",
                       "Public money received by the council's communities this month",
                       Better::kNeither,
                       [](const O& o, std::size_t k) {
                           const auto& income = o.council_flows[k].income_pence;
                           return to_gbp(income[0] + income[1] + income[2] + income[3]);
                       }),
        council_metric("need_reduced", "need units/month", "Need removed this month in the council",
                       Better::kHigher,
                       [](const O& o, std::size_t k) { return o.councils[k].need_reduced; }),
    };
}

std::vector<MetricDef> council_info_entries() {
    return {
        council_info_field("deprivation", "0-1",
                           "Council deprivation index drawn at initialisation",
                           [](const CouncilFacts& f, std::size_t k) { return f.deprivation[k]; }),
        council_info_field("social_capital", "0-1",
                           "Mean social capital of the council's communities",
                           [](const CouncilFacts& f, std::size_t k) {
                               const double size = f.communities[k];
                               return size > 0 ? f.social_capital_sum[k] / size : 0.0;
                           }),
        council_info_field("communities", "communities", "Number of communities in the council",
                           [](const CouncilFacts& f, std::size_t k) { return f.communities[k]; }),
        council_info_field(
            "commissioning_skill", "multiplier",
            "Council's commissioning skill: divides its assessors' scoring noise "
            "(1 unless councils.skill_spread > 0)",
            [](const CouncilFacts& f, std::size_t k) { return f.commissioning_skill[k]; }),
        council_info_field("outreach", "probability",
                           "Council's chance that a group without track record applies "
                           "(councils.outreach x its outreach multiplier, at most 1)",
                           [](const CouncilFacts& f, std::size_t k) { return f.outreach[k]; }),
        council_info_field(
            "support_multiplier", "multiplier",
            "Council's support capacity: multiplies what one round of support "
            "adds (1 unless councils.support_spread > 0)",
            [](const CouncilFacts& f, std::size_t k) { return f.support_multiplier[k]; }),
    };
}

std::vector<MetricDef> snapshot_entries() {
    using C = Communities;
    return {
        snapshot_field("need", "need units", "Need of each community",
                       [](const C& c, std::size_t i) { return c.need[i]; }),
        snapshot_field("stage", "code",
                       "Life-cycle stage: 0 none, 1 idea, 2 plan, 3 active, 4 dormant, 5 dissolved",
                       [](const C& c, std::size_t i) { return static_cast<float>(c.stage[i]); }),
        snapshot_field("capacity", "0-1", "Capacity of each community",
                       [](const C& c, std::size_t i) { return c.capacity[i]; }),
        snapshot_field("ownership", "0-1", "Ownership of each community's practice",
                       [](const C& c, std::size_t i) { return c.ownership[i]; }),
        snapshot_field(
            "cash_gbp", "GBP", "Cash held by each community's group",
            [](const C& c, std::size_t i) { return static_cast<float>(to_gbp(c.cash_pence[i])); }),
    };
}

double last(const std::vector<double>& v) {
    return v.empty() ? kNaN : v.back();
}

double mean_of_finite(const std::vector<double>& v) {
    double sum = 0.0;
    std::size_t n = 0;
    for (const double x : v) {
        if (std::isfinite(x)) {
            sum += x;
            ++n;
        }
    }
    return n == 0 ? kNaN : sum / static_cast<double>(n);
}

// Every national spending line (spend_*_gbp), summed over months; NaN when the file has none.
double total_spend(const RunSeries& series_of) {
    double total = 0.0;
    bool any = false;
    for (const MetricDef* metric : metrics_in(Scope::kNational)) {
        const std::string& name = metric->name;
        if (name.rfind("spend_", 0) != 0 || name.size() < 4 ||
            name.compare(name.size() - 4, 4, "_gbp") != 0)
            continue;
        const auto series = series_of(name);
        any = any || !series.empty();
        total += std::accumulate(series.begin(), series.end(), 0.0);
    }
    return any ? total : kNaN;
}

}  // namespace

std::vector<MetricDef> panel_entries() {
    std::vector<MetricDef> all = council_entries();
    for (auto part : {council_info_entries(), snapshot_entries()})
        all.insert(all.end(), part.begin(), part.end());
    return all;
}

std::vector<MetricDef> manifest_entries() {
    using S = RunSeries;
    return {
        manifest_column("final_total_need", "need units", "Last value of total_need",
                        Better::kLower, [](const S& s) { return last(s("total_need")); }),
        manifest_column("cumulative_need_reduced", "need units",
                        "Last value of cumulative_need_reduced", Better::kHigher,
                        [](const S& s) { return last(s("cumulative_need_reduced")); }),
        manifest_column("cost_per_need_reduced_gbp", "GBP/need unit",
                        "Last value of cost_per_need_reduced_gbp", Better::kLower,
                        [](const S& s) { return last(s("cost_per_need_reduced_gbp")); }),
        manifest_column("final_need_gini", "0-1", "Last value of need_gini_communities",
                        Better::kLower,
                        [](const S& s) { return last(s("need_gini_communities")); }),
        manifest_column("final_active", "communities", "Last value of count_active",
                        Better::kHigher, [](const S& s) { return last(s("count_active")); }),
        manifest_column("survival_12m", "fraction",
                        "Mean of the finite monthly values of survival_12m", Better::kHigher,
                        [](const S& s) { return mean_of_finite(s("survival_12m")); }),
        manifest_column("usual_suspects_share", "fraction", "Last value of usual_suspects_share",
                        Better::kLower, [](const S& s) { return last(s("usual_suspects_share")); }),
        manifest_column("total_spend_gbp", "GBP", "Sum over months of every spend_*_gbp series",
                        Better::kNeither, total_spend),
        manifest_column("absorption", "fraction", "Last value of absorption", Better::kNeither,
                        [](const S& s) { return last(s("absorption")); }),
        manifest_column("final_unspent_central_gbp", "GBP", "Last value of unspent_central_gbp",
                        Better::kNeither,
                        [](const S& s) { return last(s("unspent_central_gbp")); }),
        manifest_column("final_unspent_councils_gbp", "GBP", "Last value of unspent_councils_gbp",
                        Better::kNeither,
                        [](const S& s) { return last(s("unspent_councils_gbp")); }),
        // Reported with the money, not judged alone: its cost shows in need per pound.
        manifest_column("total_leakage_gbp", "GBP", "Last value of public_leaked_gbp",
                        Better::kNeither, [](const S& s) { return last(s("public_leaked_gbp")); }),
    };
}

}  // namespace localism::detail
