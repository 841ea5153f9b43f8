// Schema entries: volunteer capacity as a stock that runs down (docs/ODD.md 7.15).
#include "schema_builder.hpp"

namespace localism::scenario::detail {

void add_capacity(std::vector<ParamSpec>& out) {
    using S = Scenario;
    using P = CapacityParams;
    out.push_back(flag("capacity.enabled", &S::capacity, &P::enabled,
                       {"-", "Capacity is used by running and paperwork and can burn out",
                        user_choice("switch of a mechanism")}));
    out.push_back(
        numeric("capacity.use_per_month", &S::capacity, &P::use_per_month, 0, 1,
                {"capacity/month", "Capacity used by a month of running an active initiative",
                 assumption(0.005, 0.03, "burnout after 1-5 years unsupported")}));
    out.push_back(
        numeric("capacity.paperwork_cost", &S::capacity, &P::paperwork_cost, 0, 1,
                {"capacity", "Capacity one application costs, times councils.admin_burden",
                 assumption(0.02, 0.2, "Bunt & Harris 2010: proportionate paperwork")}));
    out.push_back(numeric(
        "capacity.reporting_cost_per_month", &S::capacity, &P::reporting_cost_per_month, 0, 1,
        {"capacity/month",
         "Monthly reporting effort of a group wholly council-funded over the trailing year, times "
         "councils.admin_burden",
         assumption(0, 0.05)}));
    out.push_back(numeric(
        "capacity.recovery_per_month", &S::capacity, &P::recovery_per_month, 0, 1,
        {"1/month", "Share of the gap to the community's baseline capacity regained at rest",
         assumption(0.03, 0.3, "months to a year of rest")}));
    out.push_back(numeric("capacity.burnout_threshold", &S::capacity, &P::burnout_threshold, 0, 1,
                          {"0-1", "Capacity below which an active group burns out (goes dormant)",
                           assumption(0.05, 0.2)}));
    out.push_back(numeric("capacity.restart_threshold", &S::capacity, &P::restart_threshold, 0, 1,
                          {"0-1", "Capacity a dormant group needs before it can run again",
                           assumption(0.2, 0.4,
                                      "from the top of capacity.burnout_threshold's range, so "
                                      "independent samples keep it above the burnout threshold")}));
}

}  // namespace localism::scenario::detail
