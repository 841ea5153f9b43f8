// Sweep directory state; see sweep_dir.hpp.
#include "localism/experiment/sweep_dir.hpp"

#include <unistd.h>

#include <cmath>
#include <fstream>
#include <sstream>
#include <stdexcept>

#include "../output/hdf5_util.hpp"
#include "localism/output/hdf5_writer.hpp"

namespace localism::experiment {

namespace fs = std::filesystem;

void write_file_atomically(const fs::path& path, const std::string& text) {
    // The pid keeps concurrent writers (Slurm shards, MPI ranks) off each other's temporaries.
    const fs::path temporary = path.string() + ".tmp" + std::to_string(getpid());
    {
        std::ofstream out(temporary, std::ios::binary | std::ios::trunc);
        out << text;
        out.flush();
        if (!out)
            throw std::runtime_error("cannot write " + temporary.string());
    }
    fs::rename(temporary, path);
}

std::string read_text_file(const fs::path& path) {
    std::ifstream in(path, std::ios::binary);
    if (!in)
        throw std::runtime_error("cannot read " + path.string());
    std::stringstream buffer;
    buffer << in.rdbuf();
    return buffer.str();
}

bool is_complete_run_file(const fs::path& path) {
    std::error_code ec;
    if (!fs::is_regular_file(path, ec))
        return false;
    // Silence HDF5's error stack printing: a damaged file is an expected answer here.
    H5E_auto2_t old_function = nullptr;
    void* old_data = nullptr;
    H5Eget_auto2(H5E_DEFAULT, &old_function, &old_data);
    H5Eset_auto2(H5E_DEFAULT, nullptr, nullptr);
    bool complete = false;
    const hid_t file = H5Fopen(path.c_str(), H5F_ACC_RDONLY, H5P_DEFAULT);
    if (file >= 0) {
        if (H5Aexists(file, "format") > 0) {
            try {
                complete = h5::read_string_attribute(file, "format") == kOutputFormatName;
            } catch (const std::exception&) {
                complete = false;
            }
        }
        H5Fclose(file);
    }
    H5Eset_auto2(H5E_DEFAULT, old_function, old_data);
    return complete;
}

bool SweepDir::prepare(const std::string& design_text, std::string& why) const {
    fs::create_directories(root_ / "runs");
    fs::create_directories(root_ / "status");
    const fs::path design = design_file();
    if (fs::exists(design)) {
        if (read_text_file(design) == design_text)
            return true;
        why = design.string() +
              " holds a different experiment; use a new output directory "
              "(or delete it to start over)";
        return false;
    }
    write_file_atomically(design, design_text);
    return true;
}

RunState SweepDir::state(const std::string& id) const {
    if (is_complete_run_file(run_file(id)))
        return RunState::kDone;
    if (fs::exists(status_file(id, ".failed")))
        return RunState::kFailed;
    return RunState::kPending;
}

std::string SweepDir::failure(const std::string& id) const {
    const fs::path path = status_file(id, ".failed");
    return fs::exists(path) ? read_text_file(path) : std::string();
}

double SweepDir::wall_seconds(const std::string& id) const {
    const fs::path path = status_file(id, ".ok");
    if (!fs::exists(path))
        return std::nan("");
    try {
        return std::stod(read_text_file(path));
    } catch (const std::exception&) {
        return std::nan("");
    }
}

void SweepDir::record_failure(const std::string& id, const std::string& message) const {
    write_file_atomically(status_file(id, ".failed"), message);
}

void SweepDir::record_success(const std::string& id, double wall_seconds) const {
    char text[32];
    std::snprintf(text, sizeof text, "%.6f\n", wall_seconds);
    write_file_atomically(status_file(id, ".ok"), text);
    std::error_code ec;
    fs::remove(status_file(id, ".failed"), ec);  // a retried run is no longer failed
}

void SweepDir::remove_partial(const std::string& id) const {
    std::error_code ec;
    fs::remove(run_file(id).string() + ".partial", ec);
}

}  // namespace localism::experiment
