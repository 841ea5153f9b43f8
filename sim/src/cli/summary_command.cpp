// `localism summary OUT.h5`: provenance and final values of a run file.
#include <hdf5.h>

#include <filesystem>
#include <iostream>

#include "../output/hdf5_util.hpp"
#include "commands.hpp"
#include "localism/engine/metrics.hpp"
#include "localism/output/hdf5_writer.hpp"

namespace localism::cli {

namespace {

bool last_value(hid_t file, const std::string& path, double& value) {
    if (H5Lexists(file, "/national", H5P_DEFAULT) <= 0 ||
        H5Lexists(file, path.c_str(), H5P_DEFAULT) <= 0)
        return false;
    const hid_t dataset = H5Dopen2(file, path.c_str(), H5P_DEFAULT);
    const hid_t space = H5Dget_space(dataset);
    hsize_t n = 0;
    H5Sget_simple_extent_dims(space, &n, nullptr);
    bool ok = n > 0;
    if (ok) {
        const hsize_t start[1] = {n - 1};
        const hsize_t count[1] = {1};
        H5Sselect_hyperslab(space, H5S_SELECT_SET, start, nullptr, count, nullptr);
        const hid_t memory = H5Screate_simple(1, count, nullptr);
        ok = H5Dread(dataset, H5T_NATIVE_DOUBLE, memory, space, H5P_DEFAULT, &value) >= 0;
        H5Sclose(memory);
    }
    H5Sclose(space);
    H5Dclose(dataset);
    return ok;
}

int summarise(const std::string& path) {
    if (!std::filesystem::is_regular_file(path)) {
        std::cerr << path << ": error: no such file\n";
        return kExitBadInput;
    }
    H5Eset_auto2(H5E_DEFAULT, nullptr, nullptr);  // report problems ourselves
    const hid_t file = H5Fopen(path.c_str(), H5F_ACC_RDONLY, H5P_DEFAULT);
    if (file < 0) {
        std::cerr << path << ": error: not an HDF5 file\n";
        return kExitBadInput;
    }
    if (H5Aexists(file, "format") <= 0 ||
        h5::read_string_attribute(file, "format") != kOutputFormatName) {
        std::cerr << path << ": error: not a localism output file (no format=\""
                  << kOutputFormatName << "\" attribute)\n";
        H5Fclose(file);
        return kExitBadInput;
    }
    std::cout << "file:      " << path << "\n"
              << "scenario:  " << h5::read_string_attribute(file, "scenario_name") << "\n"
              << "format:    " << h5::read_string_attribute(file, "format_version") << ", program "
              << h5::read_string_attribute(file, "program_version") << " ("
              << h5::read_string_attribute(file, "git_sha")
              << ")\ncreated:   " << h5::read_string_attribute(file, "created") << "\n";
    for (const MetricDef* metric : metrics_in(Scope::kNational)) {
        double value = 0.0;
        if (last_value(file, "/national/" + metric->name, value)) {
            std::printf("  %-32s %14.6g  %s\n", metric->name.c_str(), value, metric->units.c_str());
        }
    }
    H5Fclose(file);
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
