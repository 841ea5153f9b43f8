// Typing, range checks and cross-parameter checks for scenarios.
#include "localism/scenario/validate.hpp"

#include <unistd.h>

#include <charconv>
#include <cmath>
#include <cstdlib>
#include <filesystem>

#include "localism/scenario/geography.hpp"
#include "localism/scenario/schema.hpp"
#include "validate_detail.hpp"

namespace localism::scenario {

namespace {

bool parse_int(const std::string& text, std::int64_t& out) {
    const char* end = text.data() + text.size();
    auto [ptr, ec] = std::from_chars(text.data(), end, out);
    return ec == std::errc() && ptr == end;
}

bool parse_float(const std::string& text, double& out) {
    const char* end = text.data() + text.size();
    auto [ptr, ec] = std::from_chars(text.data(), end, out);
    return ec == std::errc() && ptr == end && std::isfinite(out);
}

std::string range_text(const ParamSpec& spec) {
    return "between " +
           format_value(spec.type == ParamType::kInt
                            ? ParamValue{static_cast<std::int64_t>(spec.min)}
                            : ParamValue{spec.min}) +
           " and " +
           format_value(spec.type == ParamType::kInt
                            ? ParamValue{static_cast<std::int64_t>(spec.max)}
                            : ParamValue{spec.max});
}

}  // namespace

namespace detail {

bool convert(const ParamSpec& spec, const RawValue& raw, ParamValue& value,
             std::vector<Diagnostic>& errors) {
    const std::string got = "got `" + raw.text + "`";
    const std::string expected = "expected " + type_name(spec) + ", " + got;
    bool ok = !raw.quoted || spec.type == ParamType::kString || spec.type == ParamType::kChoice;
    double number = 0.0;
    if (ok && spec.type == ParamType::kInt) {
        std::int64_t i = 0;
        ok = parse_int(raw.text, i);
        value = i;
        number = static_cast<double>(i);
    } else if (ok && spec.type == ParamType::kFloat) {
        ok = parse_float(raw.text, number);
        value = number;
    } else if (ok && spec.type == ParamType::kBool) {
        ok = raw.text == "true" || raw.text == "false";
        value = raw.text == "true";
    } else if (ok && spec.type == ParamType::kChoice) {
        ok = std::find(spec.choices.begin(), spec.choices.end(), raw.text) != spec.choices.end();
        value = raw.text;
        if (!ok) {
            const std::string near = closest_match(raw.text, spec.choices);
            errors.push_back({raw.where, spec.path, expected,
                              near.empty() ? "" : "did you mean `" + near + "`?"});
            return false;
        }
    } else if (ok) {
        value = raw.text;
    }
    if (!ok) {
        const bool numeric = spec.type == ParamType::kInt || spec.type == ParamType::kFloat ||
                             spec.type == ParamType::kBool;
        std::string hint =
            raw.quoted && numeric ? "the value is quoted text: remove the quotes" : "";
        if (hint.empty() && spec.unit != "-")
            hint = "unit: " + spec.unit;
        errors.push_back({raw.where, spec.path, expected, hint});
        return false;
    }
    if ((spec.type == ParamType::kInt || spec.type == ParamType::kFloat) &&
        (number < spec.min || number > spec.max)) {
        errors.push_back({raw.where, spec.path, "expected a value " + range_text(spec) + ", " + got,
                          "unit: " + spec.unit});
        return false;
    }
    return true;
}

Diagnostic unknown_key(const std::string& path, const RawValue& raw) {
    if (is_block(path)) {
        return {raw.where, path, "is a block of settings, not a single value",
                "indent its settings under `" + path + ":`"};
    }
    std::vector<std::string> candidates;
    for (const auto& spec : schema()) {
        candidates.push_back(spec.path);
        candidates.push_back(spec.path.substr(0, spec.path.find('.')));
    }
    std::string near = closest_match(path, candidates);
    const auto dot = path.find('.');
    if (near.empty() && dot != std::string::npos)
        near = closest_match(path.substr(0, dot), candidates);
    return {raw.where, path, "unknown key",
            near.empty() ? "see `localism params` for every key" : "did you mean `" + near + "`?"};
}

}  // namespace detail

namespace {

template <typename Where>
void check_network_consistency(const Scenario& s, const Where& where,
                               std::vector<Diagnostic>& errors) {
    if (s.network.type != NetworkType::kWellMixed &&
        s.network.mean_degree >= s.population.communities && s.population.communities > 1) {
        errors.push_back({where("network.mean_degree"), "network.mean_degree",
                          "mean degree must be below the number of communities",
                          "lower network.mean_degree"});
    }
    if (s.network.klemm_variant == KlemmVariant::kRepastHpc && s.network.klemm_mu != 0.0) {
        errors.push_back({where("network.klemm_mu"), "network.klemm_mu",
                          "Repast HPC's Klemm-Eguiluz variant has no random attachment, but "
                          "klemm_mu is " +
                              format_value(s.network.klemm_mu),
                          "set network.klemm_mu: 0, or network.klemm_variant: paper"});
    }
}

}  // namespace

namespace detail {

void check_consistency(const Scenario& s, const RawTree& leaves, std::vector<Diagnostic>& errors) {
    auto where = [&](const std::string& path) {
        const auto it = leaves.find(path);
        return it == leaves.end() ? SourceLocation{"(scenario)", 0, 0} : it->second.where;
    };
    if (s.population.councils > s.population.communities) {
        errors.push_back({where("population.councils"), "population.councils",
                          "there are more councils than communities",
                          "use at most population.communities councils"});
    }
    const auto& c = s.councils;
    const double shares =
        c.open_grants_share + c.contracts_share + c.nonfinancial_share + c.local_challenge_share;
    if (std::abs(shares - 1.0) > 1e-9) {
        errors.push_back(
            {where("councils.open_grants_share"), "councils.*_share",
             "the four council spending shares must add up to 1, they add up to " +
                 format_value(shares),
             "adjust open_grants, contracts, nonfinancial and local_challenge shares"});
    }
    check_network_consistency(s, where, errors);
    const auto& prize = s.prize;
    const auto funnel_months = prize.call_open_months + prize.plan_months + prize.delivery_months;
    if (s.central.mode != PolicyMode::kCentralised && prize.enabled &&
        prize.interval_months < funnel_months) {
        errors.push_back(
            {where("prize.interval_months"), "prize.interval_months",
             "a new prize call would start before the last one's awards (call + plan + "
             "delivery = " +
                 std::to_string(funnel_months) + " months)",
             "set prize.interval_months to at least " + std::to_string(funnel_months)});
    }
    const double ties = static_cast<double>(s.population.communities) *
                        static_cast<double>(std::max(s.network.mean_degree, s.network.klemm_m) +
                                            s.devolved.learning_ties_per_community);
    if (s.network.type != NetworkType::kWellMixed && ties >= 4.0e9) {
        errors.push_back({where("network.mean_degree"), "network.mean_degree",
                          "the network would have about " + format_value(ties) +
                              " ties; the engine stores tie indices in 32 bits (under 4e9)",
                          "lower population.communities or network.mean_degree"});
    }
    if (s.knowhow.enabled && s.knowhow.interactions >= s.knowhow.choices) {
        errors.push_back({where("knowhow.interactions"), "knowhow.interactions",
                          "each design choice can interact with at most the other " +
                              std::to_string(s.knowhow.choices - 1) + " choices",
                          "set knowhow.interactions below knowhow.choices"});
    }
    if (s.emergence.initial_active > s.population.communities) {
        errors.push_back({where("emergence.initial_active"), "emergence.initial_active",
                          "more initially active groups than communities",
                          "use at most population.communities"});
    }
    if (s.central.mode != PolicyMode::kDevolved &&
        s.centralised.pilot_areas > s.population.councils) {
        errors.push_back({where("centralised.pilot_areas"), "centralised.pilot_areas",
                          "more pilot areas than councils",
                          "set centralised.pilot_areas to at most population.councils"});
    }
}

}  // namespace detail

namespace {

using detail::check_consistency;
using detail::convert;
using detail::unknown_key;

// The geography sets the count. A count given in the same file as population.geography (or by
// --set) must agree with it; one inherited from an extended base file is replaced, so a real
// geography can extend a synthetic scenario's settings.
void take_count(const RawTree& leaves, const std::string& key, std::int64_t from_file,
                std::int64_t& count, std::vector<Diagnostic>& errors) {
    const auto it = leaves.find(key);
    const std::string& geography_file = leaves.at("population.geography").where.file;
    const bool stated_here = it != leaves.end() && (it->second.where.file == geography_file ||
                                                    it->second.where.file.rfind("--set", 0) == 0);
    if (stated_here && count != from_file) {
        errors.push_back({it->second.where, key,
                          "is " + std::to_string(count) + " but population.geography has " +
                              std::to_string(from_file),
                          "remove `" + key + "`: the geography sets it"});
    }
    count = from_file;
}

// Reads population.geography (relative to the file that set it) and takes the communities and
// councils from it; its problems are located in its own files.
void load_geography(Scenario& s, const RawTree& leaves, std::vector<Diagnostic>& errors) {
    namespace fs = std::filesystem;
    const RawValue& raw = leaves.at("population.geography");
    fs::path path(s.population.geography);
    const std::string& file = raw.where.file;
    if (path.is_relative() && !file.empty() && file.rfind("--set", 0) != 0 && file[0] != '(')
        path = fs::path(file).parent_path() / path;
    std::error_code ignored;
    s.population.geography = fs::absolute(path, ignored).lexically_normal().string();
    try {
        auto tables = std::make_shared<Geography>(read_geography(s.population.geography));
        take_count(leaves, "population.communities",
                   static_cast<std::int64_t>(tables->communities()), s.population.communities,
                   errors);
        take_count(leaves, "population.councils",
                   static_cast<std::int64_t>(tables->councils.size()), s.population.councils,
                   errors);
        s.geography_tables = std::move(tables);
    } catch (const InputError& e) {
        errors.insert(errors.end(), e.diagnostics().begin(), e.diagnostics().end());
    }
}

void check_memory(const Scenario& s, std::uint64_t available, std::vector<Diagnostic>& errors) {
    const std::uint64_t needed = estimated_memory_bytes(s);
    if (available == 0 || needed <= available)
        return;
    const double gib = 1024.0 * 1024.0 * 1024.0;
    char text[160];
    std::snprintf(text, sizeof text,
                  "the run would need about %.1f GiB of memory, this machine has %.1f GiB",
                  static_cast<double>(needed) / gib, static_cast<double>(available) / gib);
    errors.push_back(
        {{"(scenario)", 0, 0},
         "population.communities",
         text,
         "lower population.communities or network.mean_degree, or use a bigger machine"});
}

}  // namespace

std::uint64_t estimated_memory_bytes(const Scenario& s) {
    // Per community: state arrays (~160 B, see docs/output-format.md) plus in- and out-edge CSR.
    const auto communities = static_cast<std::uint64_t>(s.population.communities);
    // Klemm-Eguiluz gives every community m out-ties (and their reverse index) whatever the
    // mean degree says: at m = 1000 that is 8 kB per community.
    const auto degree = s.network.type == NetworkType::kKlemmEguiluz
                            ? std::max(s.network.mean_degree, s.network.klemm_m)
                            : s.network.mean_degree;
    const auto ties = static_cast<std::uint64_t>(degree + s.devolved.learning_ties_per_community);
    return communities * (160 + 2 * 4 * ties) + 64ull * 1024 * 1024;
}

std::uint64_t physical_memory_bytes() {
    return static_cast<std::uint64_t>(sysconf(_SC_PHYS_PAGES)) *
           static_cast<std::uint64_t>(sysconf(_SC_PAGE_SIZE));
}

Scenario validate(const RawTree& leaves, std::uint64_t available_memory_bytes) {
    std::vector<Diagnostic> errors;
    Scenario scenario;
    RawTree timeline;
    for (const auto& [path, raw] : leaves) {
        if (detail::is_timeline_key(path)) {
            timeline.insert({path, raw});
            continue;
        }
        const ParamSpec* spec = find_param(path);
        if (!spec) {
            // Past the cap only the count matters (see InputError): skip the hint search.
            errors.push_back(errors.size() < kMaxDiagnostics
                                 ? unknown_key(path, raw)
                                 : Diagnostic{raw.where, path, "unknown key", ""});
            continue;
        }
        ParamValue value;
        if (convert(*spec, raw, value, errors))
            spec->assign(scenario, value);
    }
    const bool geography = !scenario.population.geography.empty();
    if (geography && errors.empty())
        load_geography(scenario, leaves, errors);
    for (const auto& spec : schema()) {
        if (geography && spec.path == "population.communities")
            continue;  // the geography sets it
        if (spec.required && !leaves.count(spec.path)) {
            errors.push_back({{"(scenario)", 0, 0},
                              spec.path,
                              "required key is missing",
                              "add `" + spec.path + "` (" + spec.meaning + ")"});
        }
    }
    if (errors.empty())
        check_consistency(scenario, leaves, errors);
    if (errors.empty())
        check_memory(scenario, available_memory_bytes, errors);
    if (!timeline.empty())
        detail::build_timeline(scenario, timeline, leaves, errors);
    if (!errors.empty())
        throw InputError(std::move(errors));
    return scenario;
}

Scenario load_scenario(const std::string& path, const std::vector<std::string>& overrides) {
    return validate_source(read_scenario_source(path, overrides));
}

Scenario validate_source(const ScenarioSource& source) {
    const std::string& path = source.main_file;
    std::vector<Diagnostic> errors;
    std::size_t total = 0;
    try {
        return validate(source.leaves, physical_memory_bytes());
    } catch (InputError& e) {
        // Missing-key diagnostics point at the main file rather than "(scenario)".
        errors = e.diagnostics();
        total = e.total();
        for (auto& d : errors) {
            if (d.where.file == "(scenario)")
                d.where.file = path;
        }
    }
    throw InputError(std::make_pair(std::move(errors), total));
}

}  // namespace localism::scenario
