// Writes one run to HDF5 (format in docs/output-format.md): provenance attributes, monthly
// national series and council panels appended as the run goes, optional community snapshots.
// The file is written as OUT.partial and renamed only by finish(), so a failed or interrupted
// run never leaves a file that looks complete. HDF5 itself stays behind the pimpl.
#pragma once

#include <memory>
#include <stdexcept>
#include <string>
#include <vector>

#include "localism/engine/metrics.hpp"
#include "localism/engine/simulation.hpp"

namespace localism {

inline constexpr const char* kOutputFormatName = "localism-output";
inline constexpr const char* kOutputFormatVersion = "1.0";

// A write to the output failed (a full disk, a quota, an I/O error). Every later write to the
// same place would most likely fail the same way, so a sweep stops scheduling runs on it.
class WriteError : public std::runtime_error {
  public:
    using std::runtime_error::runtime_error;
};

struct RunProvenance {
    std::uint64_t seed = 0;
    int threads = 1;  // informational: results do not depend on it
    std::string scenario_name;
    std::string scenario_text;      // as given
    std::string scenario_resolved;  // `localism describe` output
    std::string created;            // ISO 8601; excluded from reproducibility comparisons
    // A run continued from a saved state: the state file and its month ("" and 0 otherwise).
    std::string continued_from;
    std::int32_t continued_from_month = 0;
};

class RunWriter {
  public:
    // Throws WriteError naming the path when the file cannot be created. `sealed`: the run saves
    // states (save_state or checkpoint), so the file reserves room for the seal that lets a
    // reader of the state detect any later change (sim/src/output/state_seal.hpp), and finish()
    // and checkpoint() write it.
    RunWriter(std::string final_path, const RunProvenance& provenance, const World& world,
              bool sealed = false);
    ~RunWriter();  // removes the partial file when finish() was not reached
    RunWriter(const RunWriter&) = delete;
    RunWriter& operator=(const RunWriter&) = delete;

    // Each throws WriteError naming the path on a write failure (e.g. a full disk);
    // the writer is then unusable and its destructor removes the partial file.
    void append(const MonthRecord& record);
    void snapshot(const World& world);
    // Saved states (output/state_file.hpp). save_state adds /state to this file, to be called
    // once after the last month and before finish(). checkpoint writes this file as it stands
    // plus /state to `state_path` (through a temporary file renamed over it, so a kill leaves
    // either the previous state or the new one). continue_from copies every series row and
    // snapshot of months 1..month from the run file `history_path` (checked as untrusted input;
    // throws StateFileError), before the first append of a continued run.
    void save_state(const Simulation& simulation);
    void checkpoint(const std::string& state_path, const Simulation& simulation);
    void continue_from(const std::string& history_path, std::int32_t month);
    // Flushes, closes and renames OUT.partial to OUT.
    void finish();
    std::string partial_path() const { return final_path_ + ".partial"; }

  private:
    class Impl;  // sim/src/output/run_writer_impl.hpp
    std::string final_path_;
    std::unique_ptr<Impl> impl_;
    bool sealed_ = false;
    bool finished_ = false;
};

// Current UTC time as ISO 8601.
std::string iso_time_now();

}  // namespace localism
