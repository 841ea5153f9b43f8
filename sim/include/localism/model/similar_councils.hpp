// Similar councils (ODD 7.10): each council's k nearest other councils by deprivation, rural
// share and log size, the partners of devolved learning ties when
// devolved.learning_tie_partners is "similar".
#pragma once

#include <cstdint>
#include <vector>

#include "localism/model/state.hpp"

namespace localism {

// For each council, the ids of its min(k, non-empty others) nearest non-empty councils, nearest
// first. Distance is Euclidean over the three attributes, each divided by its standard
// deviation across non-empty councils (an attribute that does not vary is left out); equal
// distances go to the lower id. An empty council has no similar councils. O(K^2) for K
// councils, councils in parallel, the same result for any thread count.
std::vector<std::vector<std::uint32_t>> similar_councils(const std::vector<Council>& councils,
                                                         std::int64_t k);

}  // namespace localism
