// Initialisation of councils and communities.
#include "localism/model/population.hpp"

#include <algorithm>
#include <boost/random/beta_distribution.hpp>
#include <unordered_set>

#include "localism/core/parallel.hpp"
#include "localism/core/rng.hpp"
#include "localism/model/council_traits.hpp"
#include "localism/model/deprivation_deciles.hpp"
#include "localism/model/emergence.hpp"
#include "localism/model/existing_sector.hpp"
#include "localism/model/geography_population.hpp"
#include "localism/model/knowhow.hpp"
#include "localism/model/life_cycle.hpp"

namespace localism {

namespace {

float beta_draw(KeyedStream& stream, double mean, double concentration) {
    mean = std::clamp(mean, 0.01, 0.99);
    boost::random::beta_distribution<double> beta(mean * concentration,
                                                  (1.0 - mean) * concentration);
    return static_cast<float>(beta(stream));
}

void initialise_councils(World& world) {
    const Scenario& s = *world.scenario;
    const auto count = s.population.councils;
    world.state.councils.resize(static_cast<std::size_t>(count));
    for (std::int64_t c = 0; c < count; ++c) {
        Council& council = world.state.councils[static_cast<std::size_t>(c)];
        council.id = static_cast<std::uint32_t>(c);
        council.first_community = council_first_community(s.population.communities, count, c);
        council.last_community = council_first_community(s.population.communities, count, c + 1);
        KeyedStream stream(world.seed(), static_cast<std::uint64_t>(c), 0, Purpose::kCouncilInit);
        council.deprivation = static_cast<float>(stream.uniform());
        if (s.geography_tables)  // real councils: ranges, deprivation and rurality from the data
            initialise_geography_council(s, static_cast<std::uint32_t>(c), council);
        for (auto& x : council.context_centre) {
            x = static_cast<float>(
                stream.normal(0.0, s.population.context_spread_between_councils));
        }
        draw_council_traits(s.councils, world.seed(), council);
    }
}

// Synthetic communities draw on their council's deprivation only.
CommunityMeans synthetic_means(const Scenario& s, const Council& council) {
    const auto& p = s.population;
    CommunityMeans means;
    means.leadership = p.leadership_mean;
    means.social_capital =
        p.social_capital_mean * (1.0 - p.deprivation_social_capital_effect * council.deprivation);
    means.capacity = p.capacity_mean;
    means.need_level =
        s.need.initial_mean * (1.0 + s.need.deprivation_effect * (council.deprivation - 0.5));
    return means;
}

void initialise_community(World& world, const Council& council, std::uint32_t i) {
    const Scenario& s = *world.scenario;
    Communities& c = world.state.communities;
    KeyedStream stream(world.seed(), i, 0, Purpose::kInitialisation);
    c.council[i] = static_cast<std::uint16_t>(council.id);
    const auto& p = s.population;
    const CommunityMeans means =
        s.geography_tables ? geography_community_means(s, i) : synthetic_means(s, council);
    if (s.geography_tables)
        c.deprivation_decile[i] = geography_deprivation_decile(s, i);
    c.leadership[i] = beta_draw(stream, means.leadership, p.leadership_concentration);
    c.social_capital[i] = beta_draw(stream, means.social_capital, 4.0);
    c.capacity[i] = beta_draw(stream, means.capacity, 4.0);
    c.capacity_baseline[i] = to_bfloat16(c.capacity[i]);
    for (int d = 0; d < kContextDimensions; ++d) {
        c.context[i][d] = council.context_centre[d] +
                          static_cast<float>(stream.normal(0.0, p.context_spread_within_council));
    }
    const double spread = 1.0 + s.need.initial_sd_fraction * stream.normal();
    c.need[i] = static_cast<float>(std::max(0.0, means.need_level * spread));
    c.practice[i] = c.context[i];
    c.earned_income_capability[i] = static_cast<float>(s.finance.initial_earned_income_capability);
}

// Seeds emergence.initial_active distinct communities as active at month 0: the initial
// spreaders of a diffusion run. Floyd's sampling from one keyed stream: serial, O(k), and the
// same set for any thread count.
void seed_initial_active(World& world) {
    const auto n = static_cast<std::uint32_t>(world.state.communities.size());
    const auto k = static_cast<std::uint32_t>(
        std::min<std::int64_t>(world.scenario->emergence.initial_active, n));
    if (k == 0)
        return;
    KeyedStream stream(world.seed(), 0, 0, Purpose::kInitialActive);
    std::unordered_set<std::uint32_t> chosen;
    std::vector<std::uint32_t> order;  // insertion order, so activation is deterministic
    for (std::uint32_t j = n - k; j < n; ++j) {
        const std::uint32_t t = stream.below(j + 1);
        const std::uint32_t pick = chosen.count(t) ? j : t;
        chosen.insert(pick);
        order.push_back(pick);
    }
    Communities& c = world.state.communities;
    const MonthContext before_first_month{*world.scenario, world.seed(), 0};
    LifeCycleCounts counts;  // month 0 is not recorded
    for (auto i : order) {
        life_cycle::seed_active(c, i, counts);
        design_local_practice(c, i, before_first_month);
    }
}

}  // namespace

std::uint32_t council_first_community(std::int64_t communities, std::int64_t councils,
                                      std::int64_t council) {
    return static_cast<std::uint32_t>((council * communities) / councils);
}

void initialise_population(World& world) {
    initialise_councils(world);
    world.state.knowhow_landscape = build_knowhow_landscape(*world.scenario);
    world.state.communities.resize(
        static_cast<std::size_t>(world.scenario->population.communities));
    world.accounts.councils.assign(world.state.councils.size(), CouncilMonth{});
    assign_deprivation_deciles(world.state.councils, world.state.communities.deprivation_decile);
    parallel_range(0, world.state.councils.size(), 1, [&](std::size_t begin, std::size_t end) {
        for (std::size_t k = begin; k != end; ++k) {
            const Council& council = world.state.councils[k];
            for (auto i = council.first_community; i < council.last_community; ++i) {
                initialise_community(world, council, i);
            }
        }
    });
    seed_initial_active(world);
    if (world.scenario->sector.enabled) {
        // The sector's reserves enter the system at month 0, before any month is settled, so
        // allocated = spent + held holds from the start.
        world.state.ledger.allocated_pence += seed_existing_sector(world);
    }
}

}  // namespace localism
