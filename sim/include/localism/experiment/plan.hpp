// `localism plan`: what an experiment will run, and roughly how long and how much disk.
#pragma once

#include <cstdint>
#include <ostream>

#include "localism/experiment/design.hpp"

namespace localism::experiment {

// Measured single-thread cost of one community for one month (Release build, the devolved
// scenario, 10,000 communities, on a 2-core x86-64 VM: 2.5e6 community-months/s); estimates
// scale it by communities x months.
inline constexpr double kSecondsPerCommunityMonth = 4.0e-7;

struct PlanEstimate {
    std::int64_t runs = 0;
    std::int64_t invalid_runs = 0;  // runs whose parameter combination fails validation
    double cpu_seconds = 0.0;       // single-thread total
    double output_bytes = 0.0;      // uncompressed time series of every run
};

// Estimates from the first design point of each arm (design points rarely change the size).
PlanEstimate estimate(const Design& design);

// Prints the design and the estimate; `cores` converts CPU time to wall time.
void print_plan(const Design& design, const PlanEstimate& estimate, int cores, std::ostream& out);

}  // namespace localism::experiment
