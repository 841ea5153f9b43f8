// Parallel loops of the engine. Councils own contiguous community ranges, so each council task
// touches only its own communities and its own CouncilMonth row; sums inside a council run in
// index order, which keeps every result independent of the thread count. Every parallel loop of
// the engine goes through parallel_range, so the ThreadSanitizer build sees its fork and join.
#pragma once

#include <tbb/blocked_range.h>
#include <tbb/parallel_for.h>

#include <cstddef>

#include "localism/model/world.hpp"

#if defined(__SANITIZE_THREAD__)
#include <sanitizer/tsan_interface.h>
#endif

namespace localism {

namespace detail {
// oneTBB ships uninstrumented, so ThreadSanitizer cannot see the synchronisation that orders
// a loop's tasks after the code before the loop, and the code after it after the tasks. Under
// TSan those two edges are declared here; tasks of one loop stay unordered with each other, so
// a real race between them is still reported. No-ops in every other build.
inline void declare_release([[maybe_unused]] void* token) {
#if defined(__SANITIZE_THREAD__)
    __tsan_release(token);
#endif
}
inline void declare_acquire([[maybe_unused]] void* token) {
#if defined(__SANITIZE_THREAD__)
    __tsan_acquire(token);
#endif
}
}  // namespace detail

// Runs body(begin, end) over sub-ranges of [first, last) of at least `grain` items, in parallel.
template <typename Body>
void parallel_range(std::size_t first, std::size_t last, std::size_t grain, Body&& body) {
    char fork = 0;
    char join = 0;
    detail::declare_release(&fork);
    tbb::parallel_for(tbb::blocked_range<std::size_t>(first, last, grain),
                      [&](const tbb::blocked_range<std::size_t>& range) {
                          detail::declare_acquire(&fork);
                          body(range.begin(), range.end());
                          detail::declare_release(&join);
                      });
    detail::declare_acquire(&join);
}

template <typename PerCouncil>
void for_each_council(World& world, PerCouncil&& body) {
    parallel_range(0, world.councils.size(), 1, [&](std::size_t begin, std::size_t end) {
        for (std::size_t k = begin; k != end; ++k) {
            body(world.councils[k], world.council_month[k]);
        }
    });
}

}  // namespace localism
