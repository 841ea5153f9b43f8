// Opening a sweep directory for an experiment, and growing it. A new directory records the
// resolved experiment (design.yaml) and the parameters of every scenario file it reads
// (inputs.yaml). An existing one must hold the same experiment, or one that this experiment
// grows by more replicates or more arms: then only the new runs are pending, and, since a run's
// id and seed depend only on its arm, design point and replicate, the runs already done keep
// their common random numbers with them. Anything else (the base or an extended scenario's
// parameters, `set:`, an existing arm, the design, the master seed) is refused, saying what
// differs.
#pragma once

#include <string>

#include "localism/experiment/design.hpp"
#include "localism/experiment/sweep_dir.hpp"

namespace localism::experiment {

struct OpenedDir {
    bool ok = false;
    std::string why;     // refused: what differs, and what to do
    std::string growth;  // grown: what was added (e.g. "replicates 8 -> 10"); empty otherwise
};

OpenedDir open_sweep_dir(const SweepDir& dir, const Design& design);

// What differs between the experiment already in a directory and `now`, other than growth (more
// replicates, arms added); empty when `now` runs every run of `before` unchanged.
std::vector<std::string> experiment_differences(const Experiment& before, const Experiment& now);

}  // namespace localism::experiment
