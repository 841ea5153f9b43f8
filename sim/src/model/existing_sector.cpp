// The existing sector: groups already running at month 0 (ODD 7.17).
#include "localism/model/existing_sector.hpp"

#include <algorithm>
#include <cmath>

#include "localism/core/rng.hpp"
#include "localism/model/emergence.hpp"
#include "localism/model/life_cycle.hpp"

namespace localism {

std::int32_t existing_group_age_months(double u, double mean_age_months,
                                       std::int64_t max_age_months) {
    const double age = std::ceil(-mean_age_months * std::log1p(-u));
    const double capped = std::clamp(age, 1.0, static_cast<double>(max_age_months));
    return static_cast<std::int32_t>(capped);
}

std::int64_t seed_existing_sector(World& world) {
    const Scenario& s = *world.scenario;
    const ExistingSectorParams& p = s.sector;
    Communities& c = world.state.communities;
    const MonthContext before_first_month{s, world.seed(), 0};
    const double mean_leadership = std::max(1e-6, s.population.leadership_mean);
    const double month_cost = s.finance.running_cost_gbp_per_month;
    LifeCycleCounts counts;  // month 0 is not recorded
    std::int64_t cash_total = 0;
    // Serial and keyed by community: the same sector for any thread count.
    for (std::uint32_t i = 0; i < c.size(); ++i) {
        if (c.stage[i] != Stage::kNone)
            continue;  // already an initial spreader of a diffusion run
        KeyedStream stream(world.seed(), i, 0, Purpose::kExistingSector);
        // Groups form where there are leaders: the chance scales with leadership, as prize
        // entry does, so entrants are drawn from the sector as the BGC's were.
        const double chance = std::min(1.0, p.initial_share * c.leadership[i] / mean_leadership);
        if (!stream.bernoulli(chance))
            continue;
        const std::int32_t age =
            existing_group_age_months(stream.uniform(), p.mean_age_months, p.max_age_months);
        const auto record =
            static_cast<std::uint16_t>(std::min<std::int64_t>(age, p.track_record_cap_months));
        life_cycle::seed_existing(c, i, static_cast<std::int16_t>(-age), record, counts);
        design_local_practice(c, i, before_first_month);
        // Reserves (not income: trailing income starts empty), uniform around the mean.
        const auto cash = to_pence(month_cost * p.initial_cash_months * 2.0 * stream.uniform());
        c.cash_pence[i] += cash;
        cash_total += cash;
    }
    return cash_total;
}

}  // namespace localism
