// Parameter columns of the manifest; see manifest_params.hpp.
#include "manifest_params.hpp"

#include <algorithm>
#include <cmath>
#include <cstdlib>
#include <set>

#include "localism/scenario/schema.hpp"
#include "localism/scenario/validate.hpp"

namespace localism::experiment::detail {

namespace {

// A parameter's effective value: a number, or text for booleans, choices and strings.
struct Value {
    bool numeric = false;
    double number = 0.0;
    std::string text;
    bool operator==(const Value& other) const {
        return numeric ? number == other.number || (std::isnan(number) && std::isnan(other.number))
                       : text == other.text;
    }
};

Value from_param(const scenario::ParamValue& value) {
    if (const auto* i = std::get_if<std::int64_t>(&value))
        return {true, static_cast<double>(*i), ""};
    if (const auto* d = std::get_if<double>(&value))
        return {true, *d, ""};
    if (const auto* b = std::get_if<bool>(&value))
        return {false, 0.0, *b ? "true" : "false"};
    return {false, 0.0, std::get<std::string>(value)};
}

// An arm that does not validate (its runs fail) still gets values: the text it sets, or the
// default. A number that does not parse reads NaN.
Value from_text(const scenario::ParamSpec& spec, const std::string& text) {
    const bool numeric =
        spec.type == scenario::ParamType::kInt || spec.type == scenario::ParamType::kFloat;
    if (!numeric)
        return {false, 0.0, text};
    char* end = nullptr;
    const double number = std::strtod(text.c_str(), &end);
    return {true, end != text.c_str() && *end == '\0' ? number : std::nan(""), ""};
}

// Every schema parameter's value in one arm (schema order), as its runs would see it.
std::vector<Value> arm_values(const scenario::RawTree& leaves) {
    const auto& specs = scenario::schema();
    std::vector<Value> out;
    try {
        const Scenario s = scenario::validate(leaves, 0);
        for (const auto& spec : specs)
            out.push_back(from_param(spec.read(s)));
    } catch (const scenario::InputError&) {
        static const Scenario defaults;
        for (const auto& spec : specs) {
            const auto it = leaves.find(spec.path);
            out.push_back(it != leaves.end() ? from_text(spec, it->second.text)
                                             : from_param(spec.read(defaults)));
        }
    }
    return out;
}

// Labels of the run, not parameters of the model; the seed has its own column.
bool descriptive(const std::string& path) {
    return path == "run.seed" || path == "run.name" || path == "run.description";
}

}  // namespace

ParamColumns::ParamColumns(const Design& design) {
    const Experiment& e = design.experiment();
    std::set<std::string> designed;
    for (const auto& p : e.parameters) {
        numeric_paths_.push_back(p.path);
        designed.insert(p.path);
    }
    design_count_ = numeric_paths_.size();
    std::vector<std::vector<Value>> by_arm;
    for (std::size_t arm = 0; arm < e.arms.size(); ++arm)
        by_arm.push_back(arm_values(design.arm_leaves(arm)));
    const auto& specs = scenario::schema();
    for (std::size_t k = 0; k < specs.size(); ++k) {
        const std::string& path = specs[k].path;
        const bool varies = std::any_of(by_arm.begin(), by_arm.end(),
                                        [&](const auto& arm) { return !(arm[k] == by_arm[0][k]); });
        if (!varies || descriptive(path) || designed.count(path))
            continue;
        std::vector<double> numbers;
        std::vector<std::string> texts;
        for (const auto& arm : by_arm) {
            numbers.push_back(arm[k].number);
            texts.push_back(arm[k].text);
        }
        if (by_arm[0][k].numeric) {
            numeric_paths_.push_back(path);
            arm_numbers_.push_back(std::move(numbers));
        } else {
            text_paths_.push_back(path);
            arm_texts_.push_back(std::move(texts));
        }
    }
}

void ParamColumns::add(const RunSpec& run, const DesignPoint& point, RowBlock& block) const {
    for (std::size_t p = 0; p < design_count_; ++p)
        block.params[p].push_back(point.values[p]);
    for (std::size_t c = 0; c < arm_numbers_.size(); ++c)
        block.params[design_count_ + c].push_back(arm_numbers_[c][run.arm]);
    for (std::size_t c = 0; c < arm_texts_.size(); ++c)
        block.text_params[c].push_back(arm_texts_[c][run.arm]);
}

}  // namespace localism::experiment::detail
