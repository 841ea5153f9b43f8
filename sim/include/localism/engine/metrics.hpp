// The observer (ODD 4, Observation): what is recorded each month, nationally and per council.
// What is recorded is declared in metric_registry.hpp; this gathers the month from the World
// (the only place metrics read it) and evaluates the registry into a record.
#pragma once

#include <string>
#include <vector>

#include "localism/engine/metric_registry.hpp"
#include "localism/engine/observed_month.hpp"
#include "localism/model/world.hpp"

namespace localism {

// Labels of an output dataset that is not a registry metric (the dimension scales).
struct MetricInfo {
    std::string name;
    std::string units;
    std::string description;
};

// One recorded month. `council` is metric-major: council[m * councils + k]; so is `decile`:
// decile[m * 10 + d], d = 0 for decile 1.
struct MonthRecord {
    std::int32_t month = 0;
    std::vector<double> national;
    std::vector<double> council;
    std::vector<double> decile;
};

// The aggregation step: reductions run per council in index order, then across councils in
// council order, so values do not depend on the thread count. Adds this month to `totals`.
ObservedMonth observe_month(const World& world, ObserverTotals& totals);

// Static per-council attributes as read from the World at initialisation.
CouncilFacts observe_councils(const World& world);

// This month's record: observe_month, then every national, council and decile metric of the
// registry.
MonthRecord observe(const World& world, ObserverTotals& totals);

// /council_info values, one vector per council_info field of the registry.
std::vector<std::vector<double>> council_info(const World& world);

// Gini coefficient of non-negative values (sorts a copy). 0 for empty or all-zero input.
double gini(std::vector<double> values);

}  // namespace localism
