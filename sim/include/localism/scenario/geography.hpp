// A real geography read from two CSV tables (communities and councils; format in
// docs/user-guide.md, "Using a real geography"), validated like a scenario: every problem located
// at file:line:column, with what was expected. Read once by scenario::validate and then held,
// immutable, by the Scenario; the model builds its councils and communities from it.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

#include "localism/scenario/diagnostics.hpp"

namespace localism {

// One council as named in councils.csv.
struct GeographyCouncil {
    std::string id;    // e.g. the GSS code "E08000025"
    std::string name;  // e.g. "Birmingham"
    std::string type;  // e.g. "metropolitan district"
};

// Every community's attributes, sorted by council (the councils' order in councils.csv, then
// file order within a council), so council k owns [council_first[k], council_first[k + 1]).
// Scores are 0-1 with 1 = most deprived; an absent domain column repeats `deprivation`.
struct Geography {
    std::string directory;  // where communities.csv and councils.csv were read
    std::vector<GeographyCouncil> councils;
    std::vector<std::uint32_t> council_first;      // size councils + 1
    std::vector<std::uint32_t> population;         // people
    std::vector<float> deprivation;                // overall deprivation score
    std::vector<std::uint8_t> deprivation_decile;  // 1 = most deprived tenth ... 10
    std::vector<float> rural;                      // share of people in rural areas (0-1)
    std::vector<float> income;                     // domain scores (0-1)
    std::vector<float> employment;
    std::vector<float> education;
    std::vector<float> health;
    std::vector<float> crime;

    std::size_t communities() const { return population.size(); }
    std::uint64_t total_population() const;
};

namespace scenario {

// Largest communities.csv or councils.csv read: 64 MiB, about 500,000 communities with every
// optional column (docs/user-guide.md, "Limits").
inline constexpr std::size_t kMaxGeographyFileBytes = 64u * 1024 * 1024;

// Reads and validates `directory`/communities.csv and `directory`/councils.csv. Throws
// InputError listing every problem (duplicate ids, unknown or empty councils, bad numbers,
// missing columns with did-you-mean, wrong encoding, files too large).
Geography read_geography(const std::string& directory);

// The same for tables already in memory (tests, fuzzing); the names locate diagnostics.
Geography parse_geography(const std::string& communities_text, const std::string& communities_file,
                          const std::string& councils_text, const std::string& councils_file);

}  // namespace scenario
}  // namespace localism
