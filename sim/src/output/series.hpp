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

}  // namespace localism::output_detail
