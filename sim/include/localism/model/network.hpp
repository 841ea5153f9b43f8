// Peer networks between communities, built in time linear in the number of ties and stored as
// CSR. Which network is used is a scenario choice (network.type); see docs/ODD.md.
#pragma once

#include <cstdint>
#include <span>

#include "localism/model/world.hpp"

namespace localism {

// Builds world.network from the scenario; devolved policy adds cross-council learning ties.
void build_network(World& world);

// Out-neighbours of community i. An edge u -> v means information flows from u to v: u passes
// ideas to v and v may learn from u's practice.
inline std::span<const std::uint32_t> out_neighbours(const Network& n, std::uint32_t i) {
    return {n.out_targets.data() + n.out_offsets[i], n.out_targets.data() + n.out_offsets[i + 1]};
}
// In-neighbours of community i: those it hears ideas from and learns from. Equal to out for
// undirected graphs.
inline std::span<const std::uint32_t> in_neighbours(const Network& n, std::uint32_t i) {
    if (n.in_offsets.empty())
        return out_neighbours(n, i);
    return {n.in_sources.data() + n.in_offsets[i], n.in_sources.data() + n.in_offsets[i + 1]};
}

// Learning ties added per community under the scenario's policy (devolved share of budget).
std::int64_t learning_ties_per_community(const Scenario& s);

}  // namespace localism
