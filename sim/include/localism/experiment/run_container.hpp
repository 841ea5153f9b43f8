// Shard container files (`sweep --layout container`, docs/user-guide.md): the runs a writer
// (a shard or an MPI rank) finishes are appended to one file, so a sweep of 100,000 runs leaves
// a few files, not 100,000. Layout under DIR/shards/:
//   <writer>.pack   the complete run files, byte for byte, one after another (append only)
//   <writer>.idx    one line per appended run:
//                   id generation offset bytes sha256 wall_seconds metrics=<set> v1 .. vN
//                   line=<tag>
// The values v1 .. vN are the run's manifest metrics (manifest_metric_names(), %.17g), read back
// from the run file when it was appended, so `collect` takes them from here and opens no HDF5;
// <set> names the metric set they belong to (a localism with other metrics reads the pack
// instead) and <tag> is a SHA-256 of the line before it: a line damaged later fails its tag and
// is ignored like a torn one (the run is redone). A line with only the first six fields (a run
// whose values could not be read back) is valid; collect then reads its entry in the pack.
// Why append-only with per-run checksums rather than rewriting a container per batch: a run is
// recorded by one small append to the index after its bytes are in the pack, so SIGKILL at any
// point leaves either a complete, recorded entry or unrecorded bytes (the run is pending and is
// redone) - the same guarantee as runs/<id>.h5 + status/<id>.ok - and nothing is ever copied
// again, where copy-on-pack rewrites O(runs) bytes per pack. Every entry is checked against its
// SHA-256 before it counts as done; a damaged entry is redone and the new entry, with a higher
// generation, supersedes it. Only the writer's own shards/<writer>.* are written, under an
// exclusive lock, so concurrent shards never share a file.
#pragma once

#include <cstdint>
#include <filesystem>
#include <map>
#include <mutex>
#include <optional>
#include <string>
#include <unordered_map>
#include <vector>

#include "localism/experiment/sweep_dir.hpp"

namespace localism::experiment {

struct ContainerEntry {
    std::string container;  // pack file name under shards/
    std::uint64_t generation = 0;
    std::uint64_t offset = 0;
    std::uint64_t bytes = 0;
    std::string sha256_hex;
    double wall_seconds = 0.0;
    bool verified = false;  // checked by this process (SHA-256 and opens as a run file)
    // The line carries values: the run file opened when it was appended, so bytes that still
    // have the recorded SHA-256 open now (no second HDF5 open is needed to call the run done).
    bool opened_when_written = false;
    std::vector<double> metrics;  // manifest values; empty unless this localism's metric set
};

namespace detail {
// One index line with its newline; values and tag only when entry.opened_when_written.
std::string format_index_line(const std::string& id, const ContainerEntry& entry);
// False for a line that is not one of ours or was damaged (its tag does not match).
bool parse_index_line(const std::string& line, std::string& id, ContainerEntry& entry);
// Names the current manifest metric set (a hash of manifest_metric_names()).
const std::string& metric_set_tag();
}  // namespace detail

class ContainerStore {
  public:
    // Reads every shards/*.idx under `root` (lines that do not parse, e.g. one cut short by a
    // kill, are ignored: their runs are pending).
    explicit ContainerStore(std::filesystem::path root);
    ~ContainerStore();
    ContainerStore(const ContainerStore&) = delete;
    ContainerStore& operator=(const ContainerStore&) = delete;

    // Takes shards/<writer>.pack and .idx for appending (an exclusive lock: a second process
    // with the same writer name fails) and a staging directory for run files in progress.
    void open_writer(const std::string& writer);

    // nullopt when the run has no entry; else done or damaged (its bytes no longer have the
    // recorded SHA-256, or do not open as a run file). With `metrics`, a done run's manifest
    // values: from its index line, else read from its entry (a failure to read them is damage).
    std::optional<RunStatus> status(const std::string& id,
                                    std::vector<double>* metrics = nullptr) const;
    // Appends a finished run file (then removes it) and an index line with its manifest values;
    // throws WriteError.
    void append(const std::string& id, const std::filesystem::path& run_file, double wall_seconds);

    // Where a run of this writer is written before it is appended.
    std::filesystem::path staging_file(const std::string& id) const;
    // The manifest's `output`: shards/<writer>.pack@<offset>+<bytes> (empty when no entry).
    std::string output_relative(const std::string& id) const;

  private:
    std::string read_entry(const ContainerEntry& entry) const;
    RunStatus check_entry(const std::string& id, ContainerEntry& entry,
                          std::vector<double>* metrics) const;
    void load_index(const std::filesystem::path& index_file);

    std::filesystem::path root_;
    std::filesystem::path staging_;
    std::string writer_;
    int pack_fd_ = -1;
    int index_fd_ = -1;
    mutable std::mutex mutex_;
    mutable std::unordered_map<std::string, ContainerEntry> entries_;
    mutable std::map<std::string, int> read_fds_;  // pack file name -> descriptor
};

// True when DIR holds a container-layout sweep (DIR/shards exists).
bool uses_containers(const std::filesystem::path& root);

}  // namespace localism::experiment
