// libFuzzer target: arbitrary bytes as a scenario file. Any outcome but a valid scenario or an
// InputError (a crash, a sanitizer report, another exception, a timeout) is a finding. A valid
// scenario must also survive the `describe` round trip unchanged.
#include <cstdint>
#include <cstdlib>
#include <string>

#include "localism/scenario/loader.hpp"
#include "localism/scenario/validate.hpp"

namespace {

localism::Scenario load(const std::string& text) {
    return localism::scenario::validate_source(
        localism::scenario::read_scenario_text(text, "fuzz.yaml"));
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const std::string text(reinterpret_cast<const char*>(data), size);
    try {
        const std::string described = localism::scenario::describe(load(text));
        if (localism::scenario::describe(load(described)) != described)
            std::abort();  // describe must read back to the same scenario
    } catch (const localism::scenario::InputError&) {
        // a clean rejection is the expected outcome for most inputs
    }
    return 0;
}
