// Volunteer capacity: use, paperwork, recovery and burnout.
#include "localism/model/volunteer_capacity.hpp"

#include <algorithm>

#include "localism/model/finance.hpp"
#include "localism/model/life_cycle.hpp"

namespace localism {

double paperwork_cost(const Scenario& scenario) {
    if (!scenario.capacity.enabled)
        return 0.0;
    return scenario.councils.admin_burden * scenario.capacity.paperwork_cost;
}

void spend_on_paperwork(const Scenario& scenario, CommunitySlice& c, std::uint32_t i) {
    const double cost = paperwork_cost(scenario);
    if (cost > 0.0)
        c.capacity[i] = static_cast<float>(std::max(0.0, c.capacity[i] - cost));
}

double reporting_cost(const Scenario& scenario, double council_income_gbp) {
    const double year_of_running = 12.0 * scenario.finance.running_cost_gbp_per_month;
    const double funded_share =
        year_of_running > 0.0 ? std::min(1.0, council_income_gbp / year_of_running) : 0.0;
    return scenario.councils.admin_burden * scenario.capacity.reporting_cost_per_month *
           funded_share;
}

double rested_capacity(double capacity, double baseline, double recovery_per_month) {
    if (capacity >= baseline)
        return capacity;
    return capacity + recovery_per_month * (baseline - capacity);
}

void step_capacity(const MonthContext& context, const PeerView& /*peers*/, CouncilSlice& slice) {
    const Scenario& s = context.scenario;
    const CapacityParams& p = s.capacity;
    if (!p.enabled)
        return;
    CommunitySlice& c = slice.communities;
    for (std::uint32_t i = slice.first(); i < slice.last(); ++i) {
        if (c.stage[i] != Stage::kActive) {
            const double baseline = from_bfloat16(c.capacity_baseline[i]);
            c.capacity[i] =
                static_cast<float>(rested_capacity(c.capacity[i], baseline, p.recovery_per_month));
            continue;
        }
        const auto income = decode_income(c.trailing_income_gbp[i]);
        const double council_income =
            static_cast<double>(income[static_cast<int>(IncomeSource::kCouncilGrant)]) +
            income[static_cast<int>(IncomeSource::kCouncilContract)];
        const double used = p.use_per_month + reporting_cost(s, council_income);
        c.capacity[i] = static_cast<float>(std::max(0.0, c.capacity[i] - used));
        if (c.capacity[i] < p.burnout_threshold)
            life_cycle::move(c, i, life_cycle::Move::kBurnOut, slice.month.life_cycle);
    }
}

}  // namespace localism
