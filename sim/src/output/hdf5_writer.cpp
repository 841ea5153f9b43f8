// HDF5 run output.
#include "localism/output/hdf5_writer.hpp"

#include <algorithm>
#include <array>
#include <chrono>
#include <cstdio>
#include <ctime>
#include <filesystem>

#include "hdf5_util.hpp"
#include "localism/core/version.hpp"
#include "series.hpp"

namespace localism {

std::string iso_time_now() {
    const std::time_t now = std::chrono::system_clock::to_time_t(std::chrono::system_clock::now());
    std::tm utc{};
    gmtime_r(&now, &utc);
    char text[32];
    std::strftime(text, sizeof text, "%Y-%m-%dT%H:%M:%SZ", &utc);
    return text;
}

RunWriter::RunWriter(std::string final_path, const RunProvenance& provenance, const World& world)
    : final_path_(std::move(final_path)),
      compression_level_(static_cast<int>(world.scenario->output.compression_level)),
      councils_(world.state.councils.size()),
      communities_(world.state.communities.size()) {
    const hid_t fcpl = H5Pcreate(H5P_FILE_CREATE);
    H5Pset_link_creation_order(fcpl, H5P_CRT_ORDER_TRACKED | H5P_CRT_ORDER_INDEXED);
    H5Pset_attr_creation_order(fcpl, H5P_CRT_ORDER_TRACKED | H5P_CRT_ORDER_INDEXED);
    file_ = H5Fcreate(partial_path().c_str(), H5F_ACC_TRUNC, fcpl, H5P_DEFAULT);
    H5Pclose(fcpl);
    if (file_ < 0)
        throw std::runtime_error("cannot create output file " + partial_path());
    h5::write_string_attribute(file_, "format", kOutputFormatName);
    h5::write_string_attribute(file_, "format_version", kOutputFormatVersion);
    h5::write_string_attribute(file_, "program_version", kProgramVersion);
    h5::write_string_attribute(file_, "git_sha", kGitSha);
    h5::write_scalar_attribute(file_, "seed", H5T_NATIVE_UINT64, provenance.seed);
    h5::write_scalar_attribute(file_, "threads", H5T_NATIVE_INT32,
                               static_cast<std::int32_t>(provenance.threads));
    h5::write_string_attribute(file_, "created", provenance.created);
    h5::write_string_attribute(file_, "scenario_name", provenance.scenario_name);
    h5::write_string_attribute(file_, "scenario_text", provenance.scenario_text);
    h5::write_string_attribute(file_, "scenario_resolved", provenance.scenario_resolved);
    create_layout(world);
}

RunWriter::~RunWriter() {
    national_.clear();
    council_.clear();
    snapshots_.clear();
    for (hid_t scale : {time_scale_, council_scale_, snapshot_scale_}) {
        if (scale >= 0)
            H5Dclose(scale);
    }
    if (file_ >= 0)
        H5Fclose(file_);
    if (!finished_)
        std::remove(partial_path().c_str());
}

}  // namespace localism
