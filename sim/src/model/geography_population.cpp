// Councils and community characteristics from a real geography; rules in docs/ODD.md, 5.1.
#include "localism/model/geography_population.hpp"

#include <cassert>

#include "localism/scenario/geography.hpp"

namespace localism {

void initialise_geography_council(const Scenario& scenario, std::uint32_t k, Council& council) {
    const Geography& g = *scenario.geography_tables;
    council.first_community = g.council_first[k];
    council.last_community = g.council_first[k + 1];
    // Council deprivation and rurality are its neighbourhoods' scores weighted by their people
    // (how the IMD's own local-authority summaries average LSOA scores); a council of empty
    // neighbourhoods (population 0 everywhere) takes the plain mean.
    double people = 0.0, deprivation = 0.0, rural = 0.0, plain = 0.0;
    for (auto i = council.first_community; i < council.last_community; ++i) {
        people += g.population[i];
        deprivation += g.population[i] * static_cast<double>(g.deprivation[i]);
        rural += g.population[i] * static_cast<double>(g.rural[i]);
        plain += g.deprivation[i];
    }
    const double size = council.last_community - council.first_community;
    council.deprivation = static_cast<float>(people > 0 ? deprivation / people : plain / size);
    council.rural_share = static_cast<float>(people > 0 ? rural / people : 0.0);
}

CommunityMeans geography_community_means(const Scenario& s, std::uint32_t i) {
    const Geography& g = *s.geography_tables;
    assert(i < g.communities());
    const auto& p = s.population;
    const auto& rules = s.geography;
    CommunityMeans means;
    // Leadership: fewer people with the skills and time to lead where education deprivation is
    // high (the "civic core", Mohan & Bulloch 2012).
    means.leadership =
        p.leadership_mean * (1.0 - rules.education_leadership_effect * g.education[i]);
    // Social capital: lower where income, employment and crime deprivation are high (the
    // synthetic rule's deprivation effect on the community's own domains), higher in rural
    // areas.
    const double social_deprivation = (g.income[i] + g.employment[i] + g.crime[i]) / 3.0;
    means.social_capital = p.social_capital_mean *
                           (1.0 - p.deprivation_social_capital_effect * social_deprivation) *
                           (1.0 + rules.rural_social_capital_effect * g.rural[i]);
    // Capacity: poor health limits how much volunteers can give.
    means.capacity = p.capacity_mean * (1.0 - rules.health_capacity_effect * g.health[i]);
    // Need scales with the people living there and rises with overall deprivation.
    means.need_level = s.need.initial_mean * (g.population[i] / rules.reference_population) *
                       (1.0 + s.need.deprivation_effect * (g.deprivation[i] - 0.5));
    return means;
}

std::uint8_t geography_deprivation_decile(const Scenario& scenario, std::uint32_t i) {
    return scenario.geography_tables->deprivation_decile[i];
}

}  // namespace localism
