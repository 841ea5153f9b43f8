// Helpers shared by the subcommands: error reporting and the stop signal.
#include <csignal>
#include <iostream>

#include "commands.hpp"
#include "localism/scenario/diagnostics.hpp"

namespace localism::cli {

namespace {
// The one process-wide flag: a signal handler can only reach static storage.
std::atomic<bool> stop_requested{false};
extern "C" void on_stop_signal(int) {
    stop_requested.store(true);
}
}  // namespace

int report_input_error(const std::exception& error) {
    if (const auto* input = dynamic_cast<const scenario::InputError*>(&error)) {
        for (const auto& d : input->diagnostics())
            std::cerr << d.to_string() << "\n";
        std::cerr << input->total() << " problem(s) found; nothing was run or written.\n";
    } else {
        std::cerr << "error: " << error.what() << "\n";
    }
    return kExitBadInput;
}

const std::atomic<bool>& install_stop_handler() {
    std::signal(SIGINT, on_stop_signal);
    std::signal(SIGTERM, on_stop_signal);
    return stop_requested;
}

}  // namespace localism::cli
