// Shard container files; see run_container.hpp for the layout and why it is append-only.
#include "localism/experiment/run_container.hpp"

#include <fcntl.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

#include <signal.h>

#include <cerrno>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <fstream>

#include "localism/experiment/collect.hpp"
#include "localism/output/file_checksum.hpp"
#include "localism/output/hdf5_writer.hpp"
#include "localism/output/run_file.hpp"

namespace localism::experiment {

namespace fs = std::filesystem;

namespace {

RunStatus damaged(const std::string& why) {
    return {RunState::kDamaged, why + "; the next sweep reruns it", 0.0};
}

[[noreturn]] void write_failed(const fs::path& path, const std::string& what) {
    throw WriteError("cannot write " + path.string() + ": " + what + ": " + std::strerror(errno));
}

// write(2) until done; an index line (about 300 bytes) goes out in one call with O_APPEND, so a
// kill leaves it whole or absent (and a line cut short anyway fails its tag).
void write_all(int fd, const char* data, std::size_t size, const fs::path& path) {
    while (size > 0) {
        const ssize_t wrote = ::write(fd, data, size);
        if (wrote < 0 && errno == EINTR)
            continue;
        if (wrote <= 0)
            write_failed(path, "appending");
        data += wrote;
        size -= static_cast<std::size_t>(wrote);
    }
}

// A process killed with SIGKILL leaves its staging directory (at most one run file per job);
// the next writer of the same name removes those whose process is gone.
void remove_dead_staging(const std::string& prefix) {
    std::error_code error;
    for (const auto& item : fs::directory_iterator(fs::temp_directory_path(), error)) {
        const std::string name = item.path().filename().string();
        if (name.rfind(prefix, 0) != 0 || name.size() == prefix.size() ||
            name.find_first_not_of("0123456789", prefix.size()) != std::string::npos)
            continue;
        const long pid = std::strtol(name.c_str() + prefix.size(), nullptr, 10);
        if (pid > 0 && ::kill(static_cast<pid_t>(pid), 0) != 0 && errno == ESRCH)
            fs::remove_all(item.path(), error);
    }
}

}  // namespace

bool uses_containers(const fs::path& root) {
    return fs::is_directory(root / "shards");
}

ContainerStore::ContainerStore(fs::path root) : root_(std::move(root)) {
    std::error_code error;
    for (const auto& item : fs::directory_iterator(root_ / "shards", error)) {
        if (item.path().extension() == ".idx")
            load_index(item.path());
    }
}

ContainerStore::~ContainerStore() {
    for (const auto& [name, fd] : read_fds_)
        ::close(fd);
    if (pack_fd_ >= 0)
        ::close(pack_fd_);  // also releases the lock
    if (index_fd_ >= 0)
        ::close(index_fd_);
    std::error_code error;
    if (!staging_.empty())
        fs::remove_all(staging_, error);
}

// The entry with the highest generation wins (a rerun of a damaged entry); for equal ones the
// later line of the same index.
void ContainerStore::load_index(const fs::path& index_file) {
    std::ifstream in(index_file, std::ios::binary);
    const std::string pack = index_file.stem().string() + ".pack";
    // Line by line, not the whole file at once: at 100,000 runs the index is 29 MB. A last line
    // without its newline (cut short by a kill) is not a record.
    for (std::string line; std::getline(in, line) && !in.eof();) {
        std::string id;
        ContainerEntry entry;
        if (!detail::parse_index_line(line, id, entry))
            continue;
        entry.container = pack;
        const auto found = entries_.find(id);
        if (found == entries_.end() || found->second.generation <= entry.generation)
            entries_[id] = entry;
    }
}

void ContainerStore::open_writer(const std::string& writer) {
    writer_ = writer;
    const fs::path pack = root_ / "shards" / (writer + ".pack");
    const fs::path index = root_ / "shards" / (writer + ".idx");
    pack_fd_ = ::open(pack.c_str(), O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0644);
    if (pack_fd_ < 0)
        write_failed(pack, "opening");
    if (::flock(pack_fd_, LOCK_EX | LOCK_NB) != 0)
        throw WriteError(pack.string() + " is being written by another sweep process (same " +
                         "--shard); run each shard once at a time");
    index_fd_ = ::open(index.c_str(), O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0644);
    if (index_fd_ < 0)
        write_failed(index, "opening");
    // Run files in progress stay off the shared filesystem when TMPDIR is node-local.
    const std::string prefix = "localism-" + writer + "-";
    remove_dead_staging(prefix);
    staging_ = fs::temp_directory_path() / (prefix + std::to_string(::getpid()));
    fs::create_directories(staging_);
}

fs::path ContainerStore::staging_file(const std::string& id) const {
    return staging_ / (id + ".h5");
}

std::string ContainerStore::output_relative(const std::string& id) const {
    std::lock_guard<std::mutex> lock(mutex_);
    const auto found = entries_.find(id);
    if (found == entries_.end())
        return "";
    const ContainerEntry& e = found->second;
    return "shards/" + e.container + "@" + std::to_string(e.offset) + "+" + std::to_string(e.bytes);
}

// Called with mutex_ held (the descriptor cache is shared).
std::string ContainerStore::read_entry(const ContainerEntry& entry) const {
    const fs::path pack = root_ / "shards" / entry.container;
    auto fd = read_fds_.find(entry.container);
    if (fd == read_fds_.end()) {
        const int opened = ::open(pack.c_str(), O_RDONLY | O_CLOEXEC);
        if (opened < 0)
            throw std::runtime_error(pack.string() + " is missing");
        fd = read_fds_.emplace(entry.container, opened).first;
    }
    std::string bytes(entry.bytes, '\0');
    std::size_t got = 0;
    while (got < bytes.size()) {
        const ssize_t n = ::pread(fd->second, bytes.data() + got, bytes.size() - got,
                                  static_cast<off_t>(entry.offset + got));
        if (n < 0 && errno == EINTR)
            continue;
        if (n <= 0)
            throw std::runtime_error(pack.string() + " ends inside the entry at offset " +
                                     std::to_string(entry.offset));
        got += static_cast<std::size_t>(n);
    }
    return bytes;
}

// Called with mutex_ held. The checksum comes first: it keeps damaged bytes away from HDF5.
RunStatus ContainerStore::check_entry(const std::string& id, ContainerEntry& entry,
                                      std::vector<double>* metrics) const {
    const std::string label = "shards/" + entry.container + "@" + std::to_string(entry.offset);
    try {
        const std::string bytes = read_entry(entry);
        if (output::checksum_bytes(bytes).sha256_hex != entry.sha256_hex)
            return damaged(label + " (run " + id +
                           "): SHA-256 differs from the one recorded when the run finished");
        if (metrics && !entry.metrics.empty())
            *metrics = entry.metrics;
        else if (metrics)
            *metrics = run_metrics(output::RunFile(label, bytes));
        else if (!entry.opened_when_written)
            (void)output::RunFile(label, bytes);
        entry.verified = true;
    } catch (const std::exception& e) {
        return damaged(label + " (run " + id + "): " + e.what());
    }
    return RunStatus{RunState::kDone, "", entry.wall_seconds};
}

std::optional<RunStatus> ContainerStore::status(const std::string& id,
                                                std::vector<double>* metrics) const {
    std::lock_guard<std::mutex> lock(mutex_);
    const auto found = entries_.find(id);
    if (found == entries_.end())
        return std::nullopt;
    ContainerEntry& entry = found->second;
    if (entry.verified && metrics == nullptr)
        return RunStatus{RunState::kDone, "", entry.wall_seconds};
    return check_entry(id, entry, metrics);
}

void ContainerStore::append(const std::string& id, const fs::path& run_file, double wall_seconds) {
    std::string bytes;
    {
        std::ifstream in(run_file, std::ios::binary);
        bytes.assign(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
        if (!in.good() && !in.eof())
            throw WriteError("cannot read " + run_file.string());
    }
    const auto checksum = output::checksum_bytes(bytes);
    const fs::path pack = root_ / "shards" / (writer_ + ".pack");
    ContainerEntry entry;
    entry.container = writer_ + ".pack";
    entry.bytes = bytes.size();
    entry.sha256_hex = checksum.sha256_hex;
    entry.wall_seconds = wall_seconds;
    try {  // read back as collect would, so the manifest is the same from the line or the pack
        entry.metrics = run_metrics(output::RunFile(run_file.string(), bytes));
        entry.opened_when_written = entry.verified = true;
    } catch (const std::exception&) {
        // A line without values: collect opens the entry and reports why it does not read.
    }
    std::lock_guard<std::mutex> lock(mutex_);
    if (const auto found = entries_.find(id); found != entries_.end())
        entry.generation = found->second.generation + 1;
    struct stat info {};
    if (::fstat(pack_fd_, &info) != 0)
        write_failed(pack, "reading the size");
    entry.offset = static_cast<std::uint64_t>(info.st_size);
    write_all(pack_fd_, bytes.data(), bytes.size(), pack);
    const std::string record = detail::format_index_line(id, entry);
    write_all(index_fd_, record.data(), record.size(), root_ / "shards" / (writer_ + ".idx"));
    entries_[id] = entry;
    std::error_code error;
    fs::remove(run_file, error);
}

}  // namespace localism::experiment
