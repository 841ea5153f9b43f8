// The runs of an experiment: arms x design points x replicates, each with its id, seed and
// parameter values, and the validated scenario of any one run. Only the design points are
// stored; a run is computed from its index, so memory does not grow with the replicate count.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "localism/experiment/experiment.hpp"
#include "localism/scenario/scenario.hpp"

namespace localism::experiment {

struct DesignPoint {
    std::int64_t sample_index =
        -1;                  // LHS point, Sobol base sample j or Morris trajectory; -1 otherwise
    std::int64_t role = -1;  // saltelli_role (Sobol) or morris_step (Morris); -1 otherwise
    std::vector<double> values;  // one per swept parameter, already scaled (and rounded for ints)
};

struct RunSpec {
    std::int64_t index = 0;  // position in the design: arm-major, then point, then replicate
    std::string id;          // file-safe, unique: <arm>-r007 or <arm>-p00012-r007
    std::size_t arm = 0;
    std::size_t point = 0;
    std::int64_t replicate = 0;
    std::uint64_t seed = 0;
};

class Design {
  public:
    // Reads the base scenario and those the arms extend; throws scenario::InputError when one
    // does not parse.
    explicit Design(Experiment experiment);

    const Experiment& experiment() const { return experiment_; }
    const std::vector<DesignPoint>& points() const { return points_; }
    std::int64_t size() const;
    RunSpec run(std::int64_t index) const;
    const DesignPoint& point_of(const RunSpec& run) const { return points_[run.point]; }

    // The run's scenario: base + `set:` + arm + design values + seed. Throws InputError when the
    // combination does not validate (e.g. more councils than communities).
    Scenario scenario_for(const RunSpec& run) const;
    // Provenance text stored in the run file: the overrides on top of the arm's scenario text.
    std::string scenario_text_for(const RunSpec& run) const;

    // The scenario file an arm starts from (`base:`, or the file it `extends:`), as read.
    const scenario::ScenarioSource& source_of(std::size_t arm) const {
        return sources_[arm_source_[arm]];
    }
    // An arm's leaves before the design and the seed: its scenario, then `set:`, then its own
    // `set:` (what every run of the arm shares).
    scenario::RawTree arm_leaves(std::size_t arm) const;

    // Branching experiments: replicate r's shared history, the base scenario + `set:` with the
    // replicate's seed (no arm's changes). Throws InputError when it does not validate or the
    // history's month is not within 1..run.months-1.
    Scenario history_scenario(std::int64_t replicate) const;
    std::string history_text(std::int64_t replicate) const;

  private:
    scenario::RawTree history_leaves(std::int64_t replicate) const;
    scenario::RawTree leaves_for(const RunSpec& run) const;

    Experiment experiment_;
    std::vector<scenario::ScenarioSource> sources_;  // each scenario file read once
    std::vector<std::size_t> arm_source_;            // arm -> index into sources_
    std::vector<DesignPoint> points_;
};

// Scales unit-cube coordinates to parameter values; integer parameters are rounded.
std::vector<double> scale_point(const std::vector<SweptParameter>& parameters,
                                const std::vector<double>& unit);

}  // namespace localism::experiment
