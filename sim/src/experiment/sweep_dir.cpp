// Sweep directory state; see sweep_dir.hpp.
#include "localism/experiment/sweep_dir.hpp"

#include <unistd.h>

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <fstream>
#include <sstream>
#include <stdexcept>

#include "localism/output/file_checksum.hpp"
#include "localism/output/hdf5_writer.hpp"
#include "localism/output/run_file.hpp"

namespace localism::experiment {

namespace fs = std::filesystem;

namespace {

// A status record is three short lines; anything longer is not one of ours.
constexpr std::streamsize kMaxRecordBytes = 4096;

struct SuccessRecord {
    double wall_seconds = 0.0;
    output::FileChecksum checksum;
};

std::string format_record(const SuccessRecord& record) {
    char text[64];
    std::snprintf(text, sizeof text, "wall_seconds %.6f\n", record.wall_seconds);
    return text + ("bytes " + std::to_string(record.checksum.bytes) + "\n") +
           ("sha256 " + record.checksum.sha256_hex + "\n");
}

// False when the record lacks a field (e.g. one written before checksums were recorded).
bool parse_record(const std::string& text, SuccessRecord& record) {
    std::istringstream in(text);
    std::string key;
    bool has_wall = false, has_bytes = false, has_sha = false;
    while (in >> key) {
        if (key == "wall_seconds")
            has_wall = static_cast<bool>(in >> record.wall_seconds);
        else if (key == "bytes")
            has_bytes = static_cast<bool>(in >> record.checksum.bytes);
        else if (key == "sha256")
            has_sha = static_cast<bool>(in >> record.checksum.sha256_hex);
        else
            return false;
    }
    return has_wall && has_bytes && has_sha && record.checksum.sha256_hex.size() == 64;
}

std::string read_capped(const fs::path& path) {
    std::ifstream in(path, std::ios::binary);
    std::string text(static_cast<std::size_t>(kMaxRecordBytes), '\0');
    in.read(text.data(), kMaxRecordBytes);
    text.resize(static_cast<std::size_t>(in.gcount()));
    return text;
}

RunStatus damaged(const std::string& why) {
    return {RunState::kDamaged, why + "; the next sweep reruns it", 0.0};
}

}  // namespace

void write_file_atomically(const fs::path& path, const std::string& text) {
    // The pid keeps concurrent writers (Slurm shards, MPI ranks) off each other's temporaries.
    const fs::path temporary = path.string() + ".tmp" + std::to_string(getpid());
    bool written = false;
    int write_errno = 0;  // why the stream failed (ENOSPC on a full disk), for the message
    {
        errno = 0;
        std::ofstream out(temporary, std::ios::binary | std::ios::trunc);
        out << text;
        out.flush();
        out.close();
        written = !out.fail();
        write_errno = errno;
    }
    std::error_code error;
    if (written)
        fs::rename(temporary, path, error);
    if (!written || error) {
        const std::string why = written       ? error.message()
                                : write_errno ? std::strerror(write_errno)
                                              : std::string("the write failed");
        fs::remove(temporary, error);  // a full disk must not collect half-written temporaries
        throw WriteError("cannot write " + path.string() + ": " + why);
    }
}

std::string read_text_file(const fs::path& path) {
    std::ifstream in(path, std::ios::binary);
    if (!in)
        throw std::runtime_error("cannot read " + path.string());
    std::stringstream buffer;
    buffer << in.rdbuf();
    return buffer.str();
}

bool SweepDir::prepare(const std::string& design_text, std::string& why) const {
    if (!containers_)
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

RunStatus SweepDir::status(const std::string& id) const {
    return status(id, nullptr);
}

RunStatus SweepDir::status(const std::string& id, std::vector<double>* metrics) const {
    if (containers_) {
        if (auto recorded = container_status(id, metrics))
            return *recorded;
    } else if (fs::exists(status_file(id, ".ok"))) {
        return check_recorded(id);
    }
    if (fs::exists(status_file(id, ".failed")))
        return {RunState::kFailed, read_text_file(status_file(id, ".failed")), 0.0};
    if (fs::exists(status_file(id, ".write_failed")))
        return {RunState::kWriteFailed, read_text_file(status_file(id, ".write_failed")), 0.0};
    // A run file without a record: the run was killed between writing and recording it.
    return {};
}

// The checksum comes first: it is cheap next to a rerun and keeps damaged bytes away from the
// HDF5 library; the reader then guards against a record that was itself written wrongly.
RunStatus SweepDir::check_recorded(const std::string& id) const {
    SuccessRecord record;
    if (!parse_record(read_capped(status_file(id, ".ok")), record))
        return damaged(status_file(id, ".ok").string() +
                       " records no checksum (written by an older localism or damaged)");
    const fs::path path = run_file(id);
    std::error_code error;
    const std::uintmax_t bytes = fs::file_size(path, error);
    if (error)
        return damaged(path.string() + " is missing");
    if (bytes != record.checksum.bytes)
        return damaged(path.string() + " has " + std::to_string(bytes) + " bytes, but " +
                       std::to_string(record.checksum.bytes) + " when the run finished");
    const auto modified = fs::last_write_time(path, error);
    if (!error && verified_->seen(id, bytes, modified))
        return {RunState::kDone, "", record.wall_seconds};
    try {
        if (output::checksum_file(path) != record.checksum)
            return damaged(path.string() +
                           ": SHA-256 differs from the one recorded when the run "
                           "finished (the file changed after the run)");
        (void)output::RunFile(path.string());
    } catch (const std::exception& e) {
        return damaged(e.what());
    }
    if (!error)
        verified_->remember(id, bytes, modified);
    return {RunState::kDone, "", record.wall_seconds};
}

bool SweepDir::VerifiedFiles::seen(const std::string& id, std::uintmax_t bytes,
                                   fs::file_time_type modified) {
    std::lock_guard<std::mutex> lock(mutex_);
    const auto found = files_.find(id);
    return found != files_.end() && found->second == std::make_pair(bytes, modified);
}

void SweepDir::VerifiedFiles::remember(const std::string& id, std::uintmax_t bytes,
                                       fs::file_time_type modified) {
    std::lock_guard<std::mutex> lock(mutex_);
    files_[id] = {bytes, modified};
}

void SweepDir::record_failure(const std::string& id, const std::string& message) const {
    write_file_atomically(status_file(id, ".failed"), message);
}

void SweepDir::record_write_failure(const std::string& id, const std::string& message) const {
    write_file_atomically(status_file(id, ".write_failed"), message);
    std::error_code ec;
    fs::remove(status_file(id, ".failed"), ec);  // this attempt's reason replaces an older one
}

void SweepDir::record_success(const std::string& id, double wall_seconds) const {
    if (containers_) {
        append_to_container(id, wall_seconds);
    } else {
        SuccessRecord record{wall_seconds, output::checksum_file(run_file(id))};
        write_file_atomically(status_file(id, ".ok"), format_record(record));
    }
    std::error_code ec;
    fs::remove(status_file(id, ".failed"), ec);  // a retried run is no longer failed
    fs::remove(status_file(id, ".write_failed"), ec);
}

void SweepDir::clear_for_rerun(const std::string& id) const {
    std::error_code ec;
    if (containers_) {  // a container entry is superseded by the rerun's, not removed
        fs::remove(output_path(id), ec);
        fs::remove(output_path(id).string() + ".partial", ec);
        fs::remove(status_file(id, ".write_failed"), ec);
        return;
    }
    fs::remove(status_file(id, ".ok"), ec);
    fs::remove(status_file(id, ".write_failed"), ec);
    fs::remove(run_file(id), ec);
    fs::remove(run_file(id).string() + ".partial", ec);
}

}  // namespace localism::experiment
