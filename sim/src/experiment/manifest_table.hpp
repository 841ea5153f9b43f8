// Manifest rows in blocks, and the HDF5 writer that streams them into manifest.h5 (internal).
#pragma once

#include <hdf5.h>

#include <cstdint>
#include <string>
#include <vector>

namespace localism::experiment::detail {

// One block of manifest rows, column by column (the manifest's own layout).
struct RowBlock {
    std::vector<std::string> run_id, arm, status, error, output;
    std::vector<std::int64_t> replicate, sample_index, role;
    std::vector<std::uint64_t> seed;
    std::vector<double> wall_seconds;
    std::vector<std::vector<double>> params;   // [parameter][row]
    std::vector<std::vector<double>> metrics;  // [metric][row]
    std::size_t size() const { return run_id.size(); }
    void clear();
};

struct ManifestAttributes {
    std::string experiment_name;
    std::int64_t master_seed = 0;
    std::string design;
    std::string experiment_text;
    std::vector<std::string> param_names;  // sample designs only
    std::vector<double> param_lows, param_highs;
};

class ManifestH5 {
  public:
    // `role_column` is "saltelli_role", "morris_step" or empty.
    ManifestH5(const std::string& path, std::int64_t rows, const ManifestAttributes& attributes,
               const std::vector<std::string>& param_paths, const std::string& role_column,
               const std::vector<std::string>& metric_names);
    ~ManifestH5();
    ManifestH5(const ManifestH5&) = delete;
    ManifestH5& operator=(const ManifestH5&) = delete;

    void write(std::int64_t first_row, const RowBlock& block);

  private:
    hid_t create(hid_t parent, const std::string& name, hid_t type);
    void write_column(hid_t dataset, hid_t memory_type, std::int64_t first_row, std::size_t count,
                      const void* data);
    void write_strings(hid_t dataset, std::int64_t first_row,
                       const std::vector<std::string>& values);

    hid_t file_ = -1;
    hid_t runs_ = -1;
    hid_t string_type_ = -1;
    std::int64_t rows_;
    hid_t run_id_, arm_, status_, error_, output_, replicate_, sample_index_, seed_, wall_,
        role_ = -1;
    std::vector<hid_t> params_, metrics_;
};

}  // namespace localism::experiment::detail
