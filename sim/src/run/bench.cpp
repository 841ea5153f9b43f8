// Benchmark measurements.
#include "localism/run/bench.hpp"

#include <tbb/blocked_range.h>
#include <tbb/global_control.h>
#include <tbb/parallel_for.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <vector>

#include "localism/model/state.hpp"
#include "localism/run/runner.hpp"

namespace localism {

namespace {

using Clock = std::chrono::steady_clock;

double seconds_since(Clock::time_point start) {
    return std::chrono::duration<double>(Clock::now() - start).count();
}

template <typename T>
constexpr std::size_t element_size(const std::vector<T>&) {
    return sizeof(T);
}

std::string scratch_file(const std::string& dir, const std::string& stem) {
    static int counter = 0;  // bench runs are sequential; the pid keeps processes apart
    return (std::filesystem::path(dir) /
            (stem + "-" + std::to_string(getpid()) + "-" + std::to_string(counter++) + ".h5"))
        .string();
}

}  // namespace

ThroughputMeasurement measure_throughput(const Scenario& scenario, int threads,
                                         const std::string& scratch_dir) {
    tbb::global_control parallelism(tbb::global_control::max_allowed_parallelism,
                                    static_cast<std::size_t>(threads));
    RunRequest request{scenario, scratch_file(scratch_dir, scenario.run.name), "", threads, {},
                       nullptr};
    // Set-up time is estimated as (time to the end of month 1) minus one average month, which
    // keeps the runner untouched.
    const auto started = Clock::now();
    double first_month_done = 0.0;
    double last_month_done = 0.0;
    request.on_month = [&](std::int32_t month, std::int32_t) {
        last_month_done = seconds_since(started);
        if (month == 1)
            first_month_done = last_month_done;
    };
    const RunResult result = run_to_file(request);
    std::filesystem::remove(request.output_path);
    ThroughputMeasurement m;
    m.threads = threads;
    m.wall_seconds = result.wall_seconds;
    m.output_seconds = result.output_seconds;
    m.steps =
        static_cast<double>(result.months) * static_cast<double>(scenario.population.communities);
    const double month_seconds =
        result.months > 1 ? (last_month_done - first_month_done) / (result.months - 1) : 0.0;
    m.setup_seconds = std::max(0.0, first_month_done - month_seconds);
    return m;
}

std::size_t community_state_bytes_per_community() {
    Communities c;
    std::size_t bytes = 0;
    Communities::zip(c, c, [&bytes](auto& column, auto&) { bytes += element_size(column); });
    return bytes;
}

double streaming_reference_rate(std::size_t items, std::size_t bytes_per_item, int threads) {
    tbb::global_control parallelism(tbb::global_control::max_allowed_parallelism,
                                    static_cast<std::size_t>(threads));
    std::vector<float> data(items * bytes_per_item / sizeof(float), 1.0f);
    const auto pass = [&] {
        tbb::parallel_for(tbb::blocked_range<std::size_t>(0, data.size(), 1 << 16),
                          [&](const auto& range) {
                              for (std::size_t k = range.begin(); k != range.end(); ++k)
                                  data[k] = data[k] * 0.999f + 0.001f;
                          });
    };
    pass();  // first touch: page faults are not part of the rate
    int passes = 0;
    const auto started = Clock::now();
    do {
        pass();
        ++passes;
    } while (seconds_since(started) < 0.5 || passes < 3);
    const double seconds = seconds_since(started);
    volatile float sink = data[data.size() / 2];  // keeps the passes observable
    (void)sink;
    return static_cast<double>(passes) * static_cast<double>(items) / seconds;
}

std::size_t peak_resident_bytes() {
    std::ifstream status("/proc/self/status");
    std::string line;
    while (std::getline(status, line)) {
        if (line.rfind("VmHWM:", 0) == 0) {
            std::istringstream fields(line.substr(6));
            std::size_t kilobytes = 0;
            fields >> kilobytes;
            return kilobytes * 1024;
        }
    }
    return 0;
}

double small_runs_per_second(const Scenario& scenario, int threads, const std::string& scratch_dir,
                             double min_seconds, int& runs) {
    tbb::global_control parallelism(tbb::global_control::max_allowed_parallelism,
                                    static_cast<std::size_t>(threads));
    runs = 0;
    const auto started = Clock::now();
    do {
        RunRequest request{scenario, scratch_file(scratch_dir, "small"), "", threads, {}, nullptr};
        run_to_file(request);
        std::filesystem::remove(request.output_path);
        ++runs;
    } while (seconds_since(started) < min_seconds || runs < 2);
    return runs / seconds_since(started);
}

}  // namespace localism
