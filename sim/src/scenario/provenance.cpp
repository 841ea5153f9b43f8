// Rendering a parameter's provenance (kind, source text, plausible range) and selecting the
// parameters whose plausible ranges act as priors.
#include <algorithm>
#include <charconv>
#include <cmath>
#include <limits>

#include "localism/scenario/schema.hpp"

namespace localism::scenario {

namespace {

// Plain decimal, shortest text that reads back to the same value: "0.005", "1500", "3000000".
std::string plain_number(double value) {
    char buffer[64];
    auto [end, ec] = std::to_chars(buffer, buffer + sizeof buffer, value, std::chars_format::fixed);
    return std::string(buffer, end);
}

std::string with_note(std::string text, const std::string& note) {
    return note.empty() ? text : text + "; " + note;
}

}  // namespace

std::string kind_name(ParamKind kind) {
    switch (kind) {
        case ParamKind::kUserChoice:
            return "user choice";
        case ParamKind::kCalibrated:
            return "calibrated";
        case ParamKind::kMeasured:
            return "measured";
        case ParamKind::kAssumption:
            return "assumption";
        case ParamKind::kUnset:
            break;
    }
    return "unset";
}

std::string plausible_range_text(const ParamSpec& spec) {
    const Provenance& p = spec.provenance;
    if (!p.has_range)
        return "";
    const char* separator = p.plausible_low < 0 ? " to " : "-";
    return plain_number(p.plausible_low) + separator + plain_number(p.plausible_high);
}

std::string source_text(const ParamSpec& spec) {
    const Provenance& p = spec.provenance;
    switch (p.kind) {
        case ParamKind::kUserChoice:
            return "user choice: " + p.detail;
        case ParamKind::kMeasured:
            return "measured: " + p.detail;
        case ParamKind::kAssumption:
            return with_note("assumption, plausible range " + plausible_range_text(spec), p.detail);
        case ParamKind::kCalibrated: {
            std::string names;
            for (const auto& name : p.patterns)
                names += (names.empty() ? "" : ", ") + name;
            return with_note("calibrated to " + names, p.detail);
        }
        case ParamKind::kUnset:
            break;
    }
    return "(no source)";
}

std::vector<const ParamSpec*> prior_parameters(bool include_calibrated) {
    std::vector<const ParamSpec*> out;
    for (const auto& spec : schema()) {
        const bool numeric = spec.type == ParamType::kInt || spec.type == ParamType::kFloat;
        const ParamKind kind = spec.provenance.kind;
        const bool sampled = kind == ParamKind::kAssumption ||
                             (include_calibrated && kind == ParamKind::kCalibrated);
        if (numeric && sampled && spec.provenance.has_range)
            out.push_back(&spec);
    }
    return out;
}

namespace {

// The default as a number, or NaN for a required parameter or a non-numeric one.
double numeric_default(const ParamSpec& spec, const Scenario& defaults) {
    if (spec.required)
        return std::numeric_limits<double>::quiet_NaN();
    const ParamValue value = spec.read(defaults);
    if (const auto* i = std::get_if<std::int64_t>(&value))
        return static_cast<double>(*i);
    if (const auto* d = std::get_if<double>(&value))
        return *d;
    return std::numeric_limits<double>::quiet_NaN();
}

void range_problems(const ParamSpec& spec, const Scenario& defaults,
                    std::vector<std::string>& out) {
    const Provenance& p = spec.provenance;
    const bool numeric = spec.type == ParamType::kInt || spec.type == ParamType::kFloat;
    if (!numeric) {
        out.push_back("an assumption or calibrated parameter must be numeric to have a range");
        return;
    }
    if (!p.has_range) {
        out.push_back("no plausible range");
        return;
    }
    const std::string range = "plausible range " + plausible_range_text(spec);
    if (!(p.plausible_low < p.plausible_high))
        out.push_back(range + ": low must be below high");
    if (p.plausible_low < spec.min || p.plausible_high > spec.max)
        out.push_back(range + " lies outside the allowed " + format_value(spec.min) + " .. " +
                      format_value(spec.max));
    const double value = numeric_default(spec, defaults);
    if (!std::isnan(value) && (value < p.plausible_low || value > p.plausible_high))
        out.push_back(range + " excludes the default " + format_value(value));
}

}  // namespace

std::vector<std::string> provenance_problems(const ParamSpec& spec, const Scenario& defaults,
                                             const std::vector<std::string>& patterns) {
    std::vector<std::string> out;
    const Provenance& p = spec.provenance;
    switch (p.kind) {
        case ParamKind::kUnset:
            out.push_back("no kind (user choice, calibrated, measured or assumption)");
            return out;
        case ParamKind::kUserChoice:
        case ParamKind::kMeasured:
            if (p.detail.empty())
                out.push_back("a " + kind_name(p.kind) + " must say why or from what");
            if (p.has_range)
                out.push_back("a " + kind_name(p.kind) + " has no plausible range");
            return out;
        case ParamKind::kCalibrated:
            if (p.patterns.empty())
                out.push_back("calibrated to no pattern");
            for (const auto& name : p.patterns) {
                if (std::find(patterns.begin(), patterns.end(), name) == patterns.end())
                    out.push_back("calibrated to unknown pattern `" + name + "`");
            }
            break;
        case ParamKind::kAssumption:
            break;
    }
    range_problems(spec, defaults, out);
    return out;
}

const std::vector<std::string>& known_pattern_names() {
    // The pattern names agreed for scenarios/patterns/observed.yaml (issue 13); the schema test
    // also checks calibrated parameters against that file when it exists.
    static const std::vector<std::string> names = {
        "bgc_entrants",          "bgc_plan_support_ratio",   "bgc_pitch_ratio",
        "bgc_finalist_ratio",    "bgc_award_ratio",          "bgc_entrants_brand_new",
        "bgc_entrants_under_5y", "bgc_finalist_cut",         "nc_applications",
        "nc_funded_areas",       "nc_sustained_one_year_on", "bgc_unfunded_entrants_continue",
    };
    return names;
}

}  // namespace localism::scenario
