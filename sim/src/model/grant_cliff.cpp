// The grant cliff: a grant ending is a shock that a grant-dependent group often does not survive.
#include "localism/model/grant_cliff.hpp"

#include "localism/core/rng.hpp"
#include "localism/model/finance.hpp"
#include "localism/model/life_cycle.hpp"

namespace localism {

double grant_dependence(const std::array<float, kIncomeSourceCount>& trailing_income_gbp) {
    const double total = total_income(trailing_income_gbp);
    if (total <= 0.0)
        return 0.0;
    double grants = 0.0;
    for (IncomeSource source : {IncomeSource::kCouncilGrant, IncomeSource::kCouncilContract,
                                IncomeSource::kCentralProgramme, IncomeSource::kChallengePrize}) {
        grants += trailing_income_gbp[static_cast<int>(source)];
    }
    return grants / total;
}

void step_grant_cliff(const MonthContext& context, const PeerView& /*peers*/, CouncilSlice& slice) {
    const GrantCliffParams& p = context.scenario.grant_cliff;
    if (!p.enabled || !context.scenario.finance.enabled)
        return;
    CommunitySlice& c = slice.communities;
    const auto running_cost = to_pence(context.scenario.finance.running_cost_gbp_per_month);
    for (std::uint32_t i = slice.first(); i < slice.last(); ++i) {
        // Went dormant this month (finance runs just before) because the cash ran out: the
        // month the last grant's money is gone. Dormancy for other reasons leaves cash behind.
        const bool at_cliff = c.stage[i] == Stage::kDormant && c.months_in_stage[i] == 0 &&
                              c.previous_stage[i] == Stage::kActive &&
                              c.cash_pence[i] < running_cost;
        if (!at_cliff)
            continue;
        const double chance = p.hazard * grant_dependence(decode_income(c.trailing_income_gbp[i]));
        KeyedStream stream(context.seed, i, context.month, Purpose::kGrantCliff);
        if (stream.bernoulli(chance))
            life_cycle::dissolve(c, i, slice.month.life_cycle);
    }
}

}  // namespace localism
