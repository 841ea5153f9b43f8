// One extendible output dataset and its row buffer (internal to sim/src/output).
#pragma once

#include <hdf5.h>

#include <vector>

#include "localism/output/hdf5_writer.hpp"

namespace localism {

struct RunWriter::Series {
    hid_t dataset = -1;
    std::size_t width = 0;  // 0: a time series; otherwise columns per row
    std::vector<double> buffer;
    ~Series() {
        if (dataset >= 0)
            H5Dclose(dataset);
    }
};

}  // namespace localism
