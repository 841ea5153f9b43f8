// Need dynamics (ODD 7.1): need grows at a relative rate with noise, initiatives remove
// need_reduced (computed by impact), and need never goes below zero.
#pragma once

#include "localism/model/process.hpp"

namespace localism {

// One month of need change for one council's communities (a CouncilProcess). Need removed by an
// initiative is capped at the need there was; the council's total lands in its month row.
void step_need(const MonthContext& context, const PeerView& peers, CouncilSlice& slice);

// The deterministic part of the update, for tests: max(0, need*(1+growth+shock) - reduced).
inline float next_need(float need, double growth, double shock, float reduced) {
    const double grown = static_cast<double>(need) * (1.0 + growth + shock) - reduced;
    return static_cast<float>(grown > 0.0 ? grown : 0.0);
}

}  // namespace localism
