// The branch-and-bound V_max equals, bit for bit, the maximum over all 2^N sets of choices.
#include "localism/model/knowhow_maximum.hpp"

#include <catch2/catch.hpp>

#include <algorithm>

using namespace localism;

namespace {

double exhaustive_maximum(const KnowhowLandscape& landscape) {
    double best = 0.0;
    for (KnowhowChoices x = 0; x < (KnowhowChoices{1} << landscape.choices); ++x)
        best = std::max(best, knowhow_value(landscape, x));
    return best;
}

}  // namespace

TEST_CASE("branch and bound finds exactly the exhaustive maximum", "[knowhow]") {
    for (const auto& [choices, interactions] :
         {std::pair{1, 0}, {4, 3}, {10, 0}, {12, 1}, {12, 5}, {14, 9}, {16, 3}, {16, 15}}) {
        for (std::uint64_t seed = 1; seed <= 5; ++seed) {
            const auto landscape = build_knowhow_landscape(seed, choices, interactions);
            INFO("N = " << choices << ", K = " << interactions << ", seed " << seed);
            CHECK(knowhow_maximum(landscape) == exhaustive_maximum(landscape));
            CHECK(landscape.max_value == knowhow_maximum(landscape));
        }
    }
}

TEST_CASE("at Lazer and Friedman's N = 20, K = 5 the maximum is the exhaustive one",
          "[knowhow][slow]") {
    for (std::uint64_t seed = 1; seed <= 3; ++seed) {
        const auto landscape = build_knowhow_landscape(seed, 20, 5);
        CHECK(landscape.max_value == exhaustive_maximum(landscape));
    }
}
