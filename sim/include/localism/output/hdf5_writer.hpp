// Writes one run to HDF5 (format in docs/output-format.md): provenance attributes, monthly
// national series and council panels appended as the run goes, optional community snapshots.
// The file is written as OUT.partial and renamed only by finish(), so a failed or interrupted
// run never leaves a file that looks complete.
#pragma once

#include <hdf5.h>

#include <memory>
#include <string>
#include <vector>

#include "localism/engine/metrics.hpp"

namespace localism {

inline constexpr const char* kOutputFormatName = "localism-output";
inline constexpr const char* kOutputFormatVersion = "1.0";

struct RunProvenance {
    std::uint64_t seed = 0;
    int threads = 1;  // informational: results do not depend on it
    std::string scenario_name;
    std::string scenario_text;      // as given
    std::string scenario_resolved;  // `localism describe` output
    std::string created;            // ISO 8601; excluded from reproducibility comparisons
};

class RunWriter {
  public:
    RunWriter(std::string final_path, const RunProvenance& provenance, const World& world);
    ~RunWriter();  // removes the partial file when finish() was not reached
    RunWriter(const RunWriter&) = delete;
    RunWriter& operator=(const RunWriter&) = delete;

    void append(const MonthRecord& record);
    void snapshot(const World& world);
    // Flushes, closes and renames OUT.partial to OUT.
    void finish();
    std::string partial_path() const { return final_path_ + ".partial"; }

  private:
    struct Series;
    void flush();
    void create_layout(const World& world);

    std::string final_path_;
    int compression_level_;
    std::size_t councils_;
    std::size_t communities_;
    hid_t file_ = -1;
    hid_t time_scale_ = -1;
    hid_t council_scale_ = -1;
    hid_t snapshot_scale_ = -1;
    std::vector<std::unique_ptr<Series>> national_;
    std::vector<std::unique_ptr<Series>> council_;
    std::vector<std::unique_ptr<Series>> snapshots_;
    std::vector<std::int32_t> months_buffer_;
    std::size_t rows_written_ = 0;
    std::size_t snapshots_written_ = 0;
    bool finished_ = false;
};

// Current UTC time as ISO 8601.
std::string iso_time_now();

}  // namespace localism
