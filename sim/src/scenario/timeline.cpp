// The policy timeline: which keys may change mid-run, checking dated changes, and building the
// policy phases (ODD 7.20).
#include "localism/scenario/timeline.hpp"

#include <algorithm>
#include <charconv>
#include <map>
#include <memory>

#include "validate_detail.hpp"

namespace localism {

const Scenario& scenario_in_month(const Scenario& scenario, std::int32_t month) {
    if (!scenario.timeline)
        return scenario;
    const Scenario* in_force = &scenario;
    for (const PolicyPhase& phase : scenario.timeline->phases) {
        if (phase.first_month > month)
            break;
        in_force = &phase.scenario;
    }
    return *in_force;
}

std::int64_t changes_in_month(const Scenario& scenario, std::int32_t month) {
    if (!scenario.timeline)
        return 0;
    const auto& changes = scenario.timeline->changes;
    return std::count_if(changes.begin(), changes.end(),
                         [&](const PolicyChange& c) { return c.month == month; });
}

namespace scenario {

const std::vector<ChangeRule>& change_rules() {
    static const std::vector<ChangeRule> rules = {
        {"devolved.learning_ties_per_community", false,
         "learning ties are ties of the peer network, which is built at month 0"},
        {"devolved.learning_tie_partners", false,
         "learning ties are ties of the peer network, which is built at month 0"},
        {"devolved.similar_councils", false,
         "learning ties are ties of the peer network, which is built at month 0"},
        {"councils.skill_spread", false, "each council's multipliers are drawn once, at month 0"},
        {"councils.outreach_spread", false,
         "each council's multipliers are drawn once, at month 0"},
        {"councils.support_spread", false, "each council's multipliers are drawn once, at month 0"},
        {"central.", true, ""},
        {"centralised.", true, ""},
        {"devolved.", true, ""},
        {"prize.", true, ""},
        {"councils.", true, ""},
        {"run.", false, "the run's name, length and seed hold for the whole run"},
        {"population.", false, "the population (and its geography) is built at month 0"},
        {"geography.", false, "the population (and its geography) is built at month 0"},
        {"network.", false, "the peer network is built at month 0"},
        {"output.", false, "the output file's layout is fixed when it is created"},
        {"knowhow.", false, "the know-how landscape is drawn once, at month 0"},
        {"sector.", false, "the existing sector is seeded at month 0"},
        {"", false,
         "it describes the place, its people or a mechanism of the model, not a policy; a "
         "timeline changes policy only (central, centralised, devolved, prize, councils)"},
    };
    return rules;
}

std::string why_fixed_for_run(const std::string& path) {
    for (const ChangeRule& rule : change_rules()) {
        const std::string prefix = rule.prefix;
        const bool block = !prefix.empty() && prefix.back() == '.';
        const bool matches =
            block ? path.compare(0, prefix.size(), prefix) == 0 : prefix.empty() || path == prefix;
        if (matches)
            return rule.changeable ? "" : rule.why;
    }
    return "";
}

namespace detail {

namespace {

constexpr const char* kTimelinePrefix = "timeline.";
constexpr const char* kSyntaxHint =
    "write `timeline:` as a list of `- month: M` (or `- year: Y`) entries with a `set:` block, "
    "or a flat key `timeline.month.M.<key>`";

// One timeline leaf, taken apart: `timeline.<form>.<number>[.<key>]`.
struct ParsedLeaf {
    bool ok = false;
    bool year = false;
    std::int64_t number = 0;
    std::string key;  // empty for an entry marker (the location of `month:` or `year:`)
    std::int32_t month() const {
        return static_cast<std::int32_t>(year ? 12 * (number - 1) + 1 : number);
    }
};

ParsedLeaf parse_leaf(const std::string& path) {
    ParsedLeaf leaf;
    std::string rest = path.substr(std::string(kTimelinePrefix).size());
    const auto dot = rest.find('.');
    const std::string form = rest.substr(0, dot);
    if (dot == std::string::npos || (form != "month" && form != "year"))
        return leaf;
    leaf.year = form == "year";
    rest = rest.substr(dot + 1);
    const auto key_dot = rest.find('.');
    const std::string number = rest.substr(0, key_dot);
    const char* end = number.data() + number.size();
    const auto [ptr, ec] = std::from_chars(number.data(), end, leaf.number);
    if (ec != std::errc() || ptr != end || number.empty() || leaf.number < 1 ||
        leaf.number > 100'000)
        return leaf;
    leaf.key = key_dot == std::string::npos ? "" : rest.substr(key_dot + 1);
    leaf.ok = true;
    return leaf;
}

struct Change {
    const ParamSpec* spec;
    ParamValue value;
    std::string path;  // the timeline leaf
    RawValue raw;
};

// Checks one change leaf's key and value; false after recording a diagnostic.
bool check_change(const std::string& path, const ParsedLeaf& leaf, const RawValue& raw,
                  Change& change, std::vector<Diagnostic>& errors) {
    const ParamSpec* spec = find_param(leaf.key);
    if (!spec) {
        Diagnostic d = unknown_key(leaf.key, raw);
        d.key_path = path;
        d.message = "`" + leaf.key + "`: " + d.message;
        errors.push_back(d);
        return false;
    }
    if (const std::string why = why_fixed_for_run(leaf.key); !why.empty()) {
        errors.push_back({raw.where, path, "`" + leaf.key + "` cannot change during a run: " + why,
                          "set it for the whole run, outside `timeline:`"});
        return false;
    }
    std::vector<Diagnostic> value_errors;
    if (!convert(*spec, raw, change.value, value_errors)) {
        for (auto& d : value_errors)
            d.key_path = path;
        errors.insert(errors.end(), value_errors.begin(), value_errors.end());
        return false;
    }
    change.spec = spec;
    change.path = path;
    change.raw = raw;
    return true;
}

std::string month_text(const ParsedLeaf& leaf) {
    return leaf.year ? "year " + std::to_string(leaf.number) + " (month " +
                           std::to_string(leaf.month()) + ")"
                     : "month " + std::to_string(leaf.number);
}

// Whether the change's month lies in the run; reports each bad month once, at its entry.
bool check_month(const ParsedLeaf& leaf, const std::string& path, const RawValue& where,
                 std::int64_t run_months, std::map<std::string, bool>& reported,
                 std::vector<Diagnostic>& errors) {
    const bool ok = leaf.month() >= 2 && leaf.month() <= run_months;
    const std::string entry = month_text(leaf);
    if (ok || reported[entry])
        return ok;
    reported[entry] = true;
    const std::string why =
        leaf.month() < 2 ? "the run starts with the scenario's own settings"
                         : "the run has " + std::to_string(run_months) + " months (run.months)";
    errors.push_back({where.where, path, "a change at " + entry + " is outside the run: " + why,
                      leaf.year
                          ? "use a year from 2 to " + std::to_string((run_months - 1) / 12 + 1)
                          : "use a month from 2 to " + std::to_string(run_months)});
    return false;
}

// Applies each month's changes in turn and checks the scenario then in force as a whole.
std::shared_ptr<PolicyTimeline> build_phases(
    const Scenario& base, const std::map<std::int32_t, std::vector<Change>>& by_month,
    const RawTree& leaves, std::vector<Diagnostic>& errors) {
    auto timeline = std::make_shared<PolicyTimeline>();
    Scenario in_force = base;
    RawTree located = leaves;  // keys named in cross-parameter errors point at their change
    for (const auto& [month, changes] : by_month) {
        for (const Change& change : changes) {
            change.spec->assign(in_force, change.value);
            located[change.spec->path] = change.raw;
            timeline->changes.push_back({month, change.spec->path, format_value(change.value)});
        }
        std::vector<Diagnostic> phase_errors;
        check_consistency(in_force, located, phase_errors);
        for (auto& d : phase_errors) {
            d.message += " (with the changes of month " + std::to_string(month) + ")";
            errors.push_back(d);
        }
        timeline->phases.push_back({month, in_force});
    }
    return timeline;
}

}  // namespace

bool is_timeline_key(const std::string& path) {
    return path == "timeline" || path.compare(0, 9, kTimelinePrefix) == 0;
}

void build_timeline(Scenario& scenario, const RawTree& timeline, const RawTree& leaves,
                    std::vector<Diagnostic>& errors) {
    const bool base_valid = errors.empty();
    std::map<std::string, RawValue> entry_at;  // "month 61" -> where its entry says so
    std::map<std::string, bool> reported;
    std::map<std::int32_t, std::vector<Change>> by_month;
    std::map<std::pair<std::int32_t, std::string>, RawValue> seen;
    for (const auto& [path, raw] : timeline) {
        const ParsedLeaf leaf = path == "timeline" ? ParsedLeaf{} : parse_leaf(path);
        const bool marker = leaf.ok && leaf.key.empty();
        if (!leaf.ok || (marker && (!raw.text.empty() || !raw.quoted))) {
            errors.push_back({raw.where, path, "not a timeline change", kSyntaxHint});
            continue;
        }
        if (marker) {
            entry_at.insert({month_text(leaf), raw});
            continue;
        }
        Change change;
        if (!check_change(path, leaf, raw, change, errors))
            continue;
        const auto [earlier, fresh] = seen.insert({{leaf.month(), leaf.key}, raw});
        if (!fresh) {
            errors.push_back({raw.where, path,
                              "`" + leaf.key + "` changes twice at month " +
                                  std::to_string(leaf.month()) + " (also at " +
                                  earlier->second.where.to_string() + ")",
                              "keep one change per key and month"});
            continue;
        }
        by_month[leaf.month()].push_back(std::move(change));
    }
    // The month range needs run.months, so it is checked only against a valid scenario (and not
    // when an experiment checks an arm's override on its own).
    if (!base_valid || !errors.empty())
        return;
    for (const auto& [path, raw] : timeline) {
        const ParsedLeaf leaf = parse_leaf(path);
        const auto entry = entry_at.find(month_text(leaf));
        check_month(leaf, path, entry == entry_at.end() ? raw : entry->second, scenario.run.months,
                    reported, errors);
    }
    if (errors.empty())
        scenario.timeline = build_phases(scenario, by_month, leaves, errors);
}

}  // namespace detail

}  // namespace scenario

}  // namespace localism
