// Assembling the metric registry and looking entries up; the entries themselves are in
// metric_registry_national.cpp and metric_registry_panels.cpp.
#include "localism/engine/metric_registry.hpp"

#include <array>
#include <stdexcept>

#include "metric_entries.hpp"

namespace localism {

MetricDef national_metric(std::string name, std::string units, std::string description,
                          Better better, NationalFn compute) {
    return {std::move(name), std::move(units), std::move(description), better, compute};
}

MetricDef council_metric(std::string name, std::string units, std::string description,
                         Better better, CouncilFn compute) {
    return {std::move(name), std::move(units), std::move(description), better, compute};
}

// Council attributes and snapshot fields describe the world rather than judge an outcome.
MetricDef council_info_field(std::string name, std::string units, std::string description,
                             CouncilInfoFn compute) {
    return {std::move(name), std::move(units), std::move(description), Better::kNeither, compute};
}

MetricDef snapshot_field(std::string name, std::string units, std::string description,
                         SnapshotFn compute) {
    return {std::move(name), std::move(units), std::move(description), Better::kNeither, compute};
}

MetricDef manifest_column(std::string name, std::string units, std::string description,
                          Better better, ManifestFn compute) {
    return {std::move(name), std::move(units), std::move(description), better, compute};
}

MetricDef decile_metric(std::string name, std::string units, std::string description, Better better,
                        DecileFn compute) {
    return {std::move(name), std::move(units), std::move(description), better, compute};
}

bool MetricDef::is_flow() const {
    static const std::string kPerMonth = "/month";
    return units.size() > kPerMonth.size() &&
           units.compare(units.size() - kPerMonth.size(), kPerMonth.size(), kPerMonth) == 0;
}

bool is_monthly_flow(const MetricDef& metric) {
    return metric.is_flow();
}

const std::vector<MetricDef>& metric_registry() {
    static const std::vector<MetricDef> registry = [] {
        std::vector<MetricDef> all = detail::national_entries();
        for (auto part :
             {detail::panel_entries(), detail::manifest_entries(), detail::decile_entries()})
            all.insert(all.end(), part.begin(), part.end());
        return all;
    }();
    return registry;
}

const std::vector<const MetricDef*>& metrics_in(Scope scope) {
    static const auto by_scope = [] {
        std::array<std::vector<const MetricDef*>, kScopeCount> lists;
        for (const MetricDef& metric : metric_registry())
            lists[static_cast<std::size_t>(metric.scope())].push_back(&metric);
        return lists;
    }();
    return by_scope[static_cast<std::size_t>(scope)];
}

const MetricDef* find_metric(Scope scope, const std::string& name) {
    for (const MetricDef* metric : metrics_in(scope)) {
        if (metric->name == name)
            return metric;
    }
    return nullptr;
}

std::size_t national_index(const std::string& name) {
    const auto& metrics = metrics_in(Scope::kNational);
    for (std::size_t k = 0; k < metrics.size(); ++k) {
        if (metrics[k]->name == name)
            return k;
    }
    throw std::out_of_range("no national metric named " + name);
}

const char* to_string(Better better) {
    constexpr std::array<const char*, 3> kNames = {"higher", "lower", "neither"};  // enum order
    return kNames[static_cast<std::size_t>(better)];
}

const char* to_string(Scope scope) {
    static constexpr std::array<const char*, kScopeCount> names{
        "national", "council", "council_info", "snapshot", "manifest", "decile"};
    return names[static_cast<std::size_t>(scope)];
}

}  // namespace localism
