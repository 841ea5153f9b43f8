// The observer's aggregation step (the only code here that reads the World) and the evaluation of
// the metric registry into each month's record.
#include "localism/engine/metrics.hpp"

#include <algorithm>

#include "localism/core/parallel.hpp"
#include "localism/engine/float_sort.hpp"
#include "localism/model/council_traits.hpp"
#include "localism/model/impact.hpp"
#include "localism/scenario/timeline.hpp"

namespace localism {

namespace {

// Need by decile accumulated in registers while consecutive communities share a decile (they
// usually do: a council's communities are stored together), flushed when the decile changes. The
// additions into each decile's sum happen in the same order as adding straight into the array,
// so the sums are bit-identical; only the store-to-load round trip per community is gone.
struct DecileRun {
    int slot = -1;
    double need = 0.0;
    double need_reduced = 0.0;
    std::int64_t communities = 0;

    void flush(CouncilPartial& p) const {
        if (slot < 0)
            return;
        p.decile_need[slot] = need;
        p.decile_need_reduced[slot] = need_reduced;
        p.decile_communities[slot] = communities;
    }
    void switch_to(int new_slot, CouncilPartial& p) {
        flush(p);
        slot = new_slot;
        need = p.decile_need[slot];
        need_reduced = p.decile_need_reduced[slot];
        communities = p.decile_communities[slot];
    }
};

void add_active(const Communities& c, std::uint32_t i, double width, CouncilPartial& p) {
    p.fit_sum += fit(c.practice[i], c.context[i], width);
    p.ownership_sum += c.ownership[i];
    for (int d = 0; d < kContextDimensions; ++d) {
        p.practice_sum[d] += c.practice[i][d];
        p.practice_square_sum += static_cast<double>(c.practice[i][d]) * c.practice[i][d];
    }
}

// Counts community i among the latest prize call's finalists still active or its unfunded
// entrants still at work (done per council, in parallel, with the other sums).
void count_prize_group(const Communities& c, std::uint32_t i, CouncilPartial& p) {
    const PrizeStage prize = c.prize_stage[i];
    if (prize == PrizeStage::kNone)
        return;
    const Stage stage = c.stage[i];
    if (prize == PrizeStage::kFinalist || prize == PrizeStage::kWinner) {
        p.prize_finalists_active += stage == Stage::kActive;
    } else {
        p.prize_unfunded_continuing +=
            stage == Stage::kIdea || stage == Stage::kPlan || stage == Stage::kActive;
    }
}

CouncilPartial council_partial(const World& world, const Council& council) {
    const Communities& c = world.state.communities;
    const double width = world.scenario->impact.fit_width;
    CouncilPartial p;
    double need = 0.0;
    double need_reduced = 0.0;
    DecileRun run;
    for (std::uint32_t i = council.first_community; i < council.last_community; ++i) {
        need += c.need[i];
        need_reduced += c.need_reduced[i];
        const int slot = decile_slot(c.deprivation_decile[i]);
        if (slot != run.slot)
            run.switch_to(slot, p);
        run.need += c.need[i];
        run.need_reduced += c.need_reduced[i];
        ++run.communities;
        ++p.stages[static_cast<int>(c.stage[i])];
        count_prize_group(c, i, p);
        if (c.stage[i] == Stage::kActive)
            add_active(c, i, width, p);
    }
    run.flush(p);
    p.need = need;
    p.need_reduced = need_reduced;
    return p;
}

void add_partial(CouncilPartial& all, const CouncilPartial& p) {
    all.need += p.need;
    all.need_reduced += p.need_reduced;
    all.fit_sum += p.fit_sum;
    all.ownership_sum += p.ownership_sum;
    all.practice_square_sum += p.practice_square_sum;
    all.prize_finalists_active += p.prize_finalists_active;
    all.prize_unfunded_continuing += p.prize_unfunded_continuing;
    for (int s = 0; s < kStageCount; ++s)
        all.stages[s] += p.stages[s];
    for (int d = 0; d < kContextDimensions; ++d)
        all.practice_sum[d] += p.practice_sum[d];
    for (int d = 0; d < kDecileCount; ++d) {
        all.decile_need[d] += p.decile_need[d];
        all.decile_need_reduced[d] += p.decile_need_reduced[d];
        all.decile_communities[d] += p.decile_communities[d];
    }
}

void add_flows(CouncilMonth& flows, const CouncilMonth& m) {
    for (int s = 0; s < kIncomeSourceCount; ++s)
        flows.income_pence[s] += m.income_pence[s];
    for (int s = 0; s < kSpendLineCount; ++s)
        flows.spend_pence[s] += m.spend_pence[s];
    for (int d = 0; d < kDecileCount; ++d)
        flows.public_income_by_decile_pence[d] += m.public_income_by_decile_pence[d];
    flows.life_cycle.starts += m.life_cycle.starts;
    flows.life_cycle.dissolutions += m.life_cycle.dissolutions;
    flows.life_cycle.burnouts += m.life_cycle.burnouts;
    flows.grant_pence_total += m.grant_pence_total;
    flows.grant_pence_to_usual_suspects += m.grant_pence_to_usual_suspects;
    flows.grant_pence_to_new_groups += m.grant_pence_to_new_groups;
    flows.own_budget_pence += m.own_budget_pence;
    flows.cohort_12m += m.cohort_12m;
    flows.survivors_12m += m.survivors_12m;
}

// Per-council sums in parallel, then the reduction in fixed council order.
void gather_councils(const World& world, ObservedMonth& o) {
    const std::size_t councils = world.state.councils.size();
    o.councils.assign(councils, CouncilPartial{});
    parallel_range(0, councils, 1, [&](std::size_t begin, std::size_t end) {
        for (std::size_t k = begin; k != end; ++k)
            o.councils[k] = council_partial(world, world.state.councils[k]);
    });
    o.council_flows = world.accounts.councils;
    o.council_sizes.resize(councils);
    o.council_mean_need.resize(councils);
    for (std::size_t k = 0; k < councils; ++k) {  // fixed council order
        add_partial(o.all, o.councils[k]);
        add_flows(o.flows, o.council_flows[k]);
        const double size =
            world.state.councils[k].last_community - world.state.councils[k].first_community;
        o.council_sizes[k] = size;
        o.council_mean_need[k] = size > 0 ? o.councils[k].need / size : 0.0;
        o.councils_held_pence += world.state.councils[k].held_pence();
    }
    o.central_budget_pence = world.accounts.national.budget_pence;
    for (int s = 0; s < kSpendLineCount; ++s)  // national lines (learning ties)
        o.flows.spend_pence[s] += world.accounts.national.spend_pence[s];
}

// Public money spent on communities and their support: every line but leakage (ODD 7.12).
std::int64_t public_spend(const CouncilMonth& m) {
    std::int64_t total = 0;
    for (int s = 0; s < kSpendLineCount; ++s) {
        if (s != static_cast<int>(SpendLine::kLeakage))
            total += m.spend_pence[s];
    }
    return total;
}

void add_to_totals(const ObservedMonth& o, ObserverTotals& totals) {
    totals.cumulative_need_reduced += o.all.need_reduced;
    totals.cumulative_public_spend_pence += public_spend(o.flows);
    totals.cumulative_grant_pence += o.flows.grant_pence_total;
    totals.cumulative_usual_suspect_pence += o.flows.grant_pence_to_usual_suspects;
    totals.cumulative_new_group_pence += o.flows.grant_pence_to_new_groups;
    totals.cumulative_public_allocated_pence += o.central_budget_pence + o.flows.own_budget_pence;
    totals.cumulative_leakage_pence += o.flows.spend_pence[static_cast<int>(SpendLine::kLeakage)];
    for (int d = 0; d < kDecileCount; ++d) {
        totals.cumulative_need_reduced_by_decile[d] += o.all.decile_need_reduced[d];
        totals.cumulative_public_income_by_decile_pence[d] +=
            o.flows.public_income_by_decile_pence[d];
    }
}

// Gini of `n` values given in ascending order by value_at(k): sum (2k - n - 1) x_k / (n sum x),
// accumulated in index order so the result is the same for any thread count.
template <typename ValueAt>
double gini_of_sorted(std::size_t n, ValueAt value_at) {
    double weighted = 0.0;
    double total = 0.0;
    const auto count = static_cast<double>(n);
    for (std::size_t k = 0; k < n; ++k) {
        const double x = value_at(k);
        weighted += (2.0 * static_cast<double>(k + 1) - count - 1.0) * x;
        total += x;
    }
    return total > 0.0 ? weighted / (count * total) : 0.0;
}

double community_gini(const World& world) {
    // Sorting is the only exact Gini. The radix sort yields the one sorted sequence for any
    // thread count.
    const std::vector<std::uint32_t> sorted = sorted_float_keys(world.state.communities.need);
    return gini_of_sorted(sorted.size(), [&](std::size_t k) { return key_to_float(sorted[k]); });
}

double need_gini(const World& world, ObserverTotals& totals) {
    const bool need_constant = !world.scenario->need.enabled && !world.scenario->impact.enabled;
    double value = totals.constant_need_gini;
    if (!need_constant || value < 0.0)
        value = community_gini(world);
    if (need_constant)
        totals.constant_need_gini = value;
    return value;
}

}  // namespace

double gini(std::vector<double> values) {
    std::sort(values.begin(), values.end());
    return gini_of_sorted(values.size(), [&](std::size_t k) { return values[k]; });
}

ObservedMonth observe_month(const World& world, ObserverTotals& totals) {
    ObservedMonth o;
    o.month = world.state.month;
    o.communities = static_cast<double>(world.state.communities.size());
    gather_councils(world, o);
    add_to_totals(o, totals);
    o.need_gini_communities = need_gini(world, totals);
    o.totals = totals;
    o.central = world.state.central;
    o.money_allocated_pence = world.state.ledger.allocated_pence;
    o.money_spent_pence = world.state.ledger.spent_pence;
    o.money_held_pence = money_held_pence(world.state);
    o.prize_finalists_active = o.all.prize_finalists_active;
    o.prize_unfunded_continuing = o.all.prize_unfunded_continuing;
    o.policy_changes = changes_in_month(*world.scenario, o.month);
    return o;
}

CouncilFacts observe_councils(const World& world) {
    CouncilFacts facts;
    for (const Council& council : world.state.councils) {
        double social = 0.0;
        for (auto i = council.first_community; i < council.last_community; ++i)
            social += world.state.communities.social_capital[i];
        facts.deprivation.push_back(council.deprivation);
        facts.social_capital_sum.push_back(social);
        facts.communities.push_back(council.last_community - council.first_community);
        facts.commissioning_skill.push_back(council.commissioning_skill);
        facts.outreach.push_back(council_outreach(world.scenario->councils, council));
        facts.support_multiplier.push_back(council.support_multiplier);
    }
    return facts;
}

MonthRecord observe(const World& world, ObserverTotals& totals) {
    const ObservedMonth o = observe_month(world, totals);
    MonthRecord r;
    r.month = o.month;
    for (const MetricDef* metric : metrics_in(Scope::kNational))
        r.national.push_back(std::get<NationalFn>(metric->compute)(o));
    const std::size_t councils = o.councils.size();
    r.council.reserve(metrics_in(Scope::kCouncil).size() * councils);
    for (const MetricDef* metric : metrics_in(Scope::kCouncil)) {
        const CouncilFn compute = std::get<CouncilFn>(metric->compute);
        for (std::size_t k = 0; k < councils; ++k)
            r.council.push_back(compute(o, k));
    }
    r.decile.reserve(metrics_in(Scope::kDecile).size() * kDecileCount);
    for (const MetricDef* metric : metrics_in(Scope::kDecile)) {
        const DecileFn compute = std::get<DecileFn>(metric->compute);
        for (int d = 0; d < kDecileCount; ++d)
            r.decile.push_back(compute(o, d));
    }
    return r;
}

std::vector<std::vector<double>> council_info(const World& world) {
    const CouncilFacts facts = observe_councils(world);
    std::vector<std::vector<double>> fields;
    for (const MetricDef* field : metrics_in(Scope::kCouncilInfo)) {
        const CouncilInfoFn compute = std::get<CouncilInfoFn>(field->compute);
        std::vector<double> values(facts.deprivation.size());
        for (std::size_t k = 0; k < values.size(); ++k)
            values[k] = compute(facts, k);
        fields.push_back(std::move(values));
    }
    return fields;
}

}  // namespace localism
