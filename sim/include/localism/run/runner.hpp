// Runs one scenario to an HDF5 file: the path shared by `localism run`, sweeps and benchmarks.
#pragma once

#include <atomic>
#include <functional>
#include <string>

#include "localism/scenario/scenario.hpp"

namespace localism {

struct RunRequest {
    Scenario scenario;
    std::string output_path;    // final path; written as output_path + ".partial" first
    std::string scenario_text;  // as given, for provenance
    int threads = 1;            // informational; the caller sets TBB's parallelism
    // Called after each month with (month, months); may be empty.
    std::function<void(std::int32_t, std::int32_t)> on_month;
    // Set by a signal handler to stop between months; may be null.
    const std::atomic<bool>* stop = nullptr;
};

struct RunResult {
    bool completed = false;  // false when stopped early (no output file is left)
    double wall_seconds = 0.0;
    double output_seconds = 0.0;  // time spent in the writer
    std::int32_t months = 0;
    double final_total_need = 0.0;
    double final_active = 0.0;
};

// Throws std::runtime_error on I/O failure; the partial file is removed in every failure case.
RunResult run_to_file(const RunRequest& request);

}  // namespace localism
