// Finance and survival of initiatives.
#include "localism/model/finance.hpp"

#include <algorithm>

#include "localism/core/rng.hpp"

namespace localism {

namespace {

// Trailing-year income as an exponential moving average with a 12-month window: each month
// keeps 11/12 of the previous total and adds this month's income.
constexpr float kTrailingKeep = 11.0f / 12.0f;

void external_income(World& world, std::uint32_t i, CouncilMonth& month) {
    const FinanceParams& f = world.scenario->finance;
    Communities& c = world.communities;
    const auto donations = to_pence(f.donations_gbp_per_month * c.social_capital[i]);
    const auto earned = to_pence(f.earned_income_gbp_per_month * c.earned_income_capability[i]);
    credit_income(world, i, IncomeSource::kDonations, donations, month);
    credit_income(world, i, IncomeSource::kEarned, earned, month);
    month.external_income_pence += donations + earned;
    const bool invest = !(c.flags[i] & kFlagSocialInvested) &&
                        c.track_record_months[i] >= f.social_investment_min_track_record_months &&
                        c.earned_income_capability[i] >= f.social_investment_min_capability;
    if (invest) {
        const auto investment = to_pence(f.social_investment_gbp);
        credit_income(world, i, IncomeSource::kSocialInvestment, investment, month);
        month.external_income_pence += investment;
        c.flags[i] |= kFlagSocialInvested;
    }
}

void pay_running_costs(World& world, std::uint32_t i, CouncilMonth& month) {
    Communities& c = world.communities;
    const auto cost = to_pence(world.scenario->finance.running_cost_gbp_per_month);
    const std::int64_t paid = std::min(cost, c.cash_pence[i]);
    c.cash_pence[i] -= paid;
    month.running_costs_pence += paid;
    if (paid < cost) {  // could not cover a full month: the group stops delivering
        c.stage[i] = Stage::kDormant;
        c.months_in_stage[i] = 0;
    }
}

void maybe_dissolve(World& world, std::uint32_t i, CouncilMonth& month) {
    const FinanceParams& f = world.scenario->finance;
    Communities& c = world.communities;
    const bool dormant = c.stage[i] == Stage::kDormant;
    const double base =
        dormant ? f.dormant_dissolution_hazard_per_month : f.active_dissolution_hazard_per_month;
    const double hazard = dissolution_hazard(
        base, income_diversity(decode_income(c.trailing_income_gbp[i])), f.diversity_protection);
    KeyedStream stream(world.seed(), i, world.month, Purpose::kDissolution);
    if (stream.bernoulli(hazard)) {
        c.stage[i] = Stage::kDissolved;
        c.months_in_stage[i] = 0;
        c.flags[i] &= static_cast<std::uint8_t>(~(kFlagProgrammeMember | kFlagPilot));
        ++month.dissolutions;
    }
}

void count_cohort_survivor(const World& world, std::uint32_t i, CouncilMonth& month) {
    const Communities& c = world.communities;
    if (world.month > 12 && c.start_month[i] == world.month - 12) {
        ++month.cohort_12m;
        month.survivors_12m += c.stage[i] != Stage::kDissolved && c.stage[i] != Stage::kNone;
    }
}

}  // namespace

std::array<float, kIncomeSourceCount> decode_income(const TrailingIncome& stored) {
    std::array<float, kIncomeSourceCount> gbp{};
    for (int k = 0; k < kIncomeSourceCount; ++k)
        gbp[k] = from_bfloat16(stored[k]);
    return gbp;
}

double income_diversity(const std::array<float, kIncomeSourceCount>& trailing_income_gbp) {
    double total = 0.0;
    for (float x : trailing_income_gbp)
        total += x;
    if (total <= 0.0)
        return 0.0;
    double herfindahl = 0.0;
    for (float x : trailing_income_gbp)
        herfindahl += (x / total) * (x / total);
    return 1.0 - herfindahl;
}

double dissolution_hazard(double base_hazard, double diversity, double diversity_protection) {
    return base_hazard * (1.0 - diversity_protection * diversity);
}

void credit_income(World& world, std::uint32_t i, IncomeSource source, std::int64_t pence,
                   CouncilMonth& month) {
    if (pence <= 0)
        return;
    Communities& c = world.communities;
    c.cash_pence[i] += pence;
    std::uint16_t& stored = c.trailing_income_gbp[i][static_cast<int>(source)];
    stored = to_bfloat16(from_bfloat16(stored) + static_cast<float>(to_gbp(pence)));
    month.income_pence[static_cast<int>(source)] += pence;
}

void step_finance(World& world, const Council& council, CouncilMonth& month) {
    const FinanceParams& f = world.scenario->finance;
    Communities& c = world.communities;
    const auto running_cost = to_pence(f.running_cost_gbp_per_month);
    if (!f.enabled)
        return;  // no money constraints: groups stay active without paying
    for (std::uint32_t i = council.first_community; i < council.last_community; ++i) {
        if (c.stage[i] == Stage::kActive) {
            external_income(world, i, month);
            pay_running_costs(world, i, month);
            maybe_dissolve(world, i, month);
        } else if (c.stage[i] == Stage::kDormant) {
            if (c.cash_pence[i] >= running_cost) {
                c.stage[i] = Stage::kActive;  // revived by new money
                c.months_in_stage[i] = 0;
                pay_running_costs(world, i, month);
            } else {
                maybe_dissolve(world, i, month);
            }
        }
    }
}

void begin_council_month(World& world, const Council& council, CouncilMonth& month) {
    Communities& c = world.communities;
    const bool clocks = world.month > 1;  // clocks count the month that just ended
    for (std::uint32_t i = council.first_community; i < council.last_community; ++i) {
        if (clocks) {
            if (c.stage[i] == Stage::kActive && c.track_record_months[i] < 0xFFFF)
                ++c.track_record_months[i];
            if (c.months_in_stage[i] < 0xFFFF)
                ++c.months_in_stage[i];
        }
        auto& income = c.trailing_income_gbp[i];
        if (income != TrailingIncome{}) {
            for (auto& x : income)
                x = to_bfloat16(from_bfloat16(x) * kTrailingKeep);
        }
        count_cohort_survivor(world, i, month);
    }
}

}  // namespace localism
