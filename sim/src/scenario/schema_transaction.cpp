// Schema entries for issue 12's fairness parameters: transaction costs at council and central
// level, councils that differ, the learning-tie cap and how a prize call meets its fund.
#include "schema_builder.hpp"

namespace localism::scenario::detail {

namespace {

void add_transaction_costs(std::vector<ParamSpec>& out) {
    using S = Scenario;
    using C = CommissioningParams;
    out.push_back(numeric(
        "councils.admin_cost_gbp_per_grant", &S::councils, &C::admin_cost_gbp_per_grant, 0, 1e9,
        {"GBP/grant",
         "Council cost of administering one grant (open or local challenge): assessment, award, "
         "monitoring; paid from the grant's line, removes no need",
         assumption(0, 1500,
                    "5-25% of a GBP 6,000 grant is 300-1500 (small-grant schemes report 10-20% "
                    "administration); the default 0 leaves transaction costs out")}));
    out.push_back(numeric(
        "councils.admin_cost_gbp_per_contract", &S::councils, &C::admin_cost_gbp_per_contract, 0,
        1e9,
        {"GBP/contract",
         "Council cost of procuring and managing one service contract; paid from the contracts "
         "line",
         assumption(0, 5000,
                    "procuring a GBP 15,000 contract costs about 1000-5000; the default 0 leaves "
                    "transaction costs out")}));
    using G = CentralParams;
    out.push_back(numeric(
        "central.admin_cost_gbp_per_award", &S::central, &G::admin_cost_gbp_per_award, 0, 1e9,
        {"GBP/award",
         "Central cost of each prize place or award (plan-support place, finalist grant, "
         "outcome award); paid from the prize fund",
         assumption(0, 5000,
                    "judging, due diligence and monitoring cost about 500-5000; the default 0 "
                    "leaves transaction costs out")}));
    out.push_back(numeric(
        "central.admin_cost_gbp_per_allocation", &S::central, &G::admin_cost_gbp_per_allocation, 0,
        1e9,
        {"GBP/council/year",
         "Central cost of one council's yearly devolved allocation (formula, grant agreement, "
         "returns); paid from the devolved budget before the split",
         assumption(0, 20000)}));
}

void add_council_traits(std::vector<ParamSpec>& out) {
    using S = Scenario;
    using C = CommissioningParams;
    const Provenance source = assumption(0, 0.5, "0 = identical councils");
    out.push_back(numeric(
        "councils.skill_spread", &S::councils, &C::skill_spread, 0, 3,
        {"log SD",
         "Spread of commissioning skill between councils: each council's skill is lognormal "
         "(mean 1) and divides its assessors' scoring noise",
         source}));
    out.push_back(numeric("councils.outreach_spread", &S::councils, &C::outreach_spread, 0, 3,
                          {"log SD",
                           "Spread of outreach between councils: a lognormal (mean 1) multiplier "
                           "of councils.outreach, capped at probability 1",
                           source}));
    out.push_back(numeric("councils.support_spread", &S::councils, &C::support_spread, 0, 3,
                          {"log SD",
                           "Spread of support capacity between councils: a lognormal (mean 1) "
                           "multiplier of what one round of support adds",
                           source}));
}

void add_budget_traps(std::vector<ParamSpec>& out) {
    using S = Scenario;
    out.push_back(numeric(
        "devolved.learning_tie_max_share", &S::devolved, &DevolvedParams::learning_tie_max_share, 0,
        1,
        {"fraction",
         "Most of the devolved budget learning-tie costs may take in a year (the rest funds "
         "the prize and councils)",
         assumption(0.1, 0.5)}));
    out.push_back(flag("prize.scale_call_to_fund", &S::prize, &PrizeParams::scale_call_to_fund,
                       {"-",
                        "Open a due call the fund cannot cover in full with places and awards "
                        "scaled down to what it can (off: the call is skipped and counted)",
                        user_choice("switch of a mechanism")}));
}

}  // namespace

void add_fairness(std::vector<ParamSpec>& out) {
    add_transaction_costs(out);
    add_council_traits(out);
    add_budget_traps(out);
}

}  // namespace localism::scenario::detail
