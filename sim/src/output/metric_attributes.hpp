// The attributes every registry metric's dataset carries (internal to sim/src; see
// docs/output-format.md): units, description, better and scope.
#pragma once

#include "hdf5_interface.hpp"
#include "localism/engine/metric_registry.hpp"

namespace localism::h5 {

inline void write_metric_attributes(hid_t dataset, const MetricDef& metric) {
    write_string_attribute(dataset, "units", metric.units);
    write_string_attribute(dataset, "description", metric.description);
    write_string_attribute(dataset, "better", to_string(metric.better));
    write_string_attribute(dataset, "scope", to_string(metric.scope()));
}

}  // namespace localism::h5
