// Klemm-Eguiluz directed scale-free network with high clustering (Phys Rev E 65, 057102, 2002):
// each new node links to the m "active" nodes (or, with probability mu, to a node chosen by
// preferential attachment), then joins the active set and one active node is deactivated with
// probability proportional to 1 / (m + in-degree). O(n m) time.
// The Repast HPC variant (network.klemm_variant: repast_hpc) follows Repast HPC 2.3.1's KEBuilder
// instead, so the rumor-model benchmark compares equal work: m seed nodes linked both ways, no
// random attachment, and the new node always joins the active set while one of the m OLD active
// nodes is dropped with probability proportional to 1 / in-degree (after its new tie).
// Ties are generated in source order, straight into the out-CSR (no edge list is held), and the
// reversed CSR is filled by visiting sources in order, so its lists come out sorted.
#include <algorithm>

#include "localism/core/parallel.hpp"
#include "localism/core/rng.hpp"
#include "localism/model/network.hpp"

namespace localism {

namespace {

// The weights 1 / (a + in-degree) are computed once per pick (same values, same order as a
// two-pass sum), into `weights`, a scratch buffer reused across nodes.
std::size_t pick_deactivated(KeyedStream& stream, const std::vector<std::uint32_t>& active,
                             const std::vector<std::uint32_t>& in_degree, double a,
                             std::vector<double>& weights) {
    weights.resize(active.size());
    double total = 0.0;
    for (std::size_t k = 0; k < active.size(); ++k) {
        weights[k] = 1.0 / (a + in_degree[active[k]]);
        total += weights[k];
    }
    double r = stream.uniform() * total;
    for (std::size_t k = 0; k < active.size(); ++k) {
        r -= weights[k];
        if (r < 0.0) {
            return k;
        }
    }
    return active.size() - 1;
}

// Sources are visited in increasing order, so every in-list is filled already sorted.
void reverse_csr(const Network& net, const std::vector<std::uint32_t>& in_degree,
                 std::vector<EdgeIndex>& offsets, std::vector<std::uint32_t>& sources) {
    const auto n = static_cast<std::uint32_t>(in_degree.size());
    offsets.assign(n + 1, 0);
    for (std::uint32_t i = 0; i < n; ++i) {
        offsets[i + 1] = offsets[i] + in_degree[i];
    }
    sources.assign(offsets[n], 0);
    std::vector<EdgeIndex> cursor(offsets.begin(), offsets.end() - 1);
    for (std::uint32_t u = 0; u < n; ++u) {
        for (auto k = net.out_offsets[u]; k < net.out_offsets[u + 1]; ++k) {
            sources[cursor[net.out_targets[k]]++] = u;
        }
    }
}

void sort_out_lists(Network& net) {
    const auto n = net.out_offsets.size() - 1;
    parallel_range(0, n, 1 << 12, [&](std::size_t begin, std::size_t end) {
        for (std::size_t i = begin; i != end; ++i) {
            std::sort(
                net.out_targets.begin() + static_cast<std::ptrdiff_t>(net.out_offsets[i]),
                net.out_targets.begin() + static_cast<std::ptrdiff_t>(net.out_offsets[i + 1]));
        }
    });
}

// Repast HPC 2.3.1's rule (see the file comment); the seed's m nodes are 0..m-1.
void grow_repast_hpc(World& world, std::uint32_t m, std::vector<std::uint32_t>& in_degree) {
    const auto n = static_cast<std::uint32_t>(in_degree.size());
    Network& net = world.state.network;
    std::vector<std::uint32_t>& targets = net.out_targets;
    std::vector<std::uint32_t> active;
    std::vector<double> weights;
    for (std::uint32_t i = 0; i < m; ++i) {  // seed: m nodes, every ordered pair linked
        for (std::uint32_t j = 0; j < m; ++j) {
            if (j != i) {
                targets.push_back(j);
                ++in_degree[j];
            }
        }
        net.out_offsets[i + 1] = static_cast<EdgeIndex>(targets.size());
        active.push_back(i);
    }
    for (std::uint32_t i = m; i < n; ++i) {
        KeyedStream stream(world.seed(), i, 4, Purpose::kNetwork);
        for (auto j : active) {
            targets.push_back(j);
            ++in_degree[j];
        }
        net.out_offsets[i + 1] = static_cast<EdgeIndex>(targets.size());
        // Weights 1 / in-degree: a = 0 (every active node has just gained a tie, so k >= 1).
        const std::size_t drop = pick_deactivated(stream, active, in_degree, 0.0, weights);
        active.erase(active.begin() + static_cast<std::ptrdiff_t>(drop));
        active.push_back(i);
    }
}

// The paper's rule: m + 1 seed nodes linked one way; random attachment with probability mu.
void grow_paper(World& world, std::uint32_t m, double mu, std::vector<std::uint32_t>& in_degree) {
    const auto n = static_cast<std::uint32_t>(in_degree.size());
    Network& net = world.state.network;
    // Targets in generation order: preferential attachment picks a uniform tie's target from
    // them, so they are sorted per node only once the graph is complete.
    std::vector<std::uint32_t>& targets = net.out_targets;
    std::vector<std::uint32_t> active;
    std::vector<double> weights;
    for (std::uint32_t i = 0; i <= m && i < n; ++i) {  // seed: m+1 nodes fully connected
        for (std::uint32_t j = 0; j < i; ++j) {
            targets.push_back(j);
            ++in_degree[j];
        }
        net.out_offsets[i + 1] = static_cast<EdgeIndex>(targets.size());
        if (i < m) {
            active.push_back(i);
        }
    }
    for (std::uint32_t i = m; i < n; ++i) {
        KeyedStream stream(world.seed(), i, 4, Purpose::kNetwork);
        if (i > m) {
            for (auto j : active) {
                std::uint32_t target = j;
                if (mu > 0.0 && stream.bernoulli(mu) && !targets.empty()) {
                    target = targets[stream.below(static_cast<std::uint32_t>(targets.size()))];
                }
                if (target == i) {
                    target = j;
                }
                targets.push_back(target);
                ++in_degree[target];
            }
            net.out_offsets[i + 1] = static_cast<EdgeIndex>(targets.size());
        }
        active.push_back(i);
        const std::size_t drop = pick_deactivated(stream, active, in_degree, m, weights);
        active.erase(active.begin() + static_cast<std::ptrdiff_t>(drop));
    }
}

}  // namespace

void build_klemm_eguiluz(World& world) {
    const Scenario& s = *world.scenario;
    const auto n = static_cast<std::uint32_t>(world.state.communities.size());
    const auto m = static_cast<std::uint32_t>(std::min<std::int64_t>(s.network.klemm_m, n - 1));
    Network& net = world.state.network;
    net.out_targets.clear();
    net.out_targets.reserve(static_cast<std::size_t>(n) * m);
    net.out_offsets.assign(n + 1, 0);
    std::vector<std::uint32_t> in_degree(n, 0);
    if (s.network.klemm_variant == KlemmVariant::kRepastHpc) {
        grow_repast_hpc(world, m, in_degree);
    } else {
        grow_paper(world, m, s.network.klemm_mu, in_degree);
    }
    reverse_csr(net, in_degree, net.in_offsets, net.in_sources);
    sort_out_lists(net);
}

}  // namespace localism
