// Impact: fit, ownership, capacity and money multiply; an imposed template loses fit and ownership.
#include <catch2/catch.hpp>

#include "localism/model/impact.hpp"
#include "test_world.hpp"

using namespace localism;

TEST_CASE("fit is 1 for a practice matching its context and e^-1/2 at one width", "[impact]") {
    const Vector4 context{0.5f, -1.0f, 2.0f, 0.0f};
    CHECK(fit(context, context, 0.6) == Approx(1.0));
    Vector4 off = context;
    off[0] += 0.6f;
    CHECK(fit(off, context, 0.6) == Approx(std::exp(-0.5)).epsilon(1e-6));
}

TEST_CASE("effect factor is the product of fit, ownership and capacity terms", "[impact]") {
    ImpactParams p;
    p.ownership_floor = 0.3;
    p.capacity_floor = 0.2;
    CHECK(effect_factor(p, 1.0, 1.0, 1.0) == Approx(1.0));
    CHECK(effect_factor(p, 0.5, 0.0, 1.0) == Approx(0.5 * 0.3));
    CHECK(effect_factor(p, 1.0, 1.0, 0.0) == Approx(0.2));
}

TEST_CASE("a locally owned, well-fitted practice beats an imposed distant template", "[impact]") {
    ImpactParams p;
    const Vector4 context{1.0f, 1.0f, 0.0f, 0.0f};
    const Vector4 template_practice{-1.0f, 0.0f, 0.5f, 0.0f};
    const double own = effect_factor(p, fit(context, context, p.fit_width), 1.0, 0.5);
    const double imposed =
        effect_factor(p, fit(template_practice, context, p.fit_width), 0.15, 0.5);
    CHECK(own > 5.0 * imposed);
}

TEST_CASE("impact alone: active groups get the effect factor and remove that share of need",
          "[impact]") {
    testing::TestWorld world(6, {{"network.type", "well_mixed"},
                                 {"impact.max_reduction_per_month", "0.5"},
                                 {"impact.fit_width", "1"},
                                 {"impact.ownership_floor", "0.5"},
                                 {"impact.capacity_floor", "0.5"}});
    Communities& c = world.communities();
    const Stage stages[] = {Stage::kActive, Stage::kActive, Stage::kDormant,
                            Stage::kPlan,   Stage::kIdea,   Stage::kDissolved};
    for (std::uint32_t i = 0; i < 6; ++i) {
        c.stage[i] = stages[i];
        c.practice[i] = c.context[i];  // fit 1
        c.ownership[i] = 1.0f;
        c.capacity[i] = 1.0f;
        c.need[i] = 10.0f;
        c.effectiveness[i] = 0.7f;  // stale values from last month
        c.need_reduced[i] = 0.7f;
    }
    c.ownership[1] = 0.0f;  // owned term 0.5
    c.capacity[1] = 0.5f;   // capacity term 0.75
    world.next_month();
    world.run_councils(&step_impact);
    CHECK(c.effectiveness[0] == 1.0f);
    CHECK(c.need_reduced[0] == 5.0f);  // 0.5 x 1 x 10
    CHECK(c.effectiveness[1] == 0.375f);
    CHECK(c.need_reduced[1] == 1.875f);  // 0.5 x 0.375 x 10
    for (std::uint32_t i = 2; i < 6; ++i) {
        INFO("stage " << static_cast<int>(stages[i]));
        CHECK(c.effectiveness[i] == 0.0f);
        CHECK(c.need_reduced[i] == 0.0f);
        CHECK(c.need[i] == 10.0f);  // impact never writes need itself
    }
}

TEST_CASE("impact switched off leaves effectiveness and need_reduced alone", "[impact]") {
    testing::TestWorld world(2, {{"network.type", "well_mixed"}, {"impact.enabled", "false"}});
    Communities& c = world.communities();
    c.stage[0] = Stage::kActive;
    world.next_month();
    world.run_councils(&step_impact);
    CHECK(c.effectiveness[0] == 0.0f);
    CHECK(c.need_reduced[0] == 0.0f);
}
