// Schema entries: the community-level mechanisms (need, impact, emergence, finance).
#include "schema_builder.hpp"

namespace localism::scenario::detail {

namespace {
constexpr const char* kAssumption = "modelling assumption (docs/ODD.md, Submodels)";
constexpr const char* kBgc = "calibrated to the Big Green Challenge (docs/ODD.md, Calibration)";

void add_need_and_impact(std::vector<ParamSpec>& out) {
    using S = Scenario;
    out.push_back(flag("need.enabled", &S::need, &NeedParams::enabled,
                       {"-", "Switch the need-dynamics process on or off", "-"}));
    out.push_back(numeric("need.initial_mean", &S::need, &NeedParams::initial_mean, 0, 1e9,
                          {"need units", "Mean initial need (size of the local challenge)",
                           "normalisation: 100 = a typical community's challenge"}));
    out.push_back(
        numeric("need.initial_sd_fraction", &S::need, &NeedParams::initial_sd_fraction, 0, 5,
                {"fraction", "SD of initial need as a fraction of its mean", kAssumption}));
    out.push_back(
        numeric("need.deprivation_effect", &S::need, &NeedParams::deprivation_effect, 0, 2,
                {"fraction", "Extra initial need per unit council deprivation", kAssumption}));
    out.push_back(numeric("need.growth_rate_per_month", &S::need,
                          &NeedParams::growth_rate_per_month, -0.5, 0.5,
                          {"1/month", "Relative growth of need per month", kAssumption}));
    out.push_back(numeric("need.noise_sd_per_month", &S::need, &NeedParams::noise_sd_per_month, 0,
                          1, {"1/month", "SD of the relative monthly need shock", kAssumption}));
    out.push_back(flag("impact.enabled", &S::impact, &ImpactParams::enabled,
                       {"-", "Switch initiative impact on need on or off", "-"}));
    out.push_back(numeric("impact.max_reduction_per_month", &S::impact,
                          &ImpactParams::max_reduction_per_month, 0, 1,
                          {"1/month",
                           "Share of need removed per month by an ideal initiative "
                           "(perfect fit, full ownership, capacity and funding)",
                           kBgc}));
    out.push_back(numeric("impact.fit_width", &S::impact, &ImpactParams::fit_width, 0.001, 100,
                          {"context units", "Distance practice-context at which fit is e^-1/2",
                           "Bunt & Harris 2010: fit to local context; assumption"}));
    out.push_back(numeric("impact.ownership_floor", &S::impact, &ImpactParams::ownership_floor, 0,
                          1,
                          {"fraction", "Effect retained with zero local ownership",
                           "Bunt & Harris 2010: ownership; assumption"}));
    out.push_back(numeric("impact.capacity_floor", &S::impact, &ImpactParams::capacity_floor, 0, 1,
                          {"fraction", "Effect retained with zero capacity", kAssumption}));
}

void add_emergence(std::vector<ParamSpec>& out) {
    using S = Scenario;
    using E = EmergenceParams;
    out.push_back(flag("emergence.enabled", &S::emergence, &E::enabled,
                       {"-", "Switch initiative emergence and the life cycle on or off", "-"}));
    out.push_back(numeric("emergence.intrinsic_rate_per_month", &S::emergence,
                          &E::intrinsic_rate_per_month, 0, 1,
                          {"1/month", "Start probability x leadership x social capital",
                           "Ghorbani et al. 2020; assumption"}));
    out.push_back(numeric("emergence.call_influence_per_month", &S::emergence,
                          &E::call_influence_per_month, 0, 1,
                          {"1/month", "Added start probability while a call is open (Bass p)",
                           "Bass 1969 external influence; BGC: >150 groups formed in response"}));
    out.push_back(choice("emergence.imitation_rule", &S::emergence, &E::imitation_rule,
                         std::array{"receiver", "sender"},
                         {"-",
                          "receiver: start chance grows with share of active peers (Bass); "
                          "sender: each active peer passes the idea (independent cascade)",
                          "Bass 1969; Kempe et al. 2003"}));
    out.push_back(numeric("emergence.imitation_q", &S::emergence, &E::imitation_q, 0, 1,
                          {"1/month", "Bass q: added start probability per unit active-peer share",
                           "Bass 1969 internal influence"}));
    out.push_back(numeric("emergence.transmission_probability", &S::emergence,
                          &E::transmission_probability, 0, 1,
                          {"1/month",
                           "Sender rule: chance an active group passes the idea to "
                           "each out-neighbour per month",
                           "independent cascade; Repast HPC rumor model uses 0.01"}));
    out.push_back(numeric("emergence.idea_months", &S::emergence, &E::idea_months, 0, 120,
                          {"months", "Months a group spends at the idea stage", kAssumption}));
    out.push_back(
        numeric("emergence.plan_months", &S::emergence, &E::plan_months, 0, 120,
                {"months", "Minimum months writing a plan before it can start", kAssumption}));
    out.push_back(
        numeric("emergence.idea_abandon_probability_per_month", &S::emergence,
                &E::idea_abandon_probability_per_month, 0, 1,
                {"1/month", "Chance an idea or unfunded plan is dropped each month", kAssumption}));
    out.push_back(numeric("emergence.restart_delay_months", &S::emergence, &E::restart_delay_months,
                          0, 1200,
                          {"months", "Months after dissolution before a new start", kAssumption}));
    out.push_back(numeric("emergence.initial_active", &S::emergence, &E::initial_active, 0, 1e9,
                          {"groups", "Communities (keyed-random, distinct) active at month 0",
                           "Repast HPC rumor model: initial spreaders"}));
}

void add_finance(std::vector<ParamSpec>& out) {
    using S = Scenario;
    using F = FinanceParams;
    const char* bm = "Bunt & Harris 2010: sustainable business models, several kinds of finance";
    out.push_back(
        flag("finance.enabled", &S::finance, &F::enabled,
             {"-", "Money constraints on; off = plans start at once, never go dormant", "-"}));
    out.push_back(numeric("finance.running_cost_gbp_per_month", &S::finance,
                          &F::running_cost_gbp_per_month, 0, 1e9,
                          {"GBP/month", "Running cost of an active initiative",
                           "BGC finalist grant GBP 20,000 per delivery year ~ GBP 1,700/month"}));
    out.push_back(numeric("finance.startup_cash_gbp", &S::finance, &F::startup_cash_gbp, 0, 1e9,
                          {"GBP", "Cash a group raises itself when it forms a plan", kAssumption}));
    out.push_back(numeric("finance.donations_gbp_per_month", &S::finance,
                          &F::donations_gbp_per_month, 0, 1e9,
                          {"GBP/month", "Donations to an active group x social capital", bm}));
    out.push_back(numeric("finance.earned_income_gbp_per_month", &S::finance,
                          &F::earned_income_gbp_per_month, 0, 1e9,
                          {"GBP/month", "Earned income of an active group x its capability", bm}));
    out.push_back(numeric("finance.initial_earned_income_capability", &S::finance,
                          &F::initial_earned_income_capability, 0, 1,
                          {"0-1", "Earned-income capability of a new group", kAssumption}));
    out.push_back(numeric("finance.social_investment_gbp", &S::finance, &F::social_investment_gbp,
                          0, 1e9,
                          {"GBP", "One-off social investment to an established group", bm}));
    out.push_back(numeric("finance.social_investment_min_track_record_months", &S::finance,
                          &F::social_investment_min_track_record_months, 0, 1200,
                          {"months", "Track record needed for social investment", kAssumption}));
    out.push_back(
        numeric("finance.social_investment_min_capability", &S::finance,
                &F::social_investment_min_capability, 0, 1,
                {"0-1", "Earned-income capability needed for social investment", kAssumption}));
    out.push_back(numeric("finance.active_dissolution_hazard_per_month", &S::finance,
                          &F::active_dissolution_hazard_per_month, 0, 1,
                          {"1/month", "Base dissolution hazard of an active group", kAssumption}));
    out.push_back(numeric("finance.dormant_dissolution_hazard_per_month", &S::finance,
                          &F::dormant_dissolution_hazard_per_month, 0, 1,
                          {"1/month", "Base dissolution hazard of a dormant group",
                           "Neighbourhood Challenge: ~2/3 of areas sustained after one year"}));
    out.push_back(numeric("finance.diversity_protection", &S::finance, &F::diversity_protection, 0,
                          1,
                          {"fraction", "Hazard cut at full income diversity (1 - HHI = 1)", bm}));
}
}  // namespace

void add_community_mechanisms(std::vector<ParamSpec>& out) {
    add_need_and_impact(out);
    add_emergence(out);
    add_finance(out);
}

}  // namespace localism::scenario::detail
