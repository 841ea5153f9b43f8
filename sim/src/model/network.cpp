// Network generators: council small world, Watts-Strogatz, Klemm-Eguiluz, Erdos-Renyi.
#include "localism/model/network.hpp"

#include <algorithm>
#include <cmath>

#include "localism/core/parallel.hpp"
#include "localism/core/rng.hpp"
#include "localism/model/similar_councils.hpp"

namespace localism {

namespace {

// Sorted adjacency makes neighbour order (and so every result) independent of generation.
// Each node's list is sorted on its own, so the parallel loop cannot change the result.
void sort_adjacency(const std::vector<EdgeIndex>& offsets, std::vector<std::uint32_t>& ids) {
    const auto n = offsets.size() - 1;
    parallel_range(0, n, 1 << 12, [&](std::size_t begin, std::size_t end) {
        for (std::size_t i = begin; i != end; ++i) {
            std::sort(ids.begin() + static_cast<std::ptrdiff_t>(offsets[i]),
                      ids.begin() + static_cast<std::ptrdiff_t>(offsets[i + 1]));
        }
    });
}

// Undirected graphs are built in two passes over the same keyed generator (count, then fill),
// so no temporary edge list is held. The degrees are counted into out_offsets and the fill
// uses out_offsets itself as the cursor (shifted back afterwards), so peak memory is the final
// CSR. `generate(emit)` calls emit(u, v) once per tie; a template, so the call is inlined.
template <typename Generate>
void build_undirected(Network& net, std::uint32_t n, const Generate& generate) {
    std::vector<EdgeIndex>& offsets = net.out_offsets;
    offsets.assign(n + 1, 0);
    generate([&](std::uint32_t u, std::uint32_t v) {
        if (u == v) {
            return;
        }
        ++offsets[u + 1];
        ++offsets[v + 1];
    });
    for (std::uint32_t i = 0; i < n; ++i) {
        offsets[i + 1] += offsets[i];
    }
    net.out_targets.assign(offsets[n], 0);
    generate([&](std::uint32_t u, std::uint32_t v) {
        if (u == v) {
            return;
        }
        net.out_targets[offsets[u]++] = v;
        net.out_targets[offsets[v]++] = u;
    });
    // Each offsets[i] has advanced to the start of node i+1; shift them back by one node.
    for (std::uint32_t i = n; i > 0; --i) {
        offsets[i] = offsets[i - 1];
    }
    offsets[0] = 0;
    sort_adjacency(net.out_offsets, net.out_targets);
    net.in_offsets.clear();
    net.in_sources.clear();
}

std::uint32_t random_other(KeyedStream& stream, std::uint32_t n, std::uint32_t self) {
    std::uint32_t v = stream.below(n - 1);
    return v >= self ? v + 1 : v;
}

// Ring lattice of `half` neighbours each side inside [first, last), each tie rewired to a
// uniform node of the whole population with probability `rewire`. A fractional `half` adds the
// next ring step with probability equal to the fraction, so the mean degree is 2 x half.
template <typename Emit>
void ring_edges(const Emit& emit, std::uint64_t seed, std::uint32_t first, std::uint32_t last,
                double half, double rewire, std::uint32_t n) {
    const std::uint32_t size = last - first;
    if (size < 2)
        return;
    const auto limit = static_cast<std::int64_t>((size - 1) / 2 + (size == 2));
    for (std::uint32_t i = first; i < last; ++i) {
        KeyedStream stream(seed, i, 1, Purpose::kNetwork);
        const auto whole = static_cast<std::int64_t>(half);
        const std::int64_t steps =
            whole + (stream.uniform() < half - static_cast<double>(whole) ? 1 : 0);
        const auto reach = static_cast<std::uint32_t>(std::min(steps, limit));
        for (std::uint32_t step = 1; step <= reach; ++step) {
            std::uint32_t target = first + (i - first + step) % size;
            if (rewire > 0.0 && stream.bernoulli(rewire))
                target = random_other(stream, n, i);
            emit(i, target);
        }
    }
}

using SimilarCouncils = std::vector<std::vector<std::uint32_t>>;

// Learning ties to similar councils (ODD 7.10): each community emits half its learning ties
// (each tie counts at both ends), each to a uniform community of its council's similar
// councils. A stream of its own, so the other ties are those of a run without learning ties.
template <typename Emit>
void similar_learning_ties(const World& world, const Emit& emit, const SimilarCouncils& similar) {
    const double half = static_cast<double>(learning_ties_per_community(*world.scenario)) / 2.0;
    const auto& councils = world.state.councils;
    if (half <= 0.0 || similar.size() != councils.size())
        return;                                                // no learning ties under this policy
    std::vector<std::uint32_t> reachable(councils.size(), 0);  // communities in similar councils
    for (std::size_t k = 0; k < councils.size(); ++k) {
        for (const auto j : similar[k])
            reachable[k] += councils[j].last_community - councils[j].first_community;
    }
    const auto n = static_cast<std::uint32_t>(world.state.communities.size());
    for (std::uint32_t i = 0; i < n; ++i) {
        const std::uint16_t own = world.state.communities.council[i];
        if (reachable[own] == 0)
            continue;
        KeyedStream stream(world.seed(), i, 0, Purpose::kSimilarLearningTies);
        const auto ties =
            static_cast<std::int64_t>(half) + (stream.uniform() < half - std::floor(half) ? 1 : 0);
        for (std::int64_t t = 0; t < ties; ++t) {
            std::uint32_t v = stream.below(reachable[own]);
            for (const auto j : similar[own]) {
                const std::uint32_t size = councils[j].last_community - councils[j].first_community;
                if (v < size) {
                    emit(i, councils[j].first_community + v);
                    break;
                }
                v -= size;
            }
        }
    }
}

template <typename Emit>
void council_small_world(World& world, const Emit& emit, const SimilarCouncils& similar) {
    const Scenario& s = *world.scenario;
    const auto n = static_cast<std::uint32_t>(world.state.communities.size());
    const double cross_share = s.network.cross_council_share;
    const double local_half =
        static_cast<double>(s.network.mean_degree) * (1.0 - cross_share) / 2.0;
    for (const Council& c : world.state.councils) {
        ring_edges(emit, world.seed(), c.first_community, c.last_community, local_half, 0.0, n);
    }
    const bool to_similar = s.devolved.learning_tie_partners == TiePartners::kSimilar;
    if (to_similar)
        similar_learning_ties(world, emit, similar);
    // Each emitted tie gives both ends a tie, so a node emits half its expected long ties; the
    // fractional part is emitted with that probability so small shares are not rounded away.
    const double learning = to_similar ? 0.0 : static_cast<double>(learning_ties_per_community(s));
    const double expected =
        (static_cast<double>(s.network.mean_degree) * cross_share + learning) / 2.0;
    if (world.state.councils.size() < 2 || expected <= 0.0)
        return;
    for (std::uint32_t i = 0; i < n; ++i) {
        KeyedStream stream(world.seed(), i, 2, Purpose::kNetwork);
        const Council& own = world.state.councils[world.state.communities.council[i]];
        const std::uint32_t outside = n - (own.last_community - own.first_community);
        const auto long_ties = static_cast<std::int64_t>(expected) +
                               (stream.uniform() < expected - std::floor(expected) ? 1 : 0);
        for (std::int64_t t = 0; t < long_ties && outside > 0; ++t) {
            std::uint32_t v = stream.below(outside);
            if (v >= own.first_community)
                v += own.last_community - own.first_community;
            emit(i, v);
        }
    }
}

template <typename Emit>
void erdos_renyi(World& world, const Emit& emit) {
    const auto n = static_cast<std::uint32_t>(world.state.communities.size());
    const auto per_node = world.scenario->network.mean_degree / 2;
    // G(n, M) with M = n*k/2 ties, drawn as k/2 uniform partners per node.
    for (std::uint32_t i = 0; i < n; ++i) {
        KeyedStream stream(world.seed(), i, 3, Purpose::kNetwork);
        for (std::int64_t t = 0; t < per_node; ++t)
            emit(i, random_other(stream, n, i));
    }
}

}  // namespace

void build_klemm_eguiluz(World& world);  // network_klemm_eguiluz.cpp

std::int64_t learning_ties_per_community(const Scenario& s) {
    // Learning ties are cross-council ties, which only the council small world has.
    if (s.network.type != NetworkType::kCouncilSmallWorld)
        return 0;
    if (s.central.mode == PolicyMode::kCentralised)
        return 0;
    if (s.central.mode == PolicyMode::kDevolved)
        return s.devolved.learning_ties_per_community;
    return std::llround(static_cast<double>(s.devolved.learning_ties_per_community) *
                        s.central.devolved_weight);
}

void build_network(World& world) {
    const Scenario& s = *world.scenario;
    const auto n = static_cast<std::uint32_t>(world.state.communities.size());
    Network& net = world.state.network;
    net.well_mixed = s.network.type == NetworkType::kWellMixed;
    switch (s.network.type) {
        case NetworkType::kWellMixed:
            net.out_offsets.assign(n + 1, 0);
            return;
        case NetworkType::kKlemmEguiluz:
            build_klemm_eguiluz(world);
            return;
        case NetworkType::kCouncilSmallWorld: {
            const bool to_similar = s.devolved.learning_tie_partners == TiePartners::kSimilar &&
                                    learning_ties_per_community(s) > 0;
            const SimilarCouncils similar =
                to_similar ? similar_councils(world.state.councils, s.devolved.similar_councils)
                           : SimilarCouncils{};
            build_undirected(net, n,
                             [&](const auto& emit) { council_small_world(world, emit, similar); });
            return;
        }
        case NetworkType::kWattsStrogatz:
            build_undirected(net, n, [&](const auto& emit) {
                ring_edges(emit, world.seed(), 0, n,
                           static_cast<double>(s.network.mean_degree) / 2.0,
                           s.network.rewire_probability, n);
            });
            return;
        case NetworkType::kErdosRenyi:
            build_undirected(net, n, [&](const auto& emit) { erdos_renyi(world, emit); });
            return;
    }
}

}  // namespace localism
