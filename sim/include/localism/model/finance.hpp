// Finance and survival (ODD 7.4): active groups earn and receive income by source, pay running
// costs, fall dormant when cash runs out, revive when funded, and dissolve with a hazard that
// diverse income lowers. Money is integer pence; every penny is accounted for in CouncilMonth.
#pragma once

#include <array>

#include "localism/model/world.hpp"

namespace localism {

// Trailing income by source in GBP, decoded from its compact (bfloat16) storage.
std::array<float, kIncomeSourceCount> decode_income(const TrailingIncome& stored);

// 1 - Herfindahl index of trailing income shares; 0 with one source (or none), up to 6/7.
double income_diversity(const std::array<float, kIncomeSourceCount>& trailing_income_gbp);

// Monthly dissolution hazard after the diversity discount.
double dissolution_hazard(double base_hazard, double diversity, double diversity_protection);

// Credits `pence` of income from `source` to community i, recording it in the council's month.
void credit_income(World& world, std::uint32_t i, IncomeSource source, std::int64_t pence,
                   CouncilMonth& month);

// Start-of-month bookkeeping for a council's communities, run by the scheduler before any
// process: life-cycle
// clocks (months in stage, track record) advance for the month just ended, trailing income
// decays by 11/12 (so this month's income counts in full), and 12-month cohort survival is counted.
void begin_council_month(World& world, const Council& council, CouncilMonth& month);

// Income, running costs, dormancy, revival and dissolution for one council's communities.
void step_finance(World& world, const Council& council, CouncilMonth& month);

}  // namespace localism
