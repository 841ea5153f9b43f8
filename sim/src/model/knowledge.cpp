// Knowledge sharing between initiatives.
#include "localism/model/knowledge.hpp"

#include <algorithm>

#include "localism/core/rng.hpp"
#include "localism/model/impact.hpp"
#include "localism/model/knowhow.hpp"
#include "localism/model/network.hpp"

namespace localism {

namespace {

// A peer to learn from: a random in-neighbour (edges point the way information flows), or any
// community when contacts are well mixed.
bool pick_peer(const PeerView& peers, std::uint32_t i, KeyedStream& stream, std::uint32_t& peer) {
    if (peers.network.well_mixed) {
        const std::uint32_t n = peers.communities();
        if (n < 2)
            return false;
        peer = stream.below(n - 1);
        peer += peer >= i;
        return true;
    }
    const auto neighbours = in_neighbours(peers.network, i);
    if (neighbours.empty())
        return false;
    peer = neighbours[stream.below(static_cast<std::uint32_t>(neighbours.size()))];
    return true;
}

// Lazer & Friedman's observation, used with transferable know-how (ODD 7.14): the in-neighbour
// with the highest last-month effectiveness among those active last month (lowest id on a tie),
// so every tie widens the pool a group learns from. Well-mixed contacts have no neighbour list:
// a random peer, as without know-how.
bool pick_best_peer(const PeerView& peers, std::uint32_t i, KeyedStream& stream,
                    std::uint32_t& peer) {
    if (peers.network.well_mixed)
        return pick_peer(peers, i, stream, peer);
    float best = -1.0f;
    for (const std::uint32_t j : in_neighbours(peers.network, i)) {
        const float seen = from_bfloat16(peers.previous_effectiveness[j]);
        if (peers.previous_stage[j] == Stage::kActive && seen > best) {
            best = seen;
            peer = j;
        }
    }
    return best >= 0.0f;
}

void learn(const MonthContext& context, const PeerView& peers, CommunitySlice& c, std::uint32_t i,
           KeyedStream& stream) {
    const Scenario& s = context.scenario;
    const KnowledgeParams& k = s.knowledge;
    std::uint32_t peer = 0;
    const auto pick = s.knowhow.enabled ? &pick_best_peer : &pick_peer;
    if (stream.bernoulli(k.observe_probability_per_month) && pick(peers, i, stream, peer) &&
        peers.previous_stage[peer] == Stage::kActive &&
        from_bfloat16(peers.previous_effectiveness[peer]) >
            from_bfloat16(peers.previous_effectiveness[i])) {
        move_towards(c.practice[i], peers.previous_practice[peer], k.copy_weight);
        c.ownership[i] =
            static_cast<float>(std::max(0.0, c.ownership[i] - k.ownership_loss_on_copy));
        if (s.knowhow.enabled)  // the peer's design choices, if they score higher
            copy_if_better(peers.knowhow_landscape, c.knowhow[i], peers.previous_knowhow[peer]);
    } else if (stream.bernoulli(k.explore_probability_per_month)) {
        KeyedStream variation(context.seed, i, context.month, Purpose::kKnowledgeExplore);
        Vector4 trial = c.practice[i];
        for (auto& x : trial)
            x += static_cast<float>(variation.normal(0.0, k.explore_sd));
        const double width = s.impact.fit_width;
        if (fit(trial, c.context[i], width) > fit(c.practice[i], c.context[i], width))
            c.practice[i] = trial;
        if (s.knowhow.enabled) {  // local search on the design choices: one flip
            KeyedStream flip(context.seed, i, context.month, Purpose::kKnowhowSearch);
            local_search_step(peers.knowhow_landscape, c.knowhow[i], flip);
        }
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

void step_knowledge(const MonthContext& context, const PeerView& peers, CouncilSlice& slice) {
    const Scenario& s = context.scenario;
    if (!s.knowledge.enabled)
        return;
    CommunitySlice& c = slice.communities;
    const CentralGovernment& central = peers.central;
    const double broadcast = central.has_template ? s.centralised.broadcast_rate_per_month : 0.0;
    for (std::uint32_t i = slice.first(); i < slice.last(); ++i) {
        if (c.stage[i] != Stage::kActive || (c.flags[i] & kFlagProgrammeMember))
            continue;
        KeyedStream stream(context.seed, i, context.month, Purpose::kKnowledgeObserve);
        if (broadcast > 0.0 && stream.bernoulli(broadcast)) {
            move_towards(c.practice[i], central.template_practice, s.knowledge.copy_weight);
            c.knowhow[i] = central.template_knowhow;  // the template's design choices too
            c.ownership[i] = static_cast<float>(
                std::max(0.0, c.ownership[i] - s.knowledge.ownership_loss_on_copy));
            continue;
        }
        learn(context, peers, c, i, stream);
    }
}

}  // namespace localism
