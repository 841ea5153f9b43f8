// Need dynamics.
#include "localism/model/need_dynamics.hpp"

#include "localism/core/rng.hpp"

namespace localism {

void step_need(const MonthContext& context, const PeerView& /*peers*/, CouncilSlice& slice) {
    const NeedParams& p = context.scenario.need;
    CommunitySlice& c = slice.communities;
    if (!p.enabled && !context.scenario.impact.enabled)
        return;  // nothing can change need
    double removed = 0.0;
    for (std::uint32_t i = slice.first(); i < slice.last(); ++i) {
        const float reduced = std::min(c.need_reduced[i], c.need[i]);
        c.need_reduced[i] = reduced;
        removed += reduced;
        if (!p.enabled) {
            c.need[i] -= reduced;
            continue;
        }
        double shock = 0.0;
        if (p.noise_sd_per_month > 0.0) {
            KeyedStream stream(context.seed, i, context.month, Purpose::kNeedNoise);
            shock = stream.normal(0.0, p.noise_sd_per_month);
        }
        c.need[i] = next_need(c.need[i], p.growth_rate_per_month, shock, reduced);
    }
    slice.month.need_reduced = removed;
}

}  // namespace localism
