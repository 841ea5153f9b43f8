// Helpers for tests that run shipped experiments to the end: need removed and money spent per
// run, by arm and replicate, and paired differences (common random numbers across arms).
#pragma once

#include <cmath>
#include <map>
#include <numeric>
#include <string>
#include <vector>

#include "localism/engine/metric_registry.hpp"
#include "localism/engine/simulation.hpp"
#include "localism/experiment/design.hpp"

namespace localism::testing {

struct Outcome {
    double need_removed = 0.0;  // cumulative need removed by the last month
    double spend_gbp = 0.0;     // every spend line over the whole run
};

inline Outcome run_to_end(const Scenario& s) {
    std::vector<std::size_t> spend_lines;
    for (const MetricDef* metric : metrics_in(Scope::kNational)) {
        if (metric->name.rfind("spend_", 0) == 0)
            spend_lines.push_back(national_index(metric->name));
    }
    Simulation sim(s);
    MonthRecord r;
    Outcome outcome;
    while (sim.month() < sim.months()) {
        r = sim.step();
        for (const std::size_t line : spend_lines)
            outcome.spend_gbp += r.national[line];
    }
    outcome.need_removed = r.national[national_index("cumulative_need_reduced")];
    return outcome;
}

// Every run of an experiment file: arm name -> outcomes in replicate order.
inline std::map<std::string, std::vector<Outcome>> run_experiment(const std::string& file) {
    const experiment::Design design(experiment::load_experiment(file));
    std::map<std::string, std::vector<Outcome>> by_arm;
    for (std::int64_t k = 0; k < design.size(); ++k) {
        const experiment::RunSpec run = design.run(k);
        by_arm[design.experiment().arms[run.arm].name].push_back(
            run_to_end(design.scenario_for(run)));
    }
    return by_arm;
}

// Paired differences b - a: their mean and standard error.
struct Paired {
    double mean = 0.0;
    double se = 0.0;
};

inline Paired paired(const std::vector<double>& a, const std::vector<double>& b) {
    std::vector<double> d(a.size());
    for (std::size_t k = 0; k < a.size(); ++k)
        d[k] = b[k] - a[k];
    const double n = static_cast<double>(d.size());
    const double mean = std::accumulate(d.begin(), d.end(), 0.0) / n;
    double squares = 0.0;
    for (const double x : d)
        squares += (x - mean) * (x - mean);
    return {mean, std::sqrt(squares / (n - 1.0) / n)};
}

inline double mean(const std::vector<double>& x) {
    return std::accumulate(x.begin(), x.end(), 0.0) / static_cast<double>(x.size());
}

}  // namespace localism::testing
