// Fair comparison (issue 12): a documented region where the centralised programme removes more
// additional need per pound than devolved support, and one where devolved wins, each a shipped
// experiment with a no-money baseline arm (scenarios/experiments/centralised_wins.yaml and
// devolved_wins.yaml; docs/ODD.md section 8). Slow validation group: 30 runs.
#include <catch2/catch.hpp>

#include <string>
#include <vector>

#include "experiment_runs.hpp"

using namespace localism;
using testing::Outcome;

namespace {

// Per replicate: need removed beyond the baseline arm per GBP million spent beyond it.
std::vector<double> additional_per_million(const std::vector<Outcome>& arm,
                                           const std::vector<Outcome>& baseline) {
    std::vector<double> out;
    for (std::size_t r = 0; r < arm.size(); ++r) {
        const double extra_spend = arm[r].spend_gbp - baseline[r].spend_gbp;
        out.push_back((arm[r].need_removed - baseline[r].need_removed) / (extra_spend / 1e6));
    }
    return out;
}

// Devolved minus centralised additional need removed per GBP million, paired by replicate.
testing::Paired devolved_minus_centralised(const std::string& file) {
    const auto runs = testing::run_experiment(file);
    const auto& baseline = runs.at("baseline");
    const auto centralised = additional_per_million(runs.at("centralised"), baseline);
    const auto devolved = additional_per_million(runs.at("devolved"), baseline);
    const testing::Paired difference = testing::paired(centralised, devolved);
    WARN(file << ": additional need removed per GBP m beyond the baseline: centralised "
              << testing::mean(centralised) << ", devolved " << testing::mean(devolved)
              << " (devolved - centralised " << difference.mean << " +- " << difference.se << ")");
    return difference;
}

}  // namespace

TEST_CASE("centralised removes more additional need per pound where contexts are alike",
          "[fair_comparison][slow][validation]") {
    const auto difference = devolved_minus_centralised(
        LOCALISM_SOURCE_DIR "/scenarios/experiments/centralised_wins.yaml");
    CHECK(difference.mean < -2.0 * difference.se);
}

TEST_CASE("devolved removes more additional need per pound on the shipped population",
          "[fair_comparison][slow][validation]") {
    const auto difference =
        devolved_minus_centralised(LOCALISM_SOURCE_DIR "/scenarios/experiments/devolved_wins.yaml");
    CHECK(difference.mean > 2.0 * difference.se);
}
