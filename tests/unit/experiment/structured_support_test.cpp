// Structured support can matter, either way (issue 11; docs/ODD.md section 8), on the shipped
// population (scenarios/base.yaml with every mechanism on), 10,000 communities over 10 years,
// seeds paired across the compared settings. Slow validation group: about 90 runs.
#include <catch2/catch.hpp>

#include <cmath>
#include <map>
#include <numeric>
#include <string>
#include <vector>

#include "experiment_runs.hpp"
#include "localism/scenario/validate.hpp"

using namespace localism;
using testing::mean;
using testing::Outcome;
using testing::Paired;
using testing::paired;

namespace {

const std::string kDevolved = LOCALISM_SOURCE_DIR "/scenarios/devolved.yaml";

// Need removed on the shipped devolved scenario with `overrides`, seeds 1-5.
std::vector<double> need_removed(std::vector<std::string> overrides) {
    std::vector<double> removed;
    overrides.push_back("");
    for (int seed = 1; seed <= 5; ++seed) {
        overrides.back() = "run.seed=" + std::to_string(seed);
        removed.push_back(
            testing::run_to_end(scenario::load_scenario(kDevolved, overrides)).need_removed);
    }
    return removed;
}

// Structured minus money-only over an experiment's replicates: need removed and need removed
// per million pounds spent, paired by replicate (common seeds).
std::pair<Paired, Paired> structured_minus_money_only(const std::string& file) {
    std::map<std::string, std::vector<double>> removed, per_million;
    for (const auto& [arm, outcomes] : testing::run_experiment(file)) {
        for (const Outcome& o : outcomes) {
            removed[arm].push_back(o.need_removed);
            per_million[arm].push_back(o.need_removed / (o.spend_gbp / 1e6));
        }
    }
    const Paired total = paired(removed.at("money_only"), removed.at("structured"));
    const Paired per_pound = paired(per_million.at("money_only"), per_million.at("structured"));
    WARN(file << ": structured " << mean(removed.at("structured")) << " vs money-only "
              << mean(removed.at("money_only")) << " need removed (difference " << total.mean
              << " +- " << total.se << "); per GBP m spent " << mean(per_million.at("structured"))
              << " vs " << mean(per_million.at("money_only")));
    return {total, per_pound};
}

}  // namespace

TEST_CASE("structured devolution beats money-only where know-how transfers and advice is cheap",
          "[structured_support][slow][validation]") {
    const auto [total, per_pound] = structured_minus_money_only(
        LOCALISM_SOURCE_DIR "/scenarios/experiments/structured_support_pays.yaml");
    CHECK(total.mean > 2.0 * total.se);  // more need removed, beyond seed noise
    CHECK(per_pound.mean > 2.0 * per_pound.se);
}

TEST_CASE("money-only devolution beats structured where contexts differ and support is dear",
          "[structured_support][slow][validation]") {
    const auto [total, per_pound] = structured_minus_money_only(
        LOCALISM_SOURCE_DIR "/scenarios/experiments/structured_support_does_not_pay.yaml");
    CHECK(total.mean < -2.0 * total.se);
    CHECK(per_pound.mean < -2.0 * per_pound.se);
}

TEST_CASE("free learning ties help on a rugged landscape and not without transferable know-how",
          "[structured_support][slow][validation]") {
    const auto with_ties = [](int ties, const std::string& weight) {
        return need_removed({"devolved.learning_ties_per_community=" + std::to_string(ties),
                             "devolved.learning_tie_cost_gbp_per_year=0",
                             "knowhow.weight=" + weight});
    };
    const auto rugged0 = with_ties(0, "0.5"), rugged2 = with_ties(2, "0.5"),
               rugged8 = with_ties(8, "0.5");
    const Paired up2 = paired(rugged0, rugged2), up8 = paired(rugged2, rugged8);
    WARN("rugged (K = 5, weight 0.5): 0 / 2 / 8 free ties remove "
         << mean(rugged0) << " / " << mean(rugged2) << " / " << mean(rugged8));
    CHECK(up2.mean > 2.0 * up2.se);
    CHECK(up8.mean > 2.0 * up8.se);
    const auto smooth0 = with_ties(0, "0"), smooth2 = with_ties(2, "0"),
               smooth8 = with_ties(8, "0");
    const Paired gain2 = paired(smooth0, smooth2), gain8 = paired(smooth0, smooth8);
    WARN("no transferable know-how (weight 0): 0 / 2 / 8 free ties remove "
         << mean(smooth0) << " / " << mean(smooth2) << " / " << mean(smooth8));
    CHECK(gain2.mean < 2.0 * gain2.se);  // no gain beyond seed noise
    CHECK(gain8.mean < 2.0 * gain8.se);
}

TEST_CASE("non-financial support has a positive return at shipped defaults (interior optimum)",
          "[structured_support][slow][validation]") {
    // Open grants absorb what non-financial support does not take, so the total is unchanged.
    const std::vector<double> shares{0.0, 0.1, 0.2, 0.4, 0.6};
    std::vector<std::vector<double>> curve;
    for (const double share : shares) {
        curve.push_back(
            need_removed({"councils.nonfinancial_share=" + std::to_string(share),
                          "councils.open_grants_share=" + std::to_string(0.6 - share)}));
        WARN("nonfinancial_share " << share << ": need removed " << mean(curve.back()));
    }
    double best_gain = -1e300;
    for (std::size_t k = 1; k < shares.size(); ++k) {
        const Paired gain = paired(curve[0], curve[k]);
        best_gain = std::max(best_gain, gain.mean - 2.0 * gain.se);
    }
    CHECK(best_gain > 0.0);                      // some share beats no support beyond seed noise
    CHECK(mean(curve.back()) < mean(curve[3]));  // and too much support costs impact
}

TEST_CASE("at shipped defaults need removed falls with paperwork (admin_burden 0, 0.5, 1)",
          "[structured_support][slow][validation]") {
    const auto none = need_removed({"councils.admin_burden=0"});
    const auto half = need_removed({"councils.admin_burden=0.5"});
    const auto full = need_removed({"councils.admin_burden=1"});
    WARN("admin_burden 0 / 0.5 / 1: need removed " << mean(none) << " / " << mean(half) << " / "
                                                   << mean(full));
    CHECK(mean(half) < mean(none));
    CHECK(mean(full) < mean(half));
}
