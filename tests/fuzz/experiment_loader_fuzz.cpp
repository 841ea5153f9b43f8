// libFuzzer target: arbitrary bytes as an experiment file. Any outcome but a loaded experiment
// or an InputError is a finding; a loaded experiment must be within the run cap.
#include <cstdint>
#include <cstdlib>
#include <string>

#include "localism/experiment/experiment.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const std::string text(reinterpret_cast<const char*>(data), size);
    try {
        const auto experiment = localism::experiment::load_experiment_text(text, "fuzz.yaml");
        const std::uint64_t runs = localism::experiment::run_count(experiment);
        if (runs == 0 || runs > localism::experiment::kMaxRuns)
            std::abort();  // the loader must refuse designs beyond the cap
    } catch (const localism::scenario::InputError&) {
        // a clean rejection
    }
    return 0;
}
