// Building a sweep's manifest (manifest.h5 + manifest.csv, one row per run of the design) from
// DIR/design.yaml, DIR/runs and DIR/status. Rows are streamed in blocks, never all in memory.
#pragma once

#include <cstdint>
#include <filesystem>
#include <string>
#include <vector>

namespace localism::output {
class RunFile;
}

namespace localism::experiment {

struct CollectSummary {
    std::int64_t ok = 0;
    std::int64_t failed = 0;
    std::int64_t pending = 0;
    // Among `failed`: runs whose file changed after the run finished (or does not open); the
    // manifest marks them failed with the reason, and the next sweep reruns them.
    std::int64_t damaged = 0;
    std::string first_damage;  // the reason for the first of them, naming the file
};

// Throws scenario::InputError when design.yaml is missing or invalid, std::runtime_error on I/O;
// after any error no manifest temporary is left behind.

CollectSummary collect(const std::filesystem::path& dir);

// The summary metrics of a manifest row, in column order.
const std::vector<std::string>& manifest_metric_names();
// Those metrics read from a run file's /national series (NaN for any that is missing).
// A summary-level file gives its /final values instead.
std::vector<double> run_metrics(const std::filesystem::path& run_file);
std::vector<double> run_metrics(const output::RunFile& file);

}  // namespace localism::experiment
