// Index lines of shard containers carry each run's manifest values so collect opens no HDF5:
// the values read back exactly, a line without them (or with another metric set) falls back to
// the run's bytes in the pack, and a line damaged after it was written fails its tag and is
// ignored (the run is redone) rather than giving wrong numbers.
#include <catch2/catch.hpp>
#include <cmath>
#include <filesystem>
#include <fstream>
#include <limits>
#include <string>
#include <vector>

#include "localism/experiment/collect.hpp"
#include "localism/experiment/run_container.hpp"
#include "localism/output/file_checksum.hpp"
#include "localism/run/runner.hpp"
#include "test_support.hpp"

namespace fs = std::filesystem;
using localism::experiment::ContainerEntry;
using localism::experiment::ContainerStore;
using localism::experiment::manifest_metric_names;
using localism::experiment::RunState;
using localism::experiment::detail::format_index_line;
using localism::experiment::detail::metric_set_tag;
using localism::experiment::detail::parse_index_line;

namespace {

const std::string kSha(64, 'a');

ContainerEntry entry_with_values() {
    ContainerEntry e;
    e.generation = 2;
    e.offset = 123456;
    e.bytes = 60468;
    e.sha256_hex = kSha;
    e.wall_seconds = 0.056702;
    e.opened_when_written = true;
    // Values that %.6g would round, the extremes, and the non-finite ones a metric can take.
    const std::vector<double> special = {0.1,
                                         1.0 / 3.0,
                                         -2.5e-300,
                                         std::numeric_limits<double>::max(),
                                         std::numeric_limits<double>::denorm_min(),
                                         std::numeric_limits<double>::infinity(),
                                         std::nan("")};
    for (std::size_t i = 0; i < manifest_metric_names().size(); ++i)
        e.metrics.push_back(special[i % special.size()] * static_cast<double>(i + 1));
    return e;
}

std::string without_newline(std::string line) {
    REQUIRE(line.back() == '\n');
    line.pop_back();
    return line;
}

fs::path fresh_root(const std::string& name) {
    const fs::path root = fs::temp_directory_path() / "localism_container_index_test" / name;
    fs::remove_all(root);
    fs::create_directories(root / "shards");
    return root;
}

// Two tiny runs appended to shard-00000 (as a sweep does).
void write_two_runs(const fs::path& root) {
    ContainerStore store(root);
    store.open_writer("shard-00000");
    for (const std::string id : {"a", "b"}) {
        localism::RunRequest request{localism::testing::make_scenario(30, {{"run.months", "3"}}),
                                     store.staging_file(id).string(),
                                     "text",
                                     1,
                                     {},
                                     nullptr};
        REQUIRE(localism::run_to_file(request).completed);
        store.append(id, store.staging_file(id), 1.0);
    }
}

std::vector<std::string> index_lines(const fs::path& root) {
    std::ifstream in(root / "shards" / "shard-00000.idx");
    std::vector<std::string> lines;
    for (std::string line; std::getline(in, line);)
        lines.push_back(line);
    return lines;
}

void write_index(const fs::path& root, const std::vector<std::string>& lines) {
    std::ofstream out(root / "shards" / "shard-00000.idx", std::ios::trunc);
    for (const auto& line : lines)
        out << line << '\n';
}

// The first six fields of a line: what a line without values holds.
std::string first_six_fields(const std::string& line) {
    std::size_t at = 0;
    for (int field = 0; field < 6; ++field)
        at = line.find(' ', at) + 1;
    return line.substr(0, at - 1);
}

bool same_values(const std::vector<double>& a, const std::vector<double>& b) {
    if (a.size() != b.size())
        return false;
    for (std::size_t i = 0; i < a.size(); ++i)
        if (!(a[i] == b[i] || (std::isnan(a[i]) && std::isnan(b[i]))))
            return false;
    return true;
}

}  // namespace

TEST_CASE("Index line: the manifest values read back exactly", "[experiment][container]") {
    const ContainerEntry written = entry_with_values();
    const std::string line = without_newline(format_index_line("devolved-r017", written));
    CHECK_THAT(line, Catch::StartsWith("devolved-r017 2 123456 60468 " + kSha + " 0.056702 " +
                                       "metrics=" + metric_set_tag() + " "));
    std::string id;
    ContainerEntry read;
    REQUIRE(parse_index_line(line, id, read));
    CHECK(id == "devolved-r017");
    CHECK(read.generation == 2);
    CHECK(read.offset == 123456);
    CHECK(read.bytes == 60468);
    CHECK(read.sha256_hex == kSha);
    CHECK(read.opened_when_written);
    CHECK(same_values(read.metrics, written.metrics));  // bit for bit, NaN as NaN
}

