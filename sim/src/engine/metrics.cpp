// Computing each month's record from the world.
#include "localism/engine/metrics.hpp"

#include <algorithm>
#include <cmath>
#include <limits>

#include "localism/core/parallel.hpp"
#include "localism/engine/float_sort.hpp"
#include "localism/model/impact.hpp"

namespace localism {

namespace {

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

struct CouncilPartial {
    double need = 0.0;
    double need_reduced = 0.0;
    std::array<std::int64_t, kStageCount> stages{};
    double fit_sum = 0.0;
    double ownership_sum = 0.0;
    std::array<double, kContextDimensions> practice_sum{};
    double practice_square_sum = 0.0;
};

CouncilPartial council_partial(const World& world, const Council& council) {
    const Communities& c = world.state.communities;
    const double width = world.scenario->impact.fit_width;
    CouncilPartial p;
    for (std::uint32_t i = council.first_community; i < council.last_community; ++i) {
        p.need += c.need[i];
        p.need_reduced += c.need_reduced[i];
        ++p.stages[static_cast<int>(c.stage[i])];
        if (c.stage[i] != Stage::kActive)
            continue;
        p.fit_sum += fit(c.practice[i], c.context[i], width);
        p.ownership_sum += c.ownership[i];
        for (int d = 0; d < kContextDimensions; ++d) {
            p.practice_sum[d] += c.practice[i][d];
            p.practice_square_sum += static_cast<double>(c.practice[i][d]) * c.practice[i][d];
        }
    }
    return p;
}

double ratio(double numerator, double denominator) {
    return denominator > 0.0 ? numerator / denominator : kNaN;
}

std::int64_t public_spend(const CouncilMonth& m) {
    std::int64_t total = 0;
    for (auto x : m.spend_pence)
        total += x;
    return total;
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

}  // namespace

double gini(std::vector<double> values) {
    std::sort(values.begin(), values.end());
    return gini_of_sorted(values.size(), [&](std::size_t k) { return values[k]; });
}

MonthRecord observe(const World& world, ObserverTotals& totals) {
    const std::size_t councils = world.state.councils.size();
    std::vector<CouncilPartial> partials(councils);
    parallel_range(0, councils, 1, [&](std::size_t begin, std::size_t end) {
        for (std::size_t k = begin; k != end; ++k) {
            partials[k] = council_partial(world, world.state.councils[k]);
        }
    });
    const auto& cm = council_metrics();
    MonthRecord r;
    r.month = world.state.month;
    r.council.assign(cm.size() * councils, 0.0);
    CouncilPartial all;
    CouncilMonth flows;
    std::vector<double> council_mean_need(councils);
    for (std::size_t k = 0; k < councils; ++k) {  // fixed council order
        const CouncilPartial& p = partials[k];
        const CouncilMonth& m = world.accounts.councils[k];
        all.need += p.need;
        all.need_reduced += p.need_reduced;
        all.fit_sum += p.fit_sum;
        all.ownership_sum += p.ownership_sum;
        all.practice_square_sum += p.practice_square_sum;
        for (int s = 0; s < kStageCount; ++s)
            all.stages[s] += p.stages[s];
        for (int d = 0; d < kContextDimensions; ++d)
            all.practice_sum[d] += p.practice_sum[d];
        for (int s = 0; s < kIncomeSourceCount; ++s)
            flows.income_pence[s] += m.income_pence[s];
        for (int s = 0; s < kSpendLineCount; ++s)
            flows.spend_pence[s] += m.spend_pence[s];
        flows.life_cycle.starts += m.life_cycle.starts;
        flows.life_cycle.dissolutions += m.life_cycle.dissolutions;
        flows.grant_pence_total += m.grant_pence_total;
        flows.grant_pence_to_usual_suspects += m.grant_pence_to_usual_suspects;
        flows.grant_pence_to_new_groups += m.grant_pence_to_new_groups;
        flows.cohort_12m += m.cohort_12m;
        flows.survivors_12m += m.survivors_12m;
        const double size =
            world.state.councils[k].last_community - world.state.councils[k].first_community;
        council_mean_need[k] = size > 0 ? p.need / size : 0.0;
        const std::int64_t public_income =
            m.income_pence[0] + m.income_pence[1] + m.income_pence[2] + m.income_pence[3];
        const double row[] = {p.need,
                              static_cast<double>(p.stages[static_cast<int>(Stage::kActive)]),
                              to_gbp(public_income), p.need_reduced};
        for (std::size_t metric = 0; metric < cm.size(); ++metric)
            r.council[metric * councils + k] = row[metric];
    }
    for (int s = 0; s < kSpendLineCount; ++s)  // national lines (learning ties)
        flows.spend_pence[s] += world.accounts.national.spend_pence[s];
    totals.cumulative_need_reduced += all.need_reduced;
    totals.cumulative_public_spend_pence += public_spend(flows);
    totals.cumulative_grant_pence += flows.grant_pence_total;
    totals.cumulative_usual_suspect_pence += flows.grant_pence_to_usual_suspects;
    totals.cumulative_new_group_pence += flows.grant_pence_to_new_groups;
    const double n = static_cast<double>(world.state.communities.size());
    const double active = static_cast<double>(all.stages[static_cast<int>(Stage::kActive)]);
    double mean_square = 0.0;
    for (int d = 0; d < kContextDimensions; ++d)
        mean_square += std::pow(ratio(all.practice_sum[d], active), 2);
    const double diversity =
        active > 0 ? std::sqrt(std::max(0.0, all.practice_square_sum / active - mean_square))
                   : kNaN;
    const CentralGovernment& g = world.state.central;
    const bool need_constant = !world.scenario->need.enabled && !world.scenario->impact.enabled;
    double need_gini = totals.constant_need_gini;
    if (!need_constant || need_gini < 0.0)
        need_gini = community_gini(world);
    if (need_constant)
        totals.constant_need_gini = need_gini;
    r.national = {all.need, all.need / n, need_gini, gini(council_mean_need)};
    for (int s = 0; s < kStageCount; ++s)
        r.national.push_back(static_cast<double>(all.stages[s]));
    r.national.insert(r.national.end(), {static_cast<double>(flows.life_cycle.starts),
                                         static_cast<double>(flows.life_cycle.dissolutions),
                                         all.need_reduced, totals.cumulative_need_reduced});
    for (auto x : flows.income_pence)
        r.national.push_back(to_gbp(x));
    for (auto x : flows.spend_pence)
        r.national.push_back(to_gbp(x));
    r.national.insert(
        r.national.end(),
        {ratio(static_cast<double>(totals.cumulative_usual_suspect_pence),
               static_cast<double>(totals.cumulative_grant_pence)),
         ratio(static_cast<double>(totals.cumulative_new_group_pence),
               static_cast<double>(totals.cumulative_grant_pence)),
         ratio(all.fit_sum, active), ratio(all.ownership_sum, active), diversity,
         ratio(to_gbp(totals.cumulative_public_spend_pence), totals.cumulative_need_reduced),
         ratio(static_cast<double>(flows.survivors_12m), static_cast<double>(flows.cohort_12m)),
         g.confidence, static_cast<double>(g.enrolled), static_cast<double>(g.prize_entrants),
         static_cast<double>(g.prize_planning), static_cast<double>(g.prize_pitched),
         static_cast<double>(g.prize_finalists), static_cast<double>(g.prize_winners),
         g.prize_finalist_reduction, to_gbp(world.state.ledger.allocated_pence),
         to_gbp(world.state.ledger.spent_pence), to_gbp(money_held_pence(world.state))});
    return r;
}

std::vector<std::vector<double>> council_info(const World& world) {
    std::vector<std::vector<double>> fields(council_info_fields().size());
    for (const Council& council : world.state.councils) {
        double social = 0.0;
        for (auto i = council.first_community; i < council.last_community; ++i)
            social += world.state.communities.social_capital[i];
        const double size = council.last_community - council.first_community;
        fields[0].push_back(council.deprivation);
        fields[1].push_back(size > 0 ? social / size : 0.0);
        fields[2].push_back(size);
    }
    return fields;
}

}  // namespace localism
