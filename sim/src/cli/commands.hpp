// The `localism` subcommands. Each registers itself on the CLI11 app and returns an exit code:
// 0 success, 1 runtime failure, 2 bad input, 130 interrupted.
#pragma once

#include <CLI/CLI.hpp>

#include <atomic>
#include <functional>
#include <string>
#include <vector>

namespace localism::cli {

inline constexpr int kExitOk = 0;
inline constexpr int kExitRuntime = 1;
inline constexpr int kExitBadInput = 2;
inline constexpr int kExitInterrupted = 130;

// Caps on command-line counts (docs/user-guide.md, "Limits"): each thread and job costs a
// stack and scheduler state, so a typo like --threads 1000000 must not hang the machine.
inline constexpr int kMaxThreads = 1024;
inline constexpr int kMaxJobs = 1024;

// A registered subcommand and its action, run after parsing.
using Action = std::function<int()>;
struct Command {
    CLI::App* app = nullptr;
    Action action;
};

Command add_run_command(CLI::App& app);
Command add_validate_command(CLI::App& app);
Command add_describe_command(CLI::App& app);
Command add_params_command(CLI::App& app);
Command add_metrics_command(CLI::App& app);
Command add_summary_command(CLI::App& app);
Command add_bench_command(CLI::App& app);
Command add_plan_command(CLI::App& app);
Command add_sweep_command(CLI::App& app);
Command add_collect_command(CLI::App& app);

// Prints every diagnostic of a bad scenario to stderr; returns kExitBadInput.
int report_input_error(const std::exception& error);

// Installs SIGINT/SIGTERM handlers that set the returned flag (stop between months).
const std::atomic<bool>& install_stop_handler();

}  // namespace localism::cli
