// Finance and survival of initiatives.
#include "localism/model/finance.hpp"

#include <algorithm>

#include "localism/core/rng.hpp"
#include "localism/model/deprivation_deciles.hpp"
#include "localism/model/life_cycle.hpp"
#include "localism/model/volunteer_capacity.hpp"

namespace localism {

namespace {

constexpr float kTrailingKeep = 11.0f / 12.0f;

// Public money: what the council panel's spend_gbp and the decile spend series count.
bool is_public(IncomeSource source) {
    return source == IncomeSource::kCouncilGrant || source == IncomeSource::kCouncilContract ||
           source == IncomeSource::kCentralProgramme || source == IncomeSource::kChallengePrize;
}

void external_income(const FinanceParams& f, CouncilSlice& slice, std::uint32_t i) {
    CommunitySlice& c = slice.communities;
    CouncilMonth& month = slice.month;
    const auto donations = to_pence(f.donations_gbp_per_month * c.social_capital[i]);
    const auto earned = to_pence(f.earned_income_gbp_per_month * c.earned_income_capability[i]);
    credit_income(c, i, IncomeSource::kDonations, donations, month);
    credit_income(c, i, IncomeSource::kEarned, earned, month);
    month.external_income_pence += donations + earned;
    const bool invest = !(c.flags[i] & kFlagSocialInvested) &&
                        c.track_record_months[i] >= f.social_investment_min_track_record_months &&
                        c.earned_income_capability[i] >= f.social_investment_min_capability;
    if (invest) {
        const auto investment = to_pence(f.social_investment_gbp);
        credit_income(c, i, IncomeSource::kSocialInvestment, investment, month);
        month.external_income_pence += investment;
        c.flags[i] |= kFlagSocialInvested;
    }
}

void pay_running_costs(const FinanceParams& f, CouncilSlice& slice, std::uint32_t i) {
    CommunitySlice& c = slice.communities;
    const auto cost = to_pence(f.running_cost_gbp_per_month);
    const std::int64_t paid = std::min(cost, c.cash_pence[i]);
    c.cash_pence[i] -= paid;
    slice.month.running_costs_pence += paid;
    if (paid < cost)  // could not cover a full month: the group stops delivering
        life_cycle::move(c, i, life_cycle::Move::kGoDormant, slice.month.life_cycle);
}

void maybe_dissolve(const MonthContext& context, CouncilSlice& slice, std::uint32_t i) {
    const FinanceParams& f = context.scenario.finance;
    CommunitySlice& c = slice.communities;
    const bool dormant = c.stage[i] == Stage::kDormant;
    const double base =
        dormant ? f.dormant_dissolution_hazard_per_month : f.active_dissolution_hazard_per_month;
    const double hazard = dissolution_hazard(
        base, income_diversity(decode_income(c.trailing_income_gbp[i])), f.diversity_protection);
    KeyedStream stream(context.seed, i, context.month, Purpose::kDissolution);
    if (stream.bernoulli(hazard))
        life_cycle::dissolve(c, i, slice.month.life_cycle);
}

}  // namespace

std::array<float, kIncomeSourceCount> decode_income(const TrailingIncome& stored) {
    std::array<float, kIncomeSourceCount> gbp{};
    for (int k = 0; k < kIncomeSourceCount; ++k)
        gbp[k] = from_bfloat16(stored[k]);
    return gbp;
}

double total_income(const std::array<float, kIncomeSourceCount>& trailing_income_gbp) {
    double total = 0.0;
    for (float x : trailing_income_gbp)
        total += x;
    return total;
}

double income_diversity(const std::array<float, kIncomeSourceCount>& trailing_income_gbp) {
    const double total = total_income(trailing_income_gbp);
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

template <typename Columns>
void credit_income(Columns& c, std::uint32_t i, IncomeSource source, std::int64_t pence,
                   CouncilMonth& row) {
    if (pence <= 0)
        return;
    c.cash_pence[i] += pence;
    std::uint16_t& stored = c.trailing_income_gbp[i][static_cast<int>(source)];
    stored = to_bfloat16(from_bfloat16(stored) + static_cast<float>(to_gbp(pence)));
    row.income_pence[static_cast<int>(source)] += pence;
    if (is_public(source))
        row.public_income_by_decile_pence[decile_slot(c.deprivation_decile[i])] += pence;
}
template void credit_income(Communities&, std::uint32_t, IncomeSource, std::int64_t, CouncilMonth&);
template void credit_income(CommunitySlice&, std::uint32_t, IncomeSource, std::int64_t,
                            CouncilMonth&);

void decay_held_trailing_income(TrailingIncome& income) {
    for (auto& x : income)
        x = to_bfloat16(from_bfloat16(x) * kTrailingKeep);
}

void step_finance(const MonthContext& context, const PeerView& /*peers*/, CouncilSlice& slice) {
    const FinanceParams& f = context.scenario.finance;
    if (!f.enabled)
        return;  // no money constraints: groups stay active without paying
    CommunitySlice& c = slice.communities;
    const auto running_cost = to_pence(f.running_cost_gbp_per_month);
    for (std::uint32_t i = slice.first(); i < slice.last(); ++i) {
        if (c.stage[i] == Stage::kActive) {
            external_income(f, slice, i);
            pay_running_costs(f, slice, i);
            maybe_dissolve(context, slice, i);
        } else if (c.stage[i] == Stage::kDormant) {
            if (c.cash_pence[i] >= running_cost && can_run(context.scenario.capacity, c, i)) {
                life_cycle::move(c, i, life_cycle::Move::kRevive,
                                 slice.month.life_cycle);  // revived by new money
                pay_running_costs(f, slice, i);
            } else {
                maybe_dissolve(context, slice, i);
            }
        }
    }
}

}  // namespace localism
