// Reading and validating a geography (communities.csv + councils.csv); see geography.hpp.
#include "localism/scenario/geography.hpp"

#include <algorithm>
#include <array>
#include <cmath>
#include <filesystem>
#include <unordered_map>

#include "geography_table.hpp"
#include "localism/scenario/input_limits.hpp"

namespace localism {

std::uint64_t Geography::total_population() const {
    std::uint64_t total = 0;
    for (const auto people : population)
        total += people;
    return total;
}

namespace scenario {

namespace {

using detail::ColumnSpec;
using detail::GeographyTable;

// Columns of councils.csv, in this order in `header()`'s result.
const std::vector<ColumnSpec> kCouncilColumns = {
    {"id", true, "the council's unique id, e.g. its official code"},
    {"name", true, "the council's name"},
    {"type", true, "the kind of council, e.g. unitary authority"},
};
enum CouncilColumn { kCouncilId, kCouncilName, kCouncilType };

const std::vector<ColumnSpec> kCommunityColumns = {
    {"id", true, "the community's unique id"},
    {"council", true, "the id of its council in councils.csv"},
    {"population", true, "people living there, a whole number"},
    {"deprivation", true, "deprivation score 0-1, 1 = most deprived"},
    {"deprivation_decile", false, "1 = most deprived tenth ... 10 = least deprived"},
    {"rural", false, "share of its people in rural areas, 0-1"},
    {"income", false, "income deprivation score 0-1"},
    {"employment", false, "employment deprivation score 0-1"},
    {"education", false, "education and skills deprivation score 0-1"},
    {"health", false, "health deprivation score 0-1"},
    {"crime", false, "crime deprivation score 0-1"},
    {"housing", false, "barriers to housing and services score 0-1 (not used by the model)"},
    {"environment", false, "living environment score 0-1 (not used by the model)"},
};
enum CommunityColumn {
    kId,
    kCouncil,
    kPopulation,
    kDeprivation,
    kDecile,
    kRural,
    kIncome,
    kEmployment,
    kEducation,
    kHealth,
    kCrime,
};
constexpr int kFirstDomain = kIncome;
constexpr int kDomainCount = 5;

struct CouncilIndex {
    std::unordered_map<std::string, std::uint32_t> by_id;
    std::vector<int> line;  // where each council is defined, for "no communities" errors
    std::vector<std::string> ids;
};

bool nonempty(GeographyTable& table, int index, const char* name) {
    if (!table.text(index).empty())
        return true;
    table.error(table.reader.line(), table.column(index), name, "expected a value, got nothing");
    return false;
}

void read_council_row(GeographyTable& table, const std::vector<int>& at, Geography& g,
                      CouncilIndex& index) {
    bool ok = nonempty(table, at[kCouncilId], "id");
    ok = nonempty(table, at[kCouncilName], "name") && ok;
    ok = nonempty(table, at[kCouncilType], "type") && ok;
    if (!ok)
        return;
    std::string id(table.text(at[kCouncilId]));
    const auto [it, fresh] = index.by_id.emplace(id, static_cast<std::uint32_t>(g.councils.size()));
    if (!fresh) {
        table.error(table.reader.line(), table.column(at[kCouncilId]), "id",
                    "duplicate council id `" + id + "` (first on line " +
                        std::to_string(index.line[it->second]) + ")",
                    "council ids must be unique");
        return;
    }
    index.line.push_back(table.reader.line());
    index.ids.push_back(id);
    g.councils.push_back({std::move(id), std::string(table.text(at[kCouncilName])),
                          std::string(table.text(at[kCouncilType]))});
}

CouncilIndex read_councils(GeographyTable& table, Geography& g) {
    CouncilIndex index;
    if (!table.check_encoding())
        return index;
    const std::vector<int> at = table.header(kCouncilColumns);
    if (table.failed())
        return index;
    while (table.next_row())
        read_council_row(table, at, g, index);
    if (!table.failed() && g.councils.empty())
        table.error(2, 1, "", "no councils: expected one row per council after the header");
    if (g.councils.size() > 65'535) {
        table.error(static_cast<int>(g.councils.size()) + 1, 1, "",
                    "more than 65,535 councils, the most the model holds");
    }
    return index;
}

// Communities in file order, before they are sorted by council.
struct Rows {
    std::vector<std::uint32_t> council;
    std::vector<std::uint32_t> population;
    std::vector<float> deprivation;
    std::vector<std::uint8_t> decile;
    std::vector<float> rural;
    std::vector<std::array<float, kDomainCount>> domains;
};

bool known_council(GeographyTable& table, const std::vector<int>& at, const CouncilIndex& councils,
                   std::uint32_t& council) {
    const std::string id(table.text(at[kCouncil]));
    const auto it = councils.by_id.find(id);
    if (it != councils.by_id.end()) {
        council = it->second;
        return true;
    }
    const std::string near = table.full() ? "" : closest_match(id, councils.ids);
    table.error(table.reader.line(), table.column(at[kCouncil]), "council",
                "unknown council `" + id + "`: not an id in councils.csv",
                near.empty() ? "add the council to councils.csv" : "did you mean `" + near + "`?");
    return false;
}

void read_community_row(GeographyTable& table, const std::vector<int>& at,
                        const CouncilIndex& councils,
                        std::unordered_map<std::string_view, int>& seen, Rows& rows) {
    bool ok = nonempty(table, at[kId], "id");
    const std::string_view id = table.text(at[kId]);
    if (ok) {
        const auto [it, fresh] = seen.emplace(id, table.reader.line());
        if (!fresh) {
            table.error(table.reader.line(), table.column(at[kId]), "id",
                        "duplicate community id `" + std::string(id) + "` (first on line " +
                            std::to_string(it->second) + ")",
                        "community ids must be unique");
            ok = false;
        }
    }
    std::uint32_t council = 0;
    ok = known_council(table, at, councils, council) && ok;
    std::int64_t people = 0, decile = 0;
    double deprivation = 0.0, rural = 0.0;
    ok = table.integer(at[kPopulation], "population", 0, 1'000'000'000, people) && ok;
    ok = table.number(at[kDeprivation], "deprivation", 0.0, 1.0, deprivation) && ok;
    if (at[kDecile] >= 0)
        ok = table.integer(at[kDecile], "deprivation_decile", 1, 10, decile) && ok;
    else
        decile =
            std::clamp<std::int64_t>(10 - static_cast<int>(std::floor(deprivation * 10)), 1, 10);
    if (at[kRural] >= 0)
        ok = table.number(at[kRural], "rural", 0.0, 1.0, rural) && ok;
    std::array<float, kDomainCount> domains{};
    for (int d = 0; d < kDomainCount; ++d) {
        double score = deprivation;
        const int column = at[static_cast<std::size_t>(kFirstDomain + d)];
        if (column >= 0)
            ok = table.number(column, kCommunityColumns[kFirstDomain + d].name, 0.0, 1.0, score) &&
                 ok;
        domains[static_cast<std::size_t>(d)] = static_cast<float>(score);
    }
    if (!ok)
        return;
    rows.council.push_back(council);
    rows.population.push_back(static_cast<std::uint32_t>(people));
    rows.deprivation.push_back(static_cast<float>(deprivation));
    rows.decile.push_back(static_cast<std::uint8_t>(decile));
    rows.rural.push_back(static_cast<float>(rural));
    rows.domains.push_back(domains);
}

// Sorts the rows by council (stable: file order within a council) into `g`.
void sort_by_council(const Rows& rows, Geography& g) {
    const std::size_t k = g.councils.size(), n = rows.council.size();
    g.council_first.assign(k + 1, 0);
    for (const auto c : rows.council)
        ++g.council_first[c + 1];
    for (std::size_t c = 0; c < k; ++c)
        g.council_first[c + 1] += g.council_first[c];
    std::vector<std::uint32_t> next(g.council_first.begin(), g.council_first.end() - 1);
    g.population.resize(n);
    g.deprivation.resize(n);
    g.deprivation_decile.resize(n);
    g.rural.resize(n);
    for (auto* v : {&g.income, &g.employment, &g.education, &g.health, &g.crime})
        v->resize(n);
    for (std::size_t i = 0; i < n; ++i) {
        const std::uint32_t to = next[rows.council[i]]++;
        g.population[to] = rows.population[i];
        g.deprivation[to] = rows.deprivation[i];
        g.deprivation_decile[to] = rows.decile[i];
        g.rural[to] = rows.rural[i];
        const auto& d = rows.domains[i];
        g.income[to] = d[0];
        g.employment[to] = d[1];
        g.education[to] = d[2];
        g.health[to] = d[3];
        g.crime[to] = d[4];
    }
}

void read_communities(GeographyTable& table, const CouncilIndex& councils, Geography& g) {
    if (!table.check_encoding())
        return;
    const std::vector<int> at = table.header(kCommunityColumns);
    if (table.failed())
        return;
    Rows rows;
    std::unordered_map<std::string_view, int> seen;
    while (table.next_row())
        read_community_row(table, at, councils, seen, rows);
    if (!table.failed() && rows.council.empty())
        table.error(2, 1, "", "no communities: expected one row per community after the header");
    if (table.failed())
        return;
    sort_by_council(rows, g);
}

// Councils without a community are errors located at their row of councils.csv.
void check_councils_have_communities(const Geography& g, const CouncilIndex& councils,
                                     GeographyTable& table) {
    for (std::size_t k = 0; k < g.councils.size() && !table.full(); ++k) {
        if (g.council_first[k + 1] == g.council_first[k]) {
            table.error(councils.line[k], 1, "id",
                        "council `" + g.councils[k].id + "` has no communities in communities.csv",
                        "remove the council or give it at least one community");
        }
    }
}

}  // namespace

Geography parse_geography(const std::string& communities_text, const std::string& communities_file,
                          const std::string& councils_text, const std::string& councils_file) {
    std::vector<Diagnostic> errors;
    Geography g;
    GeographyTable council_table(councils_text, councils_file, errors);
    const CouncilIndex councils = read_councils(council_table, g);
    if (!errors.empty())
        throw InputError(std::move(errors));
    GeographyTable community_table(communities_text, communities_file, errors);
    read_communities(community_table, councils, g);
    if (errors.empty())
        check_councils_have_communities(g, councils, council_table);
    if (!errors.empty())
        throw InputError(std::move(errors));
    return g;
}

Geography read_geography(const std::string& directory) {
    namespace fs = std::filesystem;
    const std::string communities_file = (fs::path(directory) / "communities.csv").string();
    const std::string councils_file = (fs::path(directory) / "councils.csv").string();
    std::vector<Diagnostic> errors;
    std::string communities_text, councils_text;
    const InputFileKind kind{kMaxGeographyFileBytes, "a CSV file",
                             "geography tables are at most 64 MiB"};
    read_input_file(councils_file, councils_text, errors, kind);
    read_input_file(communities_file, communities_text, errors, kind);
    if (!errors.empty())
        throw InputError(std::move(errors));
    Geography g = parse_geography(communities_text, communities_file, councils_text, councils_file);
    g.directory = directory;
    return g;
}

}  // namespace scenario
}  // namespace localism
