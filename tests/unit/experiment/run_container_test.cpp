// ContainerStore: runs appended to a shard container are done only while their bytes match the
// recorded SHA-256; a damaged entry is superseded by its rerun, an index line cut short by a kill
// is ignored, and a second writer of the same container is refused.
#include "localism/experiment/run_container.hpp"

#include <catch2/catch.hpp>
#include <filesystem>
#include <fstream>

#include "flip_byte.hpp"
#include "localism/experiment/collect.hpp"
#include "localism/output/hdf5_writer.hpp"
#include "localism/run/runner.hpp"
#include "test_support.hpp"

namespace fs = std::filesystem;
using localism::experiment::ContainerStore;
using localism::experiment::RunState;

namespace {

fs::path fresh_root(const std::string& name) {
    const fs::path root = fs::temp_directory_path() / "localism_run_container_test" / name;
    fs::remove_all(root);
    fs::create_directories(root / "shards");
    return root;
}

// Runs a tiny scenario into the store's staging file for `id` and appends it.
void run_and_append(ContainerStore& store, const std::string& id, double wall_seconds) {
    localism::RunRequest request{localism::testing::make_scenario(30, {{"run.months", "3"}}),
                                 store.staging_file(id).string(),
                                 "text",
                                 1,
                                 {},
                                 nullptr};
    REQUIRE(localism::run_to_file(request).completed);
    store.append(id, store.staging_file(id), wall_seconds);
    CHECK_FALSE(fs::exists(store.staging_file(id)));  // the staging file is gone once appended
}

}  // namespace

TEST_CASE("ContainerStore: appended runs are done, others pending", "[experiment][container]") {
    const fs::path root = fresh_root("done");
    {
        ContainerStore store(root);
        store.open_writer("shard-00000");
        run_and_append(store, "a", 1.5);
        run_and_append(store, "b", 2.5);
    }
    const ContainerStore reader(root);  // a later process reads the index
    std::vector<double> metrics;
    const auto a = reader.status("a", &metrics);
    REQUIRE(a);
    CHECK(a->state == RunState::kDone);
    CHECK(a->wall_seconds == Approx(1.5));
    CHECK(metrics.size() == localism::experiment::manifest_metric_names().size());
    CHECK(reader.status("b")->state == RunState::kDone);
    CHECK_FALSE(reader.status("c"));
    CHECK_THAT(reader.output_relative("b"), Catch::StartsWith("shards/shard-00000.pack@"));
}

TEST_CASE("ContainerStore: a damaged entry is damaged until its rerun supersedes it",
          "[experiment][container]") {
    const fs::path root = fresh_root("damaged");
    const fs::path pack = root / "shards" / "shard-00000.pack";
    {
        ContainerStore store(root);
        store.open_writer("shard-00000");
        run_and_append(store, "a", 1.0);
        run_and_append(store, "b", 1.0);
    }
    const auto first_size = static_cast<std::streamoff>(fs::file_size(pack) / 2);
    localism::testing::flip_byte(pack, first_size / 2);  // inside entry a
    {
        ContainerStore store(root);
        const auto a = store.status("a");
        REQUIRE(a);
        CHECK(a->state == RunState::kDamaged);
        CHECK_THAT(a->message, Catch::Contains("SHA-256 differs"));
        CHECK(store.status("b")->state == RunState::kDone);
        store.open_writer("shard-00000");
        run_and_append(store, "a", 3.0);
    }
    const ContainerStore reader(root);
    CHECK(reader.status("a")->state == RunState::kDone);
    CHECK(reader.status("a")->wall_seconds == Approx(3.0));
}

TEST_CASE("ContainerStore: a cut-short index line and unindexed bytes leave the run pending",
          "[experiment][container]") {
    const fs::path root = fresh_root("torn");
    {
        ContainerStore store(root);
        store.open_writer("shard-00000");
        run_and_append(store, "a", 1.0);
    }
    // What a kill between appending the bytes and finishing the index line leaves.
    std::ofstream(root / "shards" / "shard-00000.pack", std::ios::app | std::ios::binary)
        << std::string(5000, 'x');
    std::ofstream(root / "shards" / "shard-00000.idx", std::ios::app) << "b 0 123";
    const ContainerStore reader(root);
    CHECK(reader.status("a")->state == RunState::kDone);
    CHECK_FALSE(reader.status("b"));
}

TEST_CASE("ContainerStore: a second writer of one container is refused",
          "[experiment][container]") {
    const fs::path root = fresh_root("locked");
    ContainerStore first(root);
    first.open_writer("shard-00003");
    ContainerStore second(root);
    CHECK_THROWS_AS(second.open_writer("shard-00003"), localism::WriteError);
    CHECK_NOTHROW(second.open_writer("shard-00004"));
}
