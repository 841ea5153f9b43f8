// Internal helpers to declare schema entries by member pointer (shared by the schema_*.cpp files).
#pragma once

#include <array>
#include <string>
#include <utility>
#include <vector>

#include "localism/scenario/schema.hpp"

namespace localism::scenario::detail {

struct Doc {
    std::string unit;
    std::string meaning;
    Provenance source;  // made by user_choice, measured, assumption or calibrated below
};

// The question asked: names, seeds, sizes, budgets, policy design, switches, output settings.
inline Provenance user_choice(std::string why) {
    return {ParamKind::kUserChoice, std::move(why), {}, false, 0.0, 0.0};
}

// Taken from an observation; `source` names what was observed and where.
inline Provenance measured(std::string source) {
    return {ParamKind::kMeasured, std::move(source), {}, false, 0.0, 0.0};
}

// Not tied to data: [low, high] is the plausible range the uncertainty experiment samples.
inline Provenance assumption(double low, double high, std::string note = "") {
    return {ParamKind::kAssumption, std::move(note), {}, true, low, high};
}

// Fitted to observed patterns; [low, high] is the prior the calibration searches.
inline Provenance calibrated(std::vector<std::string> patterns, double low, double high,
                             std::string note = "") {
    return {ParamKind::kCalibrated, std::move(note), std::move(patterns), true, low, high};
}

template <typename Block, typename Field>
ParamSpec numeric(std::string path, Block Scenario::*block, Field Block::*field, double min,
                  double max, Doc doc) {
    ParamSpec spec;
    spec.path = std::move(path);
    spec.type = std::is_integral_v<Field> ? ParamType::kInt : ParamType::kFloat;
    spec.min = min;
    spec.max = max;
    spec.unit = std::move(doc.unit);
    spec.meaning = std::move(doc.meaning);
    spec.provenance = std::move(doc.source);
    spec.assign = [block, field](Scenario& s, const ParamValue& v) {
        if constexpr (std::is_integral_v<Field>) {
            s.*block.*field = static_cast<Field>(std::get<std::int64_t>(v));
        } else {
            s.*block.*field = static_cast<Field>(std::get<double>(v));
        }
    };
    spec.read = [block, field](const Scenario& s) -> ParamValue {
        if constexpr (std::is_integral_v<Field>) {
            return static_cast<std::int64_t>(s.*block.*field);
        } else {
            return static_cast<double>(s.*block.*field);
        }
    };
    return spec;
}

// A parameter taken as given, without a range: a switch or a string.
template <typename Block, typename Value>
ParamSpec exact(std::string path, Block Scenario::*block, Value Block::*field, ParamType type,
                Doc doc) {
    ParamSpec spec;
    spec.path = std::move(path);
    spec.type = type;
    spec.unit = "-";
    spec.meaning = std::move(doc.meaning);
    spec.provenance = std::move(doc.source);
    spec.assign = [block, field](Scenario& s, const ParamValue& v) {
        s.*block.*field = std::get<Value>(v);
    };
    spec.read = [block, field](const Scenario& s) -> ParamValue { return s.*block.*field; };
    return spec;
}

template <typename Block>
ParamSpec flag(std::string path, Block Scenario::*block, bool Block::*field, Doc doc) {
    return exact(std::move(path), block, field, ParamType::kBool, std::move(doc));
}

template <typename Block>
ParamSpec text(std::string path, Block Scenario::*block, std::string Block::*field, Doc doc) {
    return exact(std::move(path), block, field, ParamType::kString, std::move(doc));
}

// An enum parameter; `names[i]` is the YAML spelling of enumerator value i.
template <typename Block, typename Enum, std::size_t N>
ParamSpec choice(std::string path, Block Scenario::*block, Enum Block::*field,
                 std::array<const char*, N> names, Doc doc) {
    ParamSpec spec;
    spec.path = std::move(path);
    spec.type = ParamType::kChoice;
    spec.choices.assign(names.begin(), names.end());
    spec.unit = "-";
    spec.meaning = std::move(doc.meaning);
    spec.provenance = std::move(doc.source);
    spec.assign = [block, field, names](Scenario& s, const ParamValue& v) {
        const auto& name = std::get<std::string>(v);
        for (std::size_t i = 0; i < N; ++i) {
            if (name == names[i])
                s.*block.*field = static_cast<Enum>(i);
        }
    };
    spec.read = [block, field, names](const Scenario& s) -> ParamValue {
        return std::string(names[static_cast<std::size_t>(s.*block.*field)]);
    };
    return spec;
}

inline ParamSpec required(ParamSpec spec) {
    spec.required = true;
    return spec;
}

// Each block's entries; defined in schema_<area>.cpp.
void add_run_and_population(std::vector<ParamSpec>& out);
void add_community_mechanisms(std::vector<ParamSpec>& out);
void add_councils_and_central(std::vector<ParamSpec>& out);
void add_knowledge_network_output(std::vector<ParamSpec>& out);
void add_knowhow(std::vector<ParamSpec>& out);
void add_capacity(std::vector<ParamSpec>& out);
void add_leaders(std::vector<ParamSpec>& out);
void add_sector_and_grant_cliff(std::vector<ParamSpec>& out);
void add_fairness(std::vector<ParamSpec>& out);  // schema_transaction.cpp

}  // namespace localism::scenario::detail
