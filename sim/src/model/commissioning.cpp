// Council funding rounds.
#include "localism/model/commissioning.hpp"

#include <algorithm>

#include "localism/core/rng.hpp"
#include "localism/model/emergence.hpp"
#include "localism/model/finance.hpp"

namespace localism {

namespace {

bool wants_money(const World& world, std::uint32_t i) {
    const Communities& c = world.communities;
    const auto reserve = to_pence(world.scenario->councils.apply_below_reserve_months *
                                  world.scenario->finance.running_cost_gbp_per_month);
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
std::uint16_t usual_suspect_threshold(const World& world, const Council& council) {
    std::vector<std::uint16_t> records(
        world.communities.track_record_months.begin() + council.first_community,
        world.communities.track_record_months.begin() + council.last_community);
    if (records.empty())
        return 1;
    const auto rank = static_cast<std::ptrdiff_t>(records.size() * 9 / 10);
    std::nth_element(records.begin(), records.begin() + rank, records.end());
    return std::max<std::uint16_t>(1, records[static_cast<std::size_t>(rank)]);
}

std::vector<Applicant> collect_applications(const World& world, const Council& council) {
    const CommissioningParams& p = world.scenario->councils;
    const Communities& c = world.communities;
    std::vector<Applicant> applicants;
    for (std::uint32_t i = council.first_community; i < council.last_community; ++i) {
        if (!wants_money(world, i))
            continue;
        KeyedStream stream(world.seed(), i, world.month, Purpose::kApplication);
        const double reach = c.track_record_months[i] > 0 ? 1.0 : p.outreach;
        if (!stream.bernoulli(reach * (1.0 - p.admin_burden * (1.0 - c.capacity[i]))))
            continue;
        KeyedStream noise(world.seed(), i, world.month, Purpose::kScoringNoise);
        const double quality = 0.5 * (c.leadership[i] + c.capacity[i]);
        applicants.push_back(
            {i,
             application_score(quality, c.track_record_months[i] / p.track_record_saturation_months,
                               p.usual_suspects_weight, noise.normal(0.0, p.scoring_noise_sd))});
    }
    rank_applicants(applicants);
    return applicants;
}

void award(World& world, std::uint32_t i, IncomeSource source, SpendLine line, std::int64_t pence,
           std::uint16_t suspect_threshold, CouncilMonth& month) {
    Communities& c = world.communities;
    credit_income(world, i, source, pence, month);
    month.spend_pence[static_cast<int>(line)] += pence;
    if (source == IncomeSource::kCouncilGrant) {
        month.grant_pence_total += pence;
        if (c.track_record_months[i] >= suspect_threshold)
            month.grant_pence_to_usual_suspects += pence;
        if (c.start_month[i] >= 0 && world.month - c.start_month[i] < 12)
            month.grant_pence_to_new_groups += pence;
    }
    if (c.stage[i] == Stage::kPlan &&
        c.months_in_stage[i] >= world.scenario->emergence.plan_months) {
        activate_own_initiative(world, i);
    }
}

void support(World& world, std::uint32_t i, Council& council, CouncilMonth& month) {
    const CommissioningParams& p = world.scenario->councils;
    Communities& c = world.communities;
    const auto cost = to_pence(p.support_cost_gbp);
    council.nonfinancial_pence -= cost;
    month.spend_pence[static_cast<int>(SpendLine::kNonFinancialSupport)] += cost;
    c.capacity[i] = static_cast<float>(std::min(1.0, c.capacity[i] + p.capacity_gain));
    c.earned_income_capability[i] =
        static_cast<float>(std::min(1.0, c.earned_income_capability[i] + p.business_model_gain));
}

void run_round(World& world, Council& council, CouncilMonth& month) {
    const CommissioningParams& p = world.scenario->councils;
    const Communities& c = world.communities;
    const std::vector<Applicant> applicants = collect_applications(world, council);
    const std::uint16_t threshold = usual_suspect_threshold(world, council);
    const auto grant = to_pence(p.grant_gbp);
    const auto contract = to_pence(p.contract_gbp);
    std::vector<bool> funded(applicants.size(), false);
    for (std::size_t k = 0; k < applicants.size(); ++k) {  // contracts go to established groups
        const auto i = applicants[k].community;
        if (c.track_record_months[i] < p.contract_min_track_record_months ||
            council.contracts_pence < contract)
            continue;
        council.contracts_pence -= contract;
        award(world, i, IncomeSource::kCouncilContract, SpendLine::kContracts, contract, threshold,
              month);
        funded[k] = true;
    }
    for (std::size_t k = 0; k < applicants.size() && council.open_grants_pence >= grant; ++k) {
        if (funded[k])
            continue;
        council.open_grants_pence -= grant;
        award(world, applicants[k].community, IncomeSource::kCouncilGrant, SpendLine::kOpenGrants,
              grant, threshold, month);
        funded[k] = true;
    }
    // Local challenge: reserved for groups with no track record, best-scored first.
    for (std::size_t k = 0; k < applicants.size() && council.local_challenge_pence >= grant; ++k) {
        if (funded[k] || c.track_record_months[applicants[k].community] > 0)
            continue;
        council.local_challenge_pence -= grant;
        award(world, applicants[k].community, IncomeSource::kCouncilGrant,
              SpendLine::kLocalChallenge, grant, threshold, month);
        funded[k] = true;
    }
    for (std::size_t k = 0;
         k < applicants.size() && council.nonfinancial_pence >= to_pence(p.support_cost_gbp); ++k) {
        if (!funded[k])
            support(world, applicants[k].community, council, month);
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

void step_commissioning(World& world, Council& council, CouncilMonth& month) {
    const CommissioningParams& p = world.scenario->councils;
    if (!p.enabled)
        return;
    if (world.month % 12 == 1) {  // councils set their own community budget each April
        const auto communities = council.last_community - council.first_community;
        const auto own = to_pence(p.own_budget_gbp_per_community_per_year * communities);
        fund_council_lines(p, council, own);
        month.received_pence += own;
        month.own_budget_pence += own;
    }
    if ((world.month - 1) % p.round_interval_months != 0)
        return;
    if (council.local_challenge_pence >= to_pence(p.grant_gbp)) {
        council.call_open_until_month =
            world.month + static_cast<std::int32_t>(p.local_challenge_call_months) - 1;
    }
    run_round(world, council, month);
}

}  // namespace localism
