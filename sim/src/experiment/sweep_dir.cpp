// Sweep directory state; see sweep_dir.hpp.
#include "localism/experiment/sweep_dir.hpp"

#include <unistd.h>

#include <cmath>
#include <fstream>
#include <sstream>
#include <stdexcept>

#include "localism/output/run_file.hpp"

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
    // A damaged or foreign file is an expected answer here (the run is redone), not an error.
    return output::RunFile::is_run_file(path.string());
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
