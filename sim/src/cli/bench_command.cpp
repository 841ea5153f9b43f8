// `localism bench`: engine throughput at 1 thread and at N threads, speed-up, ns per
// community-step, peak memory per community, output share and a streaming-bandwidth reference;
// or, with --small-runs, sweep throughput (small runs per second). Run one size per process
// (scripts/bench.sh does) so the peak-memory figure belongs to that size alone.
#include <tbb/info.h>
#include <unistd.h>

#include <cstdio>
#include <filesystem>

#include "commands.hpp"
#include "localism/run/bench.hpp"
#include "localism/scenario/validate.hpp"

namespace localism::cli {

namespace {

struct BenchOptions {
    std::string scenario_path = "scenarios/bench/devolved_100k.yaml";
    std::int64_t communities = 0;
    std::int64_t months = 0;
    int threads = 0;
    std::vector<std::string> overrides;
    bool small_runs = false;
    double min_seconds = 5.0;
};

void print_rate(const char* label, const ThroughputMeasurement& m) {
    std::printf(
        "  %-10s %7.2f s  %.3g community-steps/s  %.1f ns/step  (months only %.3g/s; set-up %.2f "
        "s; "
        "output %.1f%% of wall)\n",
        label, m.wall_seconds, m.steps_per_second(), m.ns_per_step(), m.month_steps_per_second(),
        m.setup_seconds, 100.0 * m.output_share());
}

int bench_engine(const Scenario& scenario, int threads, const std::string& scratch) {
    const auto n = static_cast<std::size_t>(scenario.population.communities);
    std::printf("bench %s: %zu communities, %lld councils, %lld months; 1 and %d threads\n",
                scenario.run.name.c_str(), n, static_cast<long long>(scenario.population.councils),
                static_cast<long long>(scenario.run.months), threads);
    const ThroughputMeasurement one = measure_throughput(scenario, 1, scratch);
    print_rate("1 thread", one);
    ThroughputMeasurement many = one;
    if (threads > 1) {
        many = measure_throughput(scenario, threads, scratch);
        print_rate((std::to_string(threads) + " threads").c_str(), many);
    }
    const double speedup = many.steps_per_second() / one.steps_per_second();
    // Read before the reference pass allocates its own arrays.
    const double bytes_per_community =
        static_cast<double>(peak_resident_bytes()) / static_cast<double>(n);
    const std::size_t state = community_state_bytes_per_community();
    const double reference_one = streaming_reference_rate(n, state, 1);
    const double reference_many =
        threads > 1 ? streaming_reference_rate(n, state, threads) : reference_one;
    std::printf("  speed-up 1->%d threads: %.2f\n", threads, speedup);
    std::printf("  peak resident (VmHWM): %.1f bytes/community (community arrays alone: %zu)\n",
                bytes_per_community, state);
    std::printf(
        "  streaming reference (read+write %zu B/community): %.3g communities/s at 1 thread, %.3g "
        "at %d; "
        "engine/reference %.4f and %.4f\n",
        state, reference_one, reference_many, threads, one.steps_per_second() / reference_one,
        many.steps_per_second() / reference_many);
    std::printf(
        "RESULT name=%s communities=%zu months=%lld threads=%d rate_1=%.4g rate_n=%.4g "
        "speedup=%.3f "
        "ns_1=%.2f ns_n=%.2f month_rate_n=%.4g bytes_per_community=%.1f output_share=%.4f "
        "reference_ratio_1=%.4f reference_ratio_n=%.4f\n",
        scenario.run.name.c_str(), n, static_cast<long long>(scenario.run.months), threads,
        one.steps_per_second(), many.steps_per_second(), speedup, one.ns_per_step(),
        many.ns_per_step(), many.month_steps_per_second(), bytes_per_community, many.output_share(),
        one.steps_per_second() / reference_one, many.steps_per_second() / reference_many);
    return kExitOk;
}

int bench_small_runs(const Scenario& scenario, int threads, const std::string& scratch,
                     double min_seconds) {
    int runs = 0;
    const double rate = small_runs_per_second(scenario, threads, scratch, min_seconds, runs);
    std::printf(
        "bench small runs (%s): %lld communities x %lld months, %d threads: %d runs, %.1f runs/s\n",
        scenario.run.name.c_str(), static_cast<long long>(scenario.population.communities),
        static_cast<long long>(scenario.run.months), threads, runs, rate);
    std::printf(
        "RESULT name=small_runs communities=%lld months=%lld threads=%d runs=%d "
        "runs_per_second=%.2f\n",
        static_cast<long long>(scenario.population.communities),
        static_cast<long long>(scenario.run.months), threads, runs, rate);
    return kExitOk;
}

int execute(const BenchOptions& options) {
    std::vector<std::string> overrides = options.overrides;
    const std::int64_t communities =
        options.communities > 0 ? options.communities : (options.small_runs ? 1000 : 0);
    const std::int64_t months =
        options.months > 0 ? options.months : (options.small_runs ? 120 : 0);
    if (communities > 0)
        overrides.push_back("population.communities=" + std::to_string(communities));
    if (months > 0)
        overrides.push_back("run.months=" + std::to_string(months));
    if (options.small_runs && options.communities <= 0)
        overrides.push_back("population.councils=50");
    Scenario scenario;
    try {
        scenario = scenario::load_scenario(options.scenario_path, overrides);
    } catch (const std::exception& e) {
        return report_input_error(e);
    }
    const int threads = options.threads > 0 ? options.threads : tbb::info::default_concurrency();
    const auto scratch =
        std::filesystem::temp_directory_path() / ("localism-bench-" + std::to_string(getpid()));
    std::filesystem::create_directories(scratch);
    const int code = options.small_runs ? bench_small_runs(scenario, threads, scratch.string(),
                                                           options.min_seconds)
                                        : bench_engine(scenario, threads, scratch.string());
    std::filesystem::remove_all(scratch);
    return code;
}

}  // namespace

Command add_bench_command(CLI::App& app) {
    auto options = std::make_shared<BenchOptions>();
    CLI::App* bench = app.add_subcommand(
        "bench", "Measure engine throughput, scaling and memory (no output kept)");
    bench->add_option("--scenario", options->scenario_path, "Scenario YAML file")
        ->capture_default_str();
    bench->add_option("--communities", options->communities, "Override population.communities")
        ->check(CLI::PositiveNumber);
    bench->add_option("--months", options->months, "Override run.months")
        ->check(CLI::PositiveNumber);
    bench
        ->add_option("--threads", options->threads,
                     "Threads for the parallel measurement (default: all cores)")
        ->check(CLI::Range(1, kMaxThreads));
    bench->add_option("--set", options->overrides,
                      "Override a parameter: key.path=value (repeatable)");
    bench->add_flag(
        "--small-runs", options->small_runs,
        "Sweep throughput instead: back-to-back small runs (default 1,000 communities in 50 "
        "councils x 120 months, written to a temp dir)");
    bench
        ->add_option("--min-seconds", options->min_seconds,
                     "With --small-runs: run for at least this long")
        ->capture_default_str();
    return {bench, [options] { return execute(*options); }};
}

}  // namespace localism::cli
