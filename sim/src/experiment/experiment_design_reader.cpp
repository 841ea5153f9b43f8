// Reading an experiment's design: `grid:` values and `sample:` ranges; see experiment.hpp.
#include <algorithm>
#include <map>

#include "experiment_reader.hpp"
#include "localism/scenario/schema.hpp"

namespace localism::experiment {

namespace {

const std::vector<std::string> kSampleKeys = {"method", "n",       "levels", "parameters",
                                              "priors", "exclude", "file",   "values"};

}  // namespace

const scenario::ParamSpec* numeric_param(Reader& reader, const scenario::SourceLocation& where,
                                         const std::string& path) {
    const scenario::ParamSpec* spec = scenario::find_param(path);
    if (!spec) {
        check_override(path, {"0", false, where}, reader.errors);  // reports the unknown key
        return nullptr;
    }
    if (spec->type != scenario::ParamType::kInt && spec->type != scenario::ParamType::kFloat) {
        reader.errors.push_back(
            {where, path,
             "only numeric parameters can be swept, this one is " + scenario::type_name(*spec),
             "put categorical variants in `arms:` instead"});
        return nullptr;
    }
    if (path == "run.seed") {
        reader.errors.push_back(
            {where, path, "run.seed is set by the experiment", "use replicates and master_seed"});
        return nullptr;
    }
    return spec;
}

namespace {

// Checks one numeric value of a design parameter through the schema and returns it.
bool design_value(Reader& reader, const YAML::Node& node, const std::string& path, double& out) {
    const std::size_t before = reader.errors.size();
    if (!node.IsScalar()) {
        reader.fail(node, path, "expected a number", "");
        return false;
    }
    check_override(path, reader.raw(node), reader.errors);
    if (reader.errors.size() != before)
        return false;
    out = std::stod(node.Scalar());
    return true;
}

// The design parameter an entry names (`where` + path for messages), or null after reporting
// a repeated entry or a parameter that cannot be swept.
const scenario::ParamSpec* swept_parameter(Reader& reader, std::map<std::string, int>& seen,
                                           const YAML::Node& key, const std::string& where) {
    const std::string path = key.Scalar();
    if (repeated(reader, seen, key, where + path))
        return nullptr;
    return numeric_param(reader, reader.at(key), path);
}

}  // namespace

void read_grid(Reader& reader, const YAML::Node& node, Experiment& out) {
    if (!node.IsMap()) {
        reader.fail(node, "grid", "expected a block of `parameter.path: [values]` lines",
                    "e.g. `grid: {councils.outreach: [0.1, 0.5, 0.9]}`");
        return;
    }
    std::map<std::string, int> seen;
    for (const auto& entry : node) {
        const std::string path = entry.first.Scalar();
        const auto* spec = swept_parameter(reader, seen, entry.first, "grid.");
        if (!spec)
            continue;
        SweptParameter parameter{
            path, spec->type == scenario::ParamType::kInt, 0, 0, {}, reader.at(entry.first)};
        if (!entry.second.IsSequence() || entry.second.size() == 0) {
            reader.fail(entry.second, "grid." + path, "expected a non-empty list of values",
                        "e.g. `[0.1, 0.5]`");
            continue;
        }
        for (const auto& item : entry.second) {
            double value = 0;
            if (!design_value(reader, item, path, value))
                continue;
            // A repeated value would make two design points with the same parameters.
            if (std::find(parameter.values.begin(), parameter.values.end(), value) !=
                parameter.values.end()) {
                reader.fail(item, "grid." + path, "the value " + item.Scalar() + " is listed twice",
                            "list each value once; use replicates for repeated runs");
                continue;
            }
            parameter.values.push_back(value);
        }
        out.parameters.push_back(std::move(parameter));
    }
}

namespace {

// `path: prior`: the parameter's plausible range from the schema (an assumption's or a calibrated
// parameter's prior); false after reporting a parameter that has none.
bool prior_range(Reader& reader, const YAML::Node& value, const scenario::ParamSpec& spec,
                 SweptParameter& parameter) {
    const scenario::Provenance& p = spec.provenance;
    if (!p.has_range) {
        reader.fail(value, spec.path,
                    "`" + spec.path + "` has no plausible range (it is a " +
                        scenario::kind_name(p.kind) + "), so `prior` cannot give its range",
                    "write [low, high] instead; `localism params --priors` lists the priors");
        return false;
    }
    parameter.low = p.plausible_low;
    parameter.high = p.plausible_high;
    return true;
}

// One `path: [low, high]` or `path: prior` entry; false after reporting a problem.
bool sample_range(Reader& reader, const YAML::Node& value, const scenario::ParamSpec& spec,
                  SweptParameter& parameter) {
    const std::string& path = spec.path;
    if (value.IsScalar() && value.Scalar() == "prior")
        return prior_range(reader, value, spec, parameter);
    if (!value.IsSequence() || value.size() != 2) {
        reader.fail(value, path, "expected [low, high] or `prior`",
                    "e.g. `[0.1, 0.9]`, or `prior` for the schema's plausible range");
        return false;
    }
    if (!design_value(reader, value[0], path, parameter.low) ||
        !design_value(reader, value[1], path, parameter.high)) {
        return false;
    }
    if (!(parameter.low < parameter.high)) {
        reader.fail(value, path, "low must be below high", "write [low, high]");
        return false;
    }
    return true;
}

// `parameters:` may be left out when `priors:` supplies them.
void read_sample_parameters(Reader& reader, const YAML::Node& node, bool optional,
                            Experiment& out) {
    if (!node && optional)
        return;
    if (!node || !node.IsMap() || node.size() == 0) {
        reader.fail(node ? node : YAML::Node(), "sample.parameters",
                    "expected a block of `parameter.path: [low, high]` lines",
                    "e.g. `parameters: {councils.outreach: [0.1, 0.9]}`, or `priors: assumptions`");
        return;
    }
    std::map<std::string, int> seen;
    for (const auto& entry : node) {
        const std::string path = entry.first.Scalar();
        const auto* spec = swept_parameter(reader, seen, entry.first, "sample.parameters.");
        if (!spec)
            continue;
        SweptParameter parameter{
            path, spec->type == scenario::ParamType::kInt, 0, 0, {}, reader.at(entry.first)};
        if (sample_range(reader, entry.second, *spec, parameter))
            out.parameters.push_back(std::move(parameter));
    }
}

// `exclude: [path, ...]`: numeric assumptions that `priors: assumptions` leaves at their values.
std::vector<std::string> read_exclude(Reader& reader, const YAML::Node& node) {
    std::vector<std::string> out;
    if (!node)
        return out;
    if (!node.IsSequence()) {
        reader.fail(node, "sample.exclude", "expected a list of parameter paths",
                    "e.g. `exclude: [impact.fit_width]`");
        return out;
    }
    const auto swept = scenario::prior_parameters(false);
    for (const auto& item : node) {
        const std::string path = item.IsScalar() ? item.Scalar() : "";
        const bool known =
            std::any_of(swept.begin(), swept.end(),
                        [&](const scenario::ParamSpec* s) { return s->path == path; });
        if (!known) {
            reader.fail(item, "sample.exclude",
                        "`" + path + "` is not a numeric assumption, so priors do not sweep it",
                        "`localism params --priors` lists the parameters swept");
            continue;
        }
        out.push_back(path);
    }
    return out;
}

// `priors: assumptions` sweeps every numeric assumption over its plausible range, except those
// excluded, those given explicitly under `parameters:` (which take precedence) and those fixed by
// `set:` or an arm (read before the design, so a paired-arms experiment stays paired).
void read_priors(Reader& reader, const YAML::Node& sample, Experiment& out) {
    const YAML::Node priors = sample["priors"];
    if (!priors) {
        if (sample["exclude"])
            reader.fail(sample["exclude"], "sample.exclude", "only used with `priors:`",
                        "add `priors: assumptions` or remove it");
        return;
    }
    const std::vector<std::string> excluded = read_exclude(reader, sample["exclude"]);
    std::string word;
    if (!reader.word(priors, "sample.priors", word))
        return;
    if (word != "assumptions") {
        reader.fail(priors, "sample.priors", "expected `assumptions`, got `" + word + "`",
                    "`priors: assumptions` sweeps every numeric assumption's plausible range");
        return;
    }
    const auto given = [&](const std::string& path) {
        return std::find(excluded.begin(), excluded.end(), path) != excluded.end() ||
               out.common.count(path) > 0 ||
               std::any_of(out.arms.begin(), out.arms.end(),
                           [&](const Arm& arm) { return arm.overrides.count(path) > 0; }) ||
               std::any_of(out.parameters.begin(), out.parameters.end(),
                           [&](const SweptParameter& p) { return p.path == path; });
    };
    for (const auto* spec : scenario::prior_parameters(false)) {
        if (given(spec->path))
            continue;
        out.parameters.push_back({spec->path,
                                  spec->type == scenario::ParamType::kInt,
                                  spec->provenance.plausible_low,
                                  spec->provenance.plausible_high,
                                  {},
                                  reader.at(priors)});
    }
}

}  // namespace

namespace {

// `method:`; returns false when it is missing or unknown (after reporting).
bool read_method(Reader& reader, const YAML::Node& node, Experiment& out) {
    std::string method;
    if (!node["method"]) {
        reader.fail(node, "sample.method", "required key is missing",
                    "add `method: lhs`, `sobol`, `morris` or `points`");
        return false;
    }
    if (!reader.word(node["method"], "sample.method", method))
        return false;
    if (method == "lhs")
        out.design = DesignKind::kLhs;
    else if (method == "sobol")
        out.design = DesignKind::kSobol;
    else if (method == "morris")
        out.design = DesignKind::kMorris;
    else if (method == "points")
        out.design = DesignKind::kPoints;
    else {
        const std::string near =
            scenario::closest_match(method, {"lhs", "sobol", "morris", "points"});
        reader.fail(node["method"], "sample.method",
                    "expected lhs, sobol, morris or points, got `" + method + "`",
                    near.empty() ? "" : "did you mean `" + near + "`?");
        return false;
    }
    return true;
}

// `levels:` of a Morris design. With p odd the step delta = p / (2(p - 1)) is not a whole number
// of grid intervals, so steps leave the p-level grid and the levels are not sampled equally
// (Morris 1991; Saltelli et al. 2008, ch. 3): refused rather than silently skewed.
void read_levels(Reader& reader, const YAML::Node& node, Experiment& out) {
    std::int64_t levels = 4;
    if (out.design != DesignKind::kMorris) {
        reader.fail(node, "sample.levels", "only Morris designs have levels", "remove it");
    } else if (reader.integer(node, "sample.levels", 2, 1000, levels)) {
        if (levels % 2 != 0) {
            reader.fail(node, "sample.levels",
                        "Morris levels must be even, got " + std::to_string(levels),
                        "use " + std::to_string(levels - 1) + " or " + std::to_string(levels + 1) +
                            "; 4 is the usual choice");
        } else {
            out.levels = static_cast<int>(levels);
        }
    }
}

}  // namespace

void read_sample(Reader& reader, const YAML::Node& node, Experiment& out) {
    if (!node.IsMap()) {
        reader.fail(node, "sample", "expected a block with method, n and parameters", "");
        return;
    }
    check_keys(reader, node, "sample.", kSampleKeys);
    if (read_method(reader, node, out) && out.design == DesignKind::kPoints) {
        read_points(reader, node, out);
        return;
    }
    for (const char* key : {"file", "values"}) {
        if (node[key]) {
            reader.fail(node[key], std::string("sample.") + key,
                        "only `method: points` lists its points", "remove it");
        }
    }
    if (!node["n"]) {
        reader.fail(node, "sample.n", "required key is missing", "add `n:` (number of samples)");
    } else {
        reader.integer(node["n"], "sample.n", 1, 10'000'000, out.samples);
        out.samples_where = reader.at(node["n"]);
    }
    if (node["levels"])
        read_levels(reader, node["levels"], out);
    read_sample_parameters(reader, node["parameters"], static_cast<bool>(node["priors"]), out);
    read_priors(reader, node, out);
}

}  // namespace localism::experiment
