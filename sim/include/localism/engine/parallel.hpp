// Council-parallel loops: councils own contiguous community ranges, so each task touches only
// its own communities and its own CouncilMonth row; sums inside a council run in index order,
// which keeps every result independent of the thread count.
#pragma once

#include <tbb/blocked_range.h>
#include <tbb/parallel_for.h>

#include "localism/model/world.hpp"

namespace localism {

template <typename PerCouncil>
void for_each_council(World& world, PerCouncil&& body) {
    tbb::parallel_for(tbb::blocked_range<std::size_t>(0, world.councils.size(), 1),
                      [&](const tbb::blocked_range<std::size_t>& range) {
                          for (std::size_t k = range.begin(); k != range.end(); ++k) {
                              body(world.councils[k], world.council_month[k]);
                          }
                      });
}

}  // namespace localism
