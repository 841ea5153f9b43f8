// Finance and survival (ODD 7.4): active groups earn and receive income by source, pay running
// costs, fall dormant when cash runs out, revive when funded, and dissolve with a hazard that
// diverse income lowers. Money is integer pence; every penny is accounted for in CouncilMonth.
#pragma once

#include <array>

#include "localism/model/process.hpp"

namespace localism {

// Trailing income by source in GBP, decoded from its compact (bfloat16) storage.
std::array<float, kIncomeSourceCount> decode_income(const TrailingIncome& stored);
// Sum of trailing income over all sources, GBP (added in source order).
double total_income(const std::array<float, kIncomeSourceCount>& trailing_income_gbp);
// 1 - Herfindahl index of trailing income shares; 0 with one source (or none), up to 6/7.
double income_diversity(const std::array<float, kIncomeSourceCount>& trailing_income_gbp);
// Monthly dissolution hazard after the diversity discount.
double dissolution_hazard(double base_hazard, double diversity, double diversity_protection);
// Credits `pence` of income from `source` to community i, recording it in `row` (the month row
// of i's council). `Columns` is Communities or CommunitySlice.
template <typename Columns>
void credit_income(Columns& c, std::uint32_t i, IncomeSource source, std::int64_t pence,
                   CouncilMonth& row);
// Trailing income decays by 11/12 at the start of each month (so this month's income counts in
// full): an exponential moving average with a 12-month window.
// Inline because it runs for every community every month and most never had income: the test
// is a few ORs (not `== {}`, which compiles to a libc memcmp call), the decay out of line.
void decay_held_trailing_income(TrailingIncome& income);
inline void decay_trailing_income(TrailingIncome& income) {
    std::uint16_t any_bits = 0;
    for (const auto x : income)
        any_bits |= x;
    if (any_bits != 0)
        decay_held_trailing_income(income);
}
// Income, running costs, dormancy, revival and dissolution for one council's communities (a
// CouncilProcess).
void step_finance(const MonthContext& context, const PeerView& peers, CouncilSlice& slice);

}  // namespace localism
