// The restricted finalist grant (ODD 7.19): the delivery-year grant funds the project month by
// month, so a finalist ends its funded year with its own reserves, not with the grant as cash.
#include "localism/model/restricted_grant.hpp"

#include <algorithm>
#include <cmath>

#include "localism/model/finance.hpp"

namespace localism {

std::int64_t restricted_tranche_pence(std::int64_t grant_pence, std::int64_t delivery_months,
                                      std::int64_t k) {
    const std::int64_t months = std::max<std::int64_t>(1, delivery_months);
    const std::int64_t tranche = grant_pence / months;
    return k == months - 1 ? grant_pence - tranche * (months - 1) : tranche;
}

void pay_restricted_tranches(const MonthContext& context, NationalSlice& slice, std::int64_t k) {
    const Scenario& s = context.scenario;
    CentralGovernment& central = slice.central;
    Communities& c = slice.communities;
    // Running costs are the first charge on the project budget; the rest buys delivery (staff,
    // materials, events) that leaves the system as it is spent, like plan support does, except
    // the share the funder lets the group keep as reserves (prize.restricted_reserve_share).
    const std::int64_t running_cost = to_pence(s.finance.running_cost_gbp_per_month);
    const std::int64_t tranche =
        restricted_tranche_pence(to_pence(s.prize.finalist_grant_gbp), s.prize.delivery_months, k);
    for (const auto& finalist : central.prize_baselines) {
        const std::uint32_t i = finalist.first;
        if (c.stage[i] == Stage::kDissolved)
            continue;  // its remaining tranches stay in the prize fund
        const std::int64_t pence = std::min(tranche, central.prize_fund_pence);
        // The group's own part: its running cost, and the share of the rest it may keep.
        const std::int64_t above = pence - std::min(pence, running_cost);
        const auto reserve = static_cast<std::int64_t>(
            std::floor(static_cast<double>(above) * s.prize.restricted_reserve_share));
        const std::int64_t to_group = pence - above + reserve;
        central.prize_fund_pence -= pence;
        central.held_pence -= pence;
        CouncilMonth& month = slice.month_of(i);
        month.spend_pence[static_cast<int>(SpendLine::kChallengePrize)] += pence;
        credit_income(c, i, IncomeSource::kChallengePrize, to_group, month);
        slice.accounts.national.services_pence += pence - to_group;
    }
}

}  // namespace localism
