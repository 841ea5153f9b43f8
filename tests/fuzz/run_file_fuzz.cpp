// libFuzzer target for the run-file reader (output::RunFile): the input bytes are a run file,
// read as `localism summary`, sweep resume and `collect` read one. A RunFileError is the right
// answer to a bad file; any other exception, a crash or a sanitizer report is a finding.
//
// Build (clang-14, ASan+UBSan):
//   CC=clang-14 CXX=clang++-14 cmake -S . -B build-fuzz -G Ninja -DCMAKE_BUILD_TYPE=Debug \
//       -DLOCALISM_FUZZ=ON -DLOCALISM_WITH_MPI=OFF && ninja -C build-fuzz run_file_fuzz
// Run (seed corpus copied, so the checked-in one stays small; crashes go to regressions/):
//   mkdir -p /tmp/rf && cp tests/fuzz/corpus/run_file/* /tmp/rf/
//   build-fuzz/run_file_fuzz /tmp/rf -max_total_time=600 \
//       -artifact_prefix=tests/fuzz/regressions/run_file/
// Every file in tests/fuzz/regressions/run_file/ must then pass: build-fuzz/run_file_fuzz FILE...
// libhdf5 1.10.8 itself leaks a few hundred bytes on some damaged files (LeakSanitizer reports
// with no frame of ours), so fuzz with -detect_leaks=0: with -fork=1 -ignore_crashes=1 instead,
// a leaking input enters the corpus and every later job stops at once.
#include <unistd.h>

#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <string>

#include "localism/output/run_file.hpp"

namespace {

// One file per process, rewritten for every input: libFuzzer runs inputs one at a time.
const std::string& scratch_path() {
    static const std::string path = "/tmp/run_file_fuzz." + std::to_string(getpid()) + ".h5";
    return path;
}

bool write_input(const std::uint8_t* data, std::size_t size) {
    std::FILE* file = std::fopen(scratch_path().c_str(), "wb");
    if (!file)
        return false;
    const bool ok = std::fwrite(data, 1, size, file) == size;
    return std::fclose(file) == 0 && ok;
}

// What `summary` reads, plus the whole series (collect's metrics) and the resume check.
void read_like_the_commands(const std::string& path) {
    (void)localism::output::RunFile::is_run_file(path);
    const localism::output::RunFile file(path);
    for (const char* name : {"scenario_name", "format_version", "program_version", "git_sha",
                             "created", "scenario_resolved"}) {
        if (file.has_attribute(name))
            (void)file.string_attribute(name);
    }
    if (file.has_attribute("seed"))
        (void)file.number_attribute("seed");
    for (const auto& metric : file.national_metrics()) {
        (void)file.last_national_value(metric);
        (void)file.national_series(metric);
        const std::string object = "national/" + metric;
        if (file.has_attribute("units", object))
            (void)file.string_attribute("units", object);
    }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    if (!write_input(data, size))
        return 0;
    try {
        read_like_the_commands(scratch_path());
    } catch (const localism::output::RunFileError&) {
        // The expected answer to a bad file.
    }
    return 0;
}
