// `localism summary OUT.h5`: provenance and final values of a run file.
#include <cstdio>
#include <iostream>
#include <optional>

#include "commands.hpp"
#include "localism/output/run_file.hpp"

namespace localism::cli {

namespace {

int summarise(const std::string& path) {
    try {
        const output::RunFile file(path);
        // Read in full before printing, so a bad file prints its error and nothing else.
        const std::string header =
            "file:      " + path + "\nscenario:  " + file.string_attribute("scenario_name") +
            "\nformat:    " + file.string_attribute("format_version") + ", program " +
            file.string_attribute("program_version") + " (" + file.string_attribute("git_sha") +
            ")\ncreated:   " + file.string_attribute("created") + "\n";
        std::string lines;
        for (const auto& metric : file.national_metrics()) {
            const std::optional<double> value = file.last_national_value(metric);
            if (!value)
                continue;
            const std::string object = "national/" + metric;
            const std::string units = file.has_attribute("units", object)
                                          ? file.string_attribute("units", object)
                                          : std::string();
            char line[512];
            std::snprintf(line, sizeof line, "  %-32s %14.6g  ", metric.c_str(), *value);
            lines += line + units + "\n";
        }
        std::cout << header << lines;
    } catch (const output::RunFileError& e) {
        std::cerr << path << ": error: " << e.problem() << "\n";
        return kExitBadInput;
    }
    return kExitOk;
}

}  // namespace

Command add_summary_command(CLI::App& app) {
    auto path = std::make_shared<std::string>();
    CLI::App* command =
        app.add_subcommand("summary", "Print provenance and final values of an output file");
    command->add_option("file", *path, "Output HDF5 file")->required();
    return {command, [path] { return summarise(*path); }};
}

}  // namespace localism::cli
