// One extendible output dataset and its row buffer (internal to sim/src/output).
#pragma once

#include <vector>

#include "hdf5_handle.hpp"

namespace localism::output_detail {

struct Series {
    h5::Dataset dataset;
    std::size_t width = 0;  // 0: a time series; otherwise columns per row
    std::vector<double> buffer;
};

// Appends `rows` rows of `width` values (0: a 1-D series) after the first `already` rows.
void append_rows(const h5::Dataset& dataset, hid_t mem_type, std::size_t already, std::size_t rows,
                 std::size_t width, const void* data);

}  // namespace localism::output_detail
