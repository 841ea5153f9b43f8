// The storage checks run before any series is read (sim/src/output/series_storage.cpp): a file
// whose layout or chunk index would make HDF5 allocate without bound is refused by name.
#include <hdf5.h>

#include <catch2/catch.hpp>
#include <filesystem>
#include <string>
#include <vector>

#include "localism/output/run_file.hpp"

namespace fs = std::filesystem;
using localism::output::RunFile;
using localism::output::RunFileError;

namespace {

// A run file with one /national/series dataset made through the raw C API; `shape` sets the
// dataset creation properties and `write` fills it.
template <typename Shape, typename Write>
fs::path crafted_series(const std::string& name, hsize_t length, Shape&& shape, Write&& write) {
    const fs::path dir = fs::temp_directory_path() / "localism_series_storage_test";
    fs::create_directories(dir);
    const fs::path path = dir / name;
    const hid_t file = H5Fcreate(path.c_str(), H5F_ACC_TRUNC, H5P_DEFAULT, H5P_DEFAULT);
    REQUIRE(file >= 0);
    const hid_t text = H5Tcopy(H5T_C_S1);
    H5Tset_size(text, 15);
    const hid_t scalar = H5Screate(H5S_SCALAR);
    const hid_t format = H5Acreate2(file, "format", text, scalar, H5P_DEFAULT, H5P_DEFAULT);
    H5Awrite(format, text, "localism-output");
    H5Gclose(H5Gcreate2(file, "national", H5P_DEFAULT, H5P_DEFAULT, H5P_DEFAULT));
    const hid_t dcpl = H5Pcreate(H5P_DATASET_CREATE);
    shape(dcpl);
    const hid_t space = H5Screate_simple(1, &length, nullptr);
    const hid_t dataset =
        H5Dcreate2(file, "national/series", H5T_IEEE_F64LE, space, H5P_DEFAULT, dcpl, H5P_DEFAULT);
    REQUIRE(dataset >= 0);
    write(dataset);
    for (const hid_t id : {dataset, space, dcpl, format, scalar, text})
        H5Idec_ref(id);
    H5Fclose(file);
    return path;
}

void write_ones(hid_t dataset, hsize_t length) {
    const std::vector<double> ones(length, 1.0);
    REQUIRE(H5Dwrite(dataset, H5T_NATIVE_DOUBLE, H5S_ALL, H5S_ALL, H5P_DEFAULT, ones.data()) >= 0);
}

// Replaces the chunk at `row` with `stored_bytes` raw bytes, as a damaged index would record.
void write_raw_chunk(hid_t dataset, hsize_t row, std::size_t stored_bytes) {
    const std::vector<unsigned char> junk(stored_bytes, 0x5a);
    REQUIRE(H5Dwrite_chunk(dataset, H5P_DEFAULT, 0, &row, stored_bytes, junk.data()) >= 0);
}

std::string read_error(const fs::path& path) {
    const RunFile file(path.string());
    try {
        file.last_national_value("series");
        file.national_series("series");
    } catch (const RunFileError& e) {
        return e.what();
    }
    return "";
}

}  // namespace

TEST_CASE("series in chunks of 120 with shuffle and deflate read back", "[output]") {
    const hsize_t length = 1000, chunk = 120;
    const fs::path path = crafted_series(
        "deflate.h5", length,
        [&](hid_t dcpl) {
            H5Pset_chunk(dcpl, 1, &chunk);
            H5Pset_shuffle(dcpl);
            H5Pset_deflate(dcpl, 4);
        },
        [&](hid_t dataset) { write_ones(dataset, length); });
    const RunFile file(path.string());
    CHECK(file.national_series("series") == std::vector<double>(length, 1.0));
    CHECK(file.last_national_value("series") == 1.0);
}

TEST_CASE("a chunk shape beyond 64 KiB is refused before reading", "[output]") {
    const hsize_t length = 20000, chunk = 16384;  // 128 KiB chunks
    const fs::path path = crafted_series(
        "big_chunks.h5", length, [&](hid_t dcpl) { H5Pset_chunk(dcpl, 1, &chunk); },
        [&](hid_t dataset) { write_ones(dataset, length); });
    const std::string message = read_error(path);
    CHECK_THAT(message, Catch::Contains("big_chunks.h5: /national/series: chunks of 16384 "
                                        "values exceed the limit of 65536 bytes per chunk"));
    CHECK_THAT(message, Catch::Contains("h5repack"));
}

TEST_CASE("a chunk stored longer than deflate could make it is refused", "[output]") {
    // The chunk index says 1 MiB for a 960-byte chunk: HDF5 would allocate it and inflate
    // whatever it holds without a bound.
    const hsize_t length = 240, chunk = 120;
    const fs::path path = crafted_series(
        "long_chunk.h5", length,
        [&](hid_t dcpl) {
            H5Pset_chunk(dcpl, 1, &chunk);
            H5Pset_deflate(dcpl, 4);
        },
        [&](hid_t dataset) {
            write_ones(dataset, length);
            write_raw_chunk(dataset, 120, std::size_t{1} << 20);
        });
    CHECK_THAT(read_error(path),
               Catch::Contains("/national/series: chunk 1 is stored in 1048576 bytes, more than "
                               "the 1024 bytes a 960 bytes chunk can take"));
}

TEST_CASE("more than 4096 chunks are refused rather than left unchecked", "[output]") {
    const hsize_t length = 5000, chunk = 1;
    const fs::path path = crafted_series(
        "many_chunks.h5", length, [&](hid_t dcpl) { H5Pset_chunk(dcpl, 1, &chunk); },
        [&](hid_t dataset) { write_ones(dataset, length); });
    CHECK_THAT(read_error(path),
               Catch::Contains("/national/series: 5000 chunks exceed the limit of 4096 per "
                               "series"));
}

TEST_CASE("filters other than shuffle, deflate and Fletcher-32 are refused", "[output]") {
    const hsize_t length = 240, chunk = 120;
    const fs::path path = crafted_series(
        "scaleoffset.h5", length,
        [&](hid_t dcpl) {
            H5Pset_chunk(dcpl, 1, &chunk);
            H5Pset_fletcher32(dcpl);
            H5Pset_scaleoffset(dcpl, H5Z_SO_FLOAT_DSCALE, 2);
        },
        [&](hid_t dataset) { write_ones(dataset, length); });
    CHECK_THAT(read_error(path),
               Catch::Contains("/national/series: filter 6 is not supported (expected only "
                               "shuffle, deflate or Fletcher-32)"));
}

TEST_CASE("a virtual series, which would read another file, is refused", "[output]") {
    const hsize_t length = 10;
    const fs::path source = crafted_series(
        "source.h5", length, [](hid_t) {}, [&](hid_t dataset) { write_ones(dataset, length); });
    const fs::path path = crafted_series(
        "virtual.h5", length,
        [&](hid_t dcpl) {
            const hid_t space = H5Screate_simple(1, &length, nullptr);
            H5Pset_virtual(dcpl, space, source.c_str(), "national/series", space);
            H5Sclose(space);
        },
        [](hid_t) {});
    CHECK_THAT(read_error(path), Catch::Contains("/national/series: expected a contiguous, "
                                                 "compact or chunked dataset"));
}