TEST_CASE("Index line: a line without values is valid and carries none",
          "[experiment][container]") {
    ContainerEntry written = entry_with_values();
    written.opened_when_written = false;
    const std::string line = without_newline(format_index_line("a", written));
    CHECK(line == "a 2 123456 60468 " + kSha + " 0.056702");
    std::string id;
    ContainerEntry read;
    REQUIRE(parse_index_line(line, id, read));
    CHECK_FALSE(read.opened_when_written);
    CHECK(read.metrics.empty());
}

TEST_CASE("Index line: another metric set is valid but its values are not used",
          "[experiment][container]") {
    const std::string line = without_newline(format_index_line("a", entry_with_values()));
    // What a localism with one metric more writes: its own set tag, one value more, its own tag.
    std::string other = line.substr(0, line.rfind(" line="));
    other.replace(other.find("metrics=") + 8, 16, "0123456789abcdef");
    other += " 7";
    // The line tag is the SHA-256 prefix of the text before " line=".
    const std::string tag = localism::output::checksum_bytes(other).sha256_hex.substr(0, 16);
    std::string id;
    ContainerEntry read;
    REQUIRE(parse_index_line(other + " line=" + tag, id, read));
    CHECK(read.opened_when_written);
    CHECK(read.metrics.empty());  // collect reads this run's entry in the pack instead
}

TEST_CASE("Index line: a damaged or cut-short line is rejected", "[experiment][container]") {
    const std::string line = without_newline(format_index_line("a", entry_with_values()));
    std::string id;
    ContainerEntry read;
    SECTION("a changed digit in a value") {
        std::string bad = line;
        const std::size_t at = bad.find(" 0.1") + 2;
        bad[at] = '7';
        CHECK_FALSE(parse_index_line(bad, id, read));
    }
    SECTION("a changed digit in the offset") {
        std::string bad = line;
        bad[bad.find("123456")] = '9';
        CHECK_FALSE(parse_index_line(bad, id, read));
    }
    SECTION("cut short anywhere") {
        for (std::size_t keep : {line.size() - 1, line.size() / 2, line.find(" metrics=") + 3})
            CHECK_FALSE(parse_index_line(line.substr(0, keep), id, read));
    }
    SECTION("two lines run together (a torn line followed by the next)") {
        CHECK_FALSE(parse_index_line(line.substr(0, 90) + line, id, read));
    }
}

TEST_CASE("ContainerStore: collect's values come from the index line, or from the pack without",
          "[experiment][container]") {
    const fs::path root = fresh_root("fallback");
    write_two_runs(root);
    const std::vector<std::string> lines = index_lines(root);
    REQUIRE(lines.size() == 2);
    std::vector<double> from_line, from_pack;
    {
        const ContainerStore store(root);
        REQUIRE(store.status("a", &from_line)->state == RunState::kDone);
    }
    write_index(root, {first_six_fields(lines[0]), lines[1]});  // run a: a line without values
    {
        const ContainerStore store(root);
        REQUIRE(store.status("a", &from_pack)->state == RunState::kDone);
    }
    CHECK(from_line.size() == manifest_metric_names().size());
    CHECK(same_values(from_line, from_pack));
}

TEST_CASE("ContainerStore: a damaged index line leaves its run pending, not wrong",
          "[experiment][container]") {
    const fs::path root = fresh_root("damaged_line");
    write_two_runs(root);
    std::vector<std::string> lines = index_lines(root);
    const std::size_t value = lines[0].find("metrics=") + 26;  // a digit of the first value
    lines[0][value] = lines[0][value] == '1' ? '2' : '1';
    write_index(root, lines);
    const ContainerStore store(root);
    CHECK_FALSE(store.status("a"));  // pending: the next sweep redoes it
    CHECK(store.status("b")->state == RunState::kDone);
}

TEST_CASE("ContainerStore: a damaged entry is reported even though its line has the values",
          "[experiment][container]") {
    const fs::path root = fresh_root("damaged_entry");
    write_two_runs(root);
    {
        std::fstream pack(root / "shards" / "shard-00000.pack",
                          std::ios::in | std::ios::out | std::ios::binary);
        pack.seekg(100);
        const char c = static_cast<char>(pack.get() ^ 0x5A);
        pack.seekp(100);
        pack.put(c);
    }
    const ContainerStore store(root);
    std::vector<double> metrics;
    const auto a = store.status("a", &metrics);
    REQUIRE(a);
    CHECK(a->state == RunState::kDamaged);
    CHECK_THAT(a->message, Catch::Contains("SHA-256 differs"));
}
