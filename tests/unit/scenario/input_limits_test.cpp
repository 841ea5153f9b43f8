// Limits on untrusted input (issue 10): file kinds and sizes, UTF-8, YAML aliases, tags,
// documents, nesting, capped diagnostics, and replay of every input the fuzzers ever crashed.
#include <sys/stat.h>

#include <catch2/catch.hpp>

#include <filesystem>
#include <fstream>

#include "localism/experiment/experiment.hpp"
#include "localism/scenario/input_limits.hpp"
#include "localism/scenario/validate.hpp"

using namespace localism;
using namespace localism::scenario;

namespace {

// The first diagnostic of reading `text` as a scenario, or "" when it reads cleanly.
std::string first_error(const std::string& text) {
    try {
        read_scenario_text(text, "t.yaml");
    } catch (const InputError& e) {
        return e.diagnostics().front().message;
    }
    return "";
}

std::filesystem::path temp_path(const std::string& name) {
    return std::filesystem::temp_directory_path() / ("localism_limits_" + name);
}

}  // namespace

TEST_CASE("only regular files within the size cap are read", "[scenario][limits]") {
    std::string text;
    std::vector<Diagnostic> errors;
    CHECK_FALSE(read_input_file(std::filesystem::temp_directory_path().string(), text, errors));
    CHECK(errors.back().message.find("is a directory") != std::string::npos);
    CHECK_FALSE(read_input_file("/dev/zero", text, errors));
    CHECK(errors.back().message.find("is a device") != std::string::npos);
    const auto fifo = temp_path("fifo.yaml");
    std::filesystem::remove(fifo);
    REQUIRE(mkfifo(fifo.c_str(), 0600) == 0);
    CHECK_FALSE(read_input_file(fifo.string(), text, errors));  // must not block
    CHECK(errors.back().message.find("FIFO") != std::string::npos);
    std::filesystem::remove(fifo);
    const auto big = temp_path("big.yaml");
    std::ofstream(big) << std::string(kMaxInputFileBytes + 1, '#');
    CHECK_FALSE(read_input_file(big.string(), text, errors));
    CHECK(errors.back().message.find("more than the limit") != std::string::npos);
    std::filesystem::remove(big);
}

TEST_CASE("UTF-8 is checked byte by byte", "[scenario][limits]") {
    CHECK(first_invalid_utf8("plain ascii") == std::string::npos);
    CHECK(first_invalid_utf8("caf\xc3\xa9 \xe2\x82\xac \xf0\x9f\x98\x80") == std::string::npos);
    CHECK(first_invalid_utf8("caf\xe9") == 3);       // Latin-1
    CHECK(first_invalid_utf8("\xc0\xaf") == 0);      // overlong
    CHECK(first_invalid_utf8("\xed\xa0\x80") == 0);  // surrogate
    CHECK(first_invalid_utf8("ab\xe2\x82") == 2);    // truncated
    CHECK(first_error("run:\n  name: caf\xe9\n").find("UTF-8") != std::string::npos);
}

TEST_CASE("YAML that would expand, nest or loop without bound is refused", "[scenario][limits]") {
    // upstream yaml-cpp issue 1040: LoadAll never returns on a lone comma
    CHECK(first_error(",").find("unexpected `,`") != std::string::npos);
    CHECK(first_error("[1, 2],").find("unexpected") != std::string::npos);
    std::string bomb = "a0: &a0 {x: 1, y: 1}\n";
    for (int i = 1; i <= 40; ++i) {
        bomb += "a" + std::to_string(i) + ": &a" + std::to_string(i) + " {x: *a" +
                std::to_string(i - 1) + ", y: *a" + std::to_string(i - 1) + "}\n";
    }
    CHECK(first_error(bomb).find("YAML nodes") != std::string::npos);
    CHECK(first_error("x: " + std::string(100, '[') + std::string(100, ']')).find("nested") !=
          std::string::npos);
    CHECK(first_error("a: 1\n---\nb: 2\n").find("holds 2 YAML documents") != std::string::npos);
}

TEST_CASE("tags, dotted-key conflicts and long lists of problems", "[scenario][limits]") {
    CHECK(first_error("run:\n  months: !!str 12\n").find("YAML tags") != std::string::npos);
    CHECK(first_error("run:\n  name: x\nrun.name: y\n").find("set twice") != std::string::npos);
    std::string many = "run:\n  name: x\n";
    for (int i = 0; i < 5000; ++i)
        many += "unknown_" + std::to_string(i) + ": 1\n";
    try {
        validate_source(read_scenario_text(many, "t.yaml"));
        FAIL("expected an InputError");
    } catch (const InputError& e) {
        CHECK(e.diagnostics().size() == kMaxDiagnostics + 1);
        CHECK(e.total() > 5000);
        CHECK(e.diagnostics().back().message.find("more problem(s)") != std::string::npos);
    }
}

TEST_CASE("the memory estimate counts Klemm-Eguiluz ties", "[scenario][limits]") {
    Scenario s;
    s.population.communities = 100'000;
    s.network.type = NetworkType::kKlemmEguiluz;
    s.network.klemm_m = 1000;
    CHECK(estimated_memory_bytes(s) > 800ull * 1000 * 1000);
}

TEST_CASE("inputs that once crashed or hung the loaders stay fixed", "[scenario][limits]") {
    const std::filesystem::path root = LOCALISM_SOURCE_DIR "/tests/fuzz/regressions";
    int replayed = 0;
    for (const auto& entry : std::filesystem::directory_iterator(root / "scenario_loader")) {
        std::string text;
        std::vector<Diagnostic> errors;
        REQUIRE(read_input_file(entry.path().string(), text, errors));
        try {
            validate_source(read_scenario_text(text, "fuzz.yaml"));
        } catch (const InputError&) {
        }
        ++replayed;
    }
    for (const auto& entry : std::filesystem::directory_iterator(root / "experiment_loader")) {
        std::string text;
        std::vector<Diagnostic> errors;
        REQUIRE(read_input_file(entry.path().string(), text, errors));
        try {
            experiment::load_experiment_text(text, "fuzz.yaml");
        } catch (const InputError&) {
        }
        ++replayed;
    }
    CHECK(replayed > 0);
}
