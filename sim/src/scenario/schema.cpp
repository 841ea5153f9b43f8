// Assembles the schema from its blocks and renders values.
#include "localism/scenario/schema.hpp"

#include <algorithm>
#include <charconv>

#include "schema_builder.hpp"

namespace localism::scenario {

namespace {

// Keeps each block's entries together, blocks in order of first appearance, entries in the order
// added: a block's entries may be added from more than one file (schema_transaction.cpp adds to
// councils, central, devolved and prize), while `describe` and the parameter dictionary need
// one contiguous run per block.
void group_by_block(std::vector<ParamSpec>& specs) {
    std::vector<std::string> blocks;
    const auto rank = [&](const ParamSpec& spec) {
        const std::string block = spec.path.substr(0, spec.path.find('.'));
        const auto at = std::find(blocks.begin(), blocks.end(), block);
        return static_cast<std::size_t>(at - blocks.begin());
    };
    for (const ParamSpec& spec : specs) {
        if (rank(spec) == blocks.size())
            blocks.push_back(spec.path.substr(0, spec.path.find('.')));
    }
    std::stable_sort(specs.begin(), specs.end(),
                     [&](const ParamSpec& a, const ParamSpec& b) { return rank(a) < rank(b); });
}

}  // namespace

const std::vector<ParamSpec>& schema() {
    static const std::vector<ParamSpec> all = [] {
        std::vector<ParamSpec> out;
        detail::add_run_and_population(out);
        detail::add_community_mechanisms(out);
        detail::add_councils_and_central(out);
        detail::add_knowledge_network_output(out);
        detail::add_knowhow(out);
        detail::add_capacity(out);
        detail::add_leaders(out);
        detail::add_sector_and_grant_cliff(out);
        detail::add_fairness(out);
        group_by_block(out);
        return out;
    }();
    return all;
}

const ParamSpec* find_param(const std::string& path) {
    for (const auto& spec : schema()) {
        if (spec.path == path)
            return &spec;
    }
    return nullptr;
}

bool is_block(const std::string& path) {
    const std::string prefix = path + ".";
    for (const auto& spec : schema()) {
        if (spec.path.compare(0, prefix.size(), prefix) == 0)
            return true;
    }
    return false;
}

std::string type_name(const ParamSpec& spec) {
    switch (spec.type) {
        case ParamType::kInt:
            return "integer";
        case ParamType::kFloat:
            return "number";
        case ParamType::kBool:
            return "boolean (true or false)";
        case ParamType::kString:
            return "text";
        case ParamType::kChoice: {
            std::string names;
            for (const auto& c : spec.choices)
                names += (names.empty() ? "" : " | ") + c;
            return "one of " + names;
        }
    }
    return "?";
}

std::string format_value(const ParamValue& value) {
    if (const auto* i = std::get_if<std::int64_t>(&value))
        return std::to_string(*i);
    if (const auto* b = std::get_if<bool>(&value))
        return *b ? "true" : "false";
    if (const auto* s = std::get_if<std::string>(&value))
        return *s;
    // Shortest representation that parses back to the same double (std::to_chars guarantees it),
    // so `describe` output fed back to `run` reproduces the run exactly.
    char buffer[64];
    const double d = std::get<double>(value);
    auto [end, ec] = std::to_chars(buffer, buffer + sizeof buffer, d);
    std::string text(buffer, end);
    if (text.find_first_of(".eEn") == std::string::npos)
        text += ".0";
    return text;
}

}  // namespace localism::scenario
