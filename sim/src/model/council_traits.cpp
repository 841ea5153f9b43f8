// Per-council commissioning traits (ODD 7.5).
#include "localism/model/council_traits.hpp"

#include <algorithm>
#include <cmath>

#include "localism/core/rng.hpp"

namespace localism {

double trait_multiplier(double spread, double z) {
    return spread > 0.0 ? std::exp(spread * z - 0.5 * spread * spread) : 1.0;
}

void draw_council_traits(const CommissioningParams& p, std::uint64_t seed, Council& council) {
    // One stream per council, three normals always drawn in this order, so a trait's value does
    // not depend on whether the other spreads are zero.
    KeyedStream stream(seed, council.id, 0, Purpose::kCouncilTraits);
    const double skill_z = stream.normal();
    const double outreach_z = stream.normal();
    const double support_z = stream.normal();
    council.commissioning_skill = static_cast<float>(trait_multiplier(p.skill_spread, skill_z));
    council.outreach_multiplier =
        static_cast<float>(trait_multiplier(p.outreach_spread, outreach_z));
    council.support_multiplier = static_cast<float>(trait_multiplier(p.support_spread, support_z));
}

double council_outreach(const CommissioningParams& p, const Council& council) {
    return std::min(1.0, p.outreach * council.outreach_multiplier);
}

double council_scoring_noise_sd(const CommissioningParams& p, const Council& council) {
    return p.scoring_noise_sd / council.commissioning_skill;
}

}  // namespace localism
