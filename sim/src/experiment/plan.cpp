// Design summary and cost estimate; see plan.hpp.
#include "localism/experiment/plan.hpp"

#include <cmath>
#include <cstdio>

#include "localism/engine/metrics.hpp"
#include "localism/experiment/sampling.hpp"
#include "localism/experiment/sweep.hpp"
#include "localism/scenario/schema.hpp"

namespace localism::experiment {

namespace {

std::string human_seconds(double s) {
    char text[64];
    if (s < 120)
        std::snprintf(text, sizeof text, "%.0f s", s);
    else if (s < 7200)
        std::snprintf(text, sizeof text, "%.1f min", s / 60);
    else
        std::snprintf(text, sizeof text, "%.1f h", s / 3600);
    return text;
}

std::string human_bytes(double b) {
    char text[64];
    if (b < 1e6)
        std::snprintf(text, sizeof text, "%.0f kB", b / 1e3);
    else if (b < 1e9)
        std::snprintf(text, sizeof text, "%.1f MB", b / 1e6);
    else
        std::snprintf(text, sizeof text, "%.2f GB", b / 1e9);
    return text;
}

void print_parameters(const Experiment& e, std::ostream& out) {
    if (e.parameters.empty())
        return;
    out << "parameters (" << e.parameters.size() << "):\n";
    for (const auto& p : e.parameters) {
        out << "  " << p.path << ": ";
        if (e.design == DesignKind::kGrid) {
            for (std::size_t i = 0; i < p.values.size(); ++i)
                out << (i ? ", " : "") << scenario::format_value(p.values[i]);
        } else {
            const auto text = [&](double v) {
                return p.integer ? std::to_string(std::llround(v)) : scenario::format_value(v);
            };
            out << "[" << text(p.low) << ", " << text(p.high) << "]"
                << (p.integer ? " (rounded to whole numbers)" : "");
        }
        out << "\n";
    }
}

}  // namespace

PlanEstimate estimate(const Design& design) {
    PlanEstimate result;
    result.runs = design.size();
    result.invalid_runs = report_invalid_runs(design, 3);
    const std::int64_t per_arm =
        design.size() / static_cast<std::int64_t>(design.experiment().arms.size());
    const double national = static_cast<double>(metrics_in(Scope::kNational).size());
    const double council = static_cast<double>(metrics_in(Scope::kCouncil).size());
    const double decile = 10.0 * static_cast<double>(metrics_in(Scope::kDecile).size());
    for (std::size_t a = 0; a < design.experiment().arms.size(); ++a) {
        Scenario scenario;
        try {
            scenario = design.scenario_for(design.run(static_cast<std::int64_t>(a) * per_arm));
        } catch (const std::exception&) {
            continue;  // counted as invalid above; it will fail at once and cost nothing
        }
        const auto months = static_cast<double>(scenario.run.months);
        const double communities = static_cast<double>(scenario.population.communities);
        const double councils = static_cast<double>(scenario.population.councils);
        const auto runs = static_cast<double>(per_arm);
        // A branching arm runs only the months after the history's.
        const double arm_months = months - static_cast<double>(design.experiment().history_month);
        result.cpu_seconds += runs * communities * arm_months * kSecondsPerCommunityMonth;
        if (a == 0 && design.experiment().history_month > 0) {
            result.cpu_seconds += static_cast<double>(design.experiment().replicates) *
                                  communities * design.experiment().history_month *
                                  kSecondsPerCommunityMonth;
        }
        result.output_bytes += runs * months * (national + councils * council + decile) * 8.0;
    }
    return result;
}

void print_plan(const Design& design, const PlanEstimate& estimate, int cores, std::ostream& out) {
    const Experiment& e = design.experiment();
    out << "experiment: " << e.name << " (" << design_name(e.design) << " design)\n";
    if (!e.description.empty())
        out << "description: " << e.description << "\n";
    if (!e.base_path.empty())
        out << "base scenario: " << e.base_path << "\n";
    out << "runs: " << design.size() << " = " << e.arms.size() << " arm(s) x "
        << design.points().size() << " design point(s) x " << e.replicates << " replicate(s)\n";
    if (!e.common.empty()) {
        out << "set in every arm:";
        for (const auto& [path, value] : e.common)
            out << " " << path << "=" << value.text;
        out << "\n";
    }
    out << "arms:\n";
    for (const auto& arm : e.arms) {
        out << "  " << arm.name << ":";
        if (!arm.extends_path.empty())
            out << " extends " << arm.extends_path;
        else if (arm.overrides.empty())
            out << " (base scenario unchanged)";
        for (const auto& [path, value] : arm.overrides)
            out << " " << path << "=" << value.text;
        out << "\n";
    }
    print_parameters(e, out);
    if (e.history_month > 0) {
        out << "shared history: base scenario + set, to month " << e.history_month << ", run once "
            << "per replicate (" << e.replicates << " history run(s) into DIR/history/runs/); "
            << "every arm of a replicate continues from its saved state\n";
    }
    out << "seeds (same in every arm): master_seed " << e.master_seed
        << " -> replicate 0: " << replicate_seed(e.master_seed, 0);
    if (e.replicates > 1)
        out << ", replicate 1: " << replicate_seed(e.master_seed, 1);
    out << "\n";
    if (estimate.invalid_runs > 0) {
        out << "invalid runs: " << estimate.invalid_runs
            << " (their parameter combination fails validation; "
            << "they will be recorded as failed)\n";
    }
    out << "estimated compute: " << human_seconds(estimate.cpu_seconds) << " on one core, about "
        << human_seconds(estimate.cpu_seconds / std::max(1, cores)) << " on " << cores
        << " core(s)\n";
    out << "estimated disk: " << human_bytes(estimate.output_bytes)
        << " of run files (before compression)\n";
}

}  // namespace localism::experiment
