// Storage checks on a series before it is read (internal to sim/src/output). HDF5 sizes its
// read buffers from the file: the chunk shape in the layout message and each chunk's stored
// length in the chunk index. A damaged or hostile file can declare gigabytes there, and the
// deflate filter inflates a chunk without an upper bound. These checks bound every buffer a
// series read can allocate before H5Dread sees the file.
#pragma once

#include <hdf5.h>

#include <cstddef>
#include <optional>
#include <string>

namespace localism::output {

// A one-dimensional series chunk above 64 KiB (8192 doubles) is not something localism writes
// (it writes 120 months per chunk) and bounds an inflated chunk to about 64 MiB.
inline constexpr std::size_t kMaxSeriesChunkBytes = std::size_t{64} << 10;

// Problem with how `dataset` (1-D, `length` values of `element_bytes` each; or, with
// `row_values` > 1, 2-D of `length` rows of that many values, chunked by whole rows) is stored,
// or nothing when reading it allocates at most a bounded amount: contiguous or compact layout,
// or chunks of at most kMaxSeriesChunkBytes filtered only by shuffle, deflate or Fletcher-32,
// each stored in no more than its raw size plus deflate's worst-case overhead.
std::optional<std::string> series_storage_problem(hid_t dataset, hsize_t length,
                                                  std::size_t element_bytes,
                                                  std::size_t row_values = 1);

}  // namespace localism::output
