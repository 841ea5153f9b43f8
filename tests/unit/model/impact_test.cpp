// Impact: fit, ownership, capacity and money multiply; an imposed template loses fit and ownership.
#include <catch2/catch.hpp>

#include "localism/model/impact.hpp"

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
