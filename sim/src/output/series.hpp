// One extendible output dataset and its row buffer (internal to sim/src/output).
#pragma once

#include <vector>

#include "hdf5_handle.hpp"
#include "localism/output/hdf5_writer.hpp"

namespace localism {

struct RunWriter::Series {
    h5::Dataset dataset;
    std::size_t width = 0;  // 0: a time series; otherwise columns per row
    std::vector<double> buffer;
};

}  // namespace localism
