// Schema entries: latent leaders and teams, developed and lost (docs/ODD.md 7.16).
#include "schema_builder.hpp"

namespace localism::scenario::detail {

void add_leaders(std::vector<ParamSpec>& out) {
    using S = Scenario;
    using P = LeadersParams;
    const char* bunt = "Bunt & Harris 2010: identify and pull together leaders and teams";
    out.push_back(flag("leaders.enabled", &S::leaders, &P::enabled,
                       {"-", "Leaders are developed by support and lost when they leave",
                        user_choice("switch of a mechanism")}));
    out.push_back(
        numeric("leaders.development_share", &S::leaders, &P::development_share, 0, 1,
                {"fraction",
                 "Share of the non-financial line left after a round spent developing leaders in "
                 "communities without a group",
                 assumption(0, 1, std::string("a council's choice; ") + bunt)}));
    out.push_back(numeric("leaders.development_cost_gbp", &S::leaders, &P::development_cost_gbp, 1,
                          1e9,
                          {"GBP", "Cost of finding and developing one community's leaders",
                           assumption(500, 5000, bunt)}));
    out.push_back(
        numeric("leaders.development_gain", &S::leaders, &P::development_gain, 0, 1,
                {"0-1", "Leadership added by development (council outreach or prize plan support)",
                 assumption(0.05, 0.3, bunt)}));
    out.push_back(numeric("leaders.team_capacity_gain", &S::leaders, &P::team_capacity_gain, 0, 1,
                          {"0-1", "Capacity and baseline capacity added by developing a team",
                           assumption(0, 0.2, bunt)}));
    out.push_back(
        numeric("leaders.untried_preference", &S::leaders, &P::untried_preference, 0, 100,
                {"weight", "Extra outreach weight of communities that never started a group",
                 assumption(0, 5, "Bunt & Harris 2010: beyond the usual suspects")}));
    out.push_back(numeric("leaders.loss_hazard_per_month", &S::leaders, &P::loss_hazard_per_month,
                          0, 1,
                          {"1/month", "Chance a community's leader leaves; leadership is redrawn",
                           assumption(0.002, 0.02, "leaders stay 4-40 years")}));
}

}  // namespace localism::scenario::detail
