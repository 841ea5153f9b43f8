// Impact of active initiatives on need.
#include "localism/model/impact.hpp"

#include <cmath>

#include "localism/model/knowhow.hpp"

namespace localism {

double fit(const Vector4& practice, const Vector4& context, double width) {
    double distance_squared = 0.0;
    for (int d = 0; d < kContextDimensions; ++d) {
        const double gap = static_cast<double>(practice[d]) - context[d];
        distance_squared += gap * gap;
    }
    return std::exp(-distance_squared / (2.0 * width * width));
}

double effect_factor(const ImpactParams& p, double fit_value, double ownership, double capacity) {
    const double owned = p.ownership_floor + (1.0 - p.ownership_floor) * ownership;
    const double able = p.capacity_floor + (1.0 - p.capacity_floor) * capacity;
    return fit_value * owned * able;
}

void step_impact(const MonthContext& context, const PeerView& peers, CouncilSlice& slice) {
    const ImpactParams& p = context.scenario.impact;
    const KnowhowParams& know_how = context.scenario.knowhow;
    CommunitySlice& c = slice.communities;
    if (!p.enabled)
        return;  // effectiveness and need_reduced stay 0 from initialisation
    for (std::uint32_t i = slice.first(); i < slice.last(); ++i) {
        if (c.stage[i] != Stage::kActive) {
            c.effectiveness[i] = 0.0f;
            c.need_reduced[i] = 0.0f;
            continue;
        }
        double factor = effect_factor(p, fit(c.practice[i], c.context[i], p.fit_width),
                                      c.ownership[i], c.capacity[i]);
        if (know_how.enabled) {  // what works everywhere (ODD 7.14)
            factor *=
                knowhow_factor(know_how, knowhow_score(peers.knowhow_landscape, c.knowhow[i]));
        }
        c.effectiveness[i] = static_cast<float>(factor);
        c.need_reduced[i] = static_cast<float>(p.max_reduction_per_month * factor * c.need[i]);
    }
}

}  // namespace localism
