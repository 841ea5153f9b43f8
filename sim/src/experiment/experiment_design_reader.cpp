// Reading an experiment's design: `grid:` values and `sample:` ranges; see experiment.hpp.
#include <algorithm>
#include <map>

#include "experiment_reader.hpp"
#include "localism/scenario/schema.hpp"

namespace localism::experiment {

namespace {

const std::vector<std::string> kSampleKeys = {"method",     "n",    "levels",
                                              "parameters", "file", "values"};

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

void read_sample_parameters(Reader& reader, const YAML::Node& node, Experiment& out) {
    if (!node || !node.IsMap() || node.size() == 0) {
        reader.fail(node ? node : YAML::Node(), "sample.parameters",
                    "expected a block of `parameter.path: [low, high]` lines",
                    "e.g. `parameters: {councils.outreach: [0.1, 0.9]}`");
        return;
    }
    std::map<std::string, int> seen;
    for (const auto& entry : node) {
        const std::string path = entry.first.Scalar();
        const auto* spec = swept_parameter(reader, seen, entry.first, "sample.parameters.");
        if (!spec)
            continue;
        if (!entry.second.IsSequence() || entry.second.size() != 2) {
            reader.fail(entry.second, path, "expected [low, high]", "e.g. `[0.1, 0.9]`");
            continue;
        }
        SweptParameter parameter{
            path, spec->type == scenario::ParamType::kInt, 0, 0, {}, reader.at(entry.first)};
        if (!design_value(reader, entry.second[0], path, parameter.low) ||
            !design_value(reader, entry.second[1], path, parameter.high)) {
            continue;
        }
        if (!(parameter.low < parameter.high)) {
            reader.fail(entry.second, path, "low must be below high", "write [low, high]");
            continue;
        }
        out.parameters.push_back(std::move(parameter));
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
    if (!node["n"])
        reader.fail(node, "sample.n", "required key is missing", "add `n:` (number of samples)");
    else
        reader.integer(node["n"], "sample.n", 1, 10'000'000, out.samples);
    if (node["levels"]) {
        std::int64_t levels = 4;
        if (out.design != DesignKind::kMorris)
            reader.fail(node["levels"], "sample.levels", "only Morris designs have levels",
                        "remove it");
        else if (reader.integer(node["levels"], "sample.levels", 2, 1000, levels))
            out.levels = static_cast<int>(levels);
    }
    read_sample_parameters(reader, node["parameters"], out);
}

}  // namespace localism::experiment
