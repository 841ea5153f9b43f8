// Entry point of the `localism` command-line tool.
#include <iostream>

#include "commands.hpp"
#include "localism/core/version.hpp"

int main(int argc, char** argv) {
    using namespace localism::cli;
    CLI::App app{
        "localism: agent-based simulation of centralised vs devolved support for local "
        "initiatives"};
    app.set_version_flag("--version", std::string("localism ") + localism::kProgramVersion + " (" +
                                          localism::kGitSha + ")");
    app.require_subcommand(1);
    app.footer(
        "Examples:\n"
        "  localism run scenarios/devolved.yaml -o devolved.h5\n"
        "  localism run scenarios/centralised.yaml --seed 7 --set councils.outreach=0.6 -o c7.h5\n"
        "  localism validate my_scenario.yaml\n"
        "  localism describe scenarios/mixed.yaml > resolved.yaml\n"
        "  localism summary devolved.h5\n"
        "  localism params --markdown > docs/parameters.md\n"
        "  localism metrics --markdown > docs/metrics.md");
    const std::vector<Command> commands = {add_run_command(app),      add_validate_command(app),
                                           add_describe_command(app), add_summary_command(app),
                                           add_params_command(app),   add_metrics_command(app),
                                           add_bench_command(app),    add_plan_command(app),
                                           add_sweep_command(app),    add_collect_command(app)};
    try {
        app.parse(argc, argv);
    } catch (const CLI::ParseError& e) {
        const int code = app.exit(e);
        return code == 0 ? kExitOk : kExitBadInput;
    }
    try {
        for (const auto& command : commands) {
            if (command.app->parsed())
                return command.action();
        }
    } catch (const std::exception& e) {
        std::cerr << "localism: error: " << e.what() << "\n";
        return kExitRuntime;
    }
    return kExitBadInput;
}
