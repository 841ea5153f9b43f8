// The observer (ODD 4, Observation): what is recorded each month, nationally and per council.
// Metric lists are the output contract documented in docs/output-format.md.
#pragma once

#include <string>
#include <vector>

#include "localism/model/world.hpp"

namespace localism {

struct MetricInfo {
    std::string name;
    std::string units;
    std::string description;
};

const std::vector<MetricInfo>& national_metrics();
const std::vector<MetricInfo>& council_metrics();
const std::vector<MetricInfo>& council_info_fields();

// One recorded month. `council` is metric-major: council[m * councils + k].
struct MonthRecord {
    std::int32_t month = 0;
    std::vector<double> national;
    std::vector<double> council;
};

// Running totals the observer keeps between months.
struct ObserverTotals {
    double cumulative_need_reduced = 0.0;
    std::int64_t cumulative_public_spend_pence = 0;
    std::int64_t cumulative_grant_pence = 0;
    std::int64_t cumulative_usual_suspect_pence = 0;
    std::int64_t cumulative_new_group_pence = 0;
    // With need dynamics and impact both off, need never changes after initialisation, so its
    // Gini (a full sort) is computed once and reused.
    double constant_need_gini = -1.0;
};

// Computes this month's record; reductions run per council in index order, then across
// councils in council order, so values do not depend on the thread count.
MonthRecord observe(const World& world, ObserverTotals& totals);

// Static per-council attributes (deprivation, mean social capital, size).
std::vector<std::vector<double>> council_info(const World& world);

// Gini coefficient of non-negative values (sorts a copy). 0 for empty or all-zero input.
double gini(std::vector<double> values);

// Index of a national metric by name (throws std::out_of_range when unknown).
std::size_t national_index(const std::string& name);

}  // namespace localism
