// Writing the /state group of a run file (internal to sim/src/output; layout in
// docs/output-format.md, "Saved states").
#pragma once

#include <hdf5.h>

#include <string>

#include "localism/engine/simulation.hpp"

namespace localism::state_detail {

// Writes /state into the open file `file`: attributes describing the state, then every part of
// the model that persists between months. Throws h5::Error.
void write_state_group(hid_t file, const Simulation& simulation,
                       const std::string& scenario_resolved);

}  // namespace localism::state_detail
