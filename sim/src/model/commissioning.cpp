// Council funding rounds.
#include "localism/model/commissioning.hpp"

#include <algorithm>

#include "localism/core/rng.hpp"
#include "localism/model/council_traits.hpp"
#include "localism/model/emergence.hpp"
#include "localism/model/finance.hpp"
#include "localism/model/volunteer_capacity.hpp"

namespace localism {

namespace {

bool wants_money(const MonthContext& context, const CommunitySlice& c, std::uint32_t i) {
    const auto reserve = to_pence(context.scenario.councils.apply_below_reserve_months *
                                  context.scenario.finance.running_cost_gbp_per_month);
    switch (c.stage[i]) {
        case Stage::kPlan:
        case Stage::kDormant:
            return true;
        case Stage::kActive:
            return !(c.flags[i] & kFlagProgrammeMember) && c.cash_pence[i] < reserve;
        default:
            return false;
    }
}

// Track record at or above which a group counts as one of the council's "usual suspects"
// (top decile of its communities by track record; never zero).
std::uint16_t usual_suspect_threshold(const CouncilSlice& slice) {
    std::vector<std::uint16_t> records;
    records.reserve(slice.last() - slice.first());
    for (std::uint32_t i = slice.first(); i < slice.last(); ++i)
        records.push_back(slice.communities.track_record_months[i]);
    if (records.empty())
        return 1;
    const auto rank = static_cast<std::ptrdiff_t>(records.size() * 9 / 10);
    std::nth_element(records.begin(), records.begin() + rank, records.end());
    return std::max<std::uint16_t>(1, records[static_cast<std::size_t>(rank)]);
}

std::vector<Applicant> collect_applications(const MonthContext& context,
                                            const CouncilSlice& slice) {
    const CommissioningParams& p = context.scenario.councils;
    const CommunitySlice& c = slice.communities;
    const double outreach = council_outreach(p, slice.council);
    const double noise_sd = council_scoring_noise_sd(p, slice.council);
    std::vector<Applicant> applicants;
    for (std::uint32_t i = slice.first(); i < slice.last(); ++i) {
        if (!wants_money(context, c, i))
            continue;
        KeyedStream stream(context.seed, i, context.month, Purpose::kApplication);
        const double reach = c.track_record_months[i] > 0 ? 1.0 : outreach;
        if (!stream.bernoulli(reach * (1.0 - p.admin_burden * (1.0 - c.capacity[i]))))
            continue;
        KeyedStream noise(context.seed, i, context.month, Purpose::kScoringNoise);
        const double quality = 0.5 * (c.leadership[i] + c.capacity[i]);
        applicants.push_back(
            {i,
             application_score(quality, c.track_record_months[i] / p.track_record_saturation_months,
                               p.usual_suspects_weight, noise.normal(0.0, noise_sd))});
    }
    rank_applicants(applicants);
    return applicants;
}

// One funding decision: what is paid, from which line, what administering it costs (taken from
// the same line, booked as administration: ODD 7.5) and who counts as a usual suspect.
struct Award {
    IncomeSource source;
    SpendLine line;
    std::int64_t pence;
    std::int64_t admin_pence;
    std::int64_t cost() const { return pence + admin_pence; }
};

// Pays `a` to community i out of `line_pence` (the council's budget line for it).
void award(const MonthContext& context, CouncilSlice& slice, std::uint32_t i, const Award& a,
           std::int64_t& line_pence, std::uint16_t suspect_threshold) {
    CommunitySlice& c = slice.communities;
    CouncilMonth& month = slice.month;
    line_pence -= a.cost();
    credit_income(c, i, a.source, a.pence, month);
    month.spend_pence[static_cast<int>(a.line)] += a.pence;
    month.spend_pence[static_cast<int>(SpendLine::kAdministration)] += a.admin_pence;
    if (a.source == IncomeSource::kCouncilGrant) {
        month.grant_pence_total += a.pence;
        if (c.track_record_months[i] >= suspect_threshold)
            month.grant_pence_to_usual_suspects += a.pence;
        if (c.start_month[i] >= 0 && context.month - c.start_month[i] < 12)
            month.grant_pence_to_new_groups += a.pence;
    }
    if (c.stage[i] == Stage::kPlan &&
        c.months_in_stage[i] >= context.scenario.emergence.plan_months) {
        activate_own_initiative(c, i, context, month.life_cycle);
    }
}

void support(const CommissioningParams& p, CouncilSlice& slice, std::uint32_t i) {
    CommunitySlice& c = slice.communities;
    const auto cost = to_pence(p.support_cost_gbp);
    const double strength = slice.council.support_multiplier;  // 1 unless councils differ
    slice.council.nonfinancial_pence -= cost;
    slice.month.spend_pence[static_cast<int>(SpendLine::kNonFinancialSupport)] += cost;
    c.capacity[i] = static_cast<float>(std::min(1.0, c.capacity[i] + p.capacity_gain * strength));
    c.earned_income_capability[i] = static_cast<float>(
        std::min(1.0, c.earned_income_capability[i] + p.business_model_gain * strength));
}

void run_round(const MonthContext& context, CouncilSlice& slice) {
    const CommissioningParams& p = context.scenario.councils;
    const CommunitySlice& c = slice.communities;
    Council& council = slice.council;
    const std::vector<Applicant> applicants = collect_applications(context, slice);
    for (const Applicant& a : applicants)  // scored as they were; the paperwork costs after
        spend_on_paperwork(context.scenario, slice.communities, a.community);
    const std::uint16_t threshold = usual_suspect_threshold(slice);
    const auto grant_admin = to_pence(p.admin_cost_gbp_per_grant);
    const Award grant{IncomeSource::kCouncilGrant, SpendLine::kOpenGrants, to_pence(p.grant_gbp),
                      grant_admin};
    const Award contract{IncomeSource::kCouncilContract, SpendLine::kContracts,
                         to_pence(p.contract_gbp), to_pence(p.admin_cost_gbp_per_contract)};
    const Award challenge{IncomeSource::kCouncilGrant, SpendLine::kLocalChallenge, grant.pence,
                          grant_admin};
    std::vector<bool> funded(applicants.size(), false);
    for (std::size_t k = 0; k < applicants.size(); ++k) {  // contracts go to established groups
        const auto i = applicants[k].community;
        if (c.track_record_months[i] < p.contract_min_track_record_months ||
            council.contracts_pence < contract.cost())
            continue;
        award(context, slice, i, contract, council.contracts_pence, threshold);
        funded[k] = true;
    }
    for (std::size_t k = 0; k < applicants.size() && council.open_grants_pence >= grant.cost();
         ++k) {
        if (funded[k])
            continue;
        award(context, slice, applicants[k].community, grant, council.open_grants_pence, threshold);
        funded[k] = true;
    }
    // Local challenge: reserved for groups with no track record, best-scored first.
    for (std::size_t k = 0;
         k < applicants.size() && council.local_challenge_pence >= challenge.cost(); ++k) {
        if (funded[k] || c.track_record_months[applicants[k].community] > 0)
            continue;
        award(context, slice, applicants[k].community, challenge, council.local_challenge_pence,
              threshold);
        funded[k] = true;
    }
    for (std::size_t k = 0;
         k < applicants.size() && council.nonfinancial_pence >= to_pence(p.support_cost_gbp); ++k) {
        if (!funded[k])
            support(p, slice, applicants[k].community);
    }
}

}  // namespace

double application_score(double quality, double track_record_share, double usual_suspects_weight,
                         double noise) {
    const double track = std::min(1.0, track_record_share);
    return quality + usual_suspects_weight * track + noise;
}

void rank_applicants(std::vector<Applicant>& applicants) {
    std::sort(applicants.begin(), applicants.end(), [](const Applicant& a, const Applicant& b) {
        return a.score != b.score ? a.score > b.score : a.community < b.community;
    });
}

void fund_council_lines(const CommissioningParams& p, Council& council, std::int64_t pence) {
    const auto share = [&](double fraction) {
        return static_cast<std::int64_t>(static_cast<double>(pence) * fraction);
    };
    const std::int64_t grants = share(p.open_grants_share);
    const std::int64_t contracts = share(p.contracts_share);
    const std::int64_t support = share(p.nonfinancial_share);
    council.open_grants_pence += grants;
    council.contracts_pence += contracts;
    council.nonfinancial_pence += support;
    council.local_challenge_pence += pence - grants - contracts - support;  // remainder: exact
}

void step_commissioning(const MonthContext& context, const PeerView& /*peers*/,
                        CouncilSlice& slice) {
    const CommissioningParams& p = context.scenario.councils;
    if (!p.enabled)
        return;
    Council& council = slice.council;
    if (context.month % 12 == 1) {  // councils set their own community budget each April
        const auto communities = council.last_community - council.first_community;
        const auto own = to_pence(p.own_budget_gbp_per_community_per_year * communities);
        fund_council_lines(p, council, own);
        slice.month.received_pence += own;
        slice.month.own_budget_pence += own;
    }
    if ((context.month - 1) % p.round_interval_months != 0)
        return;
    if (council.local_challenge_pence >= to_pence(p.grant_gbp + p.admin_cost_gbp_per_grant)) {
        council.call_open_until_month =
            context.month + static_cast<std::int32_t>(p.local_challenge_call_months) - 1;
    }
    run_round(context, slice);
}

}  // namespace localism
