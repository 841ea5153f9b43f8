// Manifest rows in blocks, and the HDF5 writer that streams them into manifest.h5 (internal).
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "localism/output/table_file.hpp"

namespace localism::experiment::detail {

// One block of manifest rows, column by column (the manifest's own layout).
struct RowBlock {
    std::vector<std::string> run_id, arm, status, error, output;
    std::vector<std::int64_t> replicate, sample_index, role;
    std::vector<std::uint64_t> seed;
    std::vector<double> wall_seconds;
    std::vector<std::vector<double>> params;            // [numeric parameter][row]
    std::vector<std::vector<std::string>> text_params;  // [text parameter][row]
    std::vector<std::vector<double>> metrics;           // [metric][row]
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
    std::int64_t branch_month = 0;  // branching experiments: the history's month; 0 otherwise
};

// manifest.h5's layout (docs/output-format.md), written through output::TableFile.
class ManifestH5 {
  public:
    // `role_column` is "saltelli_role", "morris_step" or empty; `text_param_paths` are the
    // parameters stored as strings (e.g. central.mode when arms differ in it).
    ManifestH5(const std::string& path, std::int64_t rows, const ManifestAttributes& attributes,
               const std::vector<std::string>& param_paths,
               const std::vector<std::string>& text_param_paths, const std::string& role_column,
               const std::vector<std::string>& metric_names);

    void write(std::int64_t first_row, const RowBlock& block);
    // Closes the file, reporting any write failure; call before renaming it into place.
    void close() { table_.close(); }

  private:
    output::TableFile table_;
    std::size_t run_id_, arm_, replicate_, sample_index_, seed_, status_, wall_, error_, output_;
    bool has_role_ = false;
    std::size_t role_ = 0;
    std::vector<std::size_t> params_, text_params_, metrics_;
};

}  // namespace localism::experiment::detail
