// TableFile: columns written in blocks read back whole, and misuse reported, not ignored.
#include <hdf5.h>

#include <catch2/catch.hpp>
#include <filesystem>

#include "localism/output/table_file.hpp"

using localism::output::ColumnType;
using localism::output::TableFile;

TEST_CASE("TableFile writes columns block by block", "[output]") {
    const auto dir = std::filesystem::temp_directory_path() / "localism_table_file_test";
    std::filesystem::create_directories(dir);
    const std::string path = (dir / "table.h5").string();
    {
        TableFile table(path, 4);
        table.attribute("format", std::string("test-table"));
        table.add_group("rows");
        const auto names = table.add_column("rows/name", ColumnType::kString);
        const auto values = table.add_column("rows/value", ColumnType::kFloat64);
        table.write(names, 0, std::vector<std::string>{"a", "b"});
        table.write(names, 2, std::vector<std::string>{"c", "d"});
        table.write(values, 0, std::vector<double>{1, 2, 3, 4});
        CHECK_THROWS_WITH(table.write(values, 0, std::vector<std::int64_t>{1}),
                          Catch::Contains("wrong type"));
        CHECK_THROWS_WITH(table.write(values, 3, std::vector<double>{1, 2}),
                          Catch::Contains("beyond the end"));
        CHECK_THROWS_WITH(table.add_column("missing/x", ColumnType::kInt64),
                          Catch::Contains("no group missing"));
        table.close();
    }
    const hid_t file = H5Fopen(path.c_str(), H5F_ACC_RDONLY, H5P_DEFAULT);
    REQUIRE(file >= 0);
    const hid_t dataset = H5Dopen2(file, "rows/value", H5P_DEFAULT);
    double values[4] = {};
    REQUIRE(H5Dread(dataset, H5T_NATIVE_DOUBLE, H5S_ALL, H5S_ALL, H5P_DEFAULT, values) >= 0);
    CHECK(values[3] == 4.0);
    H5Dclose(dataset);
    H5Fclose(file);
}
