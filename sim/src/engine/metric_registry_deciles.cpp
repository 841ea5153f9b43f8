// The national series by deprivation decile of the community (/deciles/<name>, month x 10,
// column 0 = decile 1, the most deprived tenth): is a policy progressive or regressive? Each
// series summed over the ten deciles gives its national series (tests/unit/engine/
// decile_metrics_test.cpp).
#include "metric_entries.hpp"

namespace localism::detail {

std::vector<MetricDef> decile_entries() {
    using O = ObservedMonth;
    return {
        decile_metric("total_need", "need units",
                      "Sum of need at month end over the decile's communities (national: "
                      "total_need)",
                      Better::kLower, [](const O& o, int d) { return o.all.decile_need[d]; }),
        decile_metric("need_reduced", "need units/month",
                      "Need removed this month in the decile (national: need_reduced)",
                      Better::kHigher,
                      [](const O& o, int d) { return o.all.decile_need_reduced[d]; }),
        decile_metric(
            "cumulative_need_reduced", "need units",
            "Need removed in the decile since the start of the run (national: "
            "cumulative_need_reduced)",
            Better::kHigher,
            [](const O& o, int d) { return o.totals.cumulative_need_reduced_by_decile[d]; }),
        decile_metric(
            "spend_gbp", "GBP/month",
            "Public money received by the decile's communities this month: council "
            "grants and contracts, programme grants, prizes (national: the sum of "
            "income_council_grant_gbp, income_council_contract_gbp, "
            "income_central_programme_gbp and income_challenge_prize_gbp)",
            Better::kNeither,
            [](const O& o, int d) { return to_gbp(o.flows.public_income_by_decile_pence[d]); }),
        decile_metric("cumulative_spend_gbp", "GBP",
                      "Public money received by the decile's communities since the start of the "
                      "run",
                      Better::kNeither,
                      [](const O& o, int d) {
                          return to_gbp(o.totals.cumulative_public_income_by_decile_pence[d]);
                      }),
        decile_metric(
            "communities", "communities", "Number of communities in the decile", Better::kNeither,
            [](const O& o, int d) { return static_cast<double>(o.all.decile_communities[d]); }),
    };
}

}  // namespace localism::detail
