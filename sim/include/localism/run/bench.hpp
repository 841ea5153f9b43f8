// Measurements behind `localism bench`: engine throughput at a chosen parallelism, peak memory,
// a memory-bandwidth reference measured in the same process, and small-run (sweep) throughput.
// Nothing here is used by a simulation; results are for people, not for assertions.
#pragma once

#include <cstddef>
#include <string>

#include "localism/scenario/scenario.hpp"

namespace localism {

struct ThroughputMeasurement {
    int threads = 1;
    double wall_seconds = 0.0;    // whole run_to_file: set-up, months and output
    double setup_seconds = 0.0;   // population and network build (estimated, see bench.cpp)
    double output_seconds = 0.0;  // time in the HDF5 writer
    double steps = 0.0;           // communities x months
    double steps_per_second() const { return steps / wall_seconds; }
    double ns_per_step() const { return 1e9 * wall_seconds / steps; }
    // Months only: excludes set-up, so it is the rate a longer run approaches.
    double month_steps_per_second() const { return steps / (wall_seconds - setup_seconds); }
    double output_share() const { return output_seconds / wall_seconds; }
};

// Runs the scenario to a scratch HDF5 file (deleted afterwards) with at most `threads` workers.
ThroughputMeasurement measure_throughput(const Scenario& scenario, int threads,
                                         const std::string& scratch_dir);

// Bytes of community state per community: the sum of the element sizes of every array in
// Communities (the network and scratch buffers come on top).
std::size_t community_state_bytes_per_community();

// Items per second of a plain read-modify-write pass over `items` x `bytes_per_item` bytes with
// at most `threads` workers: what a memory-bound engine touching every byte once could reach.
double streaming_reference_rate(std::size_t items, std::size_t bytes_per_item, int threads);

// Peak resident set size of this process (VmHWM) in bytes; 0 when /proc is unavailable.
std::size_t peak_resident_bytes();

// Runs the scenario to files in scratch_dir back to back for at least `min_seconds` (and at least
// two runs); returns runs per second and sets `runs`.
double small_runs_per_second(const Scenario& scenario, int threads, const std::string& scratch_dir,
                             double min_seconds, int& runs);

}  // namespace localism
