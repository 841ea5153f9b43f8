// Initiative emergence and the idea/plan stages.
#include "localism/model/emergence.hpp"

#include <cmath>

#include "localism/core/rng.hpp"
#include "localism/model/finance.hpp"
#include "localism/model/network.hpp"

namespace localism {

namespace {

bool call_open(const World& world, const Council& council) {
    return world.central.call_open_until_month >= world.month ||
           council.call_open_until_month >= world.month;
}

void start(World& world, std::uint32_t i, CouncilMonth& month) {
    Communities& c = world.communities;
    c.stage[i] = Stage::kIdea;
    c.months_in_stage[i] = 0;
    c.start_month[i] = static_cast<std::int16_t>(world.month);
    c.flags[i] |= kFlagEverStarted;
    c.prize_stage[i] = PrizeStage::kNone;
    ++month.starts;
}

// Moves idea -> plan -> active as far as this month allows (zero-length stages pass through).
void progress(World& world, std::uint32_t i, KeyedStream& stream, CouncilMonth& month) {
    const Scenario& s = *world.scenario;
    Communities& c = world.communities;
    if (c.stage[i] == Stage::kIdea && c.months_in_stage[i] >= s.emergence.idea_months) {
        c.stage[i] = Stage::kPlan;
        c.months_in_stage[i] = 0;
        if (s.finance.enabled) {
            const std::int64_t seed_money = to_pence(s.finance.startup_cash_gbp);
            credit_income(world, i, IncomeSource::kDonations, seed_money, month);
            month.external_income_pence += seed_money;
        }
    }
    if (c.stage[i] == Stage::kPlan && c.months_in_stage[i] >= s.emergence.plan_months) {
        const bool can_pay =
            !s.finance.enabled || c.cash_pence[i] >= to_pence(s.finance.running_cost_gbp_per_month);
        if (can_pay)
            activate_own_initiative(world, i);
    }
    const bool waiting = c.stage[i] == Stage::kIdea || c.stage[i] == Stage::kPlan;
    if (waiting && stream.bernoulli(s.emergence.idea_abandon_probability_per_month)) {
        c.stage[i] = Stage::kNone;
        c.months_in_stage[i] = 0;
    }
}

}  // namespace

double imitation_pressure(const World& world, std::uint32_t i) {
    const EmergenceParams& p = world.scenario->emergence;
    const Communities& c = world.communities;
    if (world.network.well_mixed) {
        if (p.imitation_rule == ImitationRule::kReceiver)
            return p.imitation_q * world.previous_active_share;
        const double contacts =
            static_cast<double>(world.scenario->network.mean_degree) * world.previous_active_share;
        return 1.0 - std::pow(1.0 - p.transmission_probability, contacts);
    }
    const std::uint32_t active = c.active_in_neighbours[i];  // active last month
    if (active == 0)
        return 0.0;
    if (p.imitation_rule == ImitationRule::kReceiver) {
        const auto peers = in_neighbours(world.network, i).size();
        return p.imitation_q * static_cast<double>(active) / static_cast<double>(peers);
    }
    return active == 0
               ? 0.0
               : 1.0 - std::pow(1.0 - p.transmission_probability, static_cast<double>(active));
}

void activate_own_initiative(World& world, std::uint32_t i) {
    Communities& c = world.communities;
    c.stage[i] = Stage::kActive;
    c.months_in_stage[i] = 0;
    if (c.flags[i] & kFlagProgrammeMember)
        return;  // keeps the imposed template
    // A locally designed practice: the group's own reading of its context, imperfect by a
    // draw of the exploration spread.
    KeyedStream stream(world.seed(), i, world.month, Purpose::kContext);
    const double spread = world.scenario->knowledge.explore_sd;
    for (int d = 0; d < kContextDimensions; ++d) {
        c.practice[i][d] = c.context[i][d] + static_cast<float>(stream.normal(0.0, spread));
    }
    c.ownership[i] = 1.0f;
}

void step_emergence(World& world, const Council& council, CouncilMonth& month) {
    const Scenario& s = *world.scenario;
    if (!s.emergence.enabled)
        return;
    Communities& c = world.communities;
    const bool open_call = call_open(world, council);
    for (std::uint32_t i = council.first_community; i < council.last_community; ++i) {
        if (c.stage[i] == Stage::kActive || c.stage[i] == Stage::kDormant)
            continue;  // running initiatives: nothing to emerge
        KeyedStream stream(world.seed(), i, world.month, Purpose::kEmergence);
        if (c.stage[i] == Stage::kDissolved &&
            c.months_in_stage[i] >= s.emergence.restart_delay_months) {
            c.stage[i] = Stage::kNone;
            c.months_in_stage[i] = 0;
        }
        if (c.stage[i] == Stage::kNone) {
            StartDrivers drivers;
            drivers.intrinsic =
                s.emergence.intrinsic_rate_per_month * c.leadership[i] * c.social_capital[i];
            drivers.call = open_call ? s.emergence.call_influence_per_month : 0.0;
            drivers.imitation = imitation_pressure(world, i);
            if (stream.bernoulli(drivers.probability()))
                start(world, i, month);
        }
        if (c.stage[i] == Stage::kIdea || c.stage[i] == Stage::kPlan)
            progress(world, i, stream, month);
    }
}

}  // namespace localism
