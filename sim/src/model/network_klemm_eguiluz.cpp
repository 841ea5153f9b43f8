// Klemm-Eguiluz directed scale-free network with high clustering (Phys Rev E 65, 057102, 2002):
// each new node links to the m "active" nodes (or, with probability mu, to a node chosen by
// preferential attachment), then joins the active set and one active node is deactivated with
// probability proportional to 1 / (m + in-degree). O(n m) time.
#include <algorithm>
#include <utility>

#include "localism/core/rng.hpp"
#include "localism/model/network.hpp"

namespace localism {

namespace {

using Edge = std::pair<std::uint32_t, std::uint32_t>;

void to_csr(const std::vector<Edge>& edges, std::uint32_t n, std::vector<std::uint64_t>& offsets,
            std::vector<std::uint32_t>& ids, bool by_source) {
    offsets.assign(n + 1, 0);
    for (const auto& [u, v] : edges)
        ++offsets[(by_source ? u : v) + 1];
    for (std::uint32_t i = 0; i < n; ++i)
        offsets[i + 1] += offsets[i];
    ids.assign(edges.size(), 0);
    std::vector<std::uint64_t> cursor(offsets.begin(), offsets.end() - 1);
    for (const auto& [u, v] : edges) {
        if (by_source) {
            ids[cursor[u]++] = v;
        } else {
            ids[cursor[v]++] = u;
        }
    }
    for (std::uint32_t i = 0; i < n; ++i) {
        std::sort(ids.begin() + static_cast<std::ptrdiff_t>(offsets[i]),
                  ids.begin() + static_cast<std::ptrdiff_t>(offsets[i + 1]));
    }
}

std::size_t pick_deactivated(KeyedStream& stream, const std::vector<std::uint32_t>& active,
                             const std::vector<std::uint32_t>& in_degree, double a) {
    double total = 0.0;
    for (auto j : active)
        total += 1.0 / (a + in_degree[j]);
    double r = stream.uniform() * total;
    for (std::size_t k = 0; k < active.size(); ++k) {
        r -= 1.0 / (a + in_degree[active[k]]);
        if (r < 0.0)
            return k;
    }
    return active.size() - 1;
}

}  // namespace

void build_klemm_eguiluz(World& world) {
    const Scenario& s = *world.scenario;
    const auto n = static_cast<std::uint32_t>(world.communities.size());
    const auto m = static_cast<std::uint32_t>(std::min<std::int64_t>(s.network.klemm_m, n - 1));
    const double mu = s.network.klemm_mu;
    std::vector<Edge> edges;
    edges.reserve(static_cast<std::size_t>(n) * m);
    std::vector<std::uint32_t> in_degree(n, 0);
    std::vector<std::uint32_t> active;
    for (std::uint32_t i = 0; i <= m && i < n; ++i) {  // seed: m+1 nodes fully connected
        for (std::uint32_t j = 0; j < i; ++j) {
            edges.emplace_back(i, j);
            ++in_degree[j];
        }
        if (i < m)
            active.push_back(i);
    }
    for (std::uint32_t i = m; i < n; ++i) {
        KeyedStream stream(world.seed(), i, 4, Purpose::kNetwork);
        if (i > m) {
            for (auto j : active) {
                std::uint32_t target = j;
                if (mu > 0.0 && stream.bernoulli(mu) && !edges.empty()) {
                    target = edges[stream.below(static_cast<std::uint32_t>(edges.size()))].second;
                }
                if (target == i)
                    target = j;
                edges.emplace_back(i, target);
                ++in_degree[target];
            }
        }
        active.push_back(i);
        const std::size_t drop = pick_deactivated(stream, active, in_degree, m);
        active.erase(active.begin() + static_cast<std::ptrdiff_t>(drop));
    }
    in_degree = {};
    Network& net = world.network;
    to_csr(edges, n, net.out_offsets, net.out_targets, true);
    to_csr(edges, n, net.in_offsets, net.in_sources, false);
}

}  // namespace localism
