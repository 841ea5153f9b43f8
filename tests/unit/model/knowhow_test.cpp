// Transferable know-how: the NK landscape, local search and copying rules, and the know-how
// parts of knowledge sharing, impact and the programme template, each run alone on a test world.
#include <catch2/catch.hpp>

#include <bit>

#include "localism/model/impact.hpp"
#include "localism/model/knowhow.hpp"
#include "localism/model/knowledge.hpp"
#include "test_world.hpp"

using namespace localism;

namespace {

// The choices reached from `start` by one-flip hill climbing until no flip improves.
KnowhowChoices climb(const KnowhowLandscape& landscape, KnowhowChoices start) {
    bool improved = true;
    while (improved) {
        improved = false;
        for (int j = 0; j < landscape.choices; ++j) {
            const KnowhowChoices trial = start ^ (KnowhowChoices{1} << j);
            if (knowhow_value(landscape, trial) > knowhow_value(landscape, start)) {
                start = trial;
                improved = true;
            }
        }
    }
    return start;
}

// Two communities in well-mixed contact (each one's only peer is the other), know-how on at
// full weight; every group observes every month and nobody explores.
std::map<std::string, std::string> knowhow_copy_only() {
    return {{"network.type", "well_mixed"},
            {"knowhow.enabled", "true"},
            {"knowhow.choices", "12"},
            {"knowhow.interactions", "3"},
            {"knowhow.weight", "1"},
            {"knowledge.observe_probability_per_month", "1"},
            {"knowledge.explore_probability_per_month", "0"}};
}

}  // namespace

TEST_CASE("the landscape is one per seed, values lie in [0, 1] and V_max is the maximum",
          "[knowhow]") {
    const auto a = build_knowhow_landscape(7, 12, 3);
    const auto b = build_knowhow_landscape(7, 12, 3);
    const auto other = build_knowhow_landscape(8, 12, 3);
    CHECK(a.contributions == b.contributions);
    CHECK(a.loci == b.loci);
    CHECK(a.contributions != other.contributions);
    CHECK(a.contributions.size() == 12u * 16u);
    double best = 0.0;
    for (KnowhowChoices x = 0; x < (1u << 12); ++x) {
        const double v = knowhow_value(a, x);
        CHECK((v >= 0.0 && v < 1.0));
        best = std::max(best, v);
    }
    CHECK(a.max_value == best);
    CHECK(a.max_value > 0.6);  // well above the mean 0.5 of a random set of choices
}

TEST_CASE("each choice interacts with K distinct others", "[knowhow]") {
    const auto landscape = build_knowhow_landscape(3, 20, 5);
    for (int j = 0; j < 20; ++j) {
        std::uint32_t seen = 0;
        for (int b = 0; b < 6; ++b)
            seen |= 1u << landscape.loci[static_cast<std::size_t>(j * 6 + b)];
        CHECK(landscape.loci[static_cast<std::size_t>(j * 6)] == j);
        CHECK(std::popcount(seen) == 6);
    }
}

TEST_CASE("with K = 0 local search finds the one peak; with K = 5 it stalls below it",
          "[knowhow]") {
    const auto smooth = build_knowhow_landscape(5, 16, 0);
    const auto rugged = build_knowhow_landscape(5, 16, 5);
    int rugged_peaks_below_max = 0;
    for (KnowhowChoices start = 0; start < 40; ++start) {
        const KnowhowChoices x = start * 1637u % (1u << 16);
        CHECK(knowhow_score(smooth, climb(smooth, x)) == Approx(1.0).epsilon(1e-12));
        rugged_peaks_below_max += knowhow_score(rugged, climb(rugged, x)) < 0.999;
    }
    CHECK(rugged_peaks_below_max >= 20);  // most climbs end on a local peak
}

TEST_CASE("local search keeps a flip only if it raises the value", "[knowhow]") {
    const auto landscape = build_knowhow_landscape(9, 12, 3);
    KnowhowChoices x = 0x5A5;
    for (int step = 0; step < 50; ++step) {
        const KnowhowChoices before = x;
        KeyedStream stream(9, 0, step, Purpose::kKnowhowSearch);
        const bool kept = local_search_step(landscape, x, stream);
        CHECK(kept == (x != before));
        CHECK(std::popcount(x ^ before) <= 1);
        CHECK(knowhow_value(landscape, x) >= knowhow_value(landscape, before));
    }
    const KnowhowChoices peak = climb(landscape, 0);
    KnowhowChoices own = peak ^ 1u;  // one flip below a local peak
    CHECK(copy_if_better(landscape, own, peak));
    CHECK(own == peak);
    CHECK_FALSE(copy_if_better(landscape, own, peak ^ 1u));
    CHECK(own == peak);
}

