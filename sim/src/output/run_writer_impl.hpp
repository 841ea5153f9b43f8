// The HDF5 side of RunWriter (internal to sim/src/output): open handles, row buffers and the
// layout. hdf5_writer.cpp opens and closes the file; hdf5_series.cpp lays out and appends.
#pragma once

#include <memory>
#include <string>
#include <vector>

#include "hdf5_handle.hpp"
#include "localism/output/hdf5_writer.hpp"
#include "series.hpp"

namespace localism {

class RunWriter::Impl {
  public:
    Impl(const std::string& partial_path, const RunProvenance& provenance, const World& world,
         bool sealed);

    void append(const MonthRecord& record);
    void snapshot(const World& world);
    void save_state(const Simulation& simulation);
    void checkpoint(const std::string& state_path, const Simulation& simulation);
    void continue_from(const std::string& history_path, std::int32_t month);
    // Flushes and closes every handle, reporting failures; afterwards nothing is open.
    void close();

  private:
    void flush();
    void create_layout(const World& world);
    // Copies rows [0, rows) of every dataset of `series` from the same path in `history`.
    void copy_series(hid_t history, const std::string& group,
                     std::vector<std::unique_ptr<output_detail::Series>>& series, hsize_t rows,
                     std::size_t width, const std::string& history_path);
    void create_panels(const World& world);
    // Summary level (summary_writer.cpp): months are folded into yearly rows, and the manifest's
    // final values are computed from the monthly series kept in memory.
    void append_summary(const MonthRecord& record);
    void close_summary();
    void end_year_row();
    void write_yearly_series();
    void write_final_values();

    std::string partial_path_;
    std::string scenario_resolved_;  // saved with every state
    int compression_level_;
    std::int64_t snapshot_interval_;  // months between community snapshots; 0 none
    std::size_t councils_;
    std::size_t communities_;
    h5::File file_;
    h5::Dataset time_scale_;
    h5::Dataset council_scale_;
    h5::Dataset snapshot_scale_;
    h5::Dataset decile_scale_;
    std::vector<std::unique_ptr<output_detail::Series>> national_;
    std::vector<std::unique_ptr<output_detail::Series>> council_;
    std::vector<std::unique_ptr<output_detail::Series>> snapshots_;
    std::vector<std::unique_ptr<output_detail::Series>> deciles_;
    std::vector<std::int32_t> months_buffer_;
    std::size_t rows_written_ = 0;
    bool summary_ = false;
    std::vector<std::vector<double>> monthly_national_;  // summary: [metric][month]
    std::vector<double> year_row_;                       // summary: the year so far
    std::vector<std::vector<double>> yearly_national_;   // summary: [metric][year]
    std::vector<std::int32_t> year_end_months_;
    std::int32_t months_in_year_row_ = 0;
    std::int32_t last_month_ = 0;
    std::size_t snapshots_written_ = 0;
};

}  // namespace localism
