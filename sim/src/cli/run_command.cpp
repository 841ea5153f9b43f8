// `localism run`: one scenario to one HDF5 file, with progress and a one-line summary.
#include <tbb/global_control.h>
#include <tbb/info.h>
#include <unistd.h>

#include <chrono>
#include <cstdio>
#include <filesystem>
#include <iostream>

#include "commands.hpp"
#include "localism/run/runner.hpp"
#include "localism/scenario/loader.hpp"
#include "localism/scenario/validate.hpp"

namespace localism::cli {

namespace {

struct RunOptions {
    std::string scenario_path;
    std::string output;
    std::int64_t seed = -1;
    int threads = 0;
    std::vector<std::string> overrides;
    bool force = false;
    bool quiet = false;
};

// Progress on stderr: an updating bar on a terminal, a plain line every 10% otherwise.
class Progress {
  public:
    explicit Progress(bool quiet) : quiet_(quiet), terminal_(isatty(STDERR_FILENO) != 0) {}
    void update(std::int32_t month, std::int32_t months, std::int64_t communities) {
        if (quiet_)
            return;
        const double elapsed =
            std::chrono::duration<double>(std::chrono::steady_clock::now() - start_).count();
        const double rate = month / std::max(elapsed, 1e-9);
        const double eta = (months - month) / std::max(rate, 1e-9);
        const double steps_per_second = rate * static_cast<double>(communities);
        if (terminal_) {
            const int width = 30;
            const int filled = width * month / months;
            std::fprintf(stderr, "\r[%-*s] month %d/%d  %.3g community-steps/s  ETA %.1fs ", width,
                         std::string(static_cast<std::size_t>(filled), '#').c_str(), month, months,
                         steps_per_second, eta);
            if (month == months)
                std::fprintf(stderr, "\n");
        } else if (month * 10 / months != (month - 1) * 10 / months || month == months) {
            std::fprintf(stderr, "month %d/%d (%.0f%%), %.3g community-steps/s, ETA %.1fs\n", month,
                         months, 100.0 * month / months, steps_per_second, eta);
        }
    }

  private:
    bool quiet_;
    bool terminal_;
    std::chrono::steady_clock::time_point start_ = std::chrono::steady_clock::now();
};

int execute(const RunOptions& options) {
    std::vector<std::string> overrides = options.overrides;
    if (options.seed >= 0)
        overrides.push_back("run.seed=" + std::to_string(options.seed));
    Scenario scenario;
    scenario::ScenarioSource source;
    try {
        source = scenario::read_scenario_source(options.scenario_path, overrides);
        scenario = scenario::validate_source(source);
    } catch (const std::exception& e) {
        return report_input_error(e);
    }
    const std::string output =
        options.output.empty()
            ? std::filesystem::path(options.scenario_path).stem().string() + ".h5"
            : options.output;
    if (std::filesystem::exists(output) && !options.force) {
        std::cerr << output
                  << ": error: the output file already exists (use --force to overwrite it)\n";
        return kExitBadInput;
    }
    const int threads = options.threads > 0 ? options.threads : tbb::info::default_concurrency();
    tbb::global_control parallelism(tbb::global_control::max_allowed_parallelism,
                                    static_cast<std::size_t>(threads));
    Progress progress(options.quiet);
    RunRequest request{scenario, output, source.text_as_given,
                       threads,  {},     &install_stop_handler()};
    request.on_month = [&](std::int32_t month, std::int32_t months) {
        progress.update(month, months, scenario.population.communities);
    };
    const RunResult result = run_to_file(request);
    if (!result.completed) {
        std::cerr << "interrupted: no output written\n";
        return kExitInterrupted;
    }
    const double steps =
        static_cast<double>(result.months) * static_cast<double>(scenario.population.communities);
    std::printf(
        "done: %s, %d months x %lld communities in %.2f s (%.3g community-steps/s); final need "
        "%.6g, "
        "%.0f active initiatives; wrote %s\n",
        scenario.run.name.c_str(), result.months,
        static_cast<long long>(scenario.population.communities), result.wall_seconds,
        steps / result.wall_seconds, result.final_total_need, result.final_active, output.c_str());
    return kExitOk;
}

}  // namespace

Command add_run_command(CLI::App& app) {
    auto options = std::make_shared<RunOptions>();
    CLI::App* run = app.add_subcommand("run", "Run a scenario and write its time series to HDF5");
    run->add_option("scenario", options->scenario_path, "Scenario YAML file")->required();
    run->add_option("-o,--output", options->output, "Output HDF5 file (default: <scenario>.h5)");
    run->add_option("--seed", options->seed, "Override run.seed")->check(CLI::NonNegativeNumber);
    run->add_option("--threads", options->threads, "Worker threads (default: all cores)")
        ->check(CLI::PositiveNumber);
    run->add_option("--set", options->overrides,
                    "Override a parameter: key.path=value (repeatable)");
    run->add_flag("--force", options->force, "Overwrite an existing output file");
    run->add_flag("--quiet", options->quiet, "No progress output");
    return {run, [options] { return execute(*options); }};
}

}  // namespace localism::cli
