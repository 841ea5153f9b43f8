// The global maximum V_max of an NK landscape (ODD 7.14), found exactly by branch and bound
// instead of visiting all 2^N sets of choices: at N = 20 the exhaustive search took about
// 0.17 s per run, five times a whole 1,000-community run; this takes 1-2 ms.
#pragma once

#include "localism/model/knowhow.hpp"

namespace localism {

// max over all x of knowhow_value(landscape, x), bit for bit the value the exhaustive search
// returns (every leaf is valued by knowhow_value itself; see knowhow_maximum.cpp).
double knowhow_maximum(const KnowhowLandscape& landscape);

}  // namespace localism
