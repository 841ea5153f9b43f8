// Leaders and teams: development by outreach, loss when a leader leaves.
#include "localism/model/leadership.hpp"

#include <algorithm>
#include <boost/random/beta_distribution.hpp>
#include <boost/random/geometric_distribution.hpp>
#include <cmath>
#include <vector>

#include "localism/core/rng.hpp"

namespace localism {

namespace {

// A leader leaves: the community's leadership is a fresh draw from the population's
// distribution (the successor is nobody in particular), so developed leadership wears off.
// Each community loses its leader with probability `hazard` a month, independently. Drawing a
// Bernoulli per community cost a Philox block per community-month (about a tenth of a run);
// the gaps between losers are geometric, so one council stream walks straight from one loser
// to the next, with the same distribution of who loses a leader.
void lose_leaders(const MonthContext& context, CouncilSlice& slice) {
    const PopulationParams& pop = context.scenario.population;
    const double hazard = context.scenario.leaders.loss_hazard_per_month;
    if (hazard <= 0.0)
        return;
    const double mean = std::clamp(pop.leadership_mean, 0.01, 0.99);
    boost::random::beta_distribution<double> fresh(mean * pop.leadership_concentration,
                                                   (1.0 - mean) * pop.leadership_concentration);
    KeyedStream walk(context.seed, slice.first(), context.month, Purpose::kLeaderLossGaps);
    const auto gap = [&]() -> std::uint64_t {
        if (hazard >= 1.0)
            return 0;
        return boost::random::geometric_distribution<std::uint64_t>(hazard)(walk);
    };
    for (std::uint64_t i = slice.first() + gap(); i < slice.last(); i += 1 + gap()) {
        const auto community = static_cast<std::uint32_t>(i);
        KeyedStream stream(context.seed, community, context.month, Purpose::kLeaderLoss);
        slice.communities.leadership[community] = static_cast<float>(fresh(stream));
    }
}

// Communities without a group (none or dissolved), at most `places`, drawn one at a time
// without replacement with weight 1 + untried_preference for communities that never started a
// group and 1 for the others. Two pools and one council stream give the same successive
// weighted sampling as a random key per candidate, without a Philox block and a logarithm for
// every community without a group each round.
std::vector<std::uint32_t> reach_out(const MonthContext& context, const CouncilSlice& slice,
                                     std::size_t places) {
    const CommunitySlice& c = slice.communities;
    std::vector<std::uint32_t> untried, tried;  // in id order
    for (std::uint32_t i = slice.first(); i < slice.last(); ++i) {
        if (c.stage[i] == Stage::kNone || c.stage[i] == Stage::kDissolved)
            ((c.flags[i] & kFlagEverStarted) ? tried : untried).push_back(i);
    }
    const double untried_weight = 1.0 + context.scenario.leaders.untried_preference;
    KeyedStream stream(context.seed, slice.first(), context.month, Purpose::kLeaderOutreach);
    std::vector<std::uint32_t> chosen;
    places = std::min(places, untried.size() + tried.size());
    while (chosen.size() < places) {
        const double untried_total = untried_weight * static_cast<double>(untried.size());
        const double total = untried_total + static_cast<double>(tried.size());
        auto& pool = stream.uniform() * total < untried_total ? untried : tried;
        const std::uint32_t pick = stream.below(static_cast<std::uint32_t>(pool.size()));
        chosen.push_back(pool[pick]);
        pool[pick] = pool.back();
        pool.pop_back();
    }
    return chosen;
}

void develop_by_outreach(const MonthContext& context, CouncilSlice& slice) {
    const LeadersParams& p = context.scenario.leaders;
    Council& council = slice.council;
    const std::int64_t cost = to_pence(p.development_cost_gbp);
    const auto budget = static_cast<std::int64_t>(static_cast<double>(council.nonfinancial_pence) *
                                                  p.development_share);
    const auto places = static_cast<std::size_t>(budget / cost);
    if (places == 0)
        return;
    for (const std::uint32_t i : reach_out(context, slice, places)) {
        develop_leaders(p, slice.communities, i);
        council.nonfinancial_pence -= cost;  // a service bought for the community: leaves
        slice.month.spend_pence[static_cast<int>(SpendLine::kNonFinancialSupport)] += cost;
    }
}

}  // namespace

template <typename Columns>
void develop_leaders(const LeadersParams& p, Columns& c, std::uint32_t i) {
    if (!p.enabled)
        return;
    const auto raise = [](float value, double gain) {
        return static_cast<float>(std::min(1.0, value + gain));
    };
    c.leadership[i] = raise(c.leadership[i], p.development_gain);
    c.capacity[i] = raise(c.capacity[i], p.team_capacity_gain);
    c.capacity_baseline[i] =
        to_bfloat16(raise(from_bfloat16(c.capacity_baseline[i]), p.team_capacity_gain));
}
template void develop_leaders(const LeadersParams&, Communities&, std::uint32_t);
template void develop_leaders(const LeadersParams&, CommunitySlice&, std::uint32_t);

void step_leadership(const MonthContext& context, const PeerView& /*peers*/, CouncilSlice& slice) {
    const Scenario& s = context.scenario;
    if (!s.leaders.enabled)
        return;
    lose_leaders(context, slice);
    const bool round = (context.month - 1) % s.councils.round_interval_months == 0;
    if (s.councils.enabled && round)
        develop_by_outreach(context, slice);
}

}  // namespace localism
