// Parallel loops of the engine, over oneTBB. Every parallel loop goes through parallel_range, so
// the ThreadSanitizer build sees its fork and join. Results never depend on how the range is
// split: callers write disjoint outputs and reduce partial results in a fixed order.
#pragma once

#include <tbb/blocked_range.h>
#include <tbb/parallel_for.h>

#include <cstddef>

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

}  // namespace localism
