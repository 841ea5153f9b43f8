// Validation of the know-how landscape against Lazer & Friedman (2007): on an NK landscape
// (N = 20, K = 5), 100 agents that copy their best neighbour when it scores higher and otherwise
// try one flip do better early in an efficient (fully connected) network and worse late than in
// an inefficient one (a ring). Uses the knowhow unit's landscape and rules directly.
#include <catch2/catch.hpp>

#include <algorithm>
#include <vector>

#include "localism/model/knowhow.hpp"

using namespace localism;

namespace {

constexpr int kAgents = 100;
constexpr int kRounds = 200;

enum class Topology { kFull, kRing };

// Best-scoring neighbour of agent a last round (ties to the lower index).
int best_neighbour(const std::vector<double>& value, int a, Topology topology) {
    if (topology == Topology::kRing) {
        const int left = (a + kAgents - 1) % kAgents;
        const int right = (a + 1) % kAgents;
        return value[static_cast<std::size_t>(right)] > value[static_cast<std::size_t>(left)]
                   ? right
                   : left;
    }
    int best = a == 0 ? 1 : 0;
    for (int b = 0; b < kAgents; ++b) {
        if (b != a && value[static_cast<std::size_t>(b)] > value[static_cast<std::size_t>(best)])
            best = b;
    }
    return best;
}

// Mean score over agents after each round (index 0 = start), one seed. Rounds are synchronous:
// everyone acts on last round's solutions, as in the paper.
std::vector<double> mean_score_by_round(const KnowhowLandscape& landscape, std::uint64_t seed,
                                        Topology topology) {
    std::vector<KnowhowChoices> solution(kAgents);
    for (int a = 0; a < kAgents; ++a) {
        KeyedStream stream(seed, static_cast<std::uint64_t>(a), 0, Purpose::kKnowhowDesign);
        solution[static_cast<std::size_t>(a)] = random_choices(landscape.choices, stream);
    }
    std::vector<double> means;
    std::vector<double> value(kAgents);
    for (int round = 0; round <= kRounds; ++round) {
        double sum = 0.0;
        for (int a = 0; a < kAgents; ++a) {
            const auto s = solution[static_cast<std::size_t>(a)];
            value[static_cast<std::size_t>(a)] = knowhow_value(landscape, s);
            sum += knowhow_score(landscape, s);
        }
        means.push_back(sum / kAgents);
        const std::vector<KnowhowChoices> last = solution;
        for (int a = 0; a < kAgents; ++a) {
            auto& own = solution[static_cast<std::size_t>(a)];
            const int peer = best_neighbour(value, a, topology);
            if (copy_if_better(landscape, own, last[static_cast<std::size_t>(peer)]))
                continue;
            KeyedStream flip(seed, static_cast<std::uint64_t>(a), round + 1,
                             Purpose::kKnowhowSearch);
            local_search_step(landscape, own, flip);
        }
    }
    return means;
}

}  // namespace

TEST_CASE("Lazer & Friedman: a fully connected network leads early and trails late",
          "[knowhow][validation][slow]") {
    constexpr int kSeeds = 20;
    constexpr int kEarly = 5;
    constexpr int kLate = 200;
    std::vector<double> full(kRounds + 1, 0.0);
    std::vector<double> ring(kRounds + 1, 0.0);
    int full_ahead_early = 0;
    int ring_ahead_late = 0;
    for (int seed = 1; seed <= kSeeds; ++seed) {
        const auto landscape = build_knowhow_landscape(static_cast<std::uint64_t>(seed), 20, 5);
        const auto f =
            mean_score_by_round(landscape, static_cast<std::uint64_t>(seed), Topology::kFull);
        const auto r =
            mean_score_by_round(landscape, static_cast<std::uint64_t>(seed), Topology::kRing);
        for (int t = 0; t <= kRounds; ++t) {
            full[static_cast<std::size_t>(t)] += f[static_cast<std::size_t>(t)] / kSeeds;
            ring[static_cast<std::size_t>(t)] += r[static_cast<std::size_t>(t)] / kSeeds;
        }
        full_ahead_early += f[kEarly] > r[kEarly];
        ring_ahead_late += r[kLate] > f[kLate];
    }
    int crossover = -1;
    for (int t = 1; t <= kRounds && crossover < 0; ++t) {
        if (ring[static_cast<std::size_t>(t)] > full[static_cast<std::size_t>(t)])
            crossover = t;
    }
    for (int t : {0, 2, 5, 10, 20, 30, 50, 100, 200})
        INFO("round " << t << ": full " << full[static_cast<std::size_t>(t)] << ", ring "
                      << ring[static_cast<std::size_t>(t)]);
    INFO("ring first ahead at round "
         << crossover << "; full ahead at round " << kEarly << " in " << full_ahead_early << "/"
         << kSeeds << " seeds; ring ahead at round " << kLate << " in " << ring_ahead_late << "/"
         << kSeeds);
    CHECK(full[kEarly] > ring[kEarly] + 0.05);
    CHECK(ring[kLate] > full[kLate] + 0.05);
    CHECK(crossover > kEarly);
    CHECK(crossover < 100);
    CHECK(full_ahead_early >= 18);
    CHECK(ring_ahead_late >= 14);
    WARN("full vs ring by round (20 seeds): 5: "
         << full[5] << " vs " << ring[5] << ", 20: " << full[20] << " vs " << ring[20]
         << ", 200: " << full[200] << " vs " << ring[200] << "; crossover round " << crossover);
}
