// Initiative emergence and the idea/plan stages.
#include "localism/model/emergence.hpp"

#include <array>
#include <cmath>

#include "localism/core/rng.hpp"
#include "localism/model/finance.hpp"
#include "localism/model/knowhow.hpp"
#include "localism/model/life_cycle.hpp"
#include "localism/model/network.hpp"

namespace localism {

namespace {

bool call_open(const MonthContext& context, const PeerView& peers, const Council& council) {
    return peers.central.call_open_until_month >= context.month ||
           council.call_open_until_month >= context.month;
}

// Moves idea -> plan -> active as far as this month allows (zero-length stages pass through).
void progress(const MonthContext& context, CouncilSlice& slice, std::uint32_t i,
              KeyedStream& stream) {
    const Scenario& s = context.scenario;
    CommunitySlice& c = slice.communities;
    LifeCycleCounts& counts = slice.month.life_cycle;
    if (c.stage[i] == Stage::kIdea && c.months_in_stage[i] >= s.emergence.idea_months) {
        life_cycle::move(c, i, life_cycle::Move::kFormPlan, counts);
        if (s.finance.enabled) {
            const std::int64_t seed_money = to_pence(s.finance.startup_cash_gbp);
            credit_income(c, i, IncomeSource::kDonations, seed_money, slice.month);
            slice.month.external_income_pence += seed_money;
        }
    }
    if (c.stage[i] == Stage::kPlan && c.months_in_stage[i] >= s.emergence.plan_months) {
        const bool can_pay =
            !s.finance.enabled || c.cash_pence[i] >= to_pence(s.finance.running_cost_gbp_per_month);
        if (can_pay)
            activate_own_initiative(c, i, context, counts);
    }
    const bool waiting = c.stage[i] == Stage::kIdea || c.stage[i] == Stage::kPlan;
    if (waiting && stream.bernoulli(s.emergence.idea_abandon_probability_per_month))
        life_cycle::move(c, i, life_cycle::Move::kAbandon, counts);
}

// The sender rule's chance that at least one of k active in-neighbours passes the idea on,
// 1 - (1 - q)^k, remembered for small k within one council's month: std::pow was a fifth of the
// work of a large diffusion run. A remembered entry is the very value std::pow returned, so
// results are unchanged.
class SenderChanceMemo {
  public:
    explicit SenderChanceMemo(double transmission_probability)
        : keep_(1.0 - transmission_probability) {
        known_.fill(-1.0);
    }
    double chance(std::uint32_t active) {
        if (active >= known_.size())
            return 1.0 - std::pow(keep_, static_cast<double>(active));
        double& entry = known_[active];
        if (entry < 0.0)
            entry = 1.0 - std::pow(keep_, static_cast<double>(active));
        return entry;
    }

  private:
    double keep_;
    std::array<double, 64> known_;
};

double imitation_pressure(const MonthContext& context, const PeerView& peers,
                          const CommunitySlice& c, std::uint32_t i, SenderChanceMemo* memo) {
    const EmergenceParams& p = context.scenario.emergence;
    if (peers.network.well_mixed) {
        if (p.imitation_rule == ImitationRule::kReceiver)
            return p.imitation_q * peers.previous_active_share;
        const double contacts =
            static_cast<double>(context.scenario.network.mean_degree) * peers.previous_active_share;
        return 1.0 - std::pow(1.0 - p.transmission_probability, contacts);
    }
    const std::uint32_t active = c.active_in_neighbours[i];  // active last month
    if (active == 0)
        return 0.0;
    if (p.imitation_rule == ImitationRule::kReceiver) {
        const auto in_degree = in_neighbours(peers.network, i).size();
        return p.imitation_q * static_cast<double>(active) / static_cast<double>(in_degree);
    }
    if (memo != nullptr)
        return memo->chance(active);
    return 1.0 - std::pow(1.0 - p.transmission_probability, static_cast<double>(active));
}

}  // namespace

double imitation_pressure(const MonthContext& context, const PeerView& peers,
                          const CommunitySlice& c, std::uint32_t i) {
    return imitation_pressure(context, peers, c, i, nullptr);
}

template <typename Columns>
void design_local_practice(Columns& c, std::uint32_t i, const MonthContext& context) {
    if (c.flags[i] & kFlagProgrammeMember)
        return;  // keeps the imposed template
    KeyedStream stream(context.seed, i, context.month, Purpose::kContext);
    const double spread = context.scenario.knowledge.explore_sd;
    for (int d = 0; d < kContextDimensions; ++d) {
        c.practice[i][d] = c.context[i][d] + static_cast<float>(stream.normal(0.0, spread));
    }
    c.ownership[i] = 1.0f;
    if (context.scenario.knowhow.enabled) {  // own design choices, untaught (ODD 7.14)
        KeyedStream design(context.seed, i, context.month, Purpose::kKnowhowDesign);
        c.knowhow[i] = random_choices(static_cast<int>(context.scenario.knowhow.choices), design);
    }
}

template <typename Columns>
void activate_own_initiative(Columns& c, std::uint32_t i, const MonthContext& context,
                             LifeCycleCounts& counts) {
    life_cycle::move(c, i, life_cycle::Move::kActivate, counts);
    design_local_practice(c, i, context);
}

template void design_local_practice(Communities&, std::uint32_t, const MonthContext&);
template void design_local_practice(CommunitySlice&, std::uint32_t, const MonthContext&);
template void activate_own_initiative(Communities&, std::uint32_t, const MonthContext&,
                                      LifeCycleCounts&);
template void activate_own_initiative(CommunitySlice&, std::uint32_t, const MonthContext&,
                                      LifeCycleCounts&);

void step_emergence(const MonthContext& context, const PeerView& peers, CouncilSlice& slice) {
    const Scenario& s = context.scenario;
    if (!s.emergence.enabled)
        return;
    CommunitySlice& c = slice.communities;
    const bool open_call = call_open(context, peers, slice.council);
    SenderChanceMemo sender_chance(s.emergence.transmission_probability);
    for (std::uint32_t i = slice.first(); i < slice.last(); ++i) {
        if (c.stage[i] == Stage::kActive || c.stage[i] == Stage::kDormant)
            continue;  // running initiatives: nothing to emerge
        KeyedStream stream(context.seed, i, context.month, Purpose::kEmergence);
        if (c.stage[i] == Stage::kDissolved &&
            c.months_in_stage[i] >= s.emergence.restart_delay_months) {
            life_cycle::reopen(c, i);
        }
        if (c.stage[i] == Stage::kNone) {
            StartDrivers drivers;
            drivers.intrinsic =
                s.emergence.intrinsic_rate_per_month * c.leadership[i] * c.social_capital[i];
            drivers.call = open_call ? s.emergence.call_influence_per_month : 0.0;
            drivers.imitation = imitation_pressure(context, peers, c, i, &sender_chance);
            if (stream.bernoulli(drivers.probability())) {
                life_cycle::start(c, i, context.month, slice.month.life_cycle);
                c.prize_stage[i] = PrizeStage::kNone;
            }
        }
        if (c.stage[i] == Stage::kIdea || c.stage[i] == Stage::kPlan)
            progress(context, slice, i, stream);
    }
}

}  // namespace localism
