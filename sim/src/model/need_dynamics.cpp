// Need dynamics.
#include "localism/model/need_dynamics.hpp"

#include "localism/core/rng.hpp"

namespace localism {

double step_need(World& world, std::uint32_t first, std::uint32_t last) {
    const NeedParams& p = world.scenario->need;
    Communities& c = world.communities;
    if (!p.enabled && !world.scenario->impact.enabled)
        return 0.0;  // nothing can change need
    double removed = 0.0;
    for (std::uint32_t i = first; i < last; ++i) {
        const float reduced = std::min(c.need_reduced[i], c.need[i]);
        c.need_reduced[i] = reduced;
        removed += reduced;
        if (!p.enabled) {
            c.need[i] -= reduced;
            continue;
        }
        double shock = 0.0;
        if (p.noise_sd_per_month > 0.0) {
            KeyedStream stream(world.seed(), i, world.month, Purpose::kNeedNoise);
            shock = stream.normal(0.0, p.noise_sd_per_month);
        }
        c.need[i] = next_need(c.need[i], p.growth_rate_per_month, shock, reduced);
    }
    return removed;
}

}  // namespace localism
