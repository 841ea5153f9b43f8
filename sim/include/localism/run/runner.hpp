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
    // Saved states (output/state_file.hpp). save_state_at > 0: stop after that month and save
    // the state in the output file. save_state_every > 0: write output_path + ".state" every
    // that many months (removed when the run completes). from_state: continue the saved state
    // in that file (its scenario must match; see run/continuation.hpp).
    std::int32_t save_state_at = 0;
    std::int32_t save_state_every = 0;
    std::string from_state{};
};

struct RunResult {
    bool completed = false;  // false when stopped early (no output file is left)
    double wall_seconds = 0.0;
    double output_seconds = 0.0;  // time spent in the writer
    std::int32_t months = 0;
    std::int32_t continued_from_month = 0;  // 0 unless from_state was given
    double final_total_need = 0.0;
    double final_active = 0.0;
};

// Throws std::runtime_error on I/O failure, StateFileError (output/state_file.hpp) for a saved
// state that cannot be read or continued; the partial file is removed in every failure case.
RunResult run_to_file(const RunRequest& request);

// Path of the periodic saved state of a run writing `output_path`.
inline std::string state_path_for(const std::string& output_path) {
    return output_path + ".state";
}

}  // namespace localism
