// Expanding an experiment into runs; see design.hpp.
#include "localism/experiment/design.hpp"

#include <cmath>
#include <cstdio>
#include <map>

#include "localism/experiment/sampling.hpp"
#include "localism/scenario/schema.hpp"
#include "localism/scenario/validate.hpp"

namespace localism::experiment {

namespace {

// Design randomness (LHS, Morris) is keyed off the master seed but kept apart from run seeds.
constexpr std::uint64_t kDesignStream = 0x64657369676eull;  // "design"

std::vector<DesignPoint> grid_points(const std::vector<SweptParameter>& parameters) {
    std::vector<std::size_t> counts;
    for (const auto& p : parameters)
        counts.push_back(p.values.size());
    std::vector<DesignPoint> points;
    for (const auto& index : grid_indices(counts)) {
        DesignPoint point;
        for (std::size_t d = 0; d < index.size(); ++d)
            point.values.push_back(parameters[d].values[index[d]]);
        points.push_back(std::move(point));
    }
    return points;
}

std::vector<DesignPoint> expand_points(const Experiment& e) {
    const auto n = static_cast<std::size_t>(e.samples);
    const std::size_t k = e.parameters.size();
    const std::uint64_t design_seed = splitmix64(e.master_seed ^ kDesignStream);
    std::vector<DesignPoint> points;
    switch (e.design) {
        case DesignKind::kReplicates:
            points.push_back({});
            break;
        case DesignKind::kGrid:
            points = grid_points(e.parameters);
            break;
        case DesignKind::kLhs: {
            const auto unit = latin_hypercube(n, k, design_seed);
            for (std::size_t i = 0; i < n; ++i) {
                points.push_back(
                    {static_cast<std::int64_t>(i), -1, scale_point(e.parameters, unit[i])});
            }
            break;
        }
        case DesignKind::kSobol:
            for (const auto& row : saltelli(n, k)) {
                points.push_back({static_cast<std::int64_t>(row.base_sample), row.role,
                                  scale_point(e.parameters, row.point)});
            }
            break;
        case DesignKind::kMorris:
            for (const auto& row : morris(n, k, e.levels, design_seed)) {
                points.push_back({static_cast<std::int64_t>(row.trajectory), row.step,
                                  scale_point(e.parameters, row.point)});
            }
            break;
        case DesignKind::kPoints:
            for (std::size_t i = 0; i < e.point_rows.size(); ++i)
                points.push_back({static_cast<std::int64_t>(i), -1, e.point_rows[i]});
            break;
    }
    return points;
}

std::string value_text(const SweptParameter& parameter, double value) {
    if (parameter.integer)
        return std::to_string(std::llround(value));
    return scenario::format_value(value);
}

// a * b, or 0 when the product does not fit: the caller treats 0 as "too many".
std::uint64_t times(std::uint64_t a, std::uint64_t b) {
    std::uint64_t product = 0;
    return __builtin_mul_overflow(a, b, &product) ? 0 : product;
}

std::uint64_t point_count(const Experiment& e) {
    const auto n = static_cast<std::uint64_t>(e.samples);
    const std::uint64_t k = e.parameters.size();
    switch (e.design) {
        case DesignKind::kReplicates:
            return 1;
        case DesignKind::kGrid: {
            std::uint64_t points = 1;
            for (const auto& p : e.parameters)
                points = times(points, p.values.size());
            return points;
        }
        case DesignKind::kLhs:
            return n;
        case DesignKind::kSobol:
            return times(n, k + 2);  // A, B and one A_B^i row per parameter
        case DesignKind::kMorris:
            return times(n, k + 1);  // a start and one step per parameter
        case DesignKind::kPoints:
            return e.point_rows.size();
    }
    return 1;
}

}  // namespace

std::uint64_t run_count(const Experiment& experiment) {
    return times(times(experiment.arms.size(), point_count(experiment)),
                 static_cast<std::uint64_t>(experiment.replicates));
}

void check_run_count(const Experiment& experiment, std::vector<scenario::Diagnostic>& errors) {
    const std::uint64_t runs = run_count(experiment);
    const std::uint64_t points = point_count(experiment);
    if (runs != 0 && runs <= kMaxRuns)
        return;
    const std::string total =
        runs != 0 ? std::to_string(runs) : "more than 18446744073709551615 (2^64 - 1)";
    errors.push_back({{experiment.file, 0, 0},
                      "",
                      "the experiment would have " + total + " runs (" +
                          std::to_string(experiment.arms.size()) + " arm(s) x " +
                          (points != 0 ? std::to_string(points) : "over 2^64") +
                          " design point(s) x " + std::to_string(experiment.replicates) +
                          " replicate(s)); the limit is " + std::to_string(kMaxRuns),
                      "use fewer arms, values, samples or replicates, or split the experiment"});
}

std::vector<scenario::Diagnostic> design_warnings(const Experiment& experiment) {
    std::vector<scenario::Diagnostic> warnings;
    const std::int64_t n = experiment.samples;
    // Sobol points are balanced (each elementary interval equally filled) only in blocks of
    // 2^m, so other sizes leave the estimates of S1 and ST with more error than n suggests.
    if (experiment.design == DesignKind::kSobol && n > 0 && (n & (n - 1)) != 0) {
        std::int64_t below = 1;
        while (below * 2 < n)
            below *= 2;
        warnings.push_back({experiment.samples_where, "sample.n",
                            "a Sobol base sample size of " + std::to_string(n) +
                                " is not a power of two, so the Sobol points are not balanced",
                            "use " + std::to_string(below) + " or " + std::to_string(below * 2)});
    }
    return warnings;
}

std::vector<double> scale_point(const std::vector<SweptParameter>& parameters,
                                const std::vector<double>& unit) {
    std::vector<double> values(parameters.size());
    for (std::size_t d = 0; d < parameters.size(); ++d) {
        const auto& p = parameters[d];
        values[d] = p.low + (p.high - p.low) * unit[d];
        // Rounding keeps integer parameters valid; the manifest records the value actually used.
        if (p.integer)
            values[d] = std::round(values[d]);
    }
    return values;
}

Design::Design(Experiment experiment)
    : experiment_(std::move(experiment)), points_(expand_points(experiment_)) {
    std::map<std::string, std::size_t> read;  // path -> index in sources_
    for (const Arm& arm : experiment_.arms) {
        const std::string& path =
            arm.extends_path.empty() ? experiment_.base_path : arm.extends_path;
        const auto [it, fresh] = read.emplace(path, sources_.size());
        if (fresh)
            sources_.push_back(scenario::read_scenario_source(path, {}));
        arm_source_.push_back(it->second);
    }
}

std::int64_t Design::size() const {
    return static_cast<std::int64_t>(experiment_.arms.size() * points_.size()) *
           experiment_.replicates;
}

RunSpec Design::run(std::int64_t index) const {
    const std::int64_t reps = experiment_.replicates;
    const auto per_arm = static_cast<std::int64_t>(points_.size()) * reps;
    RunSpec run;
    run.index = index;
    run.arm = static_cast<std::size_t>(index / per_arm);
    run.point = static_cast<std::size_t>((index % per_arm) / reps);
    run.replicate = index % reps;
    run.seed = replicate_seed(experiment_.master_seed, run.replicate);
    char suffix[48];
    if (experiment_.design == DesignKind::kReplicates) {
        std::snprintf(suffix, sizeof suffix, "-r%03lld", static_cast<long long>(run.replicate));
    } else {
        std::snprintf(suffix, sizeof suffix, "-p%05zu-r%03lld", run.point,
                      static_cast<long long>(run.replicate));
    }
    run.id = experiment_.arms[run.arm].name + suffix;
    return run;
}

scenario::RawTree Design::arm_leaves(std::size_t arm) const {
    scenario::RawTree leaves = source_of(arm).leaves;
    for (const auto& [path, value] : experiment_.common)
        leaves[path] = value;
    for (const auto& [path, value] : experiment_.arms[arm].overrides)
        leaves[path] = value;
    return leaves;
}

scenario::RawTree Design::leaves_for(const RunSpec& run) const {
    scenario::RawTree leaves = arm_leaves(run.arm);
    const auto& point = points_[run.point];
    for (std::size_t d = 0; d < experiment_.parameters.size(); ++d) {
        const auto& p = experiment_.parameters[d];
        leaves[p.path] = {value_text(p, point.values[d]), false, p.where};
    }
    const scenario::SourceLocation seed_where{experiment_.file, 0, 0};
    leaves["run.seed"] = {std::to_string(run.seed), false, seed_where};
    return leaves;
}

scenario::RawTree Design::history_leaves(std::int64_t replicate) const {
    scenario::RawTree leaves = source_of(0).leaves;
    for (const auto& [path, value] : experiment_.common)
        leaves[path] = value;
    const scenario::SourceLocation seed_where{experiment_.file, 0, 0};
    leaves["run.seed"] = {std::to_string(replicate_seed(experiment_.master_seed, replicate)), false,
                          seed_where};
    return leaves;
}

Scenario Design::history_scenario(std::int64_t replicate) const {
    Scenario scenario =
        scenario::validate(history_leaves(replicate), scenario::physical_memory_bytes());
    if (experiment_.history_month >= scenario.run.months) {
        scenario::Diagnostic problem{{experiment_.file, 0, 0},
                                     "history.month",
                                     "is " + std::to_string(experiment_.history_month) +
                                         ", not before the run's last month " +
                                         std::to_string(scenario.run.months),
                                     "branch within 1.." + std::to_string(scenario.run.months - 1)};
        throw scenario::InputError(std::vector<scenario::Diagnostic>{problem});
    }
    return scenario;
}

std::string Design::history_text(std::int64_t replicate) const {
    const scenario::ScenarioSource& source = source_of(0);
    std::string text = "# history r" + std::to_string(replicate) + " of experiment " +
                       experiment_.name + " (to month " +
                       std::to_string(experiment_.history_month) + "): " + source.main_file +
                       " with these overrides\n";
    for (const auto& [path, value] : history_leaves(replicate)) {
        const auto it = source.leaves.find(path);
        if (it == source.leaves.end() || it->second.text != value.text)
            text += "# " + path + "=" + value.text + "\n";
    }
    return text + source.text_as_given;
}

Scenario Design::scenario_for(const RunSpec& run) const {
    return scenario::validate(leaves_for(run), scenario::physical_memory_bytes());
}

std::string Design::scenario_text_for(const RunSpec& run) const {
    const scenario::ScenarioSource& source = source_of(run.arm);
    std::string text = "# run " + run.id + " of experiment " + experiment_.name + ": " +
                       source.main_file + " with these overrides\n";
    const scenario::RawTree& base = source.leaves;
    for (const auto& [path, value] : leaves_for(run)) {
        const auto it = base.find(path);
        if (it == base.end() || it->second.text != value.text)
            text += "# " + path + "=" + value.text + "\n";
    }
    return text + source.text_as_given;
}

}  // namespace localism::experiment
