// Leaders and teams: development by outreach, loss when a leader leaves.
#include "localism/model/leadership.hpp"

#include <algorithm>
#include <boost/random/beta_distribution.hpp>
#include <cmath>
#include <vector>

#include "localism/core/rng.hpp"

namespace localism {

namespace {

// A leader leaves: the community's leadership is a fresh draw from the population's
// distribution (the successor is nobody in particular), so developed leadership wears off.
void lose_leaders(const MonthContext& context, CouncilSlice& slice) {
    const PopulationParams& pop = context.scenario.population;
    const double mean = std::clamp(pop.leadership_mean, 0.01, 0.99);
    boost::random::beta_distribution<double> fresh(mean * pop.leadership_concentration,
                                                   (1.0 - mean) * pop.leadership_concentration);
    const double hazard = context.scenario.leaders.loss_hazard_per_month;
    for (std::uint32_t i = slice.first(); i < slice.last(); ++i) {
        KeyedStream stream(context.seed, i, context.month, Purpose::kLeaderLoss);
        if (stream.bernoulli(hazard))
            slice.communities.leadership[i] = static_cast<float>(fresh(stream));
    }
}

// Communities without a group (none or dissolved), in outreach order, at most `places`.
std::vector<std::uint32_t> reach_out(const MonthContext& context, const CouncilSlice& slice,
                                     std::size_t places) {
    const CommunitySlice& c = slice.communities;
    std::vector<std::pair<double, std::uint32_t>> keyed;
    for (std::uint32_t i = slice.first(); i < slice.last(); ++i) {
        if (c.stage[i] != Stage::kNone && c.stage[i] != Stage::kDissolved)
            continue;
        KeyedStream stream(context.seed, i, context.month, Purpose::kLeaderOutreach);
        keyed.emplace_back(outreach_key(stream.uniform(), c.flags[i] & kFlagEverStarted,
                                        context.scenario.leaders.untried_preference),
                           i);
    }
    places = std::min(places, keyed.size());
    // Largest key first, ties by community id: the same set at any thread count.
    const auto before = [](const auto& a, const auto& b) {
        return a.first != b.first ? a.first > b.first : a.second < b.second;
    };
    std::partial_sort(keyed.begin(), keyed.begin() + static_cast<std::ptrdiff_t>(places),
                      keyed.end(), before);
    std::vector<std::uint32_t> chosen(places);
    for (std::size_t k = 0; k < places; ++k)
        chosen[k] = keyed[k].second;
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

double outreach_key(double uniform, bool ever_started, double untried_preference) {
    const double weight = 1.0 + (ever_started ? 0.0 : untried_preference);
    return std::log(std::max(uniform, 1e-300)) / weight;
}

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
