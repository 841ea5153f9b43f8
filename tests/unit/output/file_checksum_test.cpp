// SHA-256 of a file against known vectors (FIPS 180-2), and any change of the bytes detected.
#include "localism/output/file_checksum.hpp"

#include <catch2/catch.hpp>
#include <filesystem>
#include <fstream>
#include <string>

namespace fs = std::filesystem;
using localism::output::checksum_file;

namespace {

fs::path file_with(const std::string& name, const std::string& bytes) {
    const fs::path dir = fs::temp_directory_path() / "localism_file_checksum_test";
    fs::create_directories(dir);
    std::ofstream(dir / name, std::ios::binary | std::ios::trunc) << bytes;
    return dir / name;
}

}  // namespace

TEST_CASE("checksum_file gives the SHA-256 of the bytes", "[output]") {
    CHECK(checksum_file(file_with("empty", "")).sha256_hex ==
          "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
    const auto abc = checksum_file(file_with("abc", "abc"));
    CHECK(abc.sha256_hex == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
    CHECK(abc.bytes == 3);
}

TEST_CASE("checksum_file spans several read buffers and sees one changed byte", "[output]") {
    std::string bytes(3'000'000, 'x');  // three 1 MiB buffers
    const auto before = checksum_file(file_with("big", bytes));
    bytes[2'500'000] = 'y';
    const auto after = checksum_file(file_with("big", bytes));
    CHECK(before.bytes == 3'000'000);
    CHECK(after.bytes == before.bytes);
    CHECK(after.sha256_hex != before.sha256_hex);
}

TEST_CASE("checksum_file names a file it cannot read", "[output]") {
    CHECK_THROWS_WITH(checksum_file("/nonexistent/run.h5"), Catch::Contains("/nonexistent/run.h5"));
}
