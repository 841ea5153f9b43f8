// The registry of every recorded output: one entry per metric with its name, units, meaning,
// better direction, scope and compute function. Recording, the HDF5 writer, `summary`, the sweep
// manifest, `plan` and `localism metrics` all iterate it, so a metric is declared only here.
#pragma once

#include <cstddef>
#include <functional>
#include <string>
#include <variant>
#include <vector>

#include "localism/engine/observed_month.hpp"

namespace localism {

// Which way a reader should want a metric to move ("neither": no agreed direction).
enum class Better { kHigher, kLower, kNeither };

// Where a metric is written; the order is that of the Compute alternatives below.
enum class Scope {
    kNational,     // /national/<name>: float64 per month
    kCouncil,      // /councils/<name>: float64 per month and council
    kCouncilInfo,  // /council_info/<name>: float64 per council, written once
    kSnapshot,     // /communities/<name>: float32 per snapshot and community
    kManifest,     // /runs/metric/<name> of a sweep manifest: one value per run
    kDecile,       // /deciles/<name>: float64 per month and deprivation decile (1-10)
};
inline constexpr int kScopeCount = 6;

// A manifest column reads national series of a finished run file by name (empty when absent).
using RunSeries = std::function<std::vector<double>(const std::string& national_name)>;

using NationalFn = double (*)(const ObservedMonth&);
using CouncilFn = double (*)(const ObservedMonth&, std::size_t council);
using CouncilInfoFn = double (*)(const CouncilFacts&, std::size_t council);
using SnapshotFn = float (*)(const Communities&, std::size_t community);
using ManifestFn = double (*)(const RunSeries&);
// `decile_slot` is 0 for decile 1 (most deprived) ... 9 for decile 10; an int, not a size_t, so
// the type differs from CouncilFn's and the variant knows the scope.
using DecileFn = double (*)(const ObservedMonth&, int decile_slot);
using Compute =
    std::variant<NationalFn, CouncilFn, CouncilInfoFn, SnapshotFn, ManifestFn, DecileFn>;

struct MetricDef {
    std::string name;
    std::string units;
    std::string description;
    Better better = Better::kNeither;
    Compute compute;  // its alternative is the scope
    Scope scope() const { return static_cast<Scope>(compute.index()); }
    // A per-month flow (units "<x>/month": spending, income, need reduced, starts), whose monthly
    // values add up to a run total in units <x>; anything else is a stock, share or rate that is
    // read at a month and never summed. The units are the one place this is declared.
    bool is_flow() const;
};

// Entry builders: the scope follows from the compute function's signature.
MetricDef national_metric(std::string name, std::string units, std::string description,
                          Better better, NationalFn compute);
MetricDef council_metric(std::string name, std::string units, std::string description,
                         Better better, CouncilFn compute);
MetricDef council_info_field(std::string name, std::string units, std::string description,
                             CouncilInfoFn compute);
MetricDef snapshot_field(std::string name, std::string units, std::string description,
                         SnapshotFn compute);
MetricDef manifest_column(std::string name, std::string units, std::string description,
                          Better better, ManifestFn compute);
MetricDef decile_metric(std::string name, std::string units, std::string description, Better better,
                        DecileFn compute);

// Every metric, grouped by scope; within a scope, the order datasets are written in.
const std::vector<MetricDef>& metric_registry();
const std::vector<const MetricDef*>& metrics_in(Scope scope);

// Entry of `scope` named `name`, or nullptr.
const MetricDef* find_metric(Scope scope, const std::string& name);
// A monthly flow (units "<x>/month", a total for the month) rather than a stock (a value at month
// end): yearly summaries add flows over the year and take stocks at the year's last month.
bool is_monthly_flow(const MetricDef& metric);

// Index of a national metric by name (throws std::out_of_range when unknown).
std::size_t national_index(const std::string& name);

const char* to_string(Better better);  // "higher", "lower", "neither"
const char* to_string(Scope scope);    // "national", "council", ...

}  // namespace localism
