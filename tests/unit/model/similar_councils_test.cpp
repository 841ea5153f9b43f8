// Learning ties to similar councils (ODD 7.10): the nearest councils by deprivation, rural share
// and log size, and what choosing them does to the network.
#include <catch2/catch.hpp>

#include <algorithm>
#include <cmath>
#include <map>
#include <string>
#include <utility>

#include <tbb/global_control.h>

#include "localism/model/network.hpp"
#include "localism/model/similar_councils.hpp"
#include "test_world.hpp"

using namespace localism;

namespace {

Council council(std::uint32_t id, std::uint32_t first, std::uint32_t size, float deprivation,
                float rural_share) {
    Council c;
    c.id = id;
    c.first_community = first;
    c.last_community = first + size;
    c.deprivation = deprivation;
    c.rural_share = rural_share;
    return c;
}

std::map<std::string, std::string> tie_overrides(const char* partners, int similar) {
    return {{"population.councils", "40"},
            {"central.mode", "devolved"},
            {"network.cross_council_share", "0"},  // every cross-council tie a learning tie
            {"devolved.learning_ties_per_community", "4"},
            {"devolved.learning_tie_partners", partners},
            {"devolved.similar_councils", std::to_string(similar)}};
}

struct CrossTies {
    double count = 0.0;
    double deprivation_gap = 0.0;  // mean |difference| in council deprivation over the ties
};

CrossTies cross_council_ties(testing::TestWorld& world) {
    const auto& s = world.state();
    CrossTies ties;
    for (std::uint32_t i = 0; i < world.communities().size(); ++i) {
        for (const std::uint32_t j : out_neighbours(s.network, i)) {
            const auto a = s.communities.council[i], b = s.communities.council[j];
            if (a == b)
                continue;
            ties.count += 1.0;
            ties.deprivation_gap += std::abs(s.councils[a].deprivation - s.councils[b].deprivation);
        }
    }
    ties.deprivation_gap /= ties.count;
    return ties;
}

}  // namespace

TEST_CASE("similar councils are the nearest by deprivation, rural share and log size",
          "[similar_councils]") {
    // Equal sizes: log size does not vary and is left out; rural share does not vary either.
    std::vector<Council> councils{council(0, 0, 10, 0.10f, 0.0f), council(1, 10, 10, 0.20f, 0.0f),
                                  council(2, 20, 10, 0.50f, 0.0f), council(3, 30, 10, 0.92f, 0.0f),
                                  council(4, 40, 10, 0.95f, 0.0f)};
    auto similar = similar_councils(councils, 2);
    CHECK(similar[0] == std::vector<std::uint32_t>{1, 2});
    CHECK(similar[2] == std::vector<std::uint32_t>{1, 0});
    CHECK(similar[4] == std::vector<std::uint32_t>{3, 2});
    // Rural share separates councils of equal deprivation.
    councils[1].deprivation = 0.10f;
    councils[1].rural_share = 0.9f;
    councils[2].deprivation = 0.10f;
    councils[2].rural_share = 0.1f;
    similar = similar_councils(councils, 1);
    CHECK(similar[0] == std::vector<std::uint32_t>{2});
    // So does size (log scale), and equal distances go to the lower id.
    std::vector<Council> sized{council(0, 0, 100, 0.5f, 0.0f), council(1, 100, 10, 0.5f, 0.0f),
                               council(2, 110, 90, 0.5f, 0.0f), council(3, 200, 100, 0.5f, 0.0f)};
    CHECK(similar_councils(sized, 2)[0] == std::vector<std::uint32_t>{3, 2});
    CHECK(similar_councils(sized, 3)[1] == std::vector<std::uint32_t>{2, 0, 3});
    // An empty council is nobody's partner and has none; k beyond the others gives them all.
    sized[3].last_community = sized[3].first_community;
    CHECK(similar_councils(sized, 10)[0] == std::vector<std::uint32_t>{2, 1});
    CHECK(similar_councils(sized, 10)[3].empty());
}

TEST_CASE("learning ties to similar councils stay among councils of like deprivation",
          "[similar_councils][network]") {
    testing::TestWorld random_ties(4000, tie_overrides("random", 3));
    testing::TestWorld similar_ties(4000, tie_overrides("similar", 3));
    const CrossTies random = cross_council_ties(random_ties);
    const CrossTies similar = cross_council_ties(similar_ties);
    // Same councils (same seed), about the same number of ties (4 per community either way).
    CHECK(similar.count == Approx(random.count).epsilon(0.05));
    CHECK(similar.count == Approx(4.0 * 4000).epsilon(0.05));
    // Uniform deprivation over 40 councils: random partners differ by about 1/3, the 3 nearest
    // of 40 by a few hundredths.
    CHECK(random.deprivation_gap > 0.25);
    CHECK(similar.deprivation_gap < 0.06);
    // Every learning tie joins a council to one of its similar councils (either end's list).
    const auto lists = similar_councils(similar_ties.state().councils, 3);
    const auto& s = similar_ties.state();
    for (std::uint32_t i = 0; i < s.communities.size(); ++i) {
        for (const std::uint32_t j : out_neighbours(s.network, i)) {
            const auto a = s.communities.council[i], b = s.communities.council[j];
            if (a == b)
                continue;
            const auto& la = lists[a];
            const auto& lb = lists[b];
            const bool listed = std::find(la.begin(), la.end(), b) != la.end() ||
                                std::find(lb.begin(), lb.end(), a) != lb.end();
            REQUIRE(listed);
        }
    }
}

TEST_CASE("with every other council similar, similar partners are random partners",
          "[similar_councils][network]") {
    // k = 39 of 40: the similar set is every other council, so the ties are drawn from the same
    // distribution as random ties (other draws, same expected deprivation gap and count).
    testing::TestWorld random_ties(4000, tie_overrides("random", 39));
    testing::TestWorld similar_ties(4000, tie_overrides("similar", 39));
    const CrossTies random = cross_council_ties(random_ties);
    const CrossTies similar = cross_council_ties(similar_ties);
    CHECK(similar.count == Approx(random.count).epsilon(0.05));
    CHECK(similar.deprivation_gap == Approx(random.deprivation_gap).margin(0.02));
    // Centralised policy has no learning ties, whatever the partners setting.
    auto overrides = tie_overrides("similar", 3);
    overrides["central.mode"] = "centralised";
    testing::TestWorld centralised(4000, overrides);
    const auto& s = centralised.state();
    for (std::uint32_t i = 0; i < s.communities.size(); ++i) {
        for (const std::uint32_t j : out_neighbours(s.network, i))
            REQUIRE(s.communities.council[i] == s.communities.council[j]);
    }
}

TEST_CASE("similar councils and their ties are the same for any thread count",
          "[similar_councils][network]") {
    const auto network_with = [](std::size_t threads) {
        tbb::global_control limit(tbb::global_control::max_allowed_parallelism, threads);
        testing::TestWorld world(3000, tie_overrides("similar", 4));
        return std::make_pair(world.state().network.out_targets,
                              similar_councils(world.state().councils, 4));
    };
    CHECK(network_with(1) == network_with(2));
}
