// RunFile on a real run file and on hand-made hostile files: every bad file must give a
// RunFileError naming the file and the object, never a crash (the ASan build checks this).
#include <hdf5.h>

#include <catch2/catch.hpp>
#include <cmath>
#include <filesystem>
#include <string>
#include <vector>

#include "localism/output/run_file.hpp"
#include "localism/run/runner.hpp"
#include "test_support.hpp"

namespace fs = std::filesystem;
using localism::output::RunFile;
using localism::output::RunFileError;

namespace {

fs::path scratch(const std::string& name) {
    const fs::path dir = fs::temp_directory_path() / "localism_run_file_test";
    fs::create_directories(dir);
    fs::remove(dir / name);
    return dir / name;
}

// Hand-made files through the raw C API, so the file under test owes nothing to the writer.
struct Crafted {
    hid_t file;
    explicit Crafted(const fs::path& path)
        : file(H5Fcreate(path.c_str(), H5F_ACC_TRUNC, H5P_DEFAULT, H5P_DEFAULT)) {
        REQUIRE(file >= 0);
    }
    ~Crafted() { H5Fclose(file); }

    void string_attribute(const char* name, const std::string& value, bool variable = false) {
        const hid_t type = H5Tcopy(H5T_C_S1);
        H5Tset_size(type, variable ? H5T_VARIABLE : value.size());
        const hid_t space = H5Screate(H5S_SCALAR);
        const hid_t attribute = H5Acreate2(file, name, type, space, H5P_DEFAULT, H5P_DEFAULT);
        const char* text = value.c_str();
        if (variable)
            H5Awrite(attribute, type, &text);
        else
            H5Awrite(attribute, type, text);
        H5Aclose(attribute);
        H5Sclose(space);
        H5Tclose(type);
    }
    void valid_format() { string_attribute("format", "localism-output"); }
    hid_t group(const char* name) {
        return H5Gcreate2(file, name, H5P_DEFAULT, H5P_DEFAULT, H5P_DEFAULT);
    }
    // A dataset of `rank` dimensions of `extent` each, type `type`, filled with 1.0.
    void dataset(const char* path, hid_t type, int rank, hsize_t extent) {
        std::vector<hsize_t> dims(static_cast<std::size_t>(rank), extent);
        const hid_t space = H5Screate_simple(rank, dims.data(), nullptr);
        const hid_t dataset =
            H5Dcreate2(file, path, type, space, H5P_DEFAULT, H5P_DEFAULT, H5P_DEFAULT);
        REQUIRE(dataset >= 0);
        H5Dclose(dataset);
        H5Sclose(space);
    }
};

// The message of the RunFileError `action` throws (fails the test when nothing is thrown).
template <typename Action>
std::string error_of(Action&& action) {
    try {
        action();
    } catch (const RunFileError& e) {
        return e.what();
    }
    FAIL("no RunFileError");
    return "";
}

}  // namespace

TEST_CASE("RunFile reads a run file written by run_to_file", "[output]") {
    const fs::path path = scratch("real.h5");
    localism::RunRequest request{localism::testing::make_scenario(300, {{"run.months", "14"}}),
                                 path.string(),
                                 "text",
                                 1,
                                 {},
                                 nullptr};
    REQUIRE(localism::run_to_file(request).completed);
    const RunFile file(path.string());
    CHECK(file.string_attribute("format_version") == "1.0");
    CHECK(file.string_attribute("scenario_name") == "test");
    CHECK(file.number_attribute("threads") == 1.0);
    const auto metrics = file.national_metrics();
    REQUIRE(!metrics.empty());
    CHECK(metrics.front() == "total_need");  // creation order, not name order
    const auto series = file.national_series("total_need");
    REQUIRE(series.size() == 14);
    CHECK(file.last_national_value("total_need") == series.back());
    CHECK(file.string_attribute("units", "national/total_need") == "need units");
    CHECK(RunFile::is_run_file(path.string()));
    CHECK(!file.has_national("no_such_metric"));
    CHECK_THAT(error_of([&] { file.national_series("no_such_metric"); }),
               Catch::Contains("real.h5: /national/no_such_metric: no such series"));
    CHECK_THAT(error_of([&] { file.string_attribute("nope"); }),
               Catch::Contains("real.h5: /: no attribute 'nope'"));
}

TEST_CASE("RunFile rejects files that are not run files", "[output]") {
    CHECK_THAT(error_of([] { RunFile f(scratch("absent.h5").string()); }),
               Catch::Contains("no such file"));
    const fs::path text = scratch("text.h5");
    {
        std::FILE* out = std::fopen(text.c_str(), "w");
        std::fputs("not hdf5", out);
        std::fclose(out);
    }
    CHECK_THAT(error_of([&] { RunFile f(text.string()); }), Catch::Contains("not an HDF5 file"));
    CHECK(!RunFile::is_run_file(text.string()));
    const fs::path no_format = scratch("no_format.h5");
    { Crafted crafted(no_format); }
    CHECK_THAT(error_of([&] { RunFile f(no_format.string()); }), Catch::Contains("no format="));
    const fs::path other = scratch("other.h5");
    { Crafted(other).string_attribute("format", "localism-manifest", true); }
    CHECK_THAT(error_of([&] { RunFile f(other.string()); }),
               Catch::Contains("format is \"localism-manifest\""));
}

