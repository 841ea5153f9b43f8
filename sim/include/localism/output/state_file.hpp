// Saved states: the complete model state at the end of a month, kept in the /state group of a
// run file (docs/output-format.md, "Saved states"), so a run can be continued from it with output
// bit-identical to the uninterrupted run. Written by RunWriter::save_state and ::checkpoint;
// read here as untrusted input (every object's type, shape and size checked before reading).
#pragma once

#include <cstdint>
#include <stdexcept>
#include <string>

#include "localism/engine/simulation.hpp"

namespace localism {

// Bumped whenever the /state layout or the meaning of a saved field changes (2: the file is
// sealed, sim/src/output/state_seal.hpp).
inline constexpr const char* kStateFormatVersion = "2";

// A saved state that cannot be read, or cannot be continued by this program and scenario. The
// message names the file and the object or the reason.
class StateFileError : public std::runtime_error {
  public:
    using std::runtime_error::runtime_error;
};

// What a saved state says about itself (the /state group's attributes).
struct SavedStateInfo {
    std::string state_format_version;
    std::string program_version;
    std::string git_sha;
    std::int32_t month = 0;  // the last month simulated before the save
    std::uint64_t communities = 0;
    std::uint64_t councils = 0;
    std::string scenario_resolved;  // `localism describe` text of the saved run's scenario
};

// Reads and checks the /state attributes of `path`. Throws StateFileError when the file is not
// a run file with a saved state, or when it was written by another program version or state
// format version.
SavedStateInfo read_state_info(const std::string& path);

// Overwrites everything of `simulation` that persists between months with the state saved in
// `path`. `simulation` must have been built from the saved run's scenario (the caller checks the
// scenario; this checks the population: community and council counts, council ranges, network).
// Throws StateFileError; `simulation` is then unusable.
void restore_state(const std::string& path, Simulation& simulation);

}  // namespace localism
