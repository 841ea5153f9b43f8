// Knowledge sharing between initiatives.
#include "localism/model/knowledge.hpp"

#include <algorithm>

#include "localism/core/rng.hpp"
#include "localism/model/impact.hpp"
#include "localism/model/network.hpp"

namespace localism {

namespace {

// A peer to learn from: a random in-neighbour (edges point the way information flows), or any
// community when contacts are well mixed.
bool pick_peer(const World& world, std::uint32_t i, KeyedStream& stream, std::uint32_t& peer) {
    if (world.network.well_mixed) {
        const auto n = static_cast<std::uint32_t>(world.communities.size());
        if (n < 2)
            return false;
        peer = stream.below(n - 1);
        peer += peer >= i;
        return true;
    }
    const auto peers = in_neighbours(world.network, i);
    if (peers.empty())
        return false;
    peer = peers[stream.below(static_cast<std::uint32_t>(peers.size()))];
    return true;
}

void learn(World& world, std::uint32_t i, KeyedStream& stream) {
    const Scenario& s = *world.scenario;
    const KnowledgeParams& k = s.knowledge;
    Communities& c = world.communities;
    std::uint32_t peer = 0;
    if (stream.bernoulli(k.observe_probability_per_month) && pick_peer(world, i, stream, peer) &&
        c.previous_stage[peer] == Stage::kActive &&
        from_bfloat16(c.previous_effectiveness[peer]) >
            from_bfloat16(c.previous_effectiveness[i])) {
        move_towards(c.practice[i], c.previous_practice[peer], k.copy_weight);
        c.ownership[i] =
            static_cast<float>(std::max(0.0, c.ownership[i] - k.ownership_loss_on_copy));
    } else if (stream.bernoulli(k.explore_probability_per_month)) {
        KeyedStream variation(world.seed(), i, world.month, Purpose::kKnowledgeExplore);
        Vector4 trial = c.practice[i];
        for (auto& x : trial)
            x += static_cast<float>(variation.normal(0.0, k.explore_sd));
        const double width = s.impact.fit_width;
        if (fit(trial, c.context[i], width) > fit(c.practice[i], c.context[i], width))
            c.practice[i] = trial;
    }
    move_towards(c.practice[i], c.context[i], k.adapt_rate_per_month);
    c.ownership[i] = static_cast<float>(std::min(1.0, c.ownership[i] + k.ownership_gain_per_month));
}

}  // namespace

void move_towards(Vector4& practice, const Vector4& target, double weight) {
    for (int d = 0; d < kContextDimensions; ++d) {
        practice[d] += static_cast<float>(weight * (static_cast<double>(target[d]) - practice[d]));
    }
}

void step_knowledge(World& world, const Council& council) {
    const Scenario& s = *world.scenario;
    if (!s.knowledge.enabled)
        return;
    Communities& c = world.communities;
    const CentralGovernment& central = world.central;
    const double broadcast = central.has_template ? s.centralised.broadcast_rate_per_month : 0.0;
    for (std::uint32_t i = council.first_community; i < council.last_community; ++i) {
        if (c.stage[i] != Stage::kActive || (c.flags[i] & kFlagProgrammeMember))
            continue;
        KeyedStream stream(world.seed(), i, world.month, Purpose::kKnowledgeObserve);
        if (broadcast > 0.0 && stream.bernoulli(broadcast)) {
            move_towards(c.practice[i], central.template_practice, s.knowledge.copy_weight);
            c.ownership[i] = static_cast<float>(
                std::max(0.0, c.ownership[i] - s.knowledge.ownership_loss_on_copy));
            continue;
        }
        learn(world, i, stream);
    }
}

}  // namespace localism
