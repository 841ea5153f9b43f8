// The validated, immutable description of one simulation: every parameter, typed, with units in
// the names. Built only by scenario::validate(); the runtime reads this, never YAML.
#pragma once

#include <cstdint>
#include <memory>
#include <string>

namespace localism {

struct Geography;       // scenario/geography.hpp
struct PolicyTimeline;  // scenario/timeline.hpp

enum class PolicyMode { kCentralised, kDevolved, kMixed };
enum class NetworkType {
    kCouncilSmallWorld,
    kWattsStrogatz,
    kKlemmEguiluz,
    kErdosRenyi,
    kWellMixed
};
enum class ImitationRule { kReceiver, kSender };
// Where devolved learning ties go (ODD 7.10): any other council, or the most similar ones.
enum class TiePartners { kRandom, kSimilar };
// Klemm-Eguiluz growth rule: the paper's (Phys Rev E 65, 057102) or Repast HPC 2.3.1's KEBuilder,
// kept so benchmarks against its rumor model do the same work (docs/ODD.md 7.11).
enum class KlemmVariant { kPaper, kRepastHpc };
// What programme members get when a timeline closes the centralised programme (ODD 7.20).
enum class ProgrammeClose { kKeepUntilApril, kLoseFunding };

struct RunParams {
    std::string name;
    std::string description;
    std::int64_t months = 120;
    std::int64_t seed = 1;
};

struct PopulationParams {
    std::int64_t communities = 0;
    std::int64_t councils = 50;
    double leadership_mean = 0.3;
    double leadership_concentration = 4.0;
    double social_capital_mean = 0.5;
    double deprivation_social_capital_effect = 0.5;
    double capacity_mean = 0.4;
    double context_spread_between_councils = 0.5;
    double context_spread_within_council = 0.3;
    // Directory of a real geography (communities.csv, councils.csv); empty = synthetic. Resolved
    // against the directory of the file that sets it.
    std::string geography;
};

// How a real geography's attributes shape communities (ODD 5.1); used only with a geography.
struct GeographyParams {
    double reference_population = 1500.0;
    double rural_social_capital_effect = 0.2;
    double education_leadership_effect = 0.3;
    double health_capacity_effect = 0.2;
};

struct NeedParams {
    bool enabled = true;
    double initial_mean = 100.0;
    double initial_sd_fraction = 0.2;
    double deprivation_effect = 0.5;
    double growth_rate_per_month = 0.001;
    double noise_sd_per_month = 0.005;
};

struct ImpactParams {
    bool enabled = true;
    double max_reduction_per_month = 0.03;
    double fit_width = 1.0;
    double ownership_floor = 0.3;
    double capacity_floor = 0.3;
};

struct EmergenceParams {
    bool enabled = true;
    double intrinsic_rate_per_month = 0.02;
    double call_influence_per_month = 0.01;
    ImitationRule imitation_rule = ImitationRule::kReceiver;
    double imitation_q = 0.1;
    double transmission_probability = 0.01;
    std::int64_t idea_months = 2;
    std::int64_t plan_months = 3;
    double idea_abandon_probability_per_month = 0.05;
    std::int64_t restart_delay_months = 24;
    std::int64_t initial_active = 0;  // groups seeded active at month 0 (diffusion benchmarks)
};

struct FinanceParams {
    bool enabled = true;
    double running_cost_gbp_per_month = 1000.0;
    double startup_cash_gbp = 500.0;
    double donations_gbp_per_month = 300.0;
    double earned_income_gbp_per_month = 400.0;
    double initial_earned_income_capability = 0.2;
    double social_investment_gbp = 5000.0;
    std::int64_t social_investment_min_track_record_months = 24;
    double social_investment_min_capability = 0.5;
    double active_dissolution_hazard_per_month = 0.005;
    double dormant_dissolution_hazard_per_month = 0.08;
    double diversity_protection = 0.6;
};

struct CommissioningParams {
    bool enabled = true;
    double own_budget_gbp_per_community_per_year = 100.0;
    std::int64_t round_interval_months = 3;
    double open_grants_share = 0.4;
    double contracts_share = 0.3;
    double nonfinancial_share = 0.2;
    double local_challenge_share = 0.1;
    double grant_gbp = 6000.0;
    double contract_gbp = 15000.0;
    std::int64_t contract_min_track_record_months = 12;
    double usual_suspects_weight = 1.0;
    double outreach = 0.3;
    double admin_burden = 0.2;
    double scoring_noise_sd = 0.3;
    double support_cost_gbp = 2000.0;
    double track_record_saturation_months = 36.0;
    double apply_below_reserve_months = 3.0;
    double capacity_gain = 0.1;
    double business_model_gain = 0.15;
    std::int64_t local_challenge_call_months = 3;
    // Share of each un-ring-fenced devolved allocation councils spend on other services.
    double leakage_share = 0.0;
    // Transaction costs (ODD 7.5), paid from the line the grant or contract comes from.
    double admin_cost_gbp_per_grant = 0.0;
    double admin_cost_gbp_per_contract = 0.0;
    // Councils that differ (ODD 7.5): SD of the log of each council's multiplier; 0 = identical.
    double skill_spread = 0.0;
    double outreach_spread = 0.0;
    double support_spread = 0.0;
};

struct CentralParams {
    PolicyMode mode = PolicyMode::kDevolved;
    double devolved_weight = 0.5;
    double annual_budget_gbp = 10'000'000.0;
    // Central transaction costs (ODD 7.5): per prize place or award, per council allocation.
    double admin_cost_gbp_per_award = 0.0;
    double admin_cost_gbp_per_allocation = 0.0;
};

struct CentralisedParams {
    std::int64_t pilot_areas = 5;
    double pilot_site_share = 0.05;
    std::int64_t pilot_months = 24;
    double pilot_grant_gbp_per_month = 1500.0;
    double rollout_share_per_month = 0.02;
    double programme_grant_gbp_per_month = 1200.0;
    double imposed_ownership = 0.15;
    double budget_confidence_floor = 0.3;
    double broadcast_rate_per_month = 0.05;
    // Fair-comparison rules (issue 12, ODD 7.7): enrolment paced by the money held, members
    // unfunded this long leave, own initiatives kept unless they join, optional adaptation.
    std::int64_t max_unfunded_months = 2;
    double own_initiative_join_probability = 0.0;
    double adaptation_rate_per_month = 0.0;
    double fixed_cost_gbp_per_year = 0.0;
    ProgrammeClose members_at_close = ProgrammeClose::kKeepUntilApril;
};

struct DevolvedParams {
    double formula_deprivation_weight = 1.0;
    double prize_share = 0.1;
    std::int64_t learning_ties_per_community = 2;
    double learning_tie_cost_gbp_per_year = 50.0;
    double learning_tie_max_share = 0.5;  // of the devolved budget (ODD 7.10)
    TiePartners learning_tie_partners = TiePartners::kRandom;
    std::int64_t similar_councils = 5;  // k nearest councils when partners are similar
};

struct PrizeParams {
    bool enabled = true;
    std::int64_t first_call_month = 6;
    std::int64_t interval_months = 36;
    std::int64_t call_open_months = 3;
    double entry_probability = 0.05;
    double judging_noise_sd = 0.1;
    double plan_support_capacity_gain = 0.1;
    std::int64_t plan_support_places = 100;
    double plan_support_gbp = 1000.0;
    std::int64_t plan_months = 6;
    double pitch_quality_threshold = 0.55;
    std::int64_t finalist_places = 10;
    double finalist_grant_gbp = 20000.0;
    std::int64_t delivery_months = 12;
    double award_threshold_reduction = 0.2;
    std::int64_t award_large_count = 3;
    double award_large_gbp = 300000.0;
    std::int64_t award_small_count = 1;
    double award_small_gbp = 100000.0;
    bool scale_call_to_fund = false;  // open a call the fund cannot cover in full, scaled down
    // Neighbourhood Challenge (ODD 7.19): a call only low social-capital areas may enter, and a
    // finalist grant paid month by month for the project instead of as one lump of cash.
    double max_social_capital = 1.0;
    bool finalist_grant_restricted = false;
    double restricted_reserve_share = 0.0;  // of each tranche above the running cost
};

struct KnowledgeParams {
    bool enabled = true;
    double observe_probability_per_month = 0.2;
    double copy_weight = 0.5;
    double adapt_rate_per_month = 0.1;
    double explore_probability_per_month = 0.05;
    double explore_sd = 0.2;
    double ownership_gain_per_month = 0.02;
    double ownership_loss_on_copy = 0.1;
};

struct NetworkParams {
    NetworkType type = NetworkType::kCouncilSmallWorld;
    std::int64_t mean_degree = 8;
    double rewire_probability = 0.1;
    double cross_council_share = 0.1;
    std::int64_t klemm_m = 5;
    double klemm_mu = 0.1;
    KlemmVariant klemm_variant = KlemmVariant::kPaper;
};

// Volunteer capacity as a stock that running and paperwork use up (ODD 7.15).
struct CapacityParams {
    bool enabled = false;
    double use_per_month = 0.01;             // capacity used by a month of running
    double paperwork_cost = 0.08;            // per application, at councils.admin_burden = 1
    double reporting_cost_per_month = 0.02;  // fully council-funded group, at admin_burden = 1
    double recovery_per_month = 0.1;         // share of the gap to baseline regained at rest
    double burnout_threshold = 0.1;          // below this an active group goes dormant
    double restart_threshold = 0.2;          // capacity a dormant group needs to run again
};

// Latent leaders and teams: developed by councils and prize support, lost when leaders leave
// (ODD 7.16).
struct LeadersParams {
    bool enabled = false;
    double development_share = 0.5;        // of the non-financial line left after a round
    double development_cost_gbp = 1000.0;  // per community developed
    double development_gain = 0.2;         // leadership added
    double team_capacity_gain = 0.1;       // capacity (and its baseline) added
    double untried_preference = 2.0;       // extra outreach weight of never-started communities
    double loss_hazard_per_month = 0.005;  // a leader leaves
};

// kSummary: yearly national series and final values only (docs/output-format.md), for sweeps
// of many runs that need only outcomes.
enum class OutputLevel { kFull, kSummary };

struct OutputParams {
    OutputLevel level = OutputLevel::kFull;
    std::int64_t snapshot_interval_months = 0;
    bool council_panels = true;
    // gzip level 1: after the shuffle filter it compresses within 0.5% of level 4 in about half
    // the time (devolved_10k: 353.9 KB against 352.2 KB; output 4-5% of the run against 6-7%).
    std::int64_t compression_level = 1;
};

// Transferable know-how (ODD 7.14): design choices valued on one NK landscape per run.
struct KnowhowParams {
    bool enabled = false;
    std::int64_t choices = 20;      // N
    std::int64_t interactions = 5;  // K
    double weight = 0.5;            // share of the effect that depends on know-how
};

// An existing sector (ODD 7.17): groups already running at month 0, with an age, a track
// record (incumbency with their council) and some cash.
struct ExistingSectorParams {
    bool enabled = false;
    double initial_share = 0.9;  // chance at mean leadership; scales with leadership, capped at 1
    double mean_age_months = 100.0;
    std::int64_t max_age_months = 600;
    std::int64_t track_record_cap_months = 120;
    double initial_cash_months = 6.0;  // mean cash, in months of running cost
};

// The grant cliff (ODD 7.18): a group whose cash runs out faces a one-off dissolution chance
// that grows with the grant share of its trailing income.
struct GrantCliffParams {
    bool enabled = false;
    double hazard = 0.5;  // dissolution chance at full grant dependence
};

// The whole scenario. Copyable value type; shared as `const Scenario&` during a run.
struct Scenario {
    RunParams run;
    PopulationParams population;
    NeedParams need;
    ImpactParams impact;
    EmergenceParams emergence;
    FinanceParams finance;
    CommissioningParams councils;
    CentralParams central;
    CentralisedParams centralised;
    DevolvedParams devolved;
    PrizeParams prize;
    KnowledgeParams knowledge;
    NetworkParams network;
    OutputParams output;
    KnowhowParams knowhow;
    CapacityParams capacity;
    LeadersParams leaders;
    ExistingSectorParams sector;
    GrantCliffParams grant_cliff;
    GeographyParams geography;
    // The tables read from population.geography (null for a synthetic population): the councils'
    // ids, names and types and each community's attributes. Shared, never changed.
    std::shared_ptr<const Geography> geography_tables;
    // The policy timeline (`timeline:`): dated changes and the validated scenario of each policy
    // phase. Null when the scenario has none; shared, never changed.
    std::shared_ptr<const PolicyTimeline> timeline;
};

}  // namespace localism
