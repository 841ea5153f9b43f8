// An experiment file: a base scenario, named policy arms, replicates with common random numbers
// and an optional grid or sample design. Loaded and checked as strictly as a scenario.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "localism/scenario/loader.hpp"

namespace localism::experiment {

enum class DesignKind { kReplicates, kGrid, kLhs, kSobol, kMorris, kPoints };
// "replicates", "grid", "lhs", "sobol", "morris", "points": the manifest's `design` attribute.
std::string design_name(DesignKind kind);

struct Arm {
    std::string name;
    scenario::RawTree overrides;  // the arm's `set:` lines (leaf path -> value), located
    // `extends:` made absolute: the scenario this arm starts from instead of the experiment's
    // `base:`; empty when the arm uses the base.
    std::string extends_path;
};

// A parameter varied by the design: grid values, or [low, high] scaled from the unit cube.
struct SweptParameter {
    std::string path;
    bool integer = false;  // an integer parameter: sampled values are rounded
    double low = 0.0;      // sample designs (points: the smallest and largest value listed)
    double high = 0.0;
    std::vector<double> values;  // grid designs
    scenario::SourceLocation where;
};

struct Experiment {
    std::string file;  // the experiment file as given
    std::string text;  // its text, byte for byte
    std::string name;
    std::string description;
    std::string base_path;     // absolute path of the base scenario (empty: every arm extends)
    scenario::RawTree common;  // `set:` overrides applied to every arm
    std::vector<Arm> arms;     // at least one (a single "base" arm when none are listed)
    std::int64_t replicates = 1;
    std::uint64_t master_seed = 0;
    DesignKind design = DesignKind::kReplicates;
    std::vector<SweptParameter> parameters;  // grid or sample parameters, in file order
    std::int64_t samples = 0;                // sample.n: points, base samples or trajectories
    scenario::SourceLocation samples_where;  // where sample.n is written (for warnings)
    int levels = 4;                          // sample.levels (Morris)
    // `sample: {method: points}`: one row per design point, one value per parameter, in the
    // order of `parameters` (from `file:` CSV or inline `values:`).
    std::vector<std::vector<double>> point_rows;
    // `history: {month: M}` (a branching experiment): every replicate runs the base scenario +
    // `set:` once up to month M, and each arm continues from that saved state with its own
    // timeline changes dated after M. 0: no shared history.
    std::int32_t history_month = 0;
};

// Whether an arm override may be set in a branching experiment whose history ends at
// `history_month`: only timeline changes dated after it (`timeline.month.<N>.<key>`, N > M).
bool is_branch_change(const std::string& path, std::int32_t history_month);

// Most design points (rows) and parameters (columns) a `method: points` design may list.
inline constexpr std::size_t kMaxPointRows = 100'000;
inline constexpr std::size_t kMaxPointColumns = 256;

// Reads and checks an experiment file; throws scenario::InputError with every problem found
// (unknown keys with did-you-mean hints, wrong types, out-of-range values, unknown parameter
// paths, a missing base scenario), each located as file:line:column.
// Files are read within the limits of scenario/input_limits.hpp, and an experiment of more
// than kMaxRuns runs is refused.
Experiment load_experiment(const std::string& path);
// The same for text in memory (fuzzing, tests); `display_name` locates diagnostics and
// anchors a relative `base:`.
Experiment load_experiment_text(const std::string& text, const std::string& display_name);

// Most runs one experiment may have (arms x design points x replicates); larger designs are
// refused at load time with the number they would have had.
inline constexpr std::uint64_t kMaxRuns = 1'000'000;
// The experiment's run count, or 0 when it exceeds UINT64_MAX (computed without overflow).
std::uint64_t run_count(const Experiment& experiment);
// Appends a diagnostic when run_count() is above kMaxRuns.
void check_run_count(const Experiment& experiment, std::vector<scenario::Diagnostic>& errors);

// Problems that do not stop a sweep but weaken its results, e.g. a Sobol base sample size that
// is not a power of two (the Sobol sequence is balanced only at powers of two), each located at
// its key. Printed by `plan` and `sweep` on stderr.
std::vector<scenario::Diagnostic> design_warnings(const Experiment& experiment);

// The experiment as self-contained YAML (absolute base path, design values normalised), so
// `localism collect DIR` can rebuild the design from DIR/design.yaml alone.
std::string resolved_text(const Experiment& experiment);

// Checks one override leaf against the scenario schema (known key, type, range); appends
// problems to `errors`. Used for arms, `set:` and the parameters of a design.
void check_override(const std::string& path, const scenario::RawValue& value,
                    std::vector<scenario::Diagnostic>& errors);

}  // namespace localism::experiment
