// The layout of a sweep directory and the state of each run in it. State lives only in files
// renamed into place, so it survives kill -9:
//   design.yaml             resolved experiment (the design is rebuilt from it)
//   runs/<id>.h5            complete run output (written as .partial, then renamed)
//   status/<id>.failed      error message of a failed run
//   status/<id>.ok          wall seconds of a completed run
//   manifest.h5, .csv       built by `localism collect`
#pragma once

#include <filesystem>
#include <string>

namespace localism::experiment {

enum class RunState { kDone, kFailed, kPending };

class SweepDir {
  public:
    explicit SweepDir(std::filesystem::path root) : root_(std::move(root)) {}
    const std::filesystem::path& root() const { return root_; }

    std::filesystem::path design_file() const { return root_ / "design.yaml"; }
    std::filesystem::path run_file(const std::string& id) const {
        return root_ / "runs" / (id + ".h5");
    }
    std::string output_relative(const std::string& id) const { return "runs/" + id + ".h5"; }

    // Creates runs/ and status/ and writes design.yaml, or checks an existing one matches:
    // returns false (with the reason in `why`) when DIR holds a different experiment.
    bool prepare(const std::string& design_text, std::string& why) const;

    RunState state(const std::string& id) const;
    // Message recorded for a failed run, or empty.
    std::string failure(const std::string& id) const;
    // Wall seconds recorded for a completed run, or NaN.
    double wall_seconds(const std::string& id) const;

    void record_failure(const std::string& id, const std::string& message) const;
    void record_success(const std::string& id, double wall_seconds) const;
    // Removes a leftover .partial of an interrupted run before it is redone.
    void remove_partial(const std::string& id) const;

  private:
    std::filesystem::path status_file(const std::string& id, const char* kind) const {
        return root_ / "status" / (id + kind);
    }
    std::filesystem::path root_;
};

// True when `path` opens as HDF5 and carries the run `format` attribute: a run renamed into
// place is complete by construction, the attribute check guards against foreign files.
bool is_complete_run_file(const std::filesystem::path& path);

// Writes `text` to `path` atomically (temporary file in the same directory, then rename).
void write_file_atomically(const std::filesystem::path& path, const std::string& text);
std::string read_text_file(const std::filesystem::path& path);

}  // namespace localism::experiment
