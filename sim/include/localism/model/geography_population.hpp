// Initialisation from a real geography (ODD 5.1 and 6): councils are the geography's councils,
// and each community's need, social capital, leadership and capacity draw on its population,
// deprivation domains and rurality.
#pragma once

#include <cstdint>

#include "localism/model/state.hpp"
#include "localism/scenario/scenario.hpp"

namespace localism {

// Means of a community's initial draws (Beta means and need level before noise); the synthetic
// and the geography rules differ only here, so both use the same draws in the same order.
struct CommunityMeans {
    double leadership = 0.0;
    double social_capital = 0.0;
    double capacity = 0.0;
    double need_level = 0.0;  // need units
};

// Sets council k's community range, population-weighted deprivation and rural share from the
// scenario's geography (scenario.geography_tables must be set).
void initialise_geography_council(const Scenario& scenario, std::uint32_t k, Council& council);

// Community i's means from its row of the geography (rows are in community order).
CommunityMeans geography_community_means(const Scenario& scenario, std::uint32_t i);

// Community i's IMD-style decile (1 = most deprived tenth) from the geography.
std::uint8_t geography_deprivation_decile(const Scenario& scenario, std::uint32_t i);

}  // namespace localism