TEST_CASE("RunFile refuses an array of 1000 strings as the format attribute", "[output]") {
    const fs::path path = scratch("array_format.h5");
    {
        Crafted crafted(path);
        const hid_t type = H5Tcopy(H5T_C_S1);
        H5Tset_size(type, H5T_VARIABLE);
        const hsize_t count = 1000;
        const hid_t space = H5Screate_simple(1, &count, nullptr);
        const hid_t attribute =
            H5Acreate2(crafted.file, "format", type, space, H5P_DEFAULT, H5P_DEFAULT);
        std::vector<const char*> values(count, "localism-output");
        H5Awrite(attribute, type, values.data());
        H5Aclose(attribute);
        H5Sclose(space);
        H5Tclose(type);
    }
    const std::string message = error_of([&] { RunFile f(path.string()); });
    CHECK_THAT(message, Catch::Contains("array_format.h5: / attribute 'format'"));
    CHECK_THAT(message, Catch::Contains("expected one value, found 1000"));
    CHECK(!RunFile::is_run_file(path.string()));
}

TEST_CASE("RunFile checks type class of attributes", "[output]") {
    const fs::path path = scratch("int_format.h5");
    {
        Crafted crafted(path);
        const hid_t space = H5Screate(H5S_SCALAR);
        const hid_t attribute =
            H5Acreate2(crafted.file, "format", H5T_STD_I32LE, space, H5P_DEFAULT, H5P_DEFAULT);
        const int value = 7;
        H5Awrite(attribute, H5T_NATIVE_INT, &value);
        H5Aclose(attribute);
        H5Sclose(space);
    }
    CHECK_THAT(error_of([&] { RunFile f(path.string()); }),
               Catch::Contains("expected a string, found an integer"));
}

TEST_CASE("RunFile reads variable and fixed strings, and numbers of either class", "[output]") {
    const fs::path path = scratch("strings.h5");
    {
        Crafted crafted(path);
        crafted.string_attribute("format", "localism-output", true);
        crafted.string_attribute("fixed", "abc");
        crafted.string_attribute("created", "", true);
    }
    const RunFile file(path.string());
    CHECK(file.string_attribute("fixed") == "abc");
    CHECK(file.string_attribute("created").empty());
    CHECK_THAT(error_of([&] { file.number_attribute("fixed"); }),
               Catch::Contains("expected a number, found a string"));
    CHECK(file.national_metrics().empty());  // no /national group
}

TEST_CASE("RunFile checks rank, type class and length of series", "[output]") {
    const fs::path path = scratch("bad_series.h5");
    {
        Crafted crafted(path);
        crafted.valid_format();
        H5Gclose(crafted.group("national"));
        crafted.dataset("national/rank2", H5T_IEEE_F64LE, 2, 3);
        crafted.dataset("national/rank32", H5T_IEEE_F64LE, 32, 1);
        crafted.dataset("national/integers", H5T_STD_I32LE, 1, 4);
        crafted.dataset("national/empty", H5T_IEEE_F64LE, 1, 0);
        crafted.dataset("national/huge", H5T_IEEE_F64LE, 1, hsize_t{1} << 30);  // not allocated
        crafted.dataset("national/single", H5T_IEEE_F32LE, 1, 5);
    }
    const RunFile file(path.string());
    CHECK(file.national_metrics().size() == 6);
    CHECK_THAT(
        error_of([&] { file.last_national_value("rank2"); }),
        Catch::Contains("bad_series.h5: /national/rank2: expected a 1-D series, found rank 2"));
    CHECK_THAT(error_of([&] { file.last_national_value("rank32"); }),
               Catch::Contains("found rank 32"));
    CHECK_THAT(error_of([&] { file.national_series("rank32"); }), Catch::Contains("rank 32"));
    CHECK_THAT(error_of([&] { file.national_series("integers"); }),
               Catch::Contains("expected a float series, found an integer"));
    CHECK_THAT(error_of([&] { file.national_series("huge"); }),
               Catch::Contains("exceeds the limit"));
    CHECK(!file.last_national_value("empty").has_value());
    CHECK(file.national_series("single").size() == 5);  // float32 is converted
    CHECK_THAT(error_of([&] { file.national_series("../format"); }),
               Catch::Contains("not a metric name"));
}

TEST_CASE("RunFile does not follow external links", "[output]") {
    const fs::path target = scratch("target.h5");
    const fs::path path = scratch("linking.h5");
    {
        Crafted crafted(target);
        crafted.dataset("series", H5T_IEEE_F64LE, 1, 3);
    }
    {
        Crafted crafted(path);
        crafted.valid_format();
        const hid_t group = crafted.group("national");
        H5Lcreate_external(target.c_str(), "series", group, "linked", H5P_DEFAULT, H5P_DEFAULT);
        H5Gclose(group);
    }
    const RunFile file(path.string());
    CHECK(!file.has_national("linked"));
    CHECK_THAT(error_of([&] { file.national_series("linked"); }),
               Catch::Contains("no such series"));
}
