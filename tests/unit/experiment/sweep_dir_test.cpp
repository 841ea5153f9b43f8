// SweepDir: a run is done only while its file has the size and SHA-256 recorded when it
// finished and opens as a run file; anything else is damaged (rerun), failed, or pending.
#include "localism/experiment/sweep_dir.hpp"

#include <catch2/catch.hpp>
#include <filesystem>
#include <fstream>

#include "flip_byte.hpp"
#include "localism/run/runner.hpp"
#include "test_support.hpp"

namespace fs = std::filesystem;
using localism::experiment::RunState;
using localism::experiment::SweepDir;

namespace {

// A sweep directory with one finished and recorded run "a".
SweepDir finished_run(const std::string& name) {
    const fs::path root = fs::temp_directory_path() / "localism_sweep_dir_test" / name;
    fs::remove_all(root);
    const SweepDir dir(root);
    std::string why;
    REQUIRE(dir.prepare("design", why));
    localism::RunRequest request{localism::testing::make_scenario(50, {{"run.months", "2"}}),
                                 dir.run_file("a").string(),
                                 "text",
                                 1,
                                 {},
                                 nullptr};
    REQUIRE(localism::run_to_file(request).completed);
    dir.record_success("a", 1.5);
    return dir;
}

}  // namespace

TEST_CASE("SweepDir: a recorded, unchanged run file is done", "[experiment]") {
    const SweepDir dir = finished_run("done");
    const auto status = dir.status("a");
    CHECK(status.state == RunState::kDone);
    CHECK(status.wall_seconds == Approx(1.5));
    CHECK(dir.state("b") == RunState::kPending);
}

TEST_CASE("SweepDir: a byte flipped after the run makes it damaged", "[experiment]") {
    const SweepDir dir = finished_run("flip");
    // Deep in the raw data, where the HDF5 reader alone would not notice.
    localism::testing::flip_byte(dir.run_file("a"),
                                 static_cast<std::streamoff>(fs::file_size(dir.run_file("a")) / 2));
    const auto status = dir.status("a");
    CHECK(status.state == RunState::kDamaged);
    CHECK_THAT(status.message, Catch::Contains("SHA-256 differs"));
}

TEST_CASE("SweepDir: truncated, missing or unrecorded files are not done", "[experiment]") {
    const SweepDir dir = finished_run("truncate");
    fs::resize_file(dir.run_file("a"), fs::file_size(dir.run_file("a")) - 1);
    CHECK(dir.state("a") == RunState::kDamaged);
    fs::remove(dir.run_file("a"));
    CHECK_THAT(dir.status("a").message, Catch::Contains("is missing"));
    // A record from before checksums were kept.
    std::ofstream(dir.root() / "status" / "a.ok", std::ios::trunc) << "0.5\n";
    CHECK(dir.state("a") == RunState::kDamaged);
    dir.clear_for_rerun("a");
    CHECK(dir.state("a") == RunState::kPending);
}

TEST_CASE("SweepDir: write failures are their own state and cleared by a rerun", "[experiment]") {
    const SweepDir dir = finished_run("write_failed");
    dir.clear_for_rerun("a");
    dir.record_write_failure("a", "cannot write runs/a.h5: No space left on device");
    CHECK(dir.state("a") == RunState::kWriteFailed);
    dir.record_failure("a", "invalid scenario");
    CHECK(dir.state("a") == RunState::kFailed);
    CHECK(dir.status("a").message == "invalid scenario");
    dir.clear_for_rerun("a");
    CHECK(dir.state("a") == RunState::kFailed);  // a plain failure stays until the run succeeds
}

TEST_CASE("write_file_atomically leaves no temporary when it cannot write", "[experiment]") {
    const fs::path dir = fs::temp_directory_path() / "localism_sweep_dir_test" / "atomic";
    fs::remove_all(dir);
    fs::create_directories(dir / "target");  // renaming a file onto a directory fails
    CHECK_THROWS_WITH(localism::experiment::write_file_atomically(dir / "target", "x"),
                      Catch::Contains("cannot write"));
    CHECK(std::distance(fs::directory_iterator(dir), fs::directory_iterator()) == 1);
}
