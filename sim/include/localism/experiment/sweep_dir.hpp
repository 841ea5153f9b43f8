// The layout of a sweep directory and the state of each run in it. State lives only in files
// renamed into place, so it survives kill -9:
//   design.yaml             resolved experiment (the design is rebuilt from it)
//   runs/<id>.h5            complete run output (written as .partial, then renamed)
//   status/<id>.failed      error message of a failed run
//   status/<id>.write_failed  error message of a run whose output could not be written
//   status/<id>.ok          wall seconds, size and SHA-256 of the run file when the run finished
//   manifest.h5, .csv       built by `localism collect`
// With the container layout (run_container.hpp) runs/ and status/<id>.ok are replaced by
// shards/<writer>.pack and .idx; failure records stay in status/.
// A run is done only when its run file still has the recorded size and SHA-256 and opens as a
// run file: a file damaged after the run (or written by a run killed before recording) is redone.
#pragma once

#include <filesystem>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <unordered_map>
#include <utility>
#include <vector>

namespace localism::experiment {

// kDamaged: a status record exists but the run file is missing, changed since the run finished,
// or does not open. kWriteFailed: the output could not be written (a full disk). Both are
// reported as failed by collect, and redone by the next sweep without --retry-failed, as they
// say nothing about the run's parameters.
enum class RunState { kDone, kFailed, kPending, kDamaged, kWriteFailed };

struct RunStatus {
    RunState state = RunState::kPending;
    std::string message;        // failed or damaged: why
    double wall_seconds = 0.0;  // done: as recorded
};

class ContainerStore;

class SweepDir {
  public:
    // Reads the container index when DIR already holds a container-layout sweep.
    explicit SweepDir(std::filesystem::path root);
    const std::filesystem::path& root() const { return root_; }

    // Switches to the container layout (creating DIR/shards) and, with a writer name, takes
    // shards/<writer>.* for appending. Throws WriteError.
    void use_containers(const std::string& writer);
    bool containers() const { return containers_ != nullptr; }
    // Where a run is written: runs/<id>.h5, or the container writer's staging file.
    std::filesystem::path output_path(const std::string& id) const;
    // With the container layout, also a done run's manifest values (for collect; `metrics` may
    // be null; the file layout leaves it untouched).
    RunStatus status(const std::string& id, std::vector<double>* metrics) const;

    std::filesystem::path design_file() const { return root_ / "design.yaml"; }
    std::filesystem::path run_file(const std::string& id) const {
        return root_ / "runs" / (id + ".h5");
    }
    std::string output_relative(const std::string& id) const;

    // Creates runs/ and status/ and writes design.yaml, or checks an existing one matches:
    // returns false (with the reason in `why`) when DIR holds a different experiment.
    bool prepare(const std::string& design_text, std::string& why) const;

    // Reads the whole run file of a recorded run to check its checksum (once per process while
    // the file's size and modification time stay the same).
    RunStatus status(const std::string& id) const;
    RunState state(const std::string& id) const { return status(id).state; }

    void record_failure(const std::string& id, const std::string& message) const;
    void record_write_failure(const std::string& id, const std::string& message) const;
    // Records the run file's size and SHA-256 with the wall time; throws WriteError.
    void record_success(const std::string& id, double wall_seconds) const;
    // Before a run is (re)done: removes its run file, a leftover .partial and a stale .ok, so a
    // damaged file frees its space and a rerun that fails is not mistaken for a damaged one.
    void clear_for_rerun(const std::string& id) const;

  private:
    std::filesystem::path status_file(const std::string& id, const char* kind) const {
        return root_ / "status" / (id + kind);
    }
    RunStatus check_recorded(const std::string& id) const;
    // The container layout (sweep_dir_containers.cpp); nullopt when the run has no entry.
    std::optional<RunStatus> container_status(const std::string& id,
                                              std::vector<double>* metrics) const;
    void append_to_container(const std::string& id, double wall_seconds) const;

    // Files this process has already checksummed, with the size and modification time they had
    // then: a resume asks for each run's state more than once (counting, then scheduling), and
    // reading every run file again each time would double its cost. Any write changes the time.
    class VerifiedFiles {
      public:
        bool seen(const std::string& id, std::uintmax_t bytes,
                  std::filesystem::file_time_type modified);
        void remember(const std::string& id, std::uintmax_t bytes,
                      std::filesystem::file_time_type modified);

      private:
        std::mutex mutex_;
        std::unordered_map<std::string, std::pair<std::uintmax_t, std::filesystem::file_time_type>>
            files_;
    };
    std::filesystem::path root_;
    std::shared_ptr<VerifiedFiles> verified_ = std::make_shared<VerifiedFiles>();
    std::shared_ptr<ContainerStore> containers_;  // null for the file layout
};

// Writes `text` to `path` atomically (temporary file in the same directory, then rename); on
// failure the temporary is removed and WriteError names the path.
void write_file_atomically(const std::filesystem::path& path, const std::string& text);
std::string read_text_file(const std::filesystem::path& path);

}  // namespace localism::experiment
