// `localism run`: one scenario to one HDF5 file, with progress and a one-line summary.
#include <tbb/global_control.h>
#include <tbb/info.h>
#include <unistd.h>

#include <charconv>
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <iostream>

#include "commands.hpp"
#include "localism/output/state_file.hpp"
#include "localism/run/runner.hpp"
#include "localism/scenario/geography.hpp"
#include "localism/scenario/loader.hpp"
#include "localism/scenario/schema.hpp"
#include "localism/scenario/validate.hpp"

namespace localism::cli {

namespace {

struct RunOptions {
    std::string scenario_path;
    std::string output;
    std::string seed;  // text: checked against run.seed's range, not clamped by CLI11
    int threads = 0;
    std::vector<std::string> overrides;
    bool force = false;
    bool quiet = false;
    std::int32_t save_state_at = 0;
    std::int32_t save_state_every = 0;
    std::string from_state;
    bool resume = false;
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

// Checks --seed against run.seed's range; CLI11 would clamp 18446744073709551615 to INT64_MAX.
bool check_seed(const std::string& text) {
    const double max = scenario::find_param("run.seed")->max;
    std::uint64_t seed = 0;
    const char* end = text.data() + text.size();
    const auto [ptr, ec] = std::from_chars(text.data(), end, seed);
    if (ec == std::errc() && ptr == end && static_cast<double>(seed) <= max)
        return true;
    std::cerr << "--seed: error: expected a whole number from 0 to "
              << static_cast<std::uint64_t>(max) << ", got `" << text << "`\n";
    return false;
}

// Refuses an output that would overwrite an input or cannot be written, before the run starts
// rather than after it: -o equal to the scenario (or a file it extends) even with --force, an
// existing directory, a missing or read-only parent directory.
bool check_output(const std::string& output, const scenario::ScenarioSource& source, bool force) {
    namespace fs = std::filesystem;
    std::error_code ec;
    const auto refuse = [&](const std::string& why) {
        std::cerr << output << ": error: " << why << "\n";
        return false;
    };
    for (const auto& input : source.files) {
        if (fs::equivalent(output, input, ec))
            return refuse("is an input of this run (" + input + "); choose another output file");
    }
    if (fs::is_directory(output, ec))
        return refuse("is a directory; give the path of the .h5 file to write");
    if (fs::exists(output, ec) && !force)
        return refuse("the output file already exists (use --force to overwrite it)");
    const fs::path parent =
        fs::path(output).parent_path().empty() ? fs::path(".") : fs::path(output).parent_path();
    if (!fs::is_directory(parent, ec))
        return refuse("the directory " + parent.string() + " does not exist");
    if (::access(parent.c_str(), W_OK | X_OK) != 0)
        return refuse("cannot write in the directory " + parent.string() + " (permission denied)");
    return true;
}

// 32844 -> "32,844".
std::string with_commas(std::size_t n) {
    std::string digits = std::to_string(n);
    for (auto at = static_cast<std::ptrdiff_t>(digits.size()) - 3; at > 0; at -= 3)
        digits.insert(static_cast<std::size_t>(at), ",");
    return digits;
}

// What a real geography holds, so a run says which place it simulates.
void print_geography(const Geography& g) {
    std::printf("geography: %s: %s councils, %s communities, %s people (%.1f million)\n",
                g.directory.c_str(), with_commas(g.councils.size()).c_str(),
                with_commas(g.communities()).c_str(), with_commas(g.total_population()).c_str(),
                static_cast<double>(g.total_population()) / 1e6);
}

// Checks the saved-state options against the scenario and picks the state --resume continues
// (none when OUT.state does not exist: the run starts fresh). False after printing why not.
bool saved_state_options(const RunOptions& options, const std::string& output,
                         const Scenario& scenario, std::string& from_state) {
    const auto refuse = [](const std::string& why) {
        std::cerr << "error: " << why << "\n";
        return false;
    };
    const bool uses_states = options.save_state_at > 0 || options.save_state_every > 0 ||
                             !options.from_state.empty() || options.resume;
    // A summary-level file keeps yearly rows only, so there are no monthly series to continue.
    if (uses_states && scenario.output.level == OutputLevel::kSummary)
        return refuse(
            "saved states need the monthly series: output.level is summary; use "
            "output.level: full with --save-state-at, --save-state-every, "
            "--from-state or --resume");
    if (options.save_state_at > scenario.run.months)
        return refuse("--save-state-at " + std::to_string(options.save_state_at) +
                      " is after the last month (" + std::to_string(scenario.run.months) + ")");
    from_state = options.from_state;
    if (options.resume) {
        std::error_code ec;
        if (std::filesystem::exists(state_path_for(output), ec))
            from_state = state_path_for(output);
    }
    std::error_code ec;
    if (!from_state.empty() && std::filesystem::equivalent(from_state, output, ec))
        return refuse(output + " is the saved state this run continues; choose another output");
    return true;
}

int execute(const RunOptions& options) {
    std::vector<std::string> overrides = options.overrides;
    if (!options.seed.empty()) {
        if (!check_seed(options.seed))
            return kExitBadInput;
        overrides.push_back("run.seed=" + options.seed);
    }
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
    std::string from_state;
    if (!saved_state_options(options, output, scenario, from_state) ||
        !check_output(output, source, options.force))
        return kExitBadInput;
    if (scenario.geography_tables)
        print_geography(*scenario.geography_tables);
    const int threads = options.threads > 0 ? options.threads : tbb::info::default_concurrency();
    tbb::global_control parallelism(tbb::global_control::max_allowed_parallelism,
                                    static_cast<std::size_t>(threads));
    Progress progress(options.quiet);
    RunRequest request{scenario, output, source.text_as_given,
                       threads,  {},     &install_stop_handler()};
    request.on_month = [&](std::int32_t month, std::int32_t months) {
        progress.update(month, months, scenario.population.communities);
    };
    request.save_state_at = options.save_state_at;
    request.save_state_every = options.save_state_every;
    request.from_state = from_state;
    RunResult result;
    try {
        result = run_to_file(request);
    } catch (const StateFileError& e) {
        std::cerr << "error: " << e.what() << "\n";
        return kExitBadInput;
    }
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
    run->add_option("--seed", options->seed, "Override run.seed (0 to 9e15)");
    run->add_option("--threads", options->threads, "Worker threads (default: all cores)")
        ->check(CLI::Range(1, kMaxThreads));
    run->add_option("--set", options->overrides,
                    "Override a parameter: key.path=value (repeatable)");
    run->add_flag("--force", options->force, "Overwrite an existing output file");
    run->add_flag("--quiet", options->quiet, "No progress output");
    run->add_option("--save-state-at", options->save_state_at,
                    "Stop after this month and save the model state in the output file")
        ->check(CLI::Range(1, 1000000));
    run->add_option("--save-state-every", options->save_state_every,
                    "Save the model state to OUTPUT.state every N months (for --resume)")
        ->check(CLI::Range(1, 1000000));
    auto* from = run->add_option("--from-state", options->from_state,
                                 "Continue the state saved in this run file (--save-state-at)");
    run->add_flag("--resume", options->resume,
                  "Continue from OUTPUT.state if a killed run left one, else start fresh")
        ->excludes(from);
    return {run, [options] { return execute(*options); }};
}

}  // namespace localism::cli
