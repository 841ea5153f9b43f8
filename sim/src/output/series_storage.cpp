// See series_storage.hpp. HDF5 1.10 has no bounded-read option, so the bounds are checked here.
#include "series_storage.hpp"

#include "hdf5_handle.hpp"

namespace localism::output {

namespace {

// localism writes at most 12000 months in chunks of 120 (100 chunks). Each chunk's stored
// length is checked one by one, and H5Dget_chunk_info walks the index from the start on every
// call (n^2 for n chunks), so more chunks than this are refused rather than left unchecked.
constexpr hsize_t kMaxSeriesChunks = 4096;

std::string bytes(hsize_t count) {
    return std::to_string(count) + " bytes";
}

std::optional<std::string> filter_problem(hid_t dcpl) {
    const int filters = H5Pget_nfilters(dcpl);
    if (filters < 0)
        return "reading the filter pipeline failed";
    for (unsigned index = 0; index < static_cast<unsigned>(filters); ++index) {
        unsigned flags = 0;
        std::size_t values = 0;
        unsigned filter_config = 0;
        const H5Z_filter_t filter =
            H5Pget_filter2(dcpl, index, &flags, &values, nullptr, 0, nullptr, &filter_config);
        // Any other filter (szip, n-bit, scale-offset, a plugin) would load code or allocate
        // outside these bounds; localism writes only shuffle and deflate.
        if (filter != H5Z_FILTER_SHUFFLE && filter != H5Z_FILTER_DEFLATE &&
            filter != H5Z_FILTER_FLETCHER32)
            return "filter " + std::to_string(filter) +
                   " is not supported (expected only shuffle, deflate or Fletcher-32)";
    }
    return std::nullopt;
}

// Deflate's worst case (zlib's compressBound) plus a checksum: any longer chunk is damaged.
hsize_t max_stored_chunk_bytes(hsize_t raw_bytes) {
    return raw_bytes + raw_bytes / 1000 + 64;
}

std::optional<std::string> chunk_index_problem(hid_t dataset, hsize_t length, hsize_t chunk_rows,
                                               hsize_t raw_bytes) {
    // The chunk queries take the dataset's own dataspace (H5S_ALL is refused in 1.10).
    const h5::Dataspace space(H5Dget_space(dataset));
    hsize_t chunks = 0;
    if (!space.valid() || H5Dget_num_chunks(dataset, space.get(), &chunks) < 0)
        return "reading the chunk index failed";
    const hsize_t expected = (length + chunk_rows - 1) / chunk_rows;
    if (chunks > expected)
        return std::to_string(chunks) + " chunks stored for " + std::to_string(expected) +
               " (damaged chunk index)";
    if (chunks > kMaxSeriesChunks)
        return std::to_string(chunks) + " chunks exceed the limit of " +
               std::to_string(kMaxSeriesChunks) + " per series (rewrite the file with larger " +
               "chunks, e.g. h5repack -l CHUNK=120)";
    const hsize_t max_stored = max_stored_chunk_bytes(raw_bytes);
    for (hsize_t chunk = 0; chunk < chunks; ++chunk) {
        hsize_t offset = 0, stored = 0;
        unsigned filter_mask = 0;
        haddr_t address = 0;
        if (H5Dget_chunk_info(dataset, space.get(), chunk, &offset, &filter_mask, &address,
                              &stored) < 0)
            return "reading the chunk index failed";
        if (stored > max_stored)
            return "chunk " + std::to_string(chunk) + " is stored in " + bytes(stored) +
                   ", more than the " + bytes(max_stored) + " a " + bytes(raw_bytes) +
                   " chunk can take";
    }
    return std::nullopt;
}

std::optional<std::string> chunked_problem(hid_t dataset, hid_t dcpl, hsize_t length,
                                           std::size_t element_bytes, std::size_t row_values) {
    hsize_t chunk_rows = 0;
    if (row_values == 1) {
        if (H5Pget_chunk(dcpl, 1, &chunk_rows) != 1 || chunk_rows == 0)
            return "expected 1-D chunks";
    } else {
        hsize_t dims[2] = {0, 0};
        if (H5Pget_chunk(dcpl, 2, dims) != 2 || dims[0] == 0 || dims[1] != row_values)
            return "expected 2-D chunks of whole rows of " + std::to_string(row_values);
        chunk_rows = dims[0];
        element_bytes *= row_values;  // a row is the unit from here on
    }
    if (chunk_rows > kMaxSeriesChunkBytes / element_bytes)
        return "chunks of " + std::to_string(chunk_rows) + " values exceed the limit of " +
               bytes(kMaxSeriesChunkBytes) + " per chunk (rewrite the file with smaller chunks, " +
               "e.g. h5repack -l CHUNK=120)";
    if (const auto problem = filter_problem(dcpl))
        return problem;
    return chunk_index_problem(dataset, length, chunk_rows, chunk_rows * element_bytes);
}

}  // namespace

std::optional<std::string> series_storage_problem(hid_t dataset, hsize_t length,
                                                  std::size_t element_bytes,
                                                  std::size_t row_values) {
    const h5::PropertyList dcpl(H5Dget_create_plist(dataset));
    if (!dcpl.valid())
        return "reading the storage layout failed";
    switch (H5Pget_layout(dcpl.get())) {
        case H5D_COMPACT:
        case H5D_CONTIGUOUS:
            return std::nullopt;  // read straight into the caller's bounded buffer
        case H5D_CHUNKED:
            return chunked_problem(dataset, dcpl.get(), length, element_bytes, row_values);
        default:
            // A virtual dataset would read other files named inside this one.
            return "expected a contiguous, compact or chunked dataset (virtual datasets are "
                   "not read)";
    }
}

}  // namespace localism::output
