// Impact (ODD 7.2): an active initiative removes a share of its community's need that depends on
// the fit of its practice to local context, its ownership and its capacity. Money gates it: a
// group is active only in months it paid its full running cost (finance). Fit and ownership are
// exactly what an imposed national template lacks.
#pragma once

#include "localism/model/process.hpp"

namespace localism {

// Fit in (0, 1]: exp(-|practice - context|^2 / (2 width^2)).
double fit(const Vector4& practice, const Vector4& context, double width);

// Effect factor in [0, 1] of one initiative this month.
double effect_factor(const ImpactParams& p, double fit_value, double ownership, double capacity);

// Sets effectiveness and need_reduced for one council's communities (a CouncilProcess).
void step_impact(const MonthContext& context, const PeerView& peers, CouncilSlice& slice);

}  // namespace localism
