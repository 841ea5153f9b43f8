// The staged national challenge prize, after the Big Green Challenge: open call -> entrants ->
// supported plans -> pitches -> funded finalists (delivery year) -> outcome awards.
#include <algorithm>
#include <cmath>

#include "localism/core/rng.hpp"
#include "localism/model/central_government.hpp"
#include "localism/model/commissioning.hpp"
#include "localism/model/emergence.hpp"
#include "localism/model/finance.hpp"
#include "localism/model/impact.hpp"
#include "localism/model/leadership.hpp"
#include "localism/model/life_cycle.hpp"
#include "localism/model/restricted_grant.hpp"

namespace localism {

namespace {

// Places and awards of a whole call, each also costing central administration (ODD 7.5).
std::int64_t call_cost(const PrizeParams& p, double admin_gbp_per_award) {
    const auto places = static_cast<double>(p.plan_support_places + p.finalist_places +
                                            p.award_large_count + p.award_small_count);
    return to_pence(static_cast<double>(p.plan_support_places) * p.plan_support_gbp +
                    static_cast<double>(p.finalist_places) * p.finalist_grant_gbp +
                    static_cast<double>(p.award_large_count) * p.award_large_gbp +
                    static_cast<double>(p.award_small_count) * p.award_small_gbp +
                    places * admin_gbp_per_award);
}

// A configured count of places or awards in a call scaled down to what its fund covers.
std::int64_t scaled(std::int64_t count, double scale) {
    return scale >= 1.0 ? count
                        : static_cast<std::int64_t>(std::floor(static_cast<double>(count) * scale));
}

// Pays one prize place or award (to the group, or support bought for it) and what
// administering it costs, both from the prize fund.
void spend_prize(const MonthContext& context, NationalSlice& slice, std::uint32_t i,
                 std::int64_t pence, bool to_community) {
    CentralGovernment& central = slice.central;
    pence = std::min(pence, central.prize_fund_pence);
    central.prize_fund_pence -= pence;
    central.held_pence -= pence;
    CouncilMonth& month = slice.month_of(i);
    month.spend_pence[static_cast<int>(SpendLine::kChallengePrize)] += pence;
    if (to_community) {
        credit_income(slice.communities, i, IncomeSource::kChallengePrize, pence, month);
    } else {
        slice.accounts.national.services_pence += pence;  // support bought for the group
    }
    const std::int64_t admin = std::min(to_pence(context.scenario.central.admin_cost_gbp_per_award),
                                        central.prize_fund_pence);
    central.prize_fund_pence -= admin;
    central.held_pence -= admin;
    slice.accounts.national.services_pence += admin;
    slice.accounts.national.spend_pence[static_cast<int>(SpendLine::kAdministration)] += admin;
}

// Judges' score of a group's entry or plan: quality, fit of its idea to its place, noise.
double judged_score(const MonthContext& context, const Communities& c, std::uint32_t i,
                    std::int32_t round) {
    KeyedStream stream(context.seed, i, context.month * 4 + round, Purpose::kPrizeJudging);
    const double quality = 0.5 * (c.leadership[i] + c.capacity[i]);
    const double fit_value = fit(c.practice[i], c.context[i], context.scenario.impact.fit_width);
    return quality + 0.5 * fit_value + stream.normal(0.0, context.scenario.prize.judging_noise_sd);
}

std::vector<Applicant> ranked(const MonthContext& context, const Communities& c, PrizeStage stage,
                              std::int32_t round) {
    std::vector<Applicant> list;
    for (std::uint32_t i = 0; i < c.size(); ++i) {
        // Groups that dissolved since entering drop out of the funnel.
        if (c.prize_stage[i] == stage && c.stage[i] != Stage::kDissolved) {
            list.push_back({i, judged_score(context, c, i, round)});
        }
    }
    rank_applicants(list);
    return list;
}

void select_entrants(const MonthContext& context, NationalSlice& slice) {
    const Scenario& s = context.scenario;
    Communities& c = slice.communities;
    CentralGovernment& central = slice.central;
    central.prize_entrants = central.prize_entrants_new = central.prize_entrants_under_5y = 0;
    for (std::uint32_t i = 0; i < c.size(); ++i) {
        // A call targeted at low social-capital areas (the Neighbourhood Challenge) is closed to
        // the others; the default limit of 1 admits everyone.
        if (c.stage[i] == Stage::kDissolved || c.social_capital[i] > s.prize.max_social_capital)
            continue;
        KeyedStream stream(context.seed, i, context.month, Purpose::kPrizeEntry);
        if (!stream.bernoulli(std::min(1.0, s.prize.entry_probability * c.leadership[i] / 0.5)))
            continue;
        // A community without a group forms one to enter (the BGC saw >150 groups formed in
        // response to the call): it counts as a start.
        if (c.stage[i] == Stage::kNone)
            life_cycle::start(c, i, context.month, slice.month_of(i).life_cycle);
        c.prize_stage[i] = PrizeStage::kEntrant;
        ++central.prize_entrants;
        central.prize_entrants_new += c.start_month[i] >= central.prize_call_month;
        central.prize_entrants_under_5y += context.month - c.start_month[i] < 60;
    }
    const auto list = ranked(context, c, PrizeStage::kEntrant, 0);
    const auto places = std::min<std::size_t>(
        list.size(),
        static_cast<std::size_t>(scaled(s.prize.plan_support_places, central.prize_call_scale)));
    central.prize_planning = static_cast<std::int32_t>(places);
    for (std::size_t k = 0; k < places; ++k) {
        const auto i = list[k].community;
        c.prize_stage[i] = PrizeStage::kPlanning;
        c.capacity[i] =
            static_cast<float>(std::min(1.0, c.capacity[i] + s.prize.plan_support_capacity_gain));
        develop_leaders(s.leaders, c, i);  // plan-writing support also builds the team
        life_cycle::form_plan_with_support(c, i, slice.month_of(i).life_cycle);
        spend_prize(context, slice, i, to_pence(s.prize.plan_support_gbp), false);
    }
}

void select_finalists(const MonthContext& context, NationalSlice& slice) {
    const Scenario& s = context.scenario;
    Communities& c = slice.communities;
    CentralGovernment& central = slice.central;
    const auto list = ranked(context, c, PrizeStage::kPlanning, 1);
    std::vector<std::uint32_t> pitched;
    for (const auto& a : list) {
        if (a.score >= s.prize.pitch_quality_threshold)
            pitched.push_back(a.community);
    }
    central.prize_pitched = static_cast<std::int32_t>(pitched.size());
    central.prize_finalists = static_cast<std::int32_t>(std::min<std::size_t>(
        pitched.size(),
        static_cast<std::size_t>(scaled(s.prize.finalist_places, central.prize_call_scale))));
    for (std::size_t k = 0; k < pitched.size(); ++k) {
        const auto i = pitched[k];
        c.prize_stage[i] = PrizeStage::kPitched;
        if (k >= static_cast<std::size_t>(central.prize_finalists))
            continue;
        c.prize_stage[i] = PrizeStage::kFinalist;
        central.prize_baselines.emplace_back(i, c.need[i]);
        // A restricted grant is paid month by month in delivery (pay_restricted_tranches); here
        // only its administration is charged.
        const bool restricted = s.prize.finalist_grant_restricted;
        spend_prize(context, slice, i, restricted ? 0 : to_pence(s.prize.finalist_grant_gbp),
                    !restricted);
        if (c.stage[i] != Stage::kActive)
            activate_own_initiative(c, i, context, slice.month_of(i).life_cycle);
    }
}

void award_winners(const MonthContext& context, NationalSlice& slice) {
    const PrizeParams& p = context.scenario.prize;
    Communities& c = slice.communities;
    CentralGovernment& central = slice.central;
    std::vector<Applicant> results;
    double reduction_sum = 0.0;
    for (const auto& [i, baseline] : central.prize_baselines) {
        const double base = std::max(1e-9f, baseline);
        const double reduction = 1.0 - c.need[i] / base;
        reduction_sum += reduction;
        if (reduction >= p.award_threshold_reduction)
            results.push_back({i, reduction});
    }
    central.prize_finalist_reduction =
        central.prize_finalists > 0 ? reduction_sum / central.prize_finalists : 0.0;
    rank_applicants(results);
    const auto large_count = scaled(p.award_large_count, central.prize_call_scale);
    const auto awards = static_cast<std::size_t>(
        large_count + scaled(p.award_small_count, central.prize_call_scale));
    central.prize_winners = static_cast<std::int32_t>(std::min(results.size(), awards));
    for (std::size_t k = 0; k < static_cast<std::size_t>(central.prize_winners); ++k) {
        const bool large = k < static_cast<std::size_t>(large_count);
        c.prize_stage[results[k].community] = PrizeStage::kWinner;
        spend_prize(context, slice, results[k].community,
                    to_pence(large ? p.award_large_gbp : p.award_small_gbp), true);
    }
}

// Whether a due call opens, setting the share of its places the fund covers; a call that does
// not open is counted (prize_calls_skipped), so a fund too small for a call is never silent.
bool open_call_scale(const MonthContext& context, CentralGovernment& central) {
    const PrizeParams& p = context.scenario.prize;
    const std::int64_t cost = call_cost(p, context.scenario.central.admin_cost_gbp_per_award);
    if (central.prize_fund_pence >= cost) {
        central.prize_call_scale = 1.0;
        return true;
    }
    const double scale = static_cast<double>(central.prize_fund_pence) /
                         static_cast<double>(std::max<std::int64_t>(1, cost));
    // A scaled call needs at least one finalist place, or it could award nothing.
    if (p.scale_call_to_fund && scaled(p.finalist_places, scale) >= 1) {
        central.prize_call_scale = scale;
        return true;
    }
    ++central.prize_calls_skipped;
    return false;
}

}  // namespace

void step_challenge_prize(const MonthContext& context, NationalSlice& slice) {
    const PrizeParams& p = context.scenario.prize;
    CentralGovernment& central = slice.central;
    const auto open_months = static_cast<std::int32_t>(p.call_open_months);
    // While prizes are off (or no money is devolved) a call in progress finishes, but no new
    // call opens (ODD 7.20).
    const bool call_due = prize_calls_open(context.scenario) &&
                          context.month >= p.first_call_month &&
                          (context.month - p.first_call_month) % p.interval_months == 0;
    if (call_due && open_call_scale(context, central)) {
        std::fill(slice.communities.prize_stage.begin(), slice.communities.prize_stage.end(),
                  PrizeStage::kNone);
        central.prize_call_month = context.month;
        central.call_open_until_month =
            std::max(central.call_open_until_month, context.month + open_months - 1);
        central.prize_entrants = central.prize_planning = central.prize_pitched = 0;
        central.prize_finalists = central.prize_winners = 0;
        central.prize_baselines.clear();
        return;
    }
    if (central.prize_call_month < 0)
        return;
    const std::int32_t since = context.month - central.prize_call_month;
    const auto plan_end = open_months + static_cast<std::int32_t>(p.plan_months);
    if (since == open_months)
        select_entrants(context, slice);
    if (since == plan_end)
        select_finalists(context, slice);
    const auto delivery_month = since - plan_end;  // 0 in the month finalists are chosen
    if (p.finalist_grant_restricted && delivery_month >= 0 && delivery_month < p.delivery_months)
        pay_restricted_tranches(context, slice, delivery_month);
    if (since == plan_end + static_cast<std::int32_t>(p.delivery_months))
        award_winners(context, slice);
}

}  // namespace localism
