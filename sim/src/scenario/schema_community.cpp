// Schema entries: the community-level mechanisms (need, impact, emergence, finance).
#include "schema_builder.hpp"

namespace localism::scenario::detail {

namespace {
constexpr const char* kHalfToDouble = "half to double the default (docs/ODD.md, Submodels)";
constexpr const char* kSwitch = "switch of a mechanism";

void add_need_and_impact(std::vector<ParamSpec>& out) {
    using S = Scenario;
    out.push_back(flag("need.enabled", &S::need, &NeedParams::enabled,
                       {"-", "Switch the need-dynamics process on or off", user_choice(kSwitch)}));
    out.push_back(numeric("need.initial_mean", &S::need, &NeedParams::initial_mean, 0, 1e9,
                          {"need units", "Mean initial need (size of the local challenge)",
                           user_choice("normalisation: 100 = a typical community's challenge")}));
    out.push_back(numeric("need.initial_sd_fraction", &S::need, &NeedParams::initial_sd_fraction, 0,
                          5,
                          {"fraction", "SD of initial need as a fraction of its mean",
                           assumption(0.1, 0.4, kHalfToDouble)}));
    out.push_back(numeric("need.deprivation_effect", &S::need, &NeedParams::deprivation_effect, 0,
                          2,
                          {"fraction", "Extra initial need per unit council deprivation",
                           assumption(0.25, 1, kHalfToDouble)}));
    out.push_back(numeric("need.growth_rate_per_month", &S::need,
                          &NeedParams::growth_rate_per_month, -0.5, 0.5,
                          {"1/month", "Relative growth of need per month",
                           assumption(0, 0.003, "need flat to growing ~3.7% a year")}));
    out.push_back(numeric("need.noise_sd_per_month", &S::need, &NeedParams::noise_sd_per_month, 0,
                          1,
                          {"1/month", "SD of the relative monthly need shock",
                           assumption(0.0025, 0.01, kHalfToDouble)}));
    out.push_back(flag("impact.enabled", &S::impact, &ImpactParams::enabled,
                       {"-", "Switch initiative impact on need on or off", user_choice(kSwitch)}));
    out.push_back(numeric("impact.max_reduction_per_month", &S::impact,
                          &ImpactParams::max_reduction_per_month, 0, 1,
                          {"1/month",
                           "Share of need removed per month by an ideal initiative "
                           "(perfect fit, full ownership, capacity and funding)",
                           assumption(0.015, 0.06,
                                      "half to double the default; not fitted: it sets the BGC "
                                      "finalists' delivery-year cut, which is held out as "
                                      "validation (bgc_finalist_cut, docs/ODD.md 7.13)")}));
    out.push_back(numeric(
        "impact.fit_width", &S::impact, &ImpactParams::fit_width, 0.001, 100,
        {"context units", "Distance practice-context at which fit is e^-1/2",
         assumption(0.5, 2,
                    "half to double the default; Bunt & Harris 2010: fit to local context")}));
    out.push_back(numeric("impact.ownership_floor", &S::impact, &ImpactParams::ownership_floor, 0,
                          1,
                          {"fraction", "Effect retained with zero local ownership",
                           assumption(0.1, 0.6, "Bunt & Harris 2010: ownership")}));
    out.push_back(numeric("impact.capacity_floor", &S::impact, &ImpactParams::capacity_floor, 0, 1,
                          {"fraction", "Effect retained with zero capacity",
                           assumption(0.1, 0.6, "as impact.ownership_floor")}));
}

void add_emergence(std::vector<ParamSpec>& out) {
    using S = Scenario;
    using E = EmergenceParams;
    out.push_back(flag(
        "emergence.enabled", &S::emergence, &E::enabled,
        {"-", "Switch initiative emergence and the life cycle on or off", user_choice(kSwitch)}));
    out.push_back(numeric(
        "emergence.intrinsic_rate_per_month", &S::emergence, &E::intrinsic_rate_per_month, 0, 1,
        {"1/month", "Start probability x leadership x social capital",
         assumption(0.01, 0.04, "half to double the default; Ghorbani et al. 2020")}));
    out.push_back(numeric("emergence.call_influence_per_month", &S::emergence,
                          &E::call_influence_per_month, 0, 1,
                          {"1/month", "Added start probability while a call is open (Bass p)",
                           assumption(0.005, 0.02,
                                      "half to double the default; Bass 1969 external influence; "
                                      "BGC: >150 groups formed in response")}));
    out.push_back(
        choice("emergence.imitation_rule", &S::emergence, &E::imitation_rule,
               std::array{"receiver", "sender"},
               {"-",
                "receiver: start chance grows with share of active peers (Bass); "
                "sender: each active peer passes the idea (independent cascade)",
                user_choice("structural alternative tested for robustness (Bass 1969; Kempe et "
                            "al. 2003)")}));
    out.push_back(numeric("emergence.imitation_q", &S::emergence, &E::imitation_q, 0, 1,
                          {"1/month", "Bass q: added start probability per unit active-peer share",
                           assumption(0.05, 0.4,
                                      "Bass 1969 internal influence; product-diffusion fits put "
                                      "q near 0.3-0.4, community ideas spread slower")}));
    out.push_back(numeric(
        "emergence.transmission_probability", &S::emergence, &E::transmission_probability, 0, 1,
        {"1/month",
         "Sender rule: chance an active group passes the idea to "
         "each out-neighbour per month",
         assumption(0.005, 0.05, "independent cascade; Repast HPC rumor model uses 0.01")}));
    out.push_back(numeric("emergence.idea_months", &S::emergence, &E::idea_months, 0, 120,
                          {"months", "Months a group spends at the idea stage",
                           assumption(1, 6, "a month to half a year")}));
    out.push_back(numeric("emergence.plan_months", &S::emergence, &E::plan_months, 0, 120,
                          {"months", "Minimum months writing a plan before it can start",
                           assumption(1, 6, "a month to half a year")}));
    out.push_back(numeric("emergence.idea_abandon_probability_per_month", &S::emergence,
                          &E::idea_abandon_probability_per_month, 0, 1,
                          {"1/month", "Chance an idea or unfunded plan is dropped each month",
                           assumption(0.02, 0.1, kHalfToDouble)}));
    out.push_back(numeric("emergence.restart_delay_months", &S::emergence, &E::restart_delay_months,
                          0, 1200,
                          {"months", "Months after dissolution before a new start",
                           assumption(12, 48, kHalfToDouble)}));
    out.push_back(numeric("emergence.initial_active", &S::emergence, &E::initial_active, 0, 1e9,
                          {"groups", "Communities (keyed-random, distinct) active at month 0",
                           user_choice("seeding of verification runs (Repast HPC rumor model: "
                                       "initial spreaders)")}));
}

void add_finance(std::vector<ParamSpec>& out) {
    using S = Scenario;
    using F = FinanceParams;
    const char* bm = "Bunt & Harris 2010: sustainable business models, several kinds of finance";
    out.push_back(flag("finance.enabled", &S::finance, &F::enabled,
                       {"-", "Money constraints on; off = plans start at once, never go dormant",
                        user_choice(kSwitch)}));
    out.push_back(numeric("finance.running_cost_gbp_per_month", &S::finance,
                          &F::running_cost_gbp_per_month, 0, 1e9,
                          {"GBP/month", "Running cost of an active initiative",
                           assumption(500, 2000,
                                      "half to double the default; the BGC finalist grant of "
                                      "GBP 20,000 a delivery year (~GBP 1,700/month) is near the "
                                      "top")}));
    out.push_back(numeric("finance.startup_cash_gbp", &S::finance, &F::startup_cash_gbp, 0, 1e9,
                          {"GBP", "Cash a group raises itself when it forms a plan",
                           assumption(250, 1000, kHalfToDouble)}));
    out.push_back(numeric(
        "finance.donations_gbp_per_month", &S::finance, &F::donations_gbp_per_month, 0, 1e9,
        {"GBP/month", "Donations to an active group x social capital", assumption(150, 600, bm)}));
    out.push_back(numeric("finance.earned_income_gbp_per_month", &S::finance,
                          &F::earned_income_gbp_per_month, 0, 1e9,
                          {"GBP/month", "Earned income of an active group x its capability",
                           assumption(200, 800, bm)}));
    out.push_back(numeric(
        "finance.initial_earned_income_capability", &S::finance,
        &F::initial_earned_income_capability, 0, 1,
        {"0-1", "Earned-income capability of a new group", assumption(0.1, 0.4, kHalfToDouble)}));
    out.push_back(numeric(
        "finance.social_investment_gbp", &S::finance, &F::social_investment_gbp, 0, 1e9,
        {"GBP", "One-off social investment to an established group", assumption(2500, 10000, bm)}));
    out.push_back(numeric("finance.social_investment_min_track_record_months", &S::finance,
                          &F::social_investment_min_track_record_months, 0, 1200,
                          {"months", "Track record needed for social investment",
                           assumption(12, 48, kHalfToDouble)}));
    out.push_back(
        numeric("finance.social_investment_min_capability", &S::finance,
                &F::social_investment_min_capability, 0, 1,
                {"0-1", "Earned-income capability needed for social investment",
                 assumption(0.3, 0.7, "a middling capability, either side of the default")}));
    out.push_back(numeric("finance.active_dissolution_hazard_per_month", &S::finance,
                          &F::active_dissolution_hazard_per_month, 0, 1,
                          {"1/month", "Base dissolution hazard of an active group",
                           assumption(0.0025, 0.01, kHalfToDouble)}));
    out.push_back(numeric("finance.dormant_dissolution_hazard_per_month", &S::finance,
                          &F::dormant_dissolution_hazard_per_month, 0, 1,
                          {"1/month", "Base dissolution hazard of a dormant group",
                           assumption(0.04, 0.16,
                                      "half to double the default; not yet calibrated: "
                                      "nc_sustained_one_year_on (Neighbourhood Challenge, ~2/3 "
                                      "of funded areas sustained one year on) is its target")}));
    out.push_back(numeric("finance.diversity_protection", &S::finance, &F::diversity_protection, 0,
                          1,
                          {"fraction", "Hazard cut at full income diversity (1 - HHI = 1)",
                           assumption(0.3, 0.9, bm)}));
}
}  // namespace

void add_community_mechanisms(std::vector<ParamSpec>& out) {
    add_need_and_impact(out);
    add_emergence(out);
    add_finance(out);
}

}  // namespace localism::scenario::detail