TEST_CASE("the know-how factor is 1 at weight 0 and the score at weight 1", "[knowhow]") {
    KnowhowParams p;
    p.weight = 0.0;
    CHECK(knowhow_factor(p, 0.2) == 1.0);
    p.weight = 1.0;
    CHECK(knowhow_factor(p, 0.2) == 0.2);
    p.weight = 0.5;
    CHECK(knowhow_factor(p, 0.2) == Approx(0.6));
}

TEST_CASE("knowledge sharing copies a better peer's choices only if they score higher",
          "[knowhow]") {
    testing::TestWorld world(2, knowhow_copy_only());
    Communities& c = world.communities();
    const KnowhowLandscape& landscape = world.state().knowhow_landscape;
    REQUIRE(landscape.choices == 12);
    const KnowhowChoices peak = climb(landscape, 0);
    for (std::uint32_t i : {0u, 1u}) {
        c.stage[i] = Stage::kActive;
        c.practice[i] = c.context[i];
    }
    c.knowhow[0] = peak ^ 1u;  // one flip off
    c.knowhow[1] = peak;
    c.effectiveness[0] = 0.25f;
    c.effectiveness[1] = 0.75f;
    SECTION("the better peer's choices are better: copied") {
        world.next_month();
        world.run_councils(&step_knowledge);
        CHECK(c.knowhow[0] == peak);
    }
    SECTION("the better peer's choices are worse: kept") {
        std::swap(c.knowhow[0], c.knowhow[1]);
        world.next_month();
        world.run_councils(&step_knowledge);
        CHECK(c.knowhow[0] == peak);
        CHECK(c.knowhow[1] == (peak ^ 1u));  // the worse-effect group copies nothing here
    }
}

TEST_CASE("exploring groups climb: mean score rises and never falls for a group", "[knowhow]") {
    auto overrides = knowhow_copy_only();
    overrides["knowledge.observe_probability_per_month"] = "0";
    overrides["knowledge.explore_probability_per_month"] = "1";
    testing::TestWorld world(50, overrides);
    Communities& c = world.communities();
    const KnowhowLandscape& landscape = world.state().knowhow_landscape;
    for (std::uint32_t i = 0; i < 50; ++i) {
        c.stage[i] = Stage::kActive;
        c.knowhow[i] = i * 2654435761u & 0xFFFu;
    }
    const auto mean_score = [&] {
        double sum = 0.0;
        for (std::uint32_t i = 0; i < 50; ++i)
            sum += knowhow_score(landscape, c.knowhow[i]);
        return sum / 50.0;
    };
    const double start = mean_score();
    for (int month = 0; month < 40; ++month) {
        const auto before = c.knowhow;
        world.next_month();
        world.run_councils(&step_knowledge);
        for (std::uint32_t i = 0; i < 50; ++i)
            CHECK(knowhow_value(landscape, c.knowhow[i]) >= knowhow_value(landscape, before[i]));
    }
    CHECK(mean_score() > start + 0.2);
}

TEST_CASE("impact multiplies the effect by (1 - weight) + weight x score", "[knowhow]") {
    auto overrides = knowhow_copy_only();
    overrides["knowhow.weight"] = "0.5";
    overrides["impact.ownership_floor"] = "1";
    overrides["impact.capacity_floor"] = "1";
    testing::TestWorld world(2, overrides);
    Communities& c = world.communities();
    const KnowhowLandscape& landscape = world.state().knowhow_landscape;
    c.stage[0] = Stage::kActive;
    c.practice[0] = c.context[0];  // fit 1
    c.knowhow[0] = 0x3C3;
    world.next_month();
    world.run_councils(&step_impact);
    const double expected = 0.5 + 0.5 * knowhow_score(landscape, 0x3C3);
    CHECK(c.effectiveness[0] == Approx(expected).epsilon(1e-6));
}

TEST_CASE("locally designed practices get random choices; disabled know-how stays zero",
          "[knowhow]") {
    auto overrides = knowhow_copy_only();
    overrides["emergence.initial_active"] = "40";
    testing::TestWorld on(40, overrides);
    int distinct = 0;
    for (std::uint32_t i = 1; i < 40; ++i)
        distinct += on.communities().knowhow[i] != on.communities().knowhow[0];
    CHECK(distinct >= 35);
    overrides["knowhow.enabled"] = "false";
    testing::TestWorld off(40, overrides);
    CHECK(off.state().knowhow_landscape.empty());
    for (std::uint32_t i = 0; i < 40; ++i)
        CHECK(off.communities().knowhow[i] == 0u);
}
